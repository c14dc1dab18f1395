"""A search hit, snippet, suggestion, facet count, total or "did you mean" never comes from a
dataset the searcher may not see (nor a person, for anyone who is not staff)."""

import pytest
from factories import build_world, person

from townsquare.catalogue import services as catalogue

pytestmark = pytest.mark.every_engine  # the access filter, counts, facets, did-you-mean

MARKER = "quokkaveil"
SEES_RESTRICTED = {"grantee", "team_grantee", "publisher", "steward", "admin"}
WHO = ["anonymous", "resident", "staff", "other_publisher", *sorted(SEES_RESTRICTED)]
# Which of the world's four ledgers each person finds.
VISIBLE = {
    "anonymous": {"open"},
    "resident": {"open"},
    "staff": {"open", "internal"},
    "other_publisher": {"open", "internal"},
    "grantee": {"open", "internal", "restricted"},
    "team_grantee": {"open", "internal", "restricted"},
    "publisher": {"open", "internal", "restricted", "draft"},
    "steward": {"open", "internal", "restricted", "draft"},
    "admin": {"open", "internal", "restricted", "draft"},
}


def _marked_world():
    world = build_world()
    world.people["resident"] = person("Rita Resident")
    restricted = world.datasets["restricted"]
    catalogue.dataset_update(
        actor=None,
        dataset=restricted,
        data={"description": f"The {MARKER} figures, kept hushhush."},
        keywords=[f"{MARKER}tag"],
    )
    return world


@pytest.fixture(scope="module")
def _marked_once(module_data):
    from django.test import override_settings

    # On tantivy (the default) each write also fills the outbox, which its searches read: build
    # it so, once, for both engines (the database engine reads the same stored documents).
    with override_settings(SEARCH_BACKEND="tantivy"):
        return module_data.build(_marked_world)


@pytest.fixture
def marked(db, _marked_once, module_data, settings):
    module_data.use_files(settings)
    return _marked_once


def _client(client, world, who):
    if world.people[who] is not None:
        client.force_login(world.people[who])
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("who", WHO)
def test_restricted_marker_only_for_those_who_may_see_it(client, marked, who):
    client = _client(client, marked, who)
    sees = who in SEES_RESTRICTED
    html = client.get(f"/search/?q={MARKER}").content.decode().lower()
    assert ("restricted ledger" in html) == sees
    assert ("hushhush" in html) == sees  # a word of the description, shown only in a snippet
    data = client.get(f"/search.json?q={MARKER}").json()
    assert data["total"] == (1 if sees else 0)
    assert (MARKER in str(data["results"]).lower()) == sees
    suggestions = client.get("/search/suggest/?q=quokka").content.decode().lower()
    assert ("restricted ledger" in suggestions) == sees
    # The misspelling is corrected from the restricted dataset's words only for those who see it.
    misspelt = client.get("/search.json?q=quokkavel").json()
    assert (misspelt["suggestion"] == MARKER) == sees
    assert (MARKER in client.get("/search/?q=quokkavel").content.decode()) == sees


@pytest.mark.django_db
@pytest.mark.parametrize("who", WHO)
def test_counts_and_facets_obey_access(client, marked, who):
    client = _client(client, marked, who)
    expected = VISIBLE[who]
    data = client.get("/search.json?q=ledger").json()
    titles = {r["title"] for r in data["results"]}
    assert titles == {f"Zebra {kind} ledger" for kind in expected}
    assert data["total"] == len(expected)
    assert data["counts"]["kind"] == {"dataset": len(expected)}
    access = data["counts"].get("access", {})
    assert access.get("Restricted", 0) == (1 if "restricted" in expected else 0)
    assert access.get("Internal", 0) == (1 if "internal" in expected else 0)
    assert sum(data["counts"]["publisher"].values()) == len(expected)
    assert (f"{MARKER}tag" in data["counts"].get("tag", {})) == ("restricted" in expected)
    html = client.get("/search/?q=ledger").content.decode()
    assert f"<strong>{len(expected)}</strong> result" in html
    assert ("Restricted <span" in html) == ("restricted" in expected)


@pytest.mark.django_db
@pytest.mark.parametrize("who", WHO)
def test_people_are_found_by_staff_only(client, marked, who):
    client = _client(client, marked, who)
    staff = who not in {"anonymous", "resident"}
    data = client.get("/search.json?q=Stella").json()
    assert (data["counts"]["kind"].get("person", 0) == 1) == staff
    assert (
        "/people/stella-steward/" in client.get("/search/suggest/?q=stel").content.decode()
    ) == staff


@pytest.mark.django_db
def test_filtering_by_a_facet_value_of_a_hidden_dataset_reveals_nothing(client, marked):
    data = client.get(f"/search.json?q=ledger&tag={MARKER}tag&access=Restricted").json()
    assert data["total"] == 0 and data["results"] == []
