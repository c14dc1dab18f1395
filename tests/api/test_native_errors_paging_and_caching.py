"""The native API's manners: problem+json errors that say what to do, paging links in the body
and the Link header, and conditional GETs answered with 304."""

from datetime import timedelta

import pytest
from api_support import client_for, token_for
from django.test import Client
from django.utils import timezone

from townsquare.accounts import services as accounts

pytestmark = pytest.mark.django_db


def test_invalid_input_is_a_problem_with_field_errors(world):
    response = Client().get("/api/v1/datasets?page=0&sort=shuffled")
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert {e["field"] for e in body["errors"]} == {"page", "sort"}
    assert body["title"] and body["detail"].startswith("Correct the input")


def test_paging_links_in_the_body_and_the_link_header(world):
    client = client_for(world, "admin")
    first = client.get("/api/v1/datasets?page_size=3&q=zebra")
    body = first.json()
    assert body["count"] == 4 and len(body["results"]) == 3 and body["previous"] is None
    assert 'rel="next"' in first["Link"] and "page=2" in body["next"]
    second = client.get(body["next"]).json()
    assert len(second["results"]) == 1 and second["next"] is None
    assert {d["slug"] for d in body["results"] + second["results"]} == {
        d.slug for d in world.datasets.values()
    }


def test_conditional_get_answers_304_until_the_dataset_changes(world):
    client = Client()
    url = f"/api/v1/datasets/{world.datasets['open'].slug}"
    first = client.get(url)
    etag, modified = first["ETag"], first["Last-Modified"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    world.datasets["open"].title = "Zebra open ledger, revised"
    world.datasets["open"].save()
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_an_unknown_expired_or_revoked_token_is_refused(world):
    staff = world.people["staff"]
    expired = token_for(staff, days=-1)
    token, revoked = accounts.token_create(
        user=staff, name="old", scope="read", expires=timezone.now() + timedelta(days=1)
    )
    accounts.token_revoke(token=token, actor=staff)
    for secret in ("ts_nonsense", expired, revoked):
        response = Client(HTTP_AUTHORIZATION=f"Bearer {secret}").get("/api/v1/datasets")
        assert response.status_code == 401
        assert "/people/me/tokens/" in response.json()["detail"]


def test_a_token_acts_as_its_user_and_records_its_use(world):
    secret = token_for(world.people["grantee"], scope="read")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert client.get(f"/api/v1/datasets/{world.datasets['restricted'].slug}").status_code == 200
    assert world.people["grantee"].api_tokens.get().last_used is not None


def test_people_are_for_staff_only(world):
    assert Client().get("/api/v1/people").status_code == 401
    body = client_for(world, "staff").get("/api/v1/people").json()
    assert "Pat Publisher" in {p["name"] for p in body["results"]}
    assert "password" not in str(body)


@pytest.mark.parametrize(
    "url",
    ["/api/v1/datasets?q=a%00b", "/api/v1/datasets/a%00b", "/api/3/action/package_search?q=%00"],
)
def test_nul_characters_are_refused_not_a_server_error(world, url):
    # PostgreSQL cannot compare text containing NUL; schemathesis found this.
    response = Client().get(url)
    assert response.status_code == 400 and "NUL" in response.content.decode()
