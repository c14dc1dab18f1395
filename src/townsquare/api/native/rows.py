"""/api/v1/datasets/{slug}/tables…: a dataset's tables and their rows through the datastore's
query engine (filters, sort, keyset paging, search, facets, aggregates), read-only SQL over
its tables in the datastore's sandbox, and a file's ingest status.

Query parameters are the table page's (`datastore.params`): a filter is `column=value` or
`column__op=value`; `_search`, `_sort`, `_col`, `_size`, `_next`, `_facet`, `_group`, `_agg`
and `_count` shape the answer. Reads of data that is not open are audited as the table pages
audit them, and never cached by shared caches."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Router, Schema
from pydantic import Field

from townsquare.api import lookups
from townsquare.api.jsonutil import dumps, plain
from townsquare.catalogue.models import AccessLevel
from townsquare.core import access
from townsquare.core.audit import Action, audit_record
from townsquare.datastore import api as datastore
from townsquare.datastore import params, query
from townsquare.datastore.query import QueryError

from .common import dataset_or_404
from .paging import add_link_header
from .problems import ApiProblem, Problem

router = Router(tags=["tables"])
ERRORS = {400: Problem, 401: Problem, 404: Problem, 422: Problem, 429: Problem}


class TableColumn(Schema):
    name: str
    title: str
    type: str


class TableOut(Schema):
    name: str
    resource: str = Field(description="The id of the file the table was loaded from")
    sheet: str
    rows: int
    columns: list[TableColumn]
    table_schema: dict[str, Any] = Field(description="Its Frictionless Table Schema")
    rows_url: str


class TableFacetValue(Schema):
    value: str | None
    count: int


class TableFacet(Schema):
    values: list[TableFacetValue]
    truncated: bool


class RowsOut(Schema):
    table: str
    columns: list[str]
    rows: list[dict[str, Any]]
    next: str | None = Field(None, description="The next page; absent on the last page")
    total: int | None = Field(None, description="Matching rows, when asked with _count=true")
    facets: dict[str, TableFacet] | None = None


class SqlIn(Schema):
    sql: str = Field(description="One SELECT over this dataset's tables, by their names")


class SqlOut(Schema):
    columns: list[str]
    rows: list[list[Any]]
    truncated: bool = Field(description="More rows matched than the row limit")
    sql: str = Field(description="The query that ran, as the checker wrote it back")


class IngestOut(Schema):
    status: str = Field(description="none, queued, running, succeeded or failed")
    id: int | None = None
    percent: int | None = None
    step: str | None = None
    error: str | None = None
    warnings: list[Any] | None = None
    version: int | None = None
    sheet: str | None = None
    table: str | None = None
    rows: int | None = None
    columns: list[TableColumn] | None = None
    created: str | None = None
    finished: str | None = None


def _query_parameter(name: str, description: str, schema: dict | None = None) -> dict:
    return {"in": "query", "name": name, "required": False, "description": description,
            "schema": schema or {"type": "string"}}  # fmt: skip


_TEXT_LIST = {"type": "array", "items": {"type": "string"}}
ROWS_PARAMETERS = [
    {"in": "path", "name": "slug", "required": True, "schema": {"type": "string"}},
    {"in": "path", "name": "name", "required": True, "schema": {"type": "string"}},
    _query_parameter("_search", "Rows with every one of these words in a text column"),
    _query_parameter("_sort", "Sort by a column; -column for descending. Repeat it.", _TEXT_LIST),
    _query_parameter("_col", "The columns to return (all when not given). Repeat it.", _TEXT_LIST),
    _query_parameter(
        "_size", "Rows per page, 1 to 1000 (0: facets or figures only)", {"type": "integer"}
    ),  # fmt: skip
    _query_parameter("_next", "The cursor from the previous page's next link"),
    _query_parameter("_facet", "Count the most common values of a column. Repeat it.", _TEXT_LIST),
    _query_parameter("_group", "Group figures by a column. Repeat it.", _TEXT_LIST),
    _query_parameter(
        "_agg", "A figure: count, or sum:col, mean:col, min:col, max:col", _TEXT_LIST
    ),  # fmt: skip
    _query_parameter("_count", "true: also count the matching rows"),
]


@router.get("/{slug}/tables", response={200: list[TableOut], **ERRORS}, summary="List tables")
def table_list(request: HttpRequest, slug: str):
    """The dataset's tables (files loaded into the datastore) with their schemas and sizes."""
    ds = dataset_or_404(request, slug)
    tables = datastore.tables_for_dataset(ds, reader=request.user)
    body = [_table_out(request, ds, t) for t in tables]
    return _json(body, ds)


@router.get(
    "/{slug}/tables/{name}/rows",
    response={200: RowsOut, **ERRORS},
    summary="Query a table's rows",
    openapi_extra={"parameters": ROWS_PARAMETERS},
)
def table_rows(request: HttpRequest, slug: str, name: str):
    """Filter with `column=value` (repeat it, or `column__in=a,b`, for "is one of") or
    `column__op=value` with op one of eq, ne, lt, le, gt, ge, in, contains, starts_with,
    is_empty. Pages follow `next` (also in the `Link` header). With `_group` or `_agg` the
    rows are figures; with `_facet` the answer has the most common values of those columns."""
    ds, table = _table(request, slug, name)
    source = datastore.source(table)
    try:
        body = _rows_body(request, table, source)
    except QueryError as error:
        raise ApiProblem(400, str(error)) from None
    _audit(request, ds, table)
    response = _json(body, ds)
    return add_link_header(response, body)


