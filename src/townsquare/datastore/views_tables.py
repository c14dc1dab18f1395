"""Table pages: the rows with sorting, filters and pages (no JavaScript needed), the JSON rows
endpoint, downloads, charts, maps and the SQL page. Each view checks access through
core.access (404 for anyone who may not see the dataset), asks the query engine, renders, and
records reads of data that is not open to everyone in the audit log."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render

from townsquare.catalogue.models import AccessLevel
from townsquare.core import access
from townsquare.core.audit import Action, audit_record

from . import api, charts, exports, maps, params, query
from .forms_query import AddFilterForm, ChartForm, SearchForm, SqlForm
from .query import QueryError, QuerySpec

PAGE_SIZE = 50


def _table(request: HttpRequest, slug: str, name: str, action: access.Action = "view"):
    dataset = access.dataset_for_user(request.user, slug, action)
    # Narrowed to the columns this person may see: every query below knows only those.
    table = api.table_get(dataset, name, reader=request.user)
    if table is None:
        raise Http404("No such table")
    return dataset, table


def _source(table) -> query.Source:
    return api.source(table)


def _is_open(dataset) -> bool:
    return dataset.access_level == AccessLevel.OPEN and dataset.is_published


def _audit(request: HttpRequest, dataset, action: str, table, **details) -> None:
    """Record every read of data that is not open to everyone: what was asked, by whom."""
    if not _is_open(dataset):
        query_string = request.GET.urlencode()[:1000]
        audit_record(
            actor=request.user,
            action=action,
            obj=dataset,
            request=request,
            details={"table": table.name, "query": query_string, **details},
        )


class _LazyRows:
    """Rows for Django's Paginator: counted once, and only the page asked for is read."""

    def __init__(self, source: query.Source, spec: QuerySpec):
        self.source, self.spec = source, spec

    def count(self) -> int:
        return query.count(self.source, self.spec)

    def __getitem__(self, window: slice) -> list[tuple]:
        size = window.stop - window.start
        if size <= 0:
            return []
        spec = replace(self.spec, offset=window.start, limit=size, cursor="")
        return query.rows(self.source, spec).rows


def table_detail(request: HttpRequest, slug: str, name: str) -> HttpResponse:
    dataset, table = _table(request, slug, name)
    target = params.add_filter_query(request.GET)
    if target is not None:
        return redirect(f"{request.path}?{target}")
    source = _source(table)
    filter_form = AddFilterForm(request.GET, columns=source.columns)
    context: dict[str, Any] = {"dataset": dataset, "table": table, "form": filter_form}
    try:
        spec = params.spec_from_params(request.GET, default_size=PAGE_SIZE)
        context.update(_table_page(request, source, spec))
    except QueryError as error:
        filter_form.is_valid()
        filter_form.add_error(None, str(error))
        context.update(columns=source.columns, page_obj=None, active_filters=[])
    context.update(
        search_form=SearchForm(request.GET),
        hidden_for_search=_hidden(request.GET, {"_search", "page"}),
        hidden_for_filter=_hidden(request.GET, {"page"}),
        show_map=bool(maps.locator(source.columns)),
    )
    _audit(request, dataset, Action.VIEW, table)
    status = 400 if filter_form.errors else 200
    return render(request, "datastore/table_detail.html", context, status=status)


def _table_page(request: HttpRequest, source: query.Source, spec: QuerySpec) -> dict[str, Any]:
    columns = [source.column(n) for n in spec.columns] or source.columns
    paginator = Paginator(_LazyRows(source, spec), spec.limit)
    page = paginator.get_page(request.GET.get("page"))
    sorted_by = {s.column: s.descending for s in spec.sort}
    headers = [
        {
            "column": c,
            "sorted": c.name in sorted_by,
            "descending": sorted_by.get(c.name, False),
            "next_sort": f"-{c.name}" if sorted_by.get(c.name) is False else c.name,
        }
        for c in columns
    ]
    titles = {c.name: c.title for c in source.columns}
    active = [
        {
            "text": params.describe(f, titles.get(f.column, f.column)),
            "remove": params.without(request.GET, {params.filter_key(f), "page"}.__contains__),
        }
        for f in spec.filters
    ]
    return {
        "columns": columns,
        "headers": headers,
        "page_obj": page,
        "total": paginator.count,
        "active_filters": active,
        "filtered": bool(spec.filters or spec.search),
        "download_query": params.without(request.GET, {"page", "_size"}.__contains__).urlencode(),
    }


