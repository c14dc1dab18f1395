"""The demo as it is once the task worker has loaded its files: each Code series has its
combined table, `all_periods` (the demo records the periods directly, beside files still
queued), and the open datasets whose files publish service contacts stay published."""

from datetime import date

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import TestCase, override_settings

from townsquare.catalogue import services as catalogue
from townsquare.catalogue.models import Dataset
from townsquare.core.models import AuditEvent
from townsquare.datastore import api as datastore
from townsquare.demo import files
from townsquare.demo.loader import load_demo
from townsquare.governance.models import ScanResult
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


@pytest.mark.django_db
def test_the_toilets_and_contracts_files_contacts_withdraw_nothing(demo_with_worker):
    # Their report-a-problem and team contacts are on the scan's list of service contacts.
    toilets = Dataset.objects.get(slug="public-toilets")
    for slug in ("public-toilets", "contracts-over-5000"):
        ds = Dataset.objects.get(slug=slug)
        assert ds.status == Dataset.Status.PUBLISHED, slug
        events = AuditEvent.objects.filter(object_type="catalogue.dataset", object_id=str(ds.pk))
        assert not events.filter(action__in=["unpublish", "override"]).exists(), slug
        for resource in ds.resources.all():  # the file, and its series' combined table
            assert ScanResult.objects.get(version=resource.current_version).findings == []

    # A new upload of the toilets file leaves the dataset published.
    resource = toilets.resources.get(title="Public toilets, April 2026")
    upload = SimpleUploadedFile("eastmere-public-toilets.csv", files.public_toilets_csv())
    catalogue.resource_replace_file(actor=toilets.steward, resource=resource, upload=upload)
    toilets.refresh_from_db()
    assert toilets.status == Dataset.Status.PUBLISHED
