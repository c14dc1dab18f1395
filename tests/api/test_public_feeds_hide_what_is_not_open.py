"""Public feeds (the DCAT catalogue in every format and page, the sitemap, the Atom feed) hold
open, published datasets only, whoever asks; a single dataset's description follows the access
policy like its page. Restricted, internal and draft datasets leave no trace: no title, no
identifier, no count."""

import pytest
from rdflib import Graph
from rdflib.namespace import DCAT, RDF

FEEDS = ["/catalog.ttl", "/catalog.rdf", "/catalog.jsonld", "/sitemap.xml", "/datasets/feed.atom"]
VISIBLE = {
    "anonymous": {"open"},
    "staff": {"open", "internal"},
    "grantee": {"open", "internal", "restricted"},
    "publisher": {"open", "internal", "restricted", "draft"},
    "admin": {"open", "internal", "restricted", "draft"},
}


def _login(client, world, who):
    if world.people[who] is not None:
        client.force_login(world.people[who])
    return client


def _traces(dataset) -> list[str]:
    return [dataset.title, dataset.slug, str(dataset.uuid)]


@pytest.mark.parametrize("who", ["anonymous", "staff", "grantee", "publisher", "admin"])
@pytest.mark.parametrize("url", FEEDS)
def test_public_feeds_list_open_published_datasets_only(client, world, who, url):
    body = _login(client, world, who).get(url).content.decode()
    assert world.datasets["open"].slug in body
    for kind in ("internal", "restricted", "draft"):
        for trace in _traces(world.datasets[kind]):
            assert trace not in body, (kind, trace)


def test_the_catalogue_counts_open_datasets_only(client, world):
    graph = Graph().parse(data=client.get("/catalog.ttl").content.decode(), format="turtle")
    assert len(set(graph.subjects(RDF.type, DCAT.Dataset))) == 1
    assert "hydra:totalItems 1" in client.get("/catalog.ttl").content.decode()


@pytest.mark.parametrize("who", VISIBLE)
@pytest.mark.parametrize("suffix", ["ttl", "rdf", "jsonld"])
def test_a_dataset_description_follows_the_access_policy(client, world, who, suffix):
    client = _login(client, world, who)
    for kind, dataset in world.datasets.items():
        response = client.get(f"/datasets/{dataset.slug}.{suffix}")
        assert response.status_code == (200 if kind in VISIBLE[who] else 404), kind
        if kind not in VISIBLE[who]:
            assert dataset.title not in response.content.decode()


def test_descriptions_of_data_that_is_not_open_are_not_cached(client, world):
    client.force_login(world.people["staff"])
    private = client.get(f"/datasets/{world.datasets['internal'].slug}.ttl")
    public = client.get(f"/datasets/{world.datasets['open'].slug}.ttl")
    assert private["Cache-Control"] == "private, no-store"
    assert "no-store" not in public.get("Cache-Control", "")
