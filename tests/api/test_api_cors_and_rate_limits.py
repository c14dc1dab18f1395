"""Any site may read the APIs from a browser, none may write; callers over the rate limit get
429 with Retry-After, counted per token or per address."""

import pytest
from api_support import token_for
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/api/v1/datasets", "/api/3/action/package_list"])
def test_reads_carry_cors_headers(world, url):
    response = Client().get(url, HTTP_ORIGIN="https://elsewhere.example")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]


def test_preflight_allows_reads_and_not_writes(world):
    client = Client()
    read = client.options("/api/v1/datasets", HTTP_ORIGIN="https://elsewhere.example",
                          HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
                          HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization")  # fmt: skip
    assert read.status_code == 204 and read["Access-Control-Allow-Origin"] == "*"
    assert "Authorization" in read["Access-Control-Allow-Headers"]
    write = client.options("/api/v1/datasets", HTTP_ORIGIN="https://elsewhere.example",
                           HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST")  # fmt: skip
    assert "Access-Control-Allow-Origin" not in write


def test_head_answers_like_get_without_a_body(world):
    get = Client().get("/api/v1/datasets")
    head = Client().head("/api/v1/datasets")
    assert head.status_code == 200 and head.content == b""
    assert head["Content-Length"] == str(len(get.content))
    assert head["Access-Control-Allow-Origin"] == "*"


def test_pages_outside_the_api_get_no_cors_headers(world):
    assert "Access-Control-Allow-Origin" not in Client().get("/datasets/")


def test_over_the_limit_is_429_with_retry_after(world, settings):
    settings.API_RATE_LIMIT_ANONYMOUS = 3
    client = Client()
    statuses = [client.get("/api/v1/datasets").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = client.get("/api/v1/datasets")
    assert refused["Content-Type"] == "application/problem+json"
    assert 0 < int(refused["Retry-After"]) <= 60
    ckan = client.get("/api/3/action/package_list")
    assert ckan.status_code == 429 and ckan.json()["success"] is False


def test_each_token_has_its_own_allowance(world, settings):
    settings.API_RATE_LIMIT_ANONYMOUS = 1
    settings.API_RATE_LIMIT = 2
    Client().get("/api/v1/datasets")
    assert Client().get("/api/v1/datasets").status_code == 429
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token_for(world.people['staff'], 'read')}")
    assert [client.get("/api/v1/datasets").status_code for _ in range(3)] == [200, 200, 429]
    assert client.get("/api/v1/datasets")["RateLimit-Limit"] == "2"