@router.post("/{slug}/sql", response={200: SqlOut, **ERRORS}, summary="Run read-only SQL")
def table_sql(request: HttpRequest, slug: str, payload: SqlIn | None = None):
    """One SELECT (WITH and UNION allowed) over this dataset's tables, named as in the table
    list; at most 1,000 rows, stopped after 10 seconds. Nothing can be changed."""
    ds = dataset_or_404(request, slug)
    if payload is None:
        raise ApiProblem(422, 'Send the query as JSON: {"sql": "SELECT …"}.',
                         errors=[{"field": "sql", "message": "Enter an SQL query"}])  # fmt: skip
    tables = {t.name: t for t in datastore.tables_for_dataset(ds, reader=request.user)}
    try:
        result = datastore.run_sql(payload.sql, tables)
    except QueryError as error:
        raise ApiProblem(400, str(error)) from None
    if not _is_open(ds):
        audit_record(actor=request.user, action=Action.VIEW, obj=ds, request=request,
                     details={"sql": result.sql[:1000]})  # fmt: skip
    body = {
        "columns": result.columns,
        "rows": [[plain(v) for v in row] for row in result.rows],
        "truncated": result.truncated,
        "sql": result.sql,
    }
    return _json(body, ds)


@router.get(
    "/{slug}/resources/{resource}/ingest",
    response={200: IngestOut, **ERRORS},
    summary="A file's loading status",
)
def ingest_status(request: HttpRequest, slug: str, resource: str):
    """How loading the file's latest version into a table went: queued, running (with a
    percentage and step), succeeded (with the table, rows and columns) or failed (why)."""
    ds = dataset_or_404(request, slug)
    found = lookups.resource_in(ds, resource)
    if found is None:
        raise ApiProblem(404, f"‘{ds.title}’ has no file with id ‘{resource}’. List them first.")
    if access.columns_limited(request.user, ds):
        # Its warnings and errors quote any column: not for a reader of only some columns.
        raise ApiProblem(404, "How a file was loaded is not shared with access to only some "
                         "of its columns. List the tables instead.")  # fmt: skip
    return _json(datastore.job_status(datastore.latest_job(found)), ds)


# --- helpers ------------------------------------------------------------------------------


def _table(request: HttpRequest, slug: str, name: str):
    ds = dataset_or_404(request, slug)
    table = datastore.table_get(ds, name, reader=request.user)
    if table is None:
        raise ApiProblem(404, f"‘{ds.title}’ has no table called ‘{name}’. List its tables.")
    return ds, table


def _table_out(request: HttpRequest, ds, table) -> dict[str, Any]:
    return {
        "name": table.name,
        "resource": str(table.resource.uuid),
        "sheet": table.sheet,
        "rows": table.row_count,
        "columns": [
            {
                "name": f["name"],
                "title": f.get("title") or f["name"],
                "type": f.get("type", "string"),
            }
            for f in table.fields
        ],  # fmt: skip
        "table_schema": table.table_schema,
        "rows_url": request.build_absolute_uri(
            f"/api/v1/datasets/{ds.slug}/tables/{table.name}/rows"
        ),
    }


def _rows_body(request: HttpRequest, table, source: query.Source) -> dict[str, Any]:
    rows_wanted = request.GET.get("_size") != "0"
    given = request.GET if rows_wanted else params.without(request.GET, {"_size"}.__contains__)
    spec = params.spec_from_params(given)
    body: dict[str, Any] = {"table": table.name, "columns": [], "rows": []}
    if facet_columns := request.GET.getlist("_facet"):
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
        body["rows"] = [_row(result.columns, r) for r in result.rows]
    elif rows_wanted:
        page = query.rows(source, spec)
        names = [c.name for c in page.columns]
        body["columns"] = names
        body["rows"] = [_row(names, r) for r in page.rows]
        body["next"] = _next_url(request, page.next_cursor)
    if request.GET.get("_count", "").lower() in ("1", "true"):
        body["total"] = query.count(source, spec)
    return body


def _row(names: list[str], values) -> dict[str, Any]:
    return {n: plain(v) for n, v in zip(names, values, strict=True)}


def _next_url(request: HttpRequest, cursor: str | None) -> str | None:
    if cursor is None:
        return None
    following = params.without(request.GET, {"_next", "_offset"}.__contains__)
    following["_next"] = cursor
    return request.build_absolute_uri(f"{request.path}?{following.urlencode()}")


def _is_open(ds) -> bool:
    return ds.access_level == AccessLevel.OPEN and ds.is_published


def _audit(request: HttpRequest, ds, table) -> None:
    """Every read of data that is not open to everyone: what was asked, by whom."""
    if not _is_open(ds):
        audit_record(actor=request.user, action=Action.VIEW, obj=ds, request=request,
                     details={"table": table.name, "query": request.GET.urlencode()[:1000],
                              "via": "api"})  # fmt: skip


def _json(body: Any, ds) -> HttpResponse:
    response = HttpResponse(dumps(body), content_type="application/json")
    if not _is_open(ds):
        response["Cache-Control"] = "private, no-store"
    return response
