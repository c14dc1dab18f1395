"""The API's own documentation: a GOV.UK page built from the OpenAPI document, the Swagger UI
served from local static files under the Content Security Policy, and the OpenAPI document."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

pytestmark = pytest.mark.django_db


def test_the_reference_page_lists_every_operation_and_problem(world):
    html = Client().get("/api/").content.decode()
    assert "/api/v1/datasets/{slug}" in html and "Find datasets" in html
    assert 'id="problem-not-found"' in html and "package_search" in html


def test_problem_types_link_to_the_reference_page(world):
    body = Client().get("/api/v1/datasets/no-such-thing").json()
    assert body["type"] == "/api/#problem-not-found"


def test_swagger_ui_loads_only_local_files_and_no_inline_script(world):
    response = Client().get("/api/v1/docs")
    html = response.content.decode()
    assert (
        response.status_code == 200 and "default-src 'self'" in response["Content-Security-Policy"]
    )
    assert "cdn" not in html.lower() and "<script>" not in html
    for src in re.findall(r'(?:src|href)="/static/([^"]+)"', html):
        assert finders.find(src), src


def test_the_openapi_document(world):
    schema = Client().get("/api/v1/openapi.json").json()
    assert schema["info"]["title"] == "Townsquare API"
    assert "/api/v1/datasets" in schema["paths"]
