"""The DCAT catalogue reads a page of datasets in a fixed number of queries, however many
datasets (and files) the page holds: no N+1."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from factories import complete_dataset, dataset


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_catalogue_page_does_not_query_per_dataset(client, world):
    complete_dataset(world.payments)
    few = _queries(client, "/catalog.ttl")
    for n in range(4):
        complete_dataset(world.payments, title=f"Another ledger {n}")
        dataset(f"Plain {n}", publisher=world.finance, access_level="open")
    assert _queries(client, "/catalog.ttl") == few
