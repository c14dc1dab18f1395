"""Every open dataset's page carries a schema.org Dataset in JSON-LD, safely escaped and
allowed by the Content Security Policy; no other dataset's page does."""

import json
import re

import pytest
from factories import complete_dataset

from townsquare.catalogue import services

SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def _jsonld(html: str) -> list[dict]:
    return [json.loads(block) for block in SCRIPT.findall(html)]


def test_an_open_dataset_page_describes_the_dataset(client, world):
    dataset = complete_dataset(world.payments)
    response = client.get(dataset.get_absolute_url())
    [described] = _jsonld(response.content.decode())
    assert described["@type"] == "Dataset"
    assert described["name"] == dataset.title
    assert described["url"] == f"http://testserver{dataset.get_absolute_url()}"
    assert described["identifier"] == str(dataset.uuid)
    assert set(described["keywords"]) == {"parking", "car parks"}
    assert described["license"].startswith("https://www.nationalarchives.gov.uk/")
    assert described["creator"] == described["publisher"]
    assert described["publisher"]["@type"] == "Organization"
    assert described["publisher"]["name"] == "Payments"
    assert described["temporalCoverage"] == "2024-04-01/2025-03-31"
    assert described["spatialCoverage"]["name"] == "Eastmere Borough"
    assert described["isAccessibleForFree"] is True
    assert described["dateModified"]
    file, link = described["distribution"]
    assert file["@type"] == "DataDownload"
    assert file["encodingFormat"] == "text/csv"
    assert file["contentUrl"].startswith(
        "http://testserver/datasets/complete-parking-ledger/files/"
    )
    assert link["contentUrl"] == "https://www.council.example/parking"


def test_the_data_block_cannot_close_its_script_element(client, world):
    dataset = complete_dataset(world.payments)
    hostile = "Parking </script><script>alert(1)</script> & more"
    services.dataset_update(actor=None, dataset=dataset, data={"description": hostile})
    html = client.get(dataset.get_absolute_url()).content.decode()
    [described] = _jsonld(html)
    assert described["description"] == hostile
    assert "<script>alert(1)" not in html


def test_the_content_security_policy_still_holds(client, world):
    response = client.get(world.datasets["open"].get_absolute_url())
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert len(_jsonld(response.content.decode())) == 1


@pytest.mark.parametrize(("kind", "who"), [("internal", "staff"), ("restricted", "grantee"),
                                           ("draft", "publisher")])  # fmt: skip
def test_pages_of_data_that_is_not_open_carry_no_description(client, world, kind, who):
    client.force_login(world.people[who])
    response = client.get(world.datasets[kind].get_absolute_url())
    assert response.status_code == 200
    assert _jsonld(response.content.decode()) == []


def test_variables_come_from_the_table_schema(client, world, monkeypatch):
    dataset = complete_dataset(world.payments)
    resource = dataset.resources.first()
    schema = {"fields": [{"name": "car_park", "title": "Car park", "type": "string"},
                         {"name": "amount", "type": "number"}]}  # fmt: skip
    monkeypatch.setattr(
        "townsquare.api.schemaorg.table_schemas_for",
        lambda ds: [{"resource": str(resource.uuid), "schema": schema}],
    )
    [described] = _jsonld(client.get(dataset.get_absolute_url()).content.decode())
    assert described["variableMeasured"] == [
        {"@type": "PropertyValue", "name": "car_park", "description": "Car park"},
        {"@type": "PropertyValue", "name": "amount"},
    ]
