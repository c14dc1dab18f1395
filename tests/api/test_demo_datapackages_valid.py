"""Every open demo dataset's Data Package passes `frictionless` validation, data included: the
files are read from storage in place of their download URLs (the same bytes the URL serves)."""

from pathlib import Path

from django.conf import settings
from frictionless import Package, system

from townsquare.api.datapackage import package_for
from townsquare.api.dcat import Site
from townsquare.api.selectors import public_datasets
from townsquare.demo.loader import load_demo


def test_every_open_demo_dataset_package_is_valid(db):
    load_demo()  # inside this test's transaction, so nothing outlives it
    storage = Path(settings.STORAGES["default"]["OPTIONS"]["location"])
    site = Site(base="https://data.eastmere.example")
    checked = 0
    for dataset in public_datasets():
        descriptor = package_for(dataset, site)
        if descriptor is None:
            continue
        files = [r for r in dataset.resources.all() if r.kind == "file" and r.current_version]
        for described, resource in zip(descriptor["resources"], files, strict=True):
            assert described["path"].startswith(site.base)
            described["path"] = str(storage / resource.current_version.file.name)
        with system.use_context(trusted=True):
            report = Package(descriptor).validate()
        assert report.valid, (dataset.slug, report.flatten(["resourceName", "type", "note"]))
        checked += 1
    assert checked >= 5