def _hidden(query_dict, drop: set[str]) -> list[tuple[str, str]]:
    """The current parameters as hidden form fields, so a form keeps the other choices."""
    return [
        (key, value)
        for key in query_dict
        if key not in drop and not key.startswith(params.FORM_PREFIX)
        for value in query_dict.getlist(key)
    ]


def table_rows_json(request: HttpRequest, slug: str, name: str) -> JsonResponse:
    """Rows (or facets, or grouped figures) as JSON, with the table page's parameters."""
    dataset, table = _table(request, slug, name)
    source = _source(table)
    try:
        body = _json_body(request, source)
    except QueryError as error:
        return JsonResponse({"ok": False, "error": str(error)}, status=400)
    _audit(request, dataset, Action.VIEW, table)
    response = JsonResponse(body, encoder=_Encoder, json_dumps_params={"ensure_ascii": False})
    if not _is_open(dataset):
        response["Cache-Control"] = "private, no-store"
    return response


def _json_body(request: HttpRequest, source: query.Source) -> dict[str, Any]:
    rows_wanted = request.GET.get("_size") != "0"  # `_size=0`: facets or figures only
    given = request.GET if rows_wanted else params.without(request.GET, {"_size"}.__contains__)
    spec = params.spec_from_params(given)
    body: dict[str, Any] = {"ok": True}
    facet_columns = request.GET.getlist("_facet")
    if facet_columns:
        body["facets"] = {
            f.column.name: {
                "values": [{"value": v, "count": n} for v, n in f.values],
                "truncated": f.truncated,
            }
            for f in query.facets(source, facet_columns, spec)
        }
    measures = params.measures_from_params(request.GET)
    if measures or request.GET.getlist("_group"):
        result = query.aggregate(
            source, request.GET.getlist("_group"), measures or [query.Measure("count")], spec
        )
        body["columns"] = result.columns
        body["rows"] = [dict(zip(result.columns, r, strict=True)) for r in result.rows]
    elif rows_wanted:
        page = query.rows(source, spec)
        body["columns"] = [c.name for c in page.columns]
        body["rows"] = page.dicts()
        body["next"] = _next_url(request, page.next_cursor)
    if request.GET.get("_count") in ("1", "true"):
        body["total"] = query.count(source, spec)
    return body


def _next_url(request: HttpRequest, cursor: str | None) -> str | None:
    if cursor is None:
        return None
    following = params.without(request.GET, {"_next", "_offset"}.__contains__)
    following["_next"] = cursor
    return request.build_absolute_uri(f"{request.path}?{following.urlencode()}")


class _Encoder(json.JSONEncoder):
    """ISO 8601 dates; decimals as JSON numbers."""

    def default(self, o):
        if isinstance(o, datetime | date | time):
            return o.isoformat()
        if isinstance(o, Decimal):
            return int(o) if o == o.to_integral_value() else float(o)
        if isinstance(o, bytes):
            return o.decode("utf-8", errors="replace")
        return super().default(o)


def table_download(request: HttpRequest, slug: str, name: str, fmt: str) -> HttpResponse:
    dataset, table = _table(request, slug, name, "download")
    source = _source(table)
    try:
        spec = params.spec_from_params(request.GET)
        raw = request.GET.get("raw") in ("1", "true", "yes")
        result = exports.export(source, spec, fmt, raw=raw)
    except QueryError as error:
        return HttpResponse(str(error), status=400, content_type="text/plain; charset=utf-8")
    _audit(request, dataset, Action.DOWNLOAD, table, format=fmt)
    filtered = "-filtered" if spec.filters or spec.search else ""
    response = FileResponse(
        result.file, as_attachment=True, filename=f"{table.name}{filtered}.{result.extension}"
    )
    charset = "; charset=utf-8" if fmt in ("csv", "json") else ""
    response["Content-Type"] = f"{result.media_type}{charset}"
    if not _is_open(dataset):
        response["Cache-Control"] = "private, no-store"
    return response


