"""The search index is rebuilt once a night by a periodic task: the scheduler enqueues it every
minute and it does its work only the first time after TOWNSQUARE_SEARCH_REBUILD_HOUR."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from townsquare.core import schedule, tasks
from townsquare.search import api as search

LONDON = ZoneInfo("Europe/London")


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 1, day, hour, minute, tzinfo=LONDON)


@pytest.mark.django_db
def test_due_once_a_day_after_the_hour():
    due = [schedule.due_daily("job", hour=2, now=t) for t in
           (at(1, 1), at(1, 2, 1), at(1, 2, 2), at(1, 23), at(2, 1, 59), at(2, 2), at(2, 3))]  # fmt: skip
    # The first call ever runs at once; then at 02:00 each night.
    assert due == [True, True, False, False, False, True, False]


def test_the_last_due_moment():
    assert schedule.last_due(2, at(5, 1)) == at(4, 2)
    assert schedule.last_due(2, at(5, 2)) == at(5, 2)


@pytest.mark.django_db
def test_the_task_calls_the_search_apps_rebuild_once(settings, monkeypatch):
    calls = []
    monkeypatch.setattr(search, "rebuild", lambda: calls.append(1) or {"dataset": 3})
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    assert "townsquare.core.tasks.rebuild_search_nightly" in schedule.PERIODIC_TASKS
    first = tasks.rebuild_search_nightly.enqueue()
    second = tasks.rebuild_search_nightly.enqueue()
    assert (first.return_value, second.return_value) == ("3 dataset", "not due")
    assert calls == [1]
