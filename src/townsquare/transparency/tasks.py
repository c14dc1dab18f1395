"""Background work for Code series: combined tables rebuilt once their files are loaded."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django_tasks import task

RETRY_AFTER = timedelta(seconds=5)
ATTEMPTS = 120  # ten minutes of waiting; then the table is built from what has loaded


@task()
def combined_tables_task(series_pks: list[int], attempt: int = 1) -> str:
    """Rebuild each series' combined table (`series_services.combined_table_rebuild`) once none
    of its published periods' files is still waiting to load; the series still waiting are
    tried again shortly, so a worker running tasks side by side never builds one too early."""
    from .models import Series
    from .series_services import combined_table_rebuild, files_loading

    waiting = []
    for series in Series.objects.filter(pk__in=series_pks).select_related("dataset"):
        if attempt < ATTEMPTS and files_loading(series):
            waiting.append(series.pk)
        else:
            combined_table_rebuild(series=series)
    if waiting:
        later = combined_tables_task.using(run_after=timezone.now() + RETRY_AFTER)
        later.enqueue(waiting, attempt + 1)
    return f"rebuilt {len(series_pks) - len(waiting)}, waiting for {len(waiting)}"
