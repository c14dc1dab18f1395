"""The DCAT catalogue is paged: each page links to the first, previous, next and last pages
with Hydra's PartialCollectionView, and following `next` visits every open dataset once."""

import pytest
from factories import dataset
from rdflib import Graph, URIRef
from rdflib.namespace import DCAT, RDF

from townsquare.api import dcat

HYDRA = "http://www.w3.org/ns/hydra/core#"


@pytest.fixture
def three_more(world):
    return [dataset(f"Open {n}", publisher=world.payments, access_level="open") for n in range(3)]


@pytest.mark.parametrize("suffix", ["ttl", "jsonld"])
def test_following_next_visits_every_open_dataset_once(
    client, world, three_more, monkeypatch, suffix
):
    monkeypatch.setattr(dcat, "CATALOG_PAGE_SIZE", 2)
    fmt = {"ttl": "turtle", "jsonld": "json-ld"}[suffix]
    url, seen, pages = f"http://testserver/catalog.{suffix}?page=1", [], 0
    while url:
        graph = Graph().parse(data=client.get(url).content.decode(), format=fmt)
        seen += [str(s) for s in graph.subjects(RDF.type, DCAT.Dataset)]
        view = graph.value(predicate=RDF.type, object=URIRef(f"{HYDRA}PartialCollectionView"))
        assert str(view) == url
        assert str(graph.value(view, URIRef(f"{HYDRA}last"))).endswith("?page=2")
        nxt = graph.value(view, URIRef(f"{HYDRA}next"))
        url, pages = (str(nxt) if nxt else None), pages + 1
    assert pages == 2
    assert len(seen) == len(set(seen)) == 4


def test_a_page_past_the_end_is_not_found(client, world):
    assert client.get("/catalog.ttl?page=2").status_code == 404
    assert client.get("/catalog.ttl?page=x").status_code == 404
