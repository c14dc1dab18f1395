"""Every route that stores a file checks it by its content first (core.uploads.check_upload):
the site's upload and replace pages, the native API, CKAN's resource_create and
`townsquare import` (tests/datastore/test_import_command.py). Nothing is stored when refused."""

import json
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from factories import dataset, org_units, person, stored_files

from townsquare.accounts import services as accounts
from townsquare.catalogue.models import ResourceVersion

PROGRAM = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64
FAKE_XLSX = b"PK\x03\x04 not really a workbook"


@pytest.fixture
def council(db):
    units = org_units()
    return {
        "publisher": person(
            "Pat Publisher", team=units["payments"], roles=[("publisher", units["finance"])]
        ),  # fmt: skip
        "dataset": dataset(
            "Spend",
            publisher=units["payments"],
            access_level="open",
            status="draft",
            with_file=False,
        ),  # fmt: skip
    }


def _bearer(user) -> Client:
    _, secret = accounts.token_create(user=user, name="t", scope="read-write",
                                      expires=timezone.now() + timedelta(days=1))  # fmt: skip
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


def _nothing_stored():
    assert not ResourceVersion.objects.exists()
    assert stored_files() == []


def test_the_upload_page_says_what_is_wrong(client, council):
    ds = council["dataset"]
    client.force_login(council["publisher"])
    upload = SimpleUploadedFile("spend.csv", PROGRAM)
    response = client.post(f"/datasets/{ds.slug}/files/new/", {"title": "Spend", "file": upload})
    assert response.status_code == 200
    assert "The file is a program, not data. Check the file and upload it again." in (
        response.content.decode()
    )
    _nothing_stored()


def test_the_native_api_refuses_with_a_field_error(council):
    ds = council["dataset"]
    upload = SimpleUploadedFile("spend.xlsx", FAKE_XLSX)
    response = _bearer(council["publisher"]).post(
        f"/api/v1/datasets/{ds.slug}/resources", {"title": "Spend", "file": upload}
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "file", "message": "The file is not a valid XLSX file. Check the file and "
         "upload it again."}
    ]  # fmt: skip
    _nothing_stored()


def test_ckan_resource_create_refuses_with_a_validation_error(council):
    ds = council["dataset"]
    upload = SimpleUploadedFile("spend.json", b"not json at all")
    response = _bearer(council["publisher"]).post(
        "/api/3/action/resource_create", {"package_id": ds.slug, "upload": upload}
    )
    assert response.status_code == 409
    assert response.json()["error"]["upload"] == [
        "The file is not JSON. Check the file and upload it again."
    ]
    _nothing_stored()


def test_a_real_file_still_goes_through(council):
    ds = council["dataset"]
    upload = SimpleUploadedFile("spend.json", json.dumps([{"a": 1}]).encode())
    response = _bearer(council["publisher"]).post(
        f"/api/v1/datasets/{ds.slug}/resources", {"title": "Spend", "file": upload}
    )
    assert response.status_code == 201
