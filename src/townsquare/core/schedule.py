"""Tasks that run on a timer. `townsquare serve` enqueues each of these every
TOWNSQUARE_SCHEDULE_SECONDS; the task worker it starts runs them. Apps add theirs here."""

from __future__ import annotations

from django.utils.module_loading import import_string

PERIODIC_TASKS = [
    "townsquare.governance.tasks.expire_grants",
    "townsquare.search.tasks.catch_up",  # the tantivy index's outbox
]


def enqueue_periodic() -> int:
    """Put each periodic task on the queue once; the number enqueued."""
    for path in PERIODIC_TASKS:
        import_string(path).enqueue()
    return len(PERIODIC_TASKS)
