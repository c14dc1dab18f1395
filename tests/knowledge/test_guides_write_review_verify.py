"""Guides: staff write them from a template in Markdown (tables and code too, nothing that runs),
keep an edit history with diffs, review them by a date and stamp them verified; a guide that
cites a restricted dataset shows "a restricted dataset" to anyone who may not see it."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from factories import date_parts, person

from townsquare.knowledge.models import Guide
from townsquare.knowledge.services import guides as services

XSS = (
    '<script>alert("x")</script>\n\n[click](javascript:alert(1))\n\n'
    '<img src=x onerror=alert(1)>\n\n<a href="javascript:alert(2)">x</a>'
)
TABLE_AND_CODE = (
    "| Column | Meaning |\n| --- | --- |\n| `Amount` | Net pounds |\n\n```sql\nSELECT 1;\n```"
)


def _guide(owner, title="How the spend file is made", body=TABLE_AND_CODE, **kw):
    return services.guide_create(owner=owner, title=title, body=body, **kw)


def _form(**changes):
    data = {"title": "Reading the payments file", "summary": "", "body": "## Steps\n\n1. Open it",
            "tags_text": "spend", "datasets_text": "", "people_text": "",
            **date_parts("review_by", timezone.localdate() + timedelta(days=90))}  # fmt: skip
    return {**data, **changes}


def test_choosing_a_template_prefills_the_body(client, world):
    client.force_login(world.people["staff"])
    choose = client.get("/guides/new/").content.decode()
    assert "How-to guide" in choose and "Data dictionary explainer" in choose
    form = client.get("/guides/new/?kind=data-dictionary").content.decode()
    assert "## Columns" in form and "| Column | Meaning | Type | Example |" in form


def test_writing_a_guide_with_tables_and_code(client, world):
    client.force_login(world.people["staff"])
    response = client.post("/guides/new/?kind=how-to", _form(body=TABLE_AND_CODE))
    guide = Guide.objects.get()
    assert response["Location"] == guide.get_absolute_url() == "/guides/reading-the-payments-file/"
    assert guide.owner == world.people["staff"] and guide.kind == "how-to"
    html = client.get(guide.get_absolute_url()).content.decode()
    assert '<table class="govuk-table">' in html and "<code>Amount</code>" in html
    assert "SELECT 1;" in html and "<pre>" in html


def test_markdown_xss_is_removed(client, world):
    guide = _guide(world.people["staff"], body=XSS)
    client.force_login(world.people["staff"])
    html = client.get(guide.get_absolute_url()).content.decode()
    assert "<script>alert" not in html and "&lt;script&gt;" in html  # shown as text
    assert not re.search(r"<a [^>]*javascript:", html) and "<img" not in html


def test_form_errors_are_explained(client, world):
    client.force_login(world.people["staff"])
    response = client.post("/guides/new/?kind=how-to",
                           _form(title="", body="", people_text="nobody@nowhere.example",
                                 **date_parts("review_by", None)))  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 200 and not Guide.objects.exists()
    for message in ("Enter a title for the guide", "Write the guide",
                    "We could not find anyone on staff", "Enter the day, month and year"):  # fmt: skip
        assert message in html, message


@pytest.mark.parametrize("who", ["anonymous", "resident"])
def test_guides_are_for_staff(client, world, who):
    guide = _guide(world.people["staff"])
    if who == "resident":
        client.force_login(person("Rita Resident"))
    for url in ("/guides/", guide.get_absolute_url(), "/guides/new/", "/guides/review/"):
        response = client.get(url)
        if who == "anonymous":
            assert response.status_code == 302 and "/accounts/sign-in/" in response["Location"]
        else:
            assert response.status_code == 403
            assert guide.title not in response.content.decode()


def test_editing_keeps_a_history_with_diffs(client, world):
    owner = world.people["staff"]
    guide = _guide(owner, body="Line one\nLine two")
    client.force_login(owner)
    client.post(f"/guides/{guide.slug}/edit/",
                _form(title=guide.title, body="Line one\nLine 2", note="Fixed a number"))  # fmt: skip
    html = client.get(f"/guides/{guide.slug}/history/").content.decode()
    assert "Version 2" in html and "Fixed a number" in html
    assert "Removed: </span>Line two</del>" in html and "Added: </span>Line 2</ins>" in html


def test_only_the_owner_or_an_administrator_edits_and_verifies(client, world):
    guide = _guide(world.people["staff"])
    client.force_login(world.people["grantee"])
    assert client.get(f"/guides/{guide.slug}/edit/").status_code == 403
    assert client.post(f"/guides/{guide.slug}/verify/").status_code == 403
    assert "Verify it is still right" not in client.get(guide.get_absolute_url()).content.decode()
    client.force_login(world.people["admin"])
    assert client.post(f"/guides/{guide.slug}/verify/").status_code == 302
    guide.refresh_from_db()
    assert guide.verified_by == world.people["admin"]
    html = client.get(guide.get_absolute_url()).content.decode()
    assert f"by {world.people['admin'].name} on" in html


def test_guides_past_their_review_date_are_listed_for_their_owners(client, world):
    staff, grantee = world.people["staff"], world.people["grantee"]
    overdue = _guide(staff, title="Old guide", review_by=timezone.localdate() - timedelta(days=1))
    _guide(staff, title="Fresh guide", review_by=timezone.localdate() + timedelta(days=30))
    _guide(
        grantee,
        title="Someone else's old guide",
        review_by=timezone.localdate() - timedelta(days=5),
    )
    client.force_login(staff)
    html = client.get("/guides/review/").content.decode()
    assert "Old guide" in html and "Fresh guide" not in html and "Someone else" not in html
    assert "due for review" in client.get(overdue.get_absolute_url()).content.decode()
    client.post(f"/guides/{overdue.slug}/verify/")  # verifying sets the next review date
    overdue.refresh_from_db()
    assert overdue.review_by > timezone.localdate()
    assert "Old guide" not in client.get("/guides/review/").content.decode()
    client.force_login(world.people["admin"])
    assert "Someone else" in client.get("/guides/review/").content.decode()


def test_a_cited_restricted_dataset_is_shown_as_a_restricted_dataset(client, world):
    restricted = world.datasets["restricted"]
    guide = _guide(world.people["grantee"], datasets=[restricted],
                   body=f"See [{restricted.title}](/datasets/{restricted.slug}/).")  # fmt: skip
    client.force_login(world.people["grantee"])
    assert restricted.title in client.get(guide.get_absolute_url()).content.decode()
    client.force_login(world.people["staff"])  # staff, but no grant
    html = client.get(guide.get_absolute_url()).content.decode()
    assert restricted.title not in html and restricted.slug not in html
    assert html.count("a restricted dataset") == 2  # the link in the text and the side list


def test_the_dataset_page_lists_guides_and_requests_citing_it(client, world):
    from townsquare.knowledge.services import requests as request_services

    open_ds = world.datasets["open"]
    _guide(world.people["staff"], title="Reading the zebra ledger", datasets=[open_ds])
    request_services.request_create(author=world.people["staff"], title="Zebra ledger by month",
                                    body="Monthly", why="Trends", datasets=[open_ds])  # fmt: skip
    client.force_login(world.people["grantee"])
    html = client.get(open_ds.get_absolute_url()).content.decode()
    assert "Reading the zebra ledger" in html and "Zebra ledger by month" in html
    client.logout()
    html = client.get(open_ds.get_absolute_url()).content.decode()
    assert "Reading the zebra ledger" not in html  # guides are for staff
    assert "Zebra ledger by month" in html  # public requests are public
