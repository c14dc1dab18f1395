"""Publishing through the native API: create, change, publish, upload, link, replace, delete;
only with a read-write token (or a browser session with its CSRF token), only for publishers."""

import json

import pytest
from api_support import client_for
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

pytestmark = pytest.mark.django_db


def _json(client, method, url, data):
    return getattr(client, method)(url, json.dumps(data), content_type="application/json")


def test_a_publisher_creates_and_submits_a_steward_publishes_and_it_is_deleted(world):
    client = client_for(world, "publisher")
    created = _json(client, "post", "/api/v1/datasets",
                    {"title": "Bus stops", "publisher": "payments", "keywords": ["Transport"]})  # fmt: skip
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["status"] == "draft" and body["keywords"] == ["transport"]
    assert created["Location"].endswith("/api/v1/datasets/bus-stops")
    assert Client().get("/api/v1/datasets/bus-stops").status_code == 404
    changed = _json(client, "patch", "/api/v1/datasets/bus-stops", {"summary": "Every stop"})
    assert changed.json()["summary"] == "Every stop" and changed.json()["title"] == "Bus stops"
    assert client.post("/api/v1/datasets/bus-stops/publish").status_code == 403
    assert client.post("/api/v1/datasets/bus-stops/submit").json()["status"] == "review"
    steward = client_for(world, "steward")
    assert steward.post("/api/v1/datasets/bus-stops/publish").json()["status"] == "published"
    assert Client().get("/api/v1/datasets/bus-stops").status_code == 200
    assert client.delete("/api/v1/datasets/bus-stops").status_code == 204
    assert Client().get("/api/v1/datasets/bus-stops").status_code == 404


def test_files_and_links(world):
    client = client_for(world, "publisher")
    slug = world.datasets["open"].slug
    upload = SimpleUploadedFile("wards.csv", b"ward\nNorth\n", content_type="text/csv")
    created = client.post(f"/api/v1/datasets/{slug}/resources", {"title": "Wards", "file": upload})
    assert created.status_code == 201, created.content
    resource = created.json()
    assert resource["format"] == "CSV" and resource["version"] == 1
    again = SimpleUploadedFile("wards.csv", b"ward\nNorth\nSouth\n", content_type="text/csv")
    replaced = client.post(f"/api/v1/datasets/{slug}/resources/{resource['id']}/versions",
                           {"file": again})  # fmt: skip
    assert replaced.json()["version"] == 2
    link = _json(client, "post", f"/api/v1/datasets/{slug}/links",
                 {"title": "Map", "url": "https://maps.example.org/wards"})  # fmt: skip
    assert link.status_code == 201 and link.json()["kind"] == "link"
    listed = client.get(f"/api/v1/datasets/{slug}/resources").json()
    assert {r["title"] for r in listed} >= {"Wards", "Map"}


def test_invalid_input_names_each_field(world):
    client = client_for(world, "publisher")
    response = _json(client, "post", "/api/v1/datasets", {"publisher": "payments",
                                                           "access_level": "secret"})  # fmt: skip
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert {"title", "access_level"} <= fields


@pytest.mark.parametrize(
    ("who", "scope", "status"),
    [("anonymous", None, 401), ("publisher", "read", 403), ("other_publisher", "read-write", 403)],
)
def test_writes_need_a_read_write_token_and_the_publisher_role(world, who, scope, status):
    client = client_for(world, who, scope or "read")
    response = _json(client, "patch", f"/api/v1/datasets/{world.datasets['open'].slug}",
                     {"summary": "Changed"})  # fmt: skip
    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"


def test_a_caller_who_cannot_see_a_dataset_gets_404_on_writes_too(world):
    client = client_for(world, "other_publisher")
    response = client.delete(f"/api/v1/datasets/{world.datasets['restricted'].slug}")
    assert response.status_code == 404
    assert world.datasets["restricted"].title not in response.content.decode()


def test_a_browser_session_needs_its_csrf_token(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.people["publisher"])
    url = f"/api/v1/datasets/{world.datasets['open'].slug}"
    refused = _json(client, "patch", url, {"summary": "Changed"})
    assert refused.status_code == 403 and "CSRF" in refused.json()["detail"]
    client.get("/people/me/tokens/")  # sets the CSRF cookie, as any page does
    token = client.cookies["csrftoken"].value
    allowed = client.patch(url, json.dumps({"summary": "Changed"}),
                           content_type="application/json", HTTP_X_CSRFTOKEN=token)  # fmt: skip
    assert allowed.status_code == 200
