"""Issue 6, item 8: content citing a dataset shows it as "a restricted dataset" (no title, no
link, no address) to anyone who may not view it, whether cited in a list or linked in Markdown."""

import pytest
from knowledge_support import answer, ask

from townsquare.knowledge.services.common import comment_add

pytestmark = pytest.mark.django_db


def _leaks(html: str, dataset) -> bool:
    return dataset.title in html or dataset.slug in html


@pytest.mark.parametrize("kind", ["restricted", "draft"])
def test_cited_datasets_are_masked_for_people_who_may_not_see_them(client, world, kind):
    secret, public = world.datasets[kind], world.datasets["open"]
    link = f"[{secret.title}]({secret.get_absolute_url()})"
    absolute = f"See http://testserver{secret.get_absolute_url()} too"
    question = ask(
        world.people["grantee"], body=f"About {link}. {absolute}", datasets=[secret, public]
    )
    the_answer = answer(question, world.people["publisher"], body=f"Try {link}", datasets=[secret])
    comment_add(target=the_answer, author=world.people["publisher"], body=f"Also {link}")
    comment_add(target=question, author=world.people["publisher"], body=f"And {link}")

    client.force_login(world.people["staff"])
    html = client.get(question.get_absolute_url()).content.decode()
    assert not _leaks(html, secret)
    assert html.count("a restricted dataset") >= 6
    assert public.title in html  # open datasets are still named and linked

    client.force_login(world.people["publisher"])  # publishes and so may see both
    html = client.get(question.get_absolute_url()).content.decode()
    assert f'href="{secret.get_absolute_url()}"' in html
    assert secret.title in html


def test_grantees_see_the_restricted_dataset_they_hold_a_grant_for(client, world):
    secret = world.datasets["restricted"]
    question = ask(world.people["staff"], datasets=[secret])
    client.force_login(world.people["grantee"])
    html = client.get(question.get_absolute_url()).content.decode()
    assert secret.title in html


def test_similar_question_titles_and_lists_do_not_carry_citations(client, world):
    secret = world.datasets["restricted"]
    ask(world.people["grantee"], title="How is the payments ledger built?", datasets=[secret])
    client.force_login(world.people["staff"])
    for url in [
        "/questions/",
        "/questions/?view=unanswered",
        "/questions/similar/?title=payments+ledger+built",
    ]:
        assert not _leaks(client.get(url).content.decode(), secret), url


def test_people_can_only_cite_datasets_they_may_view(client, world):
    secret = world.datasets["restricted"]
    client.force_login(world.people["staff"])
    data = {"title": "What does this dataset contain?", "body": "x", "tags_text": ""}
    restricted = client.post(
        "/questions/ask/", {**data, "datasets_text": secret.get_absolute_url()}
    )
    missing = client.post("/questions/ask/", {**data, "datasets_text": "/datasets/no-such-thing/"})
    assert restricted.status_code == missing.status_code == 200
    assert (
        "We could not find a dataset called ‘zebra-restricted-ledger’"
        in restricted.content.decode()
    )
    assert "We could not find a dataset called ‘no-such-thing’" in missing.content.decode()

    client.force_login(world.people["grantee"])
    response = client.post("/questions/ask/", {**data, "datasets_text": secret.get_absolute_url()})
    assert response.status_code == 302


def test_links_to_other_sites_are_left_alone(client, world):
    question = ask(
        world.people["staff"],
        body="[Elsewhere](https://example.org/datasets/zebra-restricted-ledger/)",
    )
    client.force_login(world.people["staff"])
    html = client.get(question.get_absolute_url()).content.decode()
    assert 'href="https://example.org/datasets/zebra-restricted-ledger/"' in html
