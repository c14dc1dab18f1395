"""Hostile values in the list page's filters, sort key, page number and search box are just
values: no error, no extra rows, nothing hidden revealed, and nothing changed."""

import pytest
from security_support import MAY_SEE

from townsquare.catalogue.models import Dataset

ATTACKS = [
    "' OR '1'='1",
    "1; DROP TABLE catalogue_dataset; --",
    '" OR ""="',
    "restricted' --",
    "%' OR access_level LIKE '%",
    "title); DELETE FROM core_auditevent; --",
    "-modified,access_level",
    "\x00",
    "../../etc/passwd",
    "𝕏" * 300,
]
PARAMS = ["q", "sort", "page", "publisher", "theme", "format", "licence", "access"]


@pytest.mark.parametrize("who", ["anonymous", "staff"])
def test_hostile_list_parameters(client, marked, who):
    world, _ = marked
    if world.people[who] is not None:
        client.force_login(world.people[who])
    hidden = [ds.title for kind, ds in world.datasets.items() if who not in MAY_SEE[kind]]
    count = Dataset.objects.count()
    for param, attack in ((p, a) for p in PARAMS for a in ATTACKS):
        for extra in ({}, {"access": "restricted"}):
            response = client.get("/datasets/", {param: attack, **extra})
            assert response.status_code == 200, attack
            html = response.content.decode()
            assert [t for t in hidden if t in html] == [], attack
    assert Dataset.objects.count() == count
