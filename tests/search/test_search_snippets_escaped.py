"""Titles and snippets are escaped; only the engine's own highlight becomes markup."""

import pytest
from factories import org_units

from townsquare.catalogue import services as catalogue

pytestmark = pytest.mark.every_engine


@pytest.fixture
def hostile(db):
    units = org_units()
    ds = catalogue.dataset_create(
        actor=None,
        title='Toilets <script>alert("t")</script>',
        summary="Toilets <img src=x onerror=alert(1)> and <mark>fake</mark> \ue000mark\ue001",
        publisher=units["payments"],
    )
    catalogue.dataset_publish(actor=None, dataset=ds)


def test_the_page_escapes_everything_but_the_highlight(client, hostile):
    html = client.get("/search/?q=toilets").content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<mark>fake</mark>" not in html  # (PostgreSQL's ts_headline drops such tags)
    assert "<mark>Toilets</mark>" in html
    assert "<mark>mark</mark>" not in html  # marks typed into content are stripped when indexed


def test_json_and_suggestions_escape_too(client, hostile):
    data = client.get("/search.json?q=toilets").json()
    assert "<script>" not in data["results"][0]["title_html"]
    assert "<img" not in data["results"][0]["snippet_html"]
    suggestions = client.get("/search/suggest/?q=toil").content.decode()
    assert "<script>" not in suggestions and "&lt;script&gt;" in suggestions
