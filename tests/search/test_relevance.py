"""The ranking, guarded: topic searches over the demo council put the expected result first,
for a resident and for a member of staff, and staff get people as well as datasets. Runs on
each engine: tantivy, and the database's own (FTS5 or PostgreSQL, as the suite runs)."""

import pytest
from django.contrib.auth import get_user_model

from townsquare.demo.loader import load_demo
from townsquare.search import api

BACKENDS = ["tantivy", "database"]  # as tests/search/conftest.py

# query -> the title expected first, for anyone.
FIRST = {
    "spend": "Spending over £500",
    "toilets": "Public toilets",
    "planning": "Planning applications",
    "council tax": "Council tax charges by band",
    "waste": "Household waste and recycling tonnages",
    "libraries": "Libraries: locations and opening hours",
    "air quality": "Air quality: nitrogen dioxide monitoring",
    "housing register": "Housing register: households by band and bedroom need",
    '"public toilets"': "Public toilets",
    "toil*": "Public toilets",
}
# query -> the title expected first for staff, who see internal data and people too.
STAFF_FIRST = {
    "budget": "Revenue budget monitoring 2025/26",
}
MIXED_FOR_STAFF = ["spend", "planning", "waste", "libraries", "council tax"]


@pytest.fixture
def demo(db):
    load_demo()
    return get_user_model().objects.get(email="staff@eastmere.example")


def _first_titles(user, queries) -> dict[str, str | None]:
    found = {}
    for query in queries:
        hits = api.search(user, query).hits
        found[query] = hits[0].title if hits else None
    return found


@pytest.mark.engines_inside
def test_expected_first_results_on_every_engine(demo, settings):
    for backend in BACKENDS:  # the demo was indexed for both (tantivy's outbox included)
        settings.SEARCH_BACKEND = backend
        _expect_first_results(demo)


def _expect_first_results(staff):
    assert _first_titles(None, FIRST) == FIRST
    assert _first_titles(staff, FIRST) == FIRST
    assert _first_titles(staff, STAFF_FIRST) == STAFF_FIRST
    for query in MIXED_FOR_STAFF:
        counts = api.search(staff, query).kind_counts
        assert {"dataset", "person"} <= set(counts), query
    # Safeguarding referrals are restricted, and people are for staff: a resident finds neither.
    assert api.search(None, "safeguarding").total == 0
    counts = api.search(staff, "safeguarding").kind_counts
    assert "dataset" not in counts  # knowledge about safeguarding, not the restricted data
    assert counts["person"] == 2
