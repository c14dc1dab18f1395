"""The public schema pages, and templates that download and pass their own schema."""

import json

import pytest
from django.urls import reverse

from townsquare.transparency import schemas
from townsquare.transparency.validation import validate_period


def test_the_list_links_every_schema(client, db):
    response = client.get(reverse("transparency:schema_list"))
    assert response.status_code == 200
    for key in schemas.keys():  # noqa: SIM118 - a module function
        assert reverse("transparency:schema_detail", kwargs={"key": key}) in response.text


def test_a_schema_page_lists_fields_with_types_and_sources(client, db):
    response = client.get(reverse("transparency:schema_detail", kwargs={"key": "spend"}))
    assert response.status_code == 200
    text = response.text
    assert "<code>BeneficiaryName</code>" in text and "Supplier (beneficiary) name" in text
    assert "Amount (e.g. 1234.50" in text and "LGA schema (Spend)" in text
    assert reverse("transparency:schema_template_xlsx", kwargs={"key": "spend"}) in text


def test_an_unknown_schema_is_not_found(client, db):
    assert client.get("/transparency/schemas/nope/").status_code == 404
    assert client.get("/transparency/schemas/nope/template.csv").status_code == 404


def test_the_schema_json_downloads(client, db):
    response = client.get(reverse("transparency:schema_json", kwargs={"key": "land"}))
    assert response.status_code == 200
    assert json.loads(response.content)["name"] == "land"


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
@pytest.mark.parametrize("key", schemas.keys())
def test_each_template_downloads_and_passes_its_own_schema(client, db, tmp_path, key, kind):
    response = client.get(reverse(f"transparency:schema_template_{kind}", kwargs={"key": key}))
    assert response.status_code == 200
    assert f'filename="{key}-template.{kind}"' in response["Content-Disposition"]
    path = tmp_path / f"template.{kind}"
    path.write_bytes(response.content)
    report = validate_period(path, key, start=None, end=None)
    assert report.ok, report.as_dict()["errors"]
    assert report.rows == 1
    assert [w.code for w in report.warnings if w.code != "period-guessed"] == []
