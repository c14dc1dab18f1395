"""The demo council's Code series give the compliance page a realistic mix of states on any
day the demo is loaded."""

from datetime import date

import pytest
from factories import dataset, unit

from townsquare.catalogue.models import Dataset
from townsquare.demo.transparency import REGISTRATIONS, load_registrations
from townsquare.transparency import register as reg
from townsquare.transparency.models import Period, Series

S = reg.State


@pytest.fixture
def demo_datasets(db):
    root = unit("Eastmere", "organisation")
    for _, slug, unit_slug, _ in REGISTRATIONS:
        team = unit(unit_slug.replace("-", " ").title(), "team", root)
        ds = dataset(slug, publisher=team, access_level="open")
        Dataset.objects.filter(pk=ds.pk).update(slug=slug)


@pytest.mark.parametrize(
    "today",
    [
        date(2026, 11, 27),  # two months after Q2 ended
        date(2026, 10, 3),  # days after Q2 ended
        date(2026, 4, 2),  # the day after the financial year ended
        date(2027, 3, 31),  # the last day of a year
    ],
)
def test_the_demo_shows_a_mix_of_states(demo_datasets, today):
    load_registrations(today)

    lines = {e.code.key: e for e in reg.register(None, today)}
    spend = lines["spend"]
    assert spend.state in (S.DUE_SOON, S.OVERDUE)
    assert [p.state for p in spend.history[1:]].count(S.LATE) == 1
    assert [p.state for p in spend.history[1:]].count(S.ON_TIME) == 4
    assert lines["contracts"].state == S.OVERDUE
    assert lines["land"].state == S.ON_TIME
    assert all(p.state == S.ON_TIME for p in lines["land"].history)
    assert lines["public-toilets"].state == S.ON_TIME
    assert lines["grants"].state == S.NOT_SET_UP


def test_loading_again_changes_nothing(demo_datasets):
    first = load_registrations(date(2026, 11, 27))
    again = load_registrations(date(2026, 11, 27))

    assert first == {"transparency_series": 4, "transparency_periods": 5 + 3 + 3 + 2}
    assert again == {"transparency_series": 4, "transparency_periods": 0}
    assert Series.objects.count() == 4 and Period.objects.count() == 13


@pytest.mark.django_db
def test_the_loaded_demo_registers_its_code_datasets(demo_council, client):
    assert demo_council["transparency_series"] == 4
    html = client.get("/transparency/").content.decode()
    for title in ("Spending over £500", "Contracts over £5,000", "Land and buildings",
                  "Public toilets"):  # fmt: skip
        assert f">{title}</a>" in html
    spend = Series.objects.get(code_dataset="spend")
    # The 2025/26 quarters link to the demo's files for them.
    assert spend.periods.filter(resource__isnull=False).exists()
