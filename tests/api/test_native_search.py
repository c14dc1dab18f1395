"""/api/v1/search: the one search as JSON, for each caller exactly what the access policy lets
them see: no restricted result, count, facet value, snippet or suggestion otherwise. Runs on
tantivy and on the database's own engine."""

import pytest
from api_support import client_for

from townsquare.catalogue import services as catalogue

MARKER = "quokkaveil"
VISIBLE = {
    "anonymous": {"open"},
    "staff": {"open", "internal"},
    "other_publisher": {"open", "internal"},
    "grantee": {"open", "internal", "restricted"},
    "publisher": {"open", "internal", "restricted", "draft"},
    "admin": {"open", "internal", "restricted", "draft"},
}


@pytest.fixture(params=["tantivy", "database"])
def marked(request, settings, db):
    settings.SEARCH_BACKEND = request.param
    from factories import build_world

    world = build_world()
    catalogue.dataset_update(
        actor=None, dataset=world.datasets["restricted"],
        data={"description": f"The {MARKER} figures, kept hushhush."}, keywords=[f"{MARKER}tag"],
    )  # fmt: skip
    return world


@pytest.mark.parametrize("who", VISIBLE)
def test_search_returns_only_what_the_caller_may_see(marked, who):
    client = client_for(marked, who)
    body = client.get("/api/v1/search", {"q": "ledger"}).json()
    expected = {f"Zebra {kind} ledger" for kind in VISIBLE[who]}
    assert {r["title"] for r in body["results"]} == expected
    assert body["count"] == len(expected)
    assert body["counts"]["kind"] == {"dataset": len(expected)}
    sees = "restricted" in VISIBLE[who]
    assert body["counts"].get("access", {}).get("Restricted", 0) == (1 if sees else 0)
    text = str(client.get("/api/v1/search", {"q": MARKER}).json()).lower()
    assert ("hushhush" in text) == sees and (f"{MARKER}tag" in text) == sees
    misspelt = client.get("/api/v1/search", {"q": "quokkavel"}).json()
    assert (misspelt["suggestion"] == MARKER) == sees


def test_kind_filter_paging_and_links(marked):
    client = client_for(marked, "admin")
    body = client.get("/api/v1/search", {"q": "ledger", "page_size": 2}).json()
    assert body["count"] == 4 and len(body["results"]) == 2
    assert body["next"].endswith("page=2") and body["previous"] is None
    second = client.get("/api/v1/search", {"q": "ledger", "page_size": 2, "page": 2})
    assert 'rel="prev"' in second["Link"]
    assert {r["title"] for r in second.json()["results"]}.isdisjoint(
        {r["title"] for r in body["results"]}
    )
    hit = body["results"][0]
    assert hit["url"].startswith("http://testserver/datasets/") and "<mark>" in hit["title_html"]
    none = client.get("/api/v1/search", {"q": "ledger", "kind": "guide"}).json()
    assert none["count"] == 0 and none["counts"]["kind"] == {"dataset": 4}


def test_a_missing_or_overlong_query_is_a_clear_error(marked):
    client = client_for(marked, "anonymous")
    for params in ({}, {"q": ""}, {"q": "x" * 201}, {"q": "ledger", "page_size": 500}):
        response = client.get("/api/v1/search", params)
        assert response.status_code == 422
        assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize("who", ["staff", "grantee"])
def test_counts_by_kind_alone_when_facets_are_not_wanted(marked, who):
    client = client_for(marked, who)
    full = client.get("/api/v1/search", {"q": "ledger"}).json()
    quick = client.get("/api/v1/search", {"q": "ledger", "facets": "false"}).json()
    assert quick["counts"] == {"kind": full["counts"]["kind"]}
    assert "access" in full["counts"]
    assert quick["results"] == full["results"] and quick["count"] == full["count"]
