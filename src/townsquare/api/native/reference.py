"""/api/: a GOV.UK page describing both APIs, built from the OpenAPI document, that works
without JavaScript. The interactive Swagger UI at /api/v1/docs is served from django-ninja's
own static files (no CDN) and keeps within the Content Security Policy."""

from __future__ import annotations

from functools import cache

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from townsquare.api.ckan.registry import ACTIONS, WRITES

from .problems import TITLES

METHODS = ("get", "post", "put", "patch", "delete")


@cache
def operations() -> list[dict[str, str]]:
    from .api import api

    schema = api.get_openapi_schema(path_prefix="/api/v1/")
    found = []
    for path, item in schema["paths"].items():
        for method in METHODS:
            if method in item:
                op = item[method]
                found.append({"method": method.upper(), "path": path,
                              "summary": op.get("summary", ""),
                              "description": op.get("description", "")})  # fmt: skip
    return found


def reference(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "api/reference.html",
        {
            "operations": operations(),
            "problems": [
                {"slug": slug, "title": title, "status": status}
                for status, (slug, title) in sorted(TITLES.items())
            ],
            "ckan_reads": sorted(set(ACTIONS) - WRITES),
            "ckan_writes": sorted(WRITES),
        },
    )
