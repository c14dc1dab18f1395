"""Questions, guides, communities and data requests in the one search: each kind is found, each
follows its own rule of who may see it, hidden and deleted content leaves the index at once, and
no restricted dataset's title reaches the index through what cites it."""

import pytest
from django.contrib.auth.models import AnonymousUser
from factories import person

from townsquare.knowledge.models import Community
from townsquare.knowledge.search_source import KNOWLEDGE_BOOST, TRUSTED_BOOST
from townsquare.knowledge.services import communities as cs
from townsquare.knowledge.services import guides as gs
from townsquare.knowledge.services import moderation as ms
from townsquare.knowledge.services import questions as qs
from townsquare.knowledge.services import requests as rs
from townsquare.knowledge.services.common import comment_add, tags_from_text
from townsquare.search import api
from townsquare.search.models import Document


def _kinds(user, query: str) -> dict[str, int]:
    return api.search(user, query).kind_counts


def _titles(user, query: str) -> list[str]:
    return [h.title for h in api.search(user, query).hits]


@pytest.fixture
def knowledge(world):
    staff = world.people["staff"]
    question = qs.question_create(
        author=staff, title="Where are the wombat counts?", body="I need wombat counts by ward.",
        tags=tags_from_text("wildlife"),
    )  # fmt: skip
    guide = gs.guide_create(
        owner=staff, title="Counting wombats", body="Walk the wombat transect each spring."
    )
    community = cs.community_create(
        creator=staff, name="Wombat watchers", purpose="People who count wombats"
    )
    public_request = rs.request_create(
        author=staff, title="Wombat sightings by park", body="Sightings.", why="For wombat walks."
    )
    staff_request = rs.request_create(
        author=staff, title="Wombat budget lines", body="Internal.", why="Wombat planning.",
        audience="staff",
    )  # fmt: skip
    resident = person("Rita Resident")
    return {"world": world, "staff": staff, "question": question, "guide": guide,
            "community": community, "public_request": public_request,
            "staff_request": staff_request, "resident": resident}  # fmt: skip


def test_each_kind_is_found_by_staff(knowledge):
    counts = _kinds(knowledge["staff"], "wombat")
    assert counts == {"question": 1, "guide": 1, "community": 1, "request": 2}


def test_staff_only_kinds_are_hidden_from_residents_and_anyone_signed_out(knowledge):
    for user in (None, AnonymousUser(), knowledge["resident"]):
        assert _titles(user, "wombat") == ["Wombat sightings by park"]
        assert _kinds(user, "wombat") == {"request": 1}


def test_question_text_answers_and_comments_are_searchable(knowledge):
    staff, question = knowledge["staff"], knowledge["question"]
    other = knowledge["world"].people["grantee"]
    answer = qs.answer_create(question=question, author=other, body="Ask the marsupial team.")
    comment_add(target=answer, author=staff, body="The marsupial team moved to Bilbyhouse.")
    comment_add(target=question, author=other, body="Try the numbat register too.")
    assert _titles(staff, "marsupial") == [question.title]
    assert _titles(staff, "numbat") == [question.title]
    assert _titles(staff, "bilbyhouse") == [question.title]
    # Tags are searchable and become a facet.
    assert _titles(staff, "wildlife") == [question.title]
    assert {v.value for v in api.search(staff, "wombat").facets["tag"]} == {"wildlife"}


def test_an_accepted_answer_and_a_verified_guide_rank_higher(knowledge):
    staff, question, guide = knowledge["staff"], knowledge["question"], knowledge["guide"]
    assert Document.objects.get(kind="question", key=str(question.pk)).boost == KNOWLEDGE_BOOST
    answer = qs.answer_create(question=question, author=staff, body="Use the wombat census.")
    qs.answer_accept(answer=answer, actor=staff)
    assert Document.objects.get(kind="question", key=str(question.pk)).boost == TRUSTED_BOOST
    # Hiding the accepted answer takes the boost away again.
    ms.content_hide(target=answer, actor=knowledge["world"].people["admin"], reason="Wrong")
    assert Document.objects.get(kind="question", key=str(question.pk)).boost == KNOWLEDGE_BOOST
    gs.guide_verify(guide=guide, verifier=knowledge["world"].people["admin"])
    assert Document.objects.get(kind="guide", key=str(guide.pk)).boost == TRUSTED_BOOST


