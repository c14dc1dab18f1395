"""Tasks that run on a timer. `townsquare serve` enqueues each of these every
TOWNSQUARE_SCHEDULE_SECONDS; the task worker it starts runs them. Apps add theirs here.
A task that should run less often (nightly) asks `due_daily` whether its time has come."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

PERIODIC_TASKS = [
    "townsquare.governance.tasks.expire_grants",
    "townsquare.transparency.reminders.send_reminders_task",
    "townsquare.core.tasks.rebuild_search_nightly",
    "townsquare.search.tasks.catch_up",  # the tantivy index's outbox
]


def enqueue_periodic() -> int:
    """Put each periodic task on the queue once; the number enqueued."""
    for path in PERIODIC_TASKS:
        import_string(path).enqueue()
    return len(PERIODIC_TASKS)


def last_due(hour: int, now: datetime | None = None) -> datetime:
    """The latest moment, at or before `now`, when the local clock read `hour`:00."""
    now = timezone.localtime(now)
    today = now.replace(hour=hour, minute=0, second=0, microsecond=0)
    return today if today <= now else today - timedelta(days=1)


def due_daily(name: str, *, hour: int, now: datetime | None = None) -> bool:
    """True once a day for `name`: the first time it is asked after `hour`:00 local time
    (then it records that it ran). Safe with several workers: the row is locked."""
    from .models import PeriodicRun

    now = now or timezone.now()
    with transaction.atomic():
        run, _ = PeriodicRun.objects.get_or_create(name=name)
        run = PeriodicRun.objects.select_for_update().get(pk=run.pk)
        if run.last_started is not None and run.last_started >= last_due(hour, now):
            return False
        run.last_started = now
        run.save(update_fields=["last_started"])
    return True
