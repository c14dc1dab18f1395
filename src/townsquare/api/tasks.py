"""Background work for the open-standards side: harvests run as django-tasks tasks."""

from __future__ import annotations

from dataclasses import asdict

from django_tasks import task

from .harvest import harvest
from .models import HarvestSource


@task()
def harvest_source(source_id: int) -> dict:
    """Harvest one source; the summary (created, updated, unchanged, failed) is the result."""
    return asdict(harvest(HarvestSource.objects.get(pk=source_id)))