def test_a_private_communitys_questions_are_for_its_members_only(knowledge):
    world, staff = knowledge["world"], knowledge["staff"]
    outsider, admin = world.people["publisher"], world.people["admin"]
    private = cs.community_create(
        creator=staff, name="Quiet quokka circle", purpose="Quokka data", visibility_="private"
    )
    qs.question_create(author=staff, title="Quokka census method?", body="How?", community=private)
    assert _kinds(staff, "quokka") == {"community": 1, "question": 1}
    assert _kinds(admin, "quokka") == {"community": 1, "question": 1}
    # Every member of staff sees a private community's name and purpose, not its questions.
    assert _kinds(outsider, "quokka") == {"community": 1}
    assert _kinds(knowledge["resident"], "quokka") == {}
    facet = api.search(outsider, "quokka").facets["community"]
    assert [(v.value, v.count) for v in facet] == [("Quiet quokka circle", 1)]  # not its question
    cs.community_join(community=private, user=outsider)  # a request to join: not a member yet
    assert _kinds(outsider, "quokka") == {"community": 1}
    # Opened up (in the admin), its questions are for all staff.
    private.visibility = Community.Visibility.OPEN
    private.save()
    assert _kinds(outsider, "quokka") == {"community": 1, "question": 1}
    facet = api.search(outsider, "quokka").facets["community"]
    assert [(v.value, v.count) for v in facet] == [("Quiet quokka circle", 2)]


def test_deleting_a_private_community_keeps_its_questions_for_staff(knowledge):
    staff, outsider = knowledge["staff"], knowledge["world"].people["publisher"]
    private = cs.community_create(
        creator=staff, name="Quiet quokka circle", purpose="Quokka data", visibility_="private"
    )
    qs.question_create(author=staff, title="Quokka census method?", body="How?", community=private)
    private.delete()
    assert _kinds(outsider, "quokka") == {"question": 1}


def test_hidden_content_leaves_the_index_and_returns_when_restored(knowledge):
    admin = knowledge["world"].people["admin"]
    staff = knowledge["staff"]
    for name, kind in (("question", "question"), ("guide", "guide"),
                       ("public_request", "request")):  # fmt: skip
        obj = knowledge[name]
        ms.content_hide(target=obj, actor=admin, reason="Off topic")
        assert not Document.objects.filter(kind=kind, key=str(obj.pk)).exists()
        assert obj.title not in _titles(staff, "wombat")
        ms.content_restore(target=obj, actor=admin, reason="Fine after all")
        assert obj.title in _titles(staff, "wombat")


def test_hidden_answers_and_comments_leave_their_question(knowledge):
    admin, staff, question = (
        knowledge["world"].people["admin"],
        knowledge["staff"],
        knowledge["question"],
    )
    answer = qs.answer_create(question=question, author=staff, body="Ask the marsupial team.")
    comment = comment_add(target=question, author=staff, body="Or the numbat register.")
    ms.content_hide(target=answer, actor=admin, reason="Rude")
    ms.content_hide(target=comment, actor=admin, reason="Rude")
    assert _titles(staff, "marsupial") == []
    assert _titles(staff, "numbat") == []
    assert _titles(staff, "wombat ward") == [question.title]


def test_deleted_content_leaves_the_index(knowledge):
    staff, question = knowledge["staff"], knowledge["question"]
    answer = qs.answer_create(question=question, author=staff, body="Ask the marsupial team.")
    answer.delete()
    assert _titles(staff, "marsupial") == []
    for name in ("question", "guide", "community", "public_request", "staff_request"):
        knowledge[name].delete()
    assert _kinds(staff, "wombat") == {}
    assert not Document.objects.exclude(kind__in=["dataset", "person"]).exists()


