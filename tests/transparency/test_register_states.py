"""The register's states across the boundaries of periods and deadlines (dates passed in)."""

from datetime import date

import pytest
from register_support import at, code_series, council, open_dataset, publish

from townsquare.transparency import register as reg
from townsquare.transparency.code import BY_KEY
from townsquare.transparency.models import Period
from townsquare.transparency.periods import Period as P

Q4_2526 = P(date(2026, 1, 1), date(2026, 3, 31), "quarterly")
Q1_2627 = P(date(2026, 4, 1), date(2026, 6, 30), "quarterly")


@pytest.fixture
def spend(db):
    _, finance, _ = council()
    series = code_series("spend", open_dataset("Spend", finance), finance, date(2026, 1, 1))
    publish(series, Q4_2526.start, Q4_2526.end, at(date(2026, 4, 20)))
    return series


def state_on(series, today):
    return reg.series_entry(BY_KEY[series.code_dataset], series, today)


def test_while_a_quarter_runs_the_last_one_published_on_time_shows(spend):
    line = state_on(spend, date(2026, 6, 30))  # Q1 has not ended on its last day

    assert line.state == reg.State.ON_TIME
    assert line.current.period == Q4_2526
    assert line.next_period == Q1_2627
    assert "upload the 2026/27 Q1 (April to June 2026) file by 31 July 2026" in reg.next_step(
        line, date(2026, 6, 30)
    )


@pytest.mark.parametrize(
    ("today", "state"),
    [
        (date(2026, 7, 1), reg.State.DUE_SOON),  # the day after the quarter ends
        (date(2026, 7, 31), reg.State.DUE_SOON),  # the due date itself is still in time
        (date(2026, 8, 1), reg.State.OVERDUE),
    ],
)
def test_an_unpublished_quarter_is_due_soon_until_its_deadline_then_overdue(spend, today, state):
    line = state_on(spend, today)

    assert line.state == state
    assert line.current.period == Q1_2627
    assert line.due == date(2026, 7, 31)


def test_published_on_the_due_date_late_in_the_evening_is_on_time(spend):
    # 23:30 in London on 31 July is 22:30 UTC: the council's day decides, not UTC's.
    publish(spend, Q1_2627.start, Q1_2627.end, at(date(2026, 7, 31), 23, 30))

    line = state_on(spend, date(2026, 9, 1))
    assert line.state == reg.State.ON_TIME
    assert line.current.published == date(2026, 7, 31)


def test_published_the_day_after_the_deadline_is_late(spend):
    publish(spend, Q1_2627.start, Q1_2627.end, at(date(2026, 8, 1), 0, 30))

    assert state_on(spend, date(2026, 9, 1)).state == reg.State.LATE


def test_a_checked_file_not_yet_published_does_not_count(spend):
    publish(spend, Q1_2627.start, Q1_2627.end, at(date(2026, 7, 5)), status=Period.Status.VALID)

    assert state_on(spend, date(2026, 7, 10)).state == reg.State.DUE_SOON


def test_a_missing_earlier_quarter_keeps_the_series_overdue(spend):
    # Q1 was never published; Q2 has ended and is within its month.
    line = state_on(spend, date(2026, 10, 10))

    assert line.state == reg.State.OVERDUE
    assert line.current.period == Q1_2627
    assert line.latest.state == reg.State.DUE_SOON
    assert [p.state for p in line.history] == [
        reg.State.DUE_SOON, reg.State.MISSING, reg.State.ON_TIME,
    ]  # fmt: skip
    assert "overdue since 31 July 2026" in reg.next_step(line, date(2026, 10, 10))


def test_a_series_whose_first_period_has_not_ended_is_not_yet_due(db):
    _, finance, _ = council()
    series = code_series("land", open_dataset("Land", finance), finance, date(2026, 5, 1))

    line = state_on(series, date(2026, 11, 27))
    assert line.state == reg.State.NOT_YET_DUE
    assert line.current.period.start == date(2026, 4, 1)
    assert line.due == date(2027, 4, 30)  # annual: a month after the financial year ends


def test_annual_data_is_due_by_30_april(db):
    _, finance, _ = council()
    series = code_series("land", open_dataset("Land", finance), finance, date(2025, 4, 1))

    assert state_on(series, date(2026, 4, 30)).state == reg.State.DUE_SOON
    assert state_on(series, date(2026, 5, 1)).state == reg.State.OVERDUE


def test_every_code_dataset_has_a_line_and_unregistered_ones_are_not_set_up(spend):
    lines = reg.register(None, date(2026, 7, 10))

    assert [e.code.key for e in lines][:3] == ["spend", "procurement-card", "contracts"]
    by_key = {e.code.key: e for e in lines}
    assert by_key["spend"].state == reg.State.DUE_SOON
    assert by_key["contracts"].state == reg.State.NOT_SET_UP
    assert reg.counts(lines)[reg.State.NOT_SET_UP] == len(lines) - 1
    assert reg.last_updated(lines) == at(date(2026, 4, 20))


def test_the_dashboard_puts_the_most_urgent_team_first(spend):
    team = spend.responsible_unit
    other = code_series("land", open_dataset("Land", team), team, date(2025, 4, 1))
    assert other.responsible_unit == team

    teams = reg.by_team(reg.register(None, date(2026, 8, 5)))
    assert teams[0].unit == team
    assert {e.code.key for e in teams[0].entries} == {"spend", "land"}
    assert teams[-1].unit is None  # the Code datasets not set up
