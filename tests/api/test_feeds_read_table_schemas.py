"""The feeds read each table's Table Schema from the datastore itself: a file loaded into a
table gives the Data Package its schema (and frictionless validates the package, data and
all), schema.org its variableMeasured, and DCAT its conformsTo."""

import json
import re

import pytest
import requests
from factories import complete_dataset
from frictionless import Package, system

from townsquare.api.tables import schemas_by_resource, table_schemas_for
from townsquare.datastore import api as datastore


def _loaded(world):
    dataset = complete_dataset(world.payments)
    resource = dataset.resources.first()
    job = datastore.ingest_version(resource.current_version)
    assert job.status == "succeeded", job.error
    return dataset, resource


def test_table_schemas_come_from_the_datastore(world):
    dataset, resource = _loaded(world)
    [table] = table_schemas_for(dataset)
    assert table["resource"] == str(resource.uuid)
    assert table["table"] == "charges"
    assert [f["name"] for f in table["schema"]["fields"]] == ["car_park", "month", "amount"]
    assert schemas_by_resource(dataset) == {str(resource.uuid): table["schema"]}


def test_a_dataset_without_tables_has_no_schemas(world):
    assert table_schemas_for(complete_dataset(world.payments)) == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_data_package_brings_the_loaded_table_schema_and_validates(live_server, world):
    dataset, resource = _loaded(world)
    url = f"{live_server.url}/datasets/{dataset.slug}/datapackage.json"
    descriptor = requests.get(url, timeout=10).json()
    [packaged] = descriptor["resources"]
    assert [f["name"] for f in packaged["schema"]["fields"]] == ["car_park", "month", "amount"]
    assert all(not k.startswith("x-") for f in packaged["schema"]["fields"] for k in f)
    with system.use_context(trusted=True):
        report = Package(descriptor).validate()
    assert report.valid, report.flatten(["type", "note"])


def test_schemaorg_variables_come_from_the_loaded_table(client, world):
    dataset, _ = _loaded(world)
    page = client.get(dataset.get_absolute_url()).content.decode()
    blocks = re.findall(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', page, re.S)
    described = [json.loads(b) for b in blocks if '"Dataset"' in b][0]
    names = [v["name"] for v in described["variableMeasured"]]
    assert names == ["car_park", "month", "amount"]


def test_dcat_says_the_file_conforms_to_table_schema(client, world):
    dataset, _ = _loaded(world)
    turtle = client.get(f"/datasets/{dataset.slug}.ttl").content.decode()
    assert "https://specs.frictionlessdata.io/table-schema/" in turtle
