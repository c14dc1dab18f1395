"""CKAN's DataStore actions over Townsquare's datastore: `datastore_search` (one table through
the query engine) and `datastore_search_sql` (the datastore's read-only SQL sandbox).

A table's CKAN id is its file's id (the resource id); a workbook's other sheets are
`<resource id>:<table name>`. Every table is reached through `lookups.resource_by_id`, so a
table of a dataset the caller may not see is "not found", exactly like one that does not exist.
Reads of data that is not open are audited as the table pages audit them."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, time
from typing import Any
from urllib.parse import urlencode

import sqlglot
from django.http import HttpRequest
from sqlglot import exp
from sqlglot.errors import ParseError, TokenError

from townsquare.api import lookups
from townsquare.api.jsonutil import plain
from townsquare.catalogue.models import AccessLevel
from townsquare.core.audit import Action, audit_record
from townsquare.datastore import api as datastore
from townsquare.datastore import query
from townsquare.datastore.query import Filter, QueryError, QuerySpec, Sort

from .params import as_bool, as_int, as_str, required
from .registry import Invalid, NotFound, action

DEFAULT_LIMIT = 100
MAX_LIMIT = 32000  # CKAN's ckan.datastore.search.rows_max default
CKAN_TYPES = {
    "integer": "int",
    "number": "numeric",
    "boolean": "bool",
    "date": "date",
    "datetime": "timestamp",
    "time": "time",
    "string": "text",
}
RECORD_FORMATS = ("objects", "lists", "csv", "tsv")


@action("datastore_search")
def datastore_search(request: HttpRequest, data: dict[str, Any]) -> dict:
    """Rows of one table: `resource_id`, `filters` ({"field": value or [values]}), `q` (words
    anywhere, or {"field": "words"}), `fields`, `sort` ("field desc, other"), `limit`,
    `offset`, `include_total`, `records_format` (objects, lists, csv or tsv)."""
    resource_id = required(data, "resource_id")
    dataset, table = _table(request, resource_id)
    source = datastore.source(table)
    records_format = as_str(data, "records_format", "objects") or "objects"
    if records_format not in RECORD_FORMATS:
        raise Invalid(fields={"records_format": [f"Use one of {', '.join(RECORD_FORMATS)}"]})
    limit = as_int(data, "limit", DEFAULT_LIMIT, high=MAX_LIMIT)
    offset = as_int(data, "offset", 0, high=10**9)
    spec = QuerySpec(
        columns=tuple(_names(data, "fields")),
        filters=(*_filters(data), *_field_queries(data)),
        search=_search_words(data),
        sort=tuple(_sort(as_str(data, "sort"))),
        limit=max(limit, 1),
        offset=offset,
    )
    try:
        page = query.rows(source, spec, max_limit=MAX_LIMIT) if limit else None
        columns = page.columns if page else _columns(source, spec)
        total = query.count(source, spec) if as_bool(data, "include_total", True) else None
    except QueryError as error:
        raise Invalid(fields={"query": [str(error)]}) from None
    _audit(request, dataset, table, data)
    records = [[plain(v) for v in row] for row in (page.rows if page else [])]
    result: dict[str, Any] = {
        "resource_id": resource_id,
        "fields": [{"id": c.name, "type": CKAN_TYPES.get(c.kind, "text")} for c in columns],
        "records": _format(records, [c.name for c in columns], records_format),
        "records_format": records_format,
        "limit": limit,
        "offset": offset,
        "include_total": total is not None,
        "_links": _links(request, data, limit, offset),
    }
    if total is not None:
        result["total"] = total
        result["total_was_estimated"] = False
    if spec.sort:
        result["sort"] = as_str(data, "sort")
    if data.get("filters"):
        result["filters"] = _json_object(data, "filters")
    if data.get("q"):
        result["q"] = data["q"]
    return result


@action("datastore_search_sql")
def datastore_search_sql(request: HttpRequest, data: dict[str, Any]) -> dict:
    """One read-only SELECT over tables named by their resource ids, in double quotes:
    `SELECT * FROM "<resource id>" WHERE …`, in the same sandbox as the native SQL query."""
    text = required(data, "sql")
    tables, datasets = {}, {}
    for ref in _table_refs(text):
        found = _visible_table(request, ref)
        if found is not None:
            dataset, table = found
            tables[ref] = table
            datasets[dataset.pk] = dataset
    try:
        result = datastore.run_sql(text, tables)
    except QueryError as error:
        raise Invalid(fields={"sql": [str(error)]}) from None
    for dataset in datasets.values():
        if not _is_open(dataset):
            audit_record(actor=request.user, action=Action.VIEW, obj=dataset, request=request,
                         details={"sql": result.sql[:1000], "via": "ckan"})  # fmt: skip
    rows = [[plain(v) for v in row] for row in result.rows]
    return {
        "sql": text,
        "records": [dict(zip(result.columns, row, strict=True)) for row in rows],
        "fields": [
            {"id": name, "type": _type_of([row[i] for row in rows])}
            for i, name in enumerate(result.columns)
        ],
        "records_truncated": result.truncated,
    }


# --- finding tables -----------------------------------------------------------------------


def _visible_table(request: HttpRequest, ref: str):
    """(dataset, table) for a CKAN table id, if the caller may see it; else None."""
    resource_ref, _, name = ref.partition(":")
    resource = lookups.resource_by_id(request.user, resource_ref)
    if resource is None:
        return None
    # Narrowed to the caller's columns (a table none of whose columns they were given: absent).
    tables = datastore.tables_for_resource(resource, reader=request.user)
    if name:
        tables = [t for t in tables if t.name == name]
    else:
        tables.sort(key=lambda t: t.sheet != "")  # the first or only sheet
    return (resource.dataset, tables[0]) if tables else None


def _table(request: HttpRequest, ref: str):
    found = _visible_table(request, ref)
    if found is None:
        raise NotFound(f'Resource "{ref}" was not found.')
    return found


def _columns(source: query.Source, spec: QuerySpec) -> list[query.Column]:
    return [source.column(n) for n in spec.columns] or source.columns


def _table_refs(text: str) -> set[str]:
    """Table names in the query (the checker refuses anything else before it runs)."""
    try:
        trees = sqlglot.parse(text, dialect="duckdb")
    except (ParseError, TokenError):
        return set()
    return {t.name for tree in trees if tree is not None for t in tree.find_all(exp.Table)}


# --- reading CKAN's parameters ------------------------------------------------------------


def _json_object(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key)
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            raise Invalid(fields={key: ['Send a JSON object, like {"ward": "North"}']}) from None
    if not isinstance(value, dict):
        raise Invalid(fields={key: ['Send a JSON object, like {"ward": "North"}']})
    return value


def _filters(data: dict[str, Any]) -> list[Filter]:
    if not data.get("filters"):
        return []
    found = []
    for column, value in _json_object(data, "filters").items():
        if isinstance(value, list):
            found.append(Filter(column, "in", [_text(v) for v in value]))
        elif value is None:
            found.append(Filter(column, "is_empty", True))
        else:
            found.append(Filter(column, "eq", _text(value)))
    return found


def _text(value: Any) -> str:
    return json.dumps(value) if isinstance(value, bool) else str(value)


def _search_words(data: dict[str, Any]) -> str:
    q = data.get("q")
    if isinstance(q, str) and q.strip().startswith("{"):
        return ""
    return "" if q is None or isinstance(q, dict) else str(q).strip()[:200]


def _field_queries(data: dict[str, Any]) -> list[Filter]:
    """`q` as {"field": "words"}: rows whose field contains the words."""
    q = data.get("q")
    if isinstance(q, str) and q.strip().startswith("{"):
        q = _json_object(data, "q")
    if not isinstance(q, dict):
        return []
    return [Filter(column, "contains", str(words)) for column, words in q.items()]


def _names(data: dict[str, Any], key: str) -> list[str]:
    value = data.get(key)
    if value in (None, ""):
        return []
    if isinstance(value, str):
        if value.strip().startswith("["):
            try:
                value = json.loads(value)
            except ValueError:
                raise Invalid(fields={key: ['Send a list, like ["ward", "amount"]']}) from None
        else:
            value = value.split(",")
    return [str(v).strip().strip('"') for v in value if str(v).strip()]


def _sort(text: str) -> list[Sort]:
    found = []
    for part in text.split(","):
        words = part.strip().rsplit(" ", 1)
        if not words[0]:
            continue
        descending = len(words) == 2 and words[1].lower() == "desc"
        column = words[0] if len(words) == 2 and words[1].lower() in ("asc", "desc") else part
        found.append(Sort(column.strip().strip('"'), descending))
    return found


# --- answering ----------------------------------------------------------------------------


def _format(records: list[list[Any]], names: list[str], records_format: str):
    if records_format == "objects":
        return [dict(zip(names, row, strict=True)) for row in records]
    if records_format == "lists":
        return records
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t" if records_format == "tsv" else ",")
    writer.writerows([[_cell(v) for v in row] for row in records])
    return out.getvalue()


def _cell(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date | datetime | time) else value


def _links(request: HttpRequest, data: dict[str, Any], limit: int, offset: int) -> dict:
    kept = {k: v if isinstance(v, str) else json.dumps(v) for k, v in data.items()
            if k != "offset"}  # fmt: skip
    base = request.path
    return {
        "start": f"{base}?{urlencode(kept)}",
        "next": f"{base}?{urlencode({**kept, 'offset': offset + limit})}",
    }


def _type_of(values: list[Any]) -> str:
    sample = next((v for v in values if v is not None), None)
    for kind, name in ((bool, "bool"), (int, "int"), (float, "numeric"), (datetime, "timestamp"),
                       (date, "date"), (time, "time")):  # fmt: skip
        if isinstance(sample, kind):
            return name
    return "text"


def _is_open(dataset) -> bool:
    return dataset.access_level == AccessLevel.OPEN and dataset.is_published


def _audit(request: HttpRequest, dataset, table, data: dict[str, Any]) -> None:
    if not _is_open(dataset):
        asked = {k: v for k, v in data.items() if k != "resource_id"}
        audit_record(actor=request.user, action=Action.VIEW, obj=dataset, request=request,
                     details={"table": table.name, "query": json.dumps(asked, default=str)[:1000],
                              "via": "ckan"})  # fmt: skip
