"""The dataset list costs the same number of queries however many datasets there are, so an
N+1 query cannot creep in unnoticed."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from factories import dataset, person, unit

from townsquare.catalogue import services
from townsquare.catalogue.models import Theme

PAGES = ["/datasets/", "/datasets/?q=ledger&sort=title", "/datasets/?access=open&format=CSV", "/"]


@pytest.fixture
def council(db):
    council = unit("Council", "organisation")
    finance = unit("Finance", "directorate", council)
    teams = [unit(name, "team", finance) for name in ("Payments", "Payroll", "Procurement")]
    publisher = person("Pat Publisher", team=teams[0], roles=[("publisher", finance)])
    return {"teams": teams, "publisher": publisher}


def _add_datasets(council, start: int, count: int) -> None:
    """Datasets with everything a list entry shows: files, themes, keywords, a steward."""
    themes = list(Theme.objects.all()[:3])
    levels = ("open", "internal", "restricted")
    for n in range(start, start + count):
        ds = dataset(f"Ledger {n:02d}", publisher=council["teams"][n % 3],
                     access_level=levels[n % 3], status="draft" if n % 4 == 0 else "published",
                     steward=council["publisher"])  # fmt: skip
        ds.themes.set(themes[: n % 3 + 1])
        services.dataset_update(actor=None, dataset=ds, data={}, keywords=[f"kw{n}", "ledger"])


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("who", ["anonymous", "publisher"])
def test_list_queries_do_not_grow_with_datasets(client, council, who):
    if who == "publisher":
        client.force_login(council["publisher"])
    _add_datasets(council, 0, 5)
    for url in PAGES:
        client.get(url)  # warm up: sessions, caches
    few = {url: _queries(client, url) for url in PAGES}

    _add_datasets(council, 5, 20)
    many = {url: _queries(client, url) for url in PAGES}

    assert many == few
    html = client.get("/datasets/").content.decode()
    open_and_published = sum(1 for n in range(25) if n % 3 == 0 and n % 4)
    shown = 25 if who == "publisher" else open_and_published
    assert f"<strong>{shown}</strong> dataset" in html
