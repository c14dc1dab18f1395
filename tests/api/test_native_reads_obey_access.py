"""The native API shows each caller what the access policy lets them see, and nothing more:
not a dataset, a title, a facet count or a total."""

import pytest
from api_support import client_for

VISIBLE = {
    "anonymous": {"open"},
    "staff": {"open", "internal"},
    "other_publisher": {"open", "internal"},
    "grantee": {"open", "internal", "restricted"},
    "publisher": {"open", "internal", "restricted", "draft"},
    "admin": {"open", "internal", "restricted", "draft"},
}
KINDS = ("open", "internal", "restricted", "draft")


@pytest.mark.django_db
@pytest.mark.parametrize("who", VISIBLE)
def test_search_counts_and_facets(world, who):
    response = client_for(world, who).get("/api/v1/datasets?q=zebra")
    assert response.status_code == 200
    body = response.json()
    titles = {d["title"] for d in body["results"]}
    for kind in KINDS:
        assert (world.datasets[kind].title in titles) == (kind in VISIBLE[who]), kind
    assert body["count"] == len(VISIBLE[who])
    facets = {f["name"]: {v["value"]: v["count"] for v in f["values"]} for f in body["facets"]}
    assert facets["publisher"]["payments"] == len(VISIBLE[who])
    assert facets["access"].get("restricted", 0) == (1 if "restricted" in VISIBLE[who] else 0)


@pytest.mark.django_db
@pytest.mark.parametrize("who", VISIBLE)
def test_dataset_and_its_files(world, who):
    client = client_for(world, who)
    for kind in KINDS:
        ds = world.datasets[kind]
        expected = 200 if kind in VISIBLE[who] else 404
        response = client.get(f"/api/v1/datasets/{ds.slug}")
        assert response.status_code == expected, kind
        assert client.get(f"/api/v1/datasets/{ds.slug}/resources").status_code == expected
        if expected == 404:
            assert response["Content-Type"] == "application/problem+json"
            assert ds.title not in response.content.decode()
        else:
            assert response.json()["resources"][0]["format"] == "CSV"


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["anonymous", "staff"])
def test_unit_counts_include_only_what_the_caller_sees(world, who):
    body = client_for(world, who).get("/api/v1/organisation-units/payments").json()
    assert body["dataset_count"] == len(VISIBLE[who] - {"draft"})
    assert body["parent"] == "finance"