def dataset_sql(request: HttpRequest, slug: str) -> HttpResponse:
    """Read-only SQL over the dataset's tables: a GET form, so a query's results can be linked."""
    dataset = access.dataset_for_user(request.user, slug)
    tables = api.tables_for_dataset(dataset, reader=request.user)
    form = SqlForm(request.GET if "sql" in request.GET else None)
    result = None
    if form.is_valid():
        text = form.cleaned_data["sql"]  # read first: a refused query's error removes it
        try:
            result = api.run_sql(text, {t.name: t for t in tables})
        except QueryError as error:
            form.add_error("sql", str(error))
        if not _is_open(dataset):
            audit_record(
                actor=request.user,
                action=Action.VIEW,
                obj=dataset,
                request=request,
                details={"sql": text[:2000]},
            )
    return render(
        request,
        "datastore/dataset_sql.html",
        {"dataset": dataset, "tables": tables, "form": form, "result": result},
        status=400 if form.errors else 200,
    )


def table_chart(request: HttpRequest, slug: str, name: str) -> HttpResponse:
    """A chart the person builds by choosing columns in a GET form; drawn by Vega-Lite, with
    the same figures in a table for anyone without JavaScript or a screen."""
    dataset, table = _table(request, slug, name)
    source = _source(table)
    form = ChartForm(request.GET if "x" in request.GET else None, columns=source.columns)
    context: dict[str, Any] = {"dataset": dataset, "table": table, "form": form}
    if form.is_valid():
        try:
            context.update(_chart(request, source, form.cleaned_data))
        except QueryError as error:
            form.add_error(None, str(error))
    context.update(
        hidden_for_chart=_hidden(request.GET, {"kind", "x", "y", "aggregate", "page"}),
        importmap=charts.importmap(),
        show_map=bool(maps.locator(source.columns)),
    )
    _audit(request, dataset, Action.VIEW, table)
    response = render(
        request, "datastore/table_chart.html", context, status=400 if form.errors else 200
    )
    return charts.allow_inline_script(response, context["importmap"])


def _chart(request: HttpRequest, source: query.Source, data: dict) -> dict[str, Any]:
    spec = params.spec_from_params(
        params.without(request.GET, {"kind", "x", "y", "aggregate"}.__contains__)
    )
    x = source.column(data["x"])
    y = source.column(data["y"]) if data["y"] else None
    measure = query.Measure(data["aggregate"], y.name) if y else query.Measure("count")
    result = query.aggregate(source, [x.name], [measure], spec, limit=charts.MAX_GROUPS)
    return {
        "spec": charts.chart_spec(result, kind=data["kind"], x=x, y=y, aggregate=measure.function),
        "result": result,
        "x": x,
        "y_title": charts.AGGREGATE_WORDS[measure.function] + (f" of {y.title}" if y else ""),
        "truncated": len(result.rows) >= charts.MAX_GROUPS,
    }


def table_map(request: HttpRequest, slug: str, name: str) -> HttpResponse:
    """The matching rows on a Leaflet map, and as a list of places for anyone the map does not
    serve (no JavaScript, no tiles, a screen reader)."""
    dataset, table = _table(request, slug, name)
    source = _source(table)
    where = maps.locator(source.columns)
    if where is None:
        raise Http404("This table has no locations to map")
    context: dict[str, Any] = {"dataset": dataset, "table": table, "show_map": True}
    try:
        spec = params.spec_from_params(request.GET)
        collection, truncated = maps.features(source, where, spec)
        context.update(
            features=collection,
            truncated=truncated,
            places=_places(collection),
            where=where,
        )
    except QueryError as error:
        context["error"] = str(error)
    context.update(tile_url=settings.MAP_TILE_URL, tile_attribution=settings.MAP_TILE_ATTRIBUTION)
    _audit(request, dataset, Action.VIEW, table)
    response = render(
        request, "datastore/table_map.html", context, status=400 if "error" in context else 200
    )
    origin = _origin(settings.MAP_TILE_URL)
    if origin:  # the tiles' origin, on this page only
        response._csp_update = {"img-src": [origin]}
    return response


def _places(collection: dict) -> list[dict[str, Any]]:
    """The first hundred features as rows of a table: label and where."""
    places = []
    for feature in collection["features"][:100]:
        geometry = feature["geometry"]
        point = geometry["coordinates"] if geometry.get("type") == "Point" else None
        places.append(
            {
                "label": feature["properties"]["label"],
                "latitude": point[1] if point else None,
                "longitude": point[0] if point else None,
                "kind": geometry.get("type", ""),
            }
        )
    return places


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") else ""
