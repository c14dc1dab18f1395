"""CKAN's write actions and error envelopes, through Django's test client: the same URL and
body a CKAN client sends."""

import json

import pytest
from api_support import client_for
from django.test import Client

from townsquare.catalogue.models import Dataset

pytestmark = pytest.mark.django_db


def _post(client, name, data=None, **extra):
    return client.post(
        f"/api/3/action/{name}", json.dumps(data or {}), content_type="application/json", **extra
    )


def test_errors_use_ckans_envelope_and_status_codes(world):
    client = Client()
    missing = client.get("/api/3/action/package_show?id=no-such-dataset")
    assert missing.status_code == 404
    assert missing.json()["error"]["__type"] == "Not Found Error"
    assert missing.json()["success"] is False and "help" in missing.json()
    unknown = client.get("/api/3/action/package_frobnicate")
    assert unknown.status_code == 400
    helped = client.get(missing.json()["help"].replace("package_show", "package_patch"))
    assert "only the fields sent" in helped.json()["result"]
    bad = client.get("/api/3/action/package_search?rows=many")
    assert bad.status_code == 409 and bad.json()["error"]["rows"]
    refused = _post(client, "package_create", {"name": "x", "owner_org": "payments"})
    assert refused.status_code == 403
    assert refused.json()["error"]["__type"] == "Authorization Error"


def test_validation_errors_name_ckans_fields(world):
    client = client_for(world, "publisher")
    response = _post(client, "package_create",
                     {"name": "bad", "title": "Bad", "owner_org": "payments",
                      "license_id": "no-such-licence"})  # fmt: skip
    assert response.status_code == 409
    assert response.json()["error"]["__type"] == "Validation Error"
    assert "license_id" in response.json()["error"]


def test_patch_update_and_delete(world):
    client = client_for(world, "publisher")
    ds = world.datasets["internal"]
    patched = _post(client, "package_patch", {"id": ds.slug, "notes": "New notes",
                                               "extras": [{"key": "spatial_coverage", "value": "Eastmere"}]})  # fmt: skip
    result = patched.json()["result"]
    assert result["notes"] == "New notes" and result["title"] == ds.title
    assert {"key": "spatial_coverage", "value": "Eastmere"} in result["extras"]
    assert result["private"] is True
    updated = _post(client, "package_update", {"id": ds.slug, "title": "Renamed", "private": False})
    result = updated.json()["result"]
    assert result["title"] == "Renamed" and result["notes"] == "" and result["private"] is False
    assert _post(client, "package_delete", {"id": ds.slug}).json()["success"] is True
    assert not Dataset.objects.filter(pk=ds.pk).exists()


def test_resource_patch_changes_a_link(world):
    client = client_for(world, "publisher")
    ds = world.datasets["open"]
    link = _post(client, "resource_create",
                 {"package_id": ds.slug, "url": "https://example.org/a.csv", "name": "A"})  # fmt: skip
    resource_id = link.json()["result"]["id"]
    patched = _post(client, "resource_patch", {"id": resource_id, "name": "B", "format": "CSV"})
    assert patched.json()["result"]["name"] == "B"
    shown = Client().get(f"/api/3/action/resource_show?id={resource_id}").json()["result"]
    assert shown["name"] == "B" and shown["url"] == "https://example.org/a.csv"


def test_a_publisher_elsewhere_cannot_change_and_others_cannot_see(world):
    other = client_for(world, "other_publisher")
    visible = _post(other, "package_patch", {"id": world.datasets["internal"].slug, "notes": "x"})
    assert visible.status_code == 403
    hidden = _post(other, "package_patch", {"id": world.datasets["restricted"].slug, "notes": "x"})
    assert hidden.status_code == 404
    assert world.datasets["restricted"].title not in hidden.content.decode()


def test_a_browser_session_needs_csrf_to_write(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.people["publisher"])
    ds = world.datasets["open"]
    refused = _post(client, "package_patch", {"id": ds.slug, "notes": "From a page elsewhere"})
    assert refused.status_code == 403 and "CSRF" in refused.json()["error"]["message"]
    # Reads need no CSRF token, even by POST (as ckanapi sends them).
    assert _post(client, "package_show", {"id": ds.slug}).status_code == 200


def test_user_show_is_for_staff_and_shows_public_fields(world):
    assert Client().get("/api/3/action/user_show?id=pat-publisher").status_code == 403
    result = (
        client_for(world, "staff", "read")
        .get("/api/3/action/user_show?id=pat-publisher")
        .json()["result"]
    )
    assert result["fullname"] == "Pat Publisher"
    assert "email" not in result and "password" not in json.dumps(result)


def test_tags_and_counts_leave_out_what_the_caller_cannot_see(world):
    world.datasets["restricted"].keywords.create(name="secret-topic")
    anonymous = Client().get("/api/3/action/tag_list").json()["result"]
    assert "secret-topic" not in anonymous
    granted = client_for(world, "grantee", "read").get("/api/3/action/tag_list").json()["result"]
    assert "secret-topic" in granted
    orgs = Client().get("/api/3/action/organization_list?all_fields=true").json()["result"]
    assert {o["name"]: o["package_count"] for o in orgs}["payments"] == 1
