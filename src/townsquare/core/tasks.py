"""Scheduled work that belongs to no single app (django-tasks, run by `townsquare serve`)."""

from __future__ import annotations

from django.conf import settings
from django_tasks import task

from .schedule import due_daily


@task()
def rebuild_search_nightly() -> str:
    """Rebuild the search index once a night, as `townsquare search rebuild` does: it picks
    up anything an index update missed. Enqueued every minute; does its work once a day."""
    if not due_daily("search-rebuild", hour=settings.SEARCH_REBUILD_HOUR):
        return "not due"
    from townsquare.search import api as search

    counts = search.rebuild()
    return ", ".join(f"{n} {kind}" for kind, n in counts.items()) or "nothing"
