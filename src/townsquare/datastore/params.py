"""Query-string parameters to and from a `QuerySpec`, shared by the table page, the JSON rows
endpoint and the downloads, so a filtered page links to exactly the rows it shows.

- a filter is `column=value` (equals; repeat it for "is one of") or `column__op=value`, where op
  is one of query.OPERATORS (`amount__gt=500`, `supplier__contains=acme`,
  `department__in=Housing,Waste`, `purpose__is_empty=yes`);
- the rest start with an underscore: `_search`, `_sort` (repeat it; `-column` for descending),
  `_col` (the columns to show; repeat it), `_size` (rows per page), `_offset`, `_next` (a cursor),
  `_facet`, `_group`, `_agg` (`sum:amount`);
- `page` is the page number on the table page and `raw=1` asks for a CSV without formula
  protection. A column with one of those names is filtered as `page__eq=`.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlencode

from django.http import QueryDict

from .query import MAX_LIMIT, OPERATORS, Filter, Measure, QueryError, QuerySpec, Sort

RESERVED = frozenset({"page", "raw", "format"})
FORM_PREFIX = "add-"  # the add-a-filter form's fields: add-column, add-op, add-value


def spec_from_params(params: QueryDict, *, default_size: int = 100) -> QuerySpec:
    """A QuerySpec from a query string. Column names are checked later, against the table."""
    size = _whole(params.get("_size"), "_size", default_size)
    if not 1 <= size <= MAX_LIMIT:
        raise QueryError(f"Show between 1 and {MAX_LIMIT} rows at a time.")
    return QuerySpec(
        columns=tuple(c for c in params.getlist("_col") if c),
        filters=tuple(filters_from_params(params)),
        search=params.get("_search", "").strip()[:200],
        sort=tuple(_sort(s) for s in params.getlist("_sort") if s.strip("-")),
        limit=size,
        offset=_whole(params.get("_offset"), "_offset", 0),
        cursor=params.get("_next", ""),
    )


def filters_from_params(params: QueryDict) -> list[Filter]:
    found = []
    for key in params:
        if key.startswith("_") or key in RESERVED or key.startswith(FORM_PREFIX):
            continue
        values = params.getlist(key)
        column, _, op = key.partition("__")
        op = op or ("in" if len(values) > 1 else "eq")
        if op == "in":
            split = [v.strip() for value in values for v in value.split(",")]
            found.append(Filter(column, op, [v for v in split if v]))
        else:
            found.append(Filter(column, op, values[-1]))
    return found


def filter_key(f: Filter) -> str:
    return f.column if f.op == "eq" and f.column not in RESERVED else f"{f.column}__{f.op}"


def filter_value(f: Filter) -> str:
    if isinstance(f.value, list | tuple):
        return ",".join(map(str, f.value))
    return "" if f.value is None else str(f.value)


def measures_from_params(params: QueryDict) -> list[Measure]:
    measures = []
    for text in params.getlist("_agg"):
        function, _, column = text.partition(":")
        measures.append(Measure(function.strip(), column.strip()))
    return measures


def add_filter_query(params: QueryDict) -> str | None:
    """The query string after the add-a-filter form, or None when the form was not used."""
    column = params.get(f"{FORM_PREFIX}column", "")
    if not column:
        return None
    op = params.get(f"{FORM_PREFIX}op", "eq")
    value = params.get(f"{FORM_PREFIX}value", "")
    kept = without(params, lambda key: key.startswith(FORM_PREFIX) or key == "page")
    new = Filter(column, op, value)
    kept.appendlist(filter_key(new), "yes" if op == "is_empty" and not value else value)
    return kept.urlencode()


def without(params: QueryDict, drop) -> QueryDict:
    """A copy of the parameters without the keys for which `drop(key)` is true."""
    kept = QueryDict(mutable=True)
    for key in params:
        if not drop(key):
            kept.setlist(key, params.getlist(key))
    return kept


def query_string(params: Mapping[str, list[str]]) -> str:
    return urlencode([(k, v) for k, values in params.items() for v in values])


def _sort(text: str) -> Sort:
    text = text.strip()
    return Sort(text.lstrip("-"), descending=text.startswith("-"))


def _whole(value: str | None, name: str, default: int) -> int:
    if value in (None, ""):
        return default
    try:
        return int(value)
    except ValueError:
        raise QueryError(f'"{value}" is not a whole number for {name}.') from None


def describe(f: Filter, title: str) -> str:
    """A filter in words, for the list of filters on the table page."""
    if f.op == "is_empty":
        yes = str(f.value).strip().lower() not in ("no", "false", "0", "n", "f")
        return f"{title} is {'empty' if yes else 'not empty'}"
    return f"{title} {OPERATORS.get(f.op, f.op)} {filter_value(f)}"
