"""Every page has a search box in the header: a plain GET form to /search/ (works without
JavaScript), which htmx enhances with suggestions as you type."""

import re

import pytest


@pytest.mark.django_db
def test_the_header_box_submits_to_the_search_page(client):
    html = client.get("/").content.decode()
    form = re.search(r'<form class="ts-header-search" method="get" action="/search/".*?</form>',
                     html, re.S)  # fmt: skip
    assert form is not None
    assert 'name="q"' in form.group(0) and 'type="search"' in form.group(0)
    assert 'hx-get="/search/suggest/"' in form.group(0)
    assert '<label class="govuk-visually-hidden" for="header-q">' in form.group(0)


@pytest.mark.django_db
def test_an_empty_search_shows_the_form_only(client):
    response = client.get("/search/")
    assert response.status_code == 200
    assert "result" not in response.content.decode().split('id="main-content"')[1]
    assert client.get("/search/suggest/?q=a").content.decode().strip() == ""
