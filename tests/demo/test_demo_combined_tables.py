"""The demo records its Code series' periods directly, beside files still queued for the task
worker; once the worker has loaded them, each series has its combined table, `all_periods`."""

from datetime import date

import pytest
from django.conf import settings
from django.db import transaction
from django.test import TestCase, override_settings

from townsquare.datastore import api as datastore
from townsquare.demo.loader import load_demo
from townsquare.transparency.models import Series
from townsquare.transparency.series_services import COMBINED_TABLE, published_periods

TODAY = date(2026, 11, 27)  # the 2025/26 files are published periods on this day


@pytest.fixture(scope="module")
def demo_with_worker(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo loaded and committed as `townsquare demo` does, then its queued tasks run in
    the order one worker runs them (the immediate backend runs each as it is queued, and the
    commit queues the files' loads before the combined tables' task). Rolled back afterwards."""
    storage = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path_factory.mktemp("demo-files")},
        },
    }
    immediate = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    with (
        django_db_blocker.unblock(),
        override_settings(STORAGES=storage, TASKS=immediate),
        transaction.atomic(),
    ):
        with TestCase.captureOnCommitCallbacks(execute=True):
            counts = load_demo(TODAY)
        yield counts
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_each_demo_series_has_its_combined_table_once_its_files_are_loaded(demo_with_worker):
    series = Series.objects.select_related("dataset").order_by("code_dataset")
    assert [s.code_dataset for s in series] == ["contracts", "land", "public-toilets", "spend"]
    for one in series:
        parts = [datastore.table_for_resource(p.resource)
                 for p in published_periods(one).filter(resource__isnull=False)]  # fmt: skip
        assert parts and all(parts), one.code_dataset
        combined = datastore.table_get(one.dataset, COMBINED_TABLE)
        assert combined is not None, one.code_dataset
        assert combined.row_count == sum(t.row_count for t in parts), one.code_dataset
    spend = datastore.table_get(Series.objects.get(code_dataset="spend").dataset, COMBINED_TABLE)
    assert [f["name"] for f in spend.fields][0] == "period"
