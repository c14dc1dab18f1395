"""Lists through the APIs take a fixed number of queries however many datasets they show, so
no per-dataset query can creep in."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from factories import dataset

pytestmark = pytest.mark.django_db

URLS = [
    "/api/v1/datasets?page_size={n}",
    '/api/3/action/package_search?rows={n}&facet.field=["organization","tags"]',
    "/api/v1/organisation-units?page_size={n}",
]


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", URLS)
def test_the_number_of_queries_does_not_grow_with_the_page(world, url):
    for i in range(6):
        ds = dataset(f"Extra {i}", publisher=world.payments, access_level="open")
        ds.keywords.create(name=f"extra-{i}")
    client = Client()
    assert _queries(client, url.format(n=1)) == _queries(client, url.format(n=8))
