"""The public compliance page and its JSON: what is published, what is late, and nothing about
a series whose dataset the viewer may not see."""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from factories import dataset
from register_support import at, code_series, council, open_dataset, publish

from townsquare.transparency import periods
from townsquare.transparency.register import State


@pytest.fixture
def setup(db):
    """Spend published on time for the last quarter; contracts never published (overdue)."""
    today = timezone.localdate()
    _, finance, people = council()
    spend = code_series("spend", open_dataset("Eastmere spend", finance), finance,
                        periods.last_ended(today, "quarterly").previous().start)  # fmt: skip
    for period in periods.periods_between(spend.first_period_start, today, "quarterly"):
        publish(spend, period.start, period.end, at(min(period.end + timedelta(days=5),
                                                        today - timedelta(days=1))))  # fmt: skip
    contracts_start = periods.last_ended(today, "quarterly").previous().previous().start
    code_series("contracts", open_dataset("Eastmere contracts", finance), finance, contracts_start)
    secret = dataset("Hushed senior pay", publisher=finance, access_level="restricted")
    code_series("senior-salaries", secret, finance, date(2024, 4, 1))
    return people


def test_the_page_explains_the_code_and_shows_each_state(client, setup):
    html = client.get("/transparency/").content.decode()

    assert "Local Government Transparency Code 2015" in html
    assert "by 31 July" in html and "by 30 April" in html
    assert 'href="/datasets/eastmere-spend/">Eastmere spend</a>' in html
    assert "Expenditure over £500" in html
    assert "Published on time" in html and "govuk-tag--green" in html
    assert "Overdue" in html and "govuk-tag--red" in html
    assert "Not set up" in html
    assert "What is late" in html and "not yet published" in html
    assert "Last updated" in html


def test_a_restricted_series_shows_only_as_not_published_to_the_public(client, setup):
    html = client.get("/transparency/").content.decode()

    assert "Senior salaries" in html  # the Code's own name is public
    assert "Hushed" not in html
    assert "Not published" in html
    data = client.get("/transparency.json").json()
    line = next(d for d in data["datasets"] if d["key"] == "senior-salaries")
    assert line["state"] == State.NOT_PUBLISHED
    assert line["dataset"] is None and line["history"] == []
    assert "Hushed" not in client.get("/transparency.json").content.decode()


def test_an_administrator_sees_the_restricted_series(client, setup):
    client.force_login(setup["admin"])

    html = client.get("/transparency/").content.decode()
    assert "Hushed senior pay" in html


def test_the_json_has_iso_dates_and_states(client, setup):
    data = client.get("/transparency.json").json()

    spend = next(d for d in data["datasets"] if d["key"] == "spend")
    assert spend["state"] == State.ON_TIME
    assert spend["frequency"] == "quarterly"
    assert date.fromisoformat(spend["currentPeriod"]["due"])
    assert spend["dataset"]["url"] == "/datasets/eastmere-spend/"
    contracts = next(d for d in data["datasets"] if d["key"] == "contracts")
    assert contracts["state"] == State.OVERDUE
    assert data["counts"][State.NOT_SET_UP] >= 10


def test_the_navigation_links_to_the_page(client, db):
    html = client.get("/transparency/").content.decode()

    assert 'href="/transparency/" aria-current="page"' in html
