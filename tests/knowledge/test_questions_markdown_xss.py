"""Markdown XSS payloads in every text field the knowledge pages render: nothing runs."""

from html.parser import HTMLParser

import pytest
from knowledge_support import answer, ask

from townsquare.knowledge.services.common import comment_add
from townsquare.knowledge.services.moderation import content_hide, report_create
from townsquare.knowledge.services.reuses import reuse_review, reuse_submit

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert('x')</script>",
    "[click](javascript:alert('x'))",
    "<img src=x onerror=alert('x')>",
    '<a href="javascript:alert(1)">a</a>',
    "![i](javascript:alert('x'))",
    '"><svg onload=alert(1)>',
]
BODY = "\n\n".join(PAYLOADS)


class _Elements(HTMLParser):
    """Every element and attribute the browser would build from the page."""

    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, {k.lower(): (v or "") for k, v in attrs}))


def _safe(html: str) -> None:
    parser = _Elements()
    parser.feed(html)
    for tag, attrs in parser.found:
        assert tag not in ("img", "iframe", "object", "embed"), tag  # the layout has svg icons
        # schema.org JSON-LD is a data block the browser never runs; if a payload closed it
        # early, the parser would meet the payload's own tags here.
        if tag == "script" and attrs.get("type") != "application/ld+json":
            assert attrs.get("src", "").startswith("/static/"), attrs
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            assert not value.strip().lower().startswith(("javascript:", "data:", "vbscript:")), (
                tag,
                name,
            )


def test_questions_answers_comments_and_tags(client, world):
    question = ask(world.people["staff"], title=f"Why {PAYLOADS[0]} {PAYLOADS[5]}?", body=BODY,
                   tags="<script>alert(1)</script>, onerror=alert(1)")  # fmt: skip
    the_answer = answer(question, world.people["publisher"], body=BODY)
    comment_add(target=question, author=world.people["grantee"], body=BODY)
    comment_add(target=the_answer, author=world.people["grantee"], body=BODY)
    client.force_login(world.people["admin"])
    question.title = f"Edited {PAYLOADS[2]}"
    client.post(f"/questions/{question.pk}/edit/", {"title": question.title, "body": BODY + " more",
                "tags_text": "", "datasets_text": "", "note": PAYLOADS[0]})  # fmt: skip
    for url in [
        question.get_absolute_url(),
        "/questions/",
        f"/questions/{question.pk}/history/",
        f"/questions/answers/{the_answer.pk}/history/",
        "/questions/similar/?title=" + "why+alert",
    ]:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        _safe(response.content.decode())


def test_reports_moderation_reasons_and_reuses(client, world):
    question = ask(world.people["staff"], body=BODY)
    report_create(target=question, reporter=world.people["grantee"], reason="other", details=BODY)
    dataset = world.datasets["open"]
    reuse = reuse_submit(dataset=dataset, submitted_by=world.people["grantee"], title=PAYLOADS[0],
                         url="https://example.org/x", description=BODY)  # fmt: skip
    client.force_login(world.people["admin"])
    _safe(client.get("/moderation/").content.decode())
    reuse_review(reuse=reuse, actor=world.people["admin"], approve=True)
    comment_add(target=dataset, author=world.people["grantee"], body=BODY)
    _safe(client.get(dataset.get_absolute_url()).content.decode())
    content_hide(target=question, actor=world.people["admin"], reason=PAYLOADS[2])
    client.force_login(world.people["grantee"])
    _safe(client.get(question.get_absolute_url()).content.decode())


def test_a_javascript_reuse_address_is_refused(client, world):
    dataset = world.datasets["open"]
    client.force_login(world.people["grantee"])
    response = client.post(f"{dataset.get_absolute_url()}reuses/new/",
                           {"title": "Map", "url": "javascript:alert(1)", "kind": "app"})  # fmt: skip
    assert response.status_code == 200
    assert not dataset.reuses.exists()
