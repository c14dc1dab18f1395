"""Public pages for the bundled schemas: the list, each schema's fields, and downloads of
its templates and JSON. Nothing here reads a dataset, so no access filter applies."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import code, schemas, templates_files


def _schema_or_404(key: str) -> dict:
    if not schemas.exists(key):
        raise Http404("There is no bundled schema with that name.")
    return schemas.load(key)


@require_GET
def schema_list(request: HttpRequest) -> HttpResponse:
    rows = []
    for key in schemas.keys():  # noqa: SIM118 - a module function, not a dict
        s = schemas.load(key)
        dataset = code.BY_KEY.get(key)
        rows.append({
            "key": key, "title": s["title"], "fields": len(s["fields"]),
            "frequency": dataset.frequency if dataset else "annual",
            "required": dataset.required if dataset else True,
            "sources": schemas.source_titles(key),
        })  # fmt: skip
    return render(request, "transparency/schema_list.html", {"schemas": rows})


@require_GET
def schema_detail(request: HttpRequest, key: str) -> HttpResponse:
    schema = _schema_or_404(key)
    fields = [
        {**f, "type_label": templates_files.type_label(f),
         "required": bool((f.get("constraints") or {}).get("required")),
         "column_required": schemas.field_column_required(f),
         "aliases": ", ".join(f.get("x-aliases", []))}
        for f in schema["fields"]
    ]  # fmt: skip
    context = {"schema": schema, "key": key, "fields": fields, "dataset": code.BY_KEY.get(key)}
    return render(request, "transparency/schema_detail.html", context)


def _download(body: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def template_csv(request: HttpRequest, key: str) -> HttpResponse:
    _schema_or_404(key)
    return _download(
        templates_files.template_csv(key), "text/csv; charset=utf-8", f"{key}-template.csv"
    )


@require_GET
def template_xlsx(request: HttpRequest, key: str) -> HttpResponse:
    _schema_or_404(key)
    return _download(
        templates_files.template_xlsx(key), templates_files.XLSX_TYPE, f"{key}-template.xlsx"
    )


@require_GET
def schema_json(request: HttpRequest, key: str) -> HttpResponse:
    _schema_or_404(key)
    response = HttpResponse(schemas.raw_json(key), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{key}.json"'
    return response
