"""/datasets/<slug>/datapackage.json is a Frictionless Data Package that `frictionless`
validates, data and all (fetched from a live server): every file with its absolute download
URL, format, media type, size and SHA-256, and each table's Table Schema. Others' datasets
are not found, as their pages are."""

import pytest
import requests
from factories import complete_dataset
from frictionless import Package, system

VISIBLE = {
    "anonymous": {"open"},
    "staff": {"open", "internal"},
    "grantee": {"open", "internal", "restricted"},
    "publisher": {"open", "internal", "restricted", "draft"},
}


def _validate(descriptor: dict):
    with system.use_context(trusted=True):
        return Package(descriptor).validate()


LIVE = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@LIVE
def test_frictionless_validates_the_package_and_its_data(live_server, world):
    dataset = complete_dataset(world.payments)
    url = f"{live_server.url}/datasets/{dataset.slug}/datapackage.json"
    descriptor = requests.get(url, timeout=10).json()
    [resource] = descriptor["resources"]  # links to other sites are left out
    assert resource["path"].startswith(f"{live_server.url}/datasets/{dataset.slug}/files/")
    assert resource["format"] == "csv"
    assert resource["mediatype"] == "text/csv"
    assert resource["bytes"] == 50
    assert resource["hash"].startswith("sha256:")
    report = _validate(descriptor)
    assert report.valid, report.flatten(["type", "note"])


@LIVE
def test_frictionless_notices_a_wrong_hash(live_server, world):
    dataset = complete_dataset(world.payments)
    url = f"{live_server.url}/datasets/{dataset.slug}/datapackage.json"
    descriptor = requests.get(url, timeout=10).json()
    descriptor["resources"][0]["hash"] = "sha256:" + "0" * 64
    assert not _validate(descriptor).valid


@LIVE
def test_each_table_brings_its_table_schema(live_server, world, monkeypatch):
    dataset = complete_dataset(world.payments)
    resource = dataset.resources.first()
    schema = {"fields": [{"name": "car_park", "type": "string"},
                         {"name": "month", "type": "yearmonth"},
                         {"name": "amount", "type": "number"}]}  # fmt: skip
    monkeypatch.setattr(
        "townsquare.api.datapackage.schemas_by_resource",
        lambda ds, **_: {str(resource.uuid): schema},
    )
    url = f"{live_server.url}/datasets/{dataset.slug}/datapackage.json"
    descriptor = requests.get(url, timeout=10).json()
    assert descriptor["resources"][0]["schema"] == schema
    report = _validate(descriptor)
    assert report.valid, report.flatten(["type", "note"])


@pytest.mark.parametrize("who", VISIBLE)
def test_packages_follow_the_access_policy(client, world, who):
    if world.people[who] is not None:
        client.force_login(world.people[who])
    for kind, dataset in world.datasets.items():
        response = client.get(f"/datasets/{dataset.slug}/datapackage.json")
        assert response.status_code == (200 if kind in VISIBLE[who] else 404), kind
        if kind not in VISIBLE[who]:
            assert dataset.title not in response.content.decode()


def test_a_dataset_with_no_files_has_no_package(client, world):
    from factories import dataset

    linked = dataset("Links only", publisher=world.payments, access_level="open", with_file=False)
    assert client.get(f"/datasets/{linked.slug}/datapackage.json").status_code == 404