def test_a_cited_restricted_dataset_never_reaches_the_index(knowledge):
    world, staff = knowledge["world"], knowledge["staff"]
    restricted = world.datasets["restricted"]  # "Zebra restricted ledger"; staff has no grant
    body = (
        f"See [Zebra restricted ledger]({restricted.get_absolute_url()}) and "
        f"/datasets/{restricted.slug}/ for the koala figures."
    )
    question = qs.question_create(
        author=staff, title="Koala figures?", body=body, datasets=[restricted]
    )
    qs.answer_create(question=question, author=staff, body=body, datasets=[restricted])
    rs.request_create(author=staff, title="Koala request", body=body, why="Koala checks")
    for doc in Document.objects.filter(kind__in=["question", "request"], title__startswith="Koala"):
        text = f"{doc.title} {doc.keywords} {doc.body}".lower()
        assert "zebra" not in text and "ledger" not in text and restricted.slug not in text
        assert "a restricted dataset" in text
    # Found by its own words, never by the restricted dataset's title, for anyone.
    assert _kinds(staff, "koala") == {"question": 1, "request": 1}
    for user in (staff, world.people["grantee"], world.people["admin"], None):
        assert "question" not in _kinds(user, "zebra")
        assert "request" not in _kinds(user, "zebra")


def test_residents_are_not_people_in_search(knowledge):
    admin = knowledge["world"].people["admin"]
    assert _kinds(admin, "Rita") == {}
    assert _kinds(admin, "Sam Staff")["person"] == 1


def test_the_search_page_shows_each_kind(client, knowledge):
    client.force_login(knowledge["staff"])
    response = client.get("/search/", {"q": "wombat"})
    html = response.content.decode()
    for label in ("Questions", "Guides", "Communities", "Data requests"):
        assert f'{label} <span class="ts-count">' in html
    for caption in ("Question", "Guide", "Community", "Data request"):
        assert f'<span class="govuk-caption-s ts-result-kind">{caption}</span>' in html
    for name in ("question", "guide", "community", "public_request", "staff_request"):
        assert f'href="{knowledge[name].get_absolute_url()}"' in html
    assert "<mark>" in html  # highlighted snippets
    filtered = client.get("/search/", {"q": "wombat", "kind": "guide"}).content.decode()
    assert 'href="{}"'.format(knowledge["guide"].get_absolute_url()) in filtered
    assert 'href="{}"'.format(knowledge["question"].get_absolute_url()) not in filtered


# query -> (the title expected first, the kinds expected among the results), for staff.
DEMO_MIXED = {
    "spend": ("Spending over £500", {"dataset", "question", "guide", "person"}),
    "toilets": ("Public toilets", {"dataset", "question"}),
    "planning": ("Planning applications", {"dataset", "question", "guide"}),
    "council tax": ("Council tax charges by band", {"dataset", "request"}),
    "safeguarding": (None, {"question", "community", "person"}),
}


@pytest.mark.engines_inside
def test_demo_topic_searches_mix_the_kinds_with_the_dataset_first(db, settings):
    from django.contrib.auth import get_user_model

    from townsquare.demo.loader import load_demo

    load_demo()
    staff = get_user_model().objects.get(email="staff@eastmere.example")
    for backend in ("tantivy", "database"):  # the demo is indexed for both
        settings.SEARCH_BACKEND = backend
        _expect_mixed_kinds(staff)


def _expect_mixed_kinds(staff):
    for query, (first, kinds) in DEMO_MIXED.items():
        results = api.search(staff, query)
        assert kinds <= set(results.kind_counts), (query, results.kind_counts)
        if first:
            assert results.hits[0].title == first, query  # the dataset itself comes first
    # Residents see the public requests, and none of the staff knowledge.
    assert _kinds(None, "council tax").keys() == {"dataset", "request"}
    for query in DEMO_MIXED:
        assert not {"question", "guide", "community", "person"} & set(_kinds(None, query))
