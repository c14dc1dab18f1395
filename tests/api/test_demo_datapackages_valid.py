"""Every open demo dataset's Data Package passes `frictionless` validation, data included: the
files are read from storage in place of their download URLs (the same bytes the URL serves)."""

from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings
from frictionless import Package, system

from townsquare.accounts.models import OrgUnit, User
from townsquare.api.datapackage import package_for
from townsquare.api.dcat import Site
from townsquare.api.selectors import public_datasets
from townsquare.catalogue.models import Dataset
from townsquare.demo.loader import load_demo


def _storage(location) -> dict:
    return {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": location}}}  # fmt: skip


@pytest.fixture(scope="module")
def demo_files(tmp_path_factory):
    return tmp_path_factory.mktemp("demo-packages")


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, demo_files):
    with django_db_blocker.unblock(), override_settings(STORAGES=_storage(demo_files)):
        load_demo()
        yield
        Dataset.objects.all().delete()
        User.objects.all().delete()
        OrgUnit.objects.all().delete()


@pytest.mark.django_db
def test_every_open_demo_dataset_package_is_valid(demo, demo_files):
    site = Site(base="https://data.eastmere.example")
    checked = 0
    for dataset in public_datasets():
        descriptor = package_for(dataset, site)
        if descriptor is None:
            continue
        local = {str(r.uuid): r.current_version for r in dataset.resources.all()}
        for described, resource in zip(descriptor["resources"], _files(dataset), strict=True):
            assert described["path"].startswith(site.base)
            described["path"] = str(Path(demo_files) / local[str(resource.uuid)].file.name)
        with system.use_context(trusted=True):
            report = Package(descriptor).validate()
        assert report.valid, (dataset.slug, report.flatten(["resourceName", "type", "note"]))
        checked += 1
    assert checked >= 5


def _files(dataset):
    return [r for r in dataset.resources.all() if r.kind == "file" and r.current_version]
