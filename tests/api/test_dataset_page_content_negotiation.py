"""A dataset page answers with its DCAT description when a client asks for RDF by its Accept
header, and with the page otherwise; what the page would hide, the RDF hides too."""

import pytest
from rdflib import Graph
from rdflib.namespace import DCAT, RDF


@pytest.mark.parametrize(
    ("accept", "content_type", "fmt"),
    [
        ("text/turtle", "text/turtle", "turtle"),
        ("application/rdf+xml", "application/rdf+xml", "xml"),
        ("application/ld+json", "application/ld+json", "json-ld"),
        ("text/html;q=0.5, text/turtle", "text/turtle", "turtle"),
    ],
)
def test_rdf_when_asked_for(client, world, accept, content_type, fmt):
    dataset = world.datasets["open"]
    response = client.get(dataset.get_absolute_url(), headers={"accept": accept})
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    assert "Accept" in response["Vary"]
    graph = Graph().parse(data=response.content.decode(), format=fmt)
    assert len(set(graph.subjects(RDF.type, DCAT.Dataset))) == 1


@pytest.mark.parametrize(
    "accept",
    [None, "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "*/*"],
)
def test_html_for_browsers_and_everyone_else(client, world, accept):
    headers = {"accept": accept} if accept else {}
    response = client.get(world.datasets["open"].get_absolute_url(), headers=headers)
    assert response["Content-Type"].startswith("text/html")
    assert "Accept" in response["Vary"]


@pytest.mark.parametrize("kind", ["internal", "restricted", "draft"])
def test_rdf_hides_what_the_page_hides(client, world, kind):
    dataset = world.datasets[kind]
    response = client.get(dataset.get_absolute_url(), headers={"accept": "text/turtle"})
    assert response.status_code == 404
    assert dataset.title not in response.content.decode()
