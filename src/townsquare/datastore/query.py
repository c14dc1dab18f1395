"""The query engine: DuckDB over one table's Parquet file, used by the table pages, the JSON rows
endpoint, the charts and the downloads.

A query is a `QuerySpec` (columns, filters, free-text search, sort, limit with offset or a keyset
cursor). Every column name is checked against the table's columns and quoted; every value is
converted to the column's type and bound as a parameter, never pasted into SQL. Mistakes a person
can make (an unknown column, "abc" for a number) raise `QueryError` with a plain-English message.

Each Parquet file gets one long-lived in-memory DuckDB database (kept in a small LRU cache) that
may read that file and nothing else: `allowed_paths` names the file, `enable_external_access` is
off and the configuration is locked before any query runs. Each query runs on its own cursor of
that database, so Parquet metadata and DuckDB's caches are reused across requests.
"""

# This module builds SQL text, but only from identifiers checked against the table's columns
# and quoted (`quote`) and from fixed fragments; every value is a bound parameter.
# ruff: noqa: S608

from __future__ import annotations

import base64
import binascii
import json
import re
import threading
from collections import OrderedDict
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from functools import cached_property
from pathlib import Path
from typing import Any

import duckdb

ROW_ID = "__rowid"  # the row's position in the Parquet file: the last sort key, always unique
MAX_LIMIT = 1000
MAX_SEARCH_WORDS = 10
QUERY_SECONDS = 30.0  # a table query that takes longer than this is stopped
CACHED_DATABASES = 16
DATABASE_MEMORY_LIMIT = "2GB"

OPERATORS: dict[str, str] = {
    "eq": "is",
    "ne": "is not",
    "lt": "is less than",
    "le": "is at most",
    "gt": "is more than",
    "ge": "is at least",
    "in": "is one of",
    "contains": "contains",
    "starts_with": "starts with",
    "is_empty": "is empty",
}
AGGREGATES: dict[str, str] = {
    "count": "count",
    "sum": "sum",
    "mean": "avg",
    "min": "min",
    "max": "max",
}
KIND_WORDS = {
    "integer": "a whole number",
    "number": "a number",
    "boolean": "yes or no",
    "date": "a date (for example 2025-04-01 or 01/04/2025)",
    "datetime": "a date and time (for example 2025-04-01T09:30)",
    "time": "a time (for example 09:30)",
}
TRUE_WORDS = frozenset({"true", "yes", "y", "1", "t"})
FALSE_WORDS = frozenset({"false", "no", "n", "0", "f"})


class QueryError(ValueError):
    """A mistake in a query that the person who asked can fix; the message says how."""


# --- What is being queried ----------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    name: str
    title: str
    kind: str  # integer, number, boolean, date, datetime, time, string or other
    sql_type: str


@dataclass(frozen=True)
class Source:
    """One table: its Parquet file (a local path) and its Frictionless Table Schema."""

    path: Path
    schema: dict = field(default_factory=dict, hash=False, compare=False)

    @cached_property
    def columns(self) -> list[Column]:
        return _columns(self)

    def column(self, name: str) -> Column:
        for col in self.columns:
            if col.name == name:
                return col
        raise QueryError(f'There is no column called "{name}" in this table.')

    @property
    def text_columns(self) -> list[Column]:
        return [c for c in self.columns if c.kind == "string"]


def _columns(source: Source) -> list[Column]:
    """The schema's fields that the Parquet file has, with the kinds DuckDB stores them as
    (the file is the truth for querying; the schema gives names, order and titles)."""
    sql_types = _database(source).sql_types
    # A schema's fields, even none (a reader's narrowed schema); the file's, with no schema.
    fields = (
        source.schema["fields"] if "fields" in source.schema else [{"name": n} for n in sql_types]
    )
    return [
        Column(
            name=f["name"],
            title=f.get("title") or f["name"],
            kind=_kind(sql_types[f["name"]]),
            sql_type=sql_types[f["name"]],
        )
        for f in fields
        if f.get("name") in sql_types
    ]


def _kind(sql_type: str) -> str:
    t = sql_type.upper()
    if t in {"TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT"} or t.startswith("U"):
        return "integer"
    if t.startswith("DECIMAL") or t in {"DOUBLE", "FLOAT", "REAL"}:
        return "number"
    if t == "BOOLEAN":
        return "boolean"
    if t == "DATE":
        return "date"
    if t.startswith("TIMESTAMP"):
        return "datetime"
    if t.startswith("TIME"):
        return "time"
    if t == "VARCHAR":
        return "string"
    return "other"


# --- The databases: one per Parquet file, able to read only that file --------------------


@dataclass
class _Database:
    connection: duckdb.DuckDBPyConnection
    sql_types: dict[str, str]


_databases: OrderedDict[tuple, _Database] = OrderedDict()
_databases_lock = threading.Lock()


def sandboxed_database(
    views: dict[str, Path],
    *,
    writable_dir: Path | None = None,
    row_ids: bool = True,
    columns: Mapping[str, Sequence[str]] | None = None,
) -> duckdb.DuckDBPyConnection:
    """A new in-memory DuckDB database with one view per Parquet file, which can read those
    files and nothing else (and write in `writable_dir`, for downloads), with its
    configuration locked so no query can undo that. A view named in `columns` has only those
    columns (a reader's column-limited grant): to a query, the others do not exist."""
    con = duckdb.connect(":memory:")
    paths = [str(Path(p).resolve()) for p in views.values()]
    con.execute("SET allowed_paths = ?", [paths])
    if writable_dir is not None:
        con.execute("SET allowed_directories = ?", [[str(Path(writable_dir).resolve())]])
    con.execute(f"SET memory_limit = '{DATABASE_MEMORY_LIMIT}'")
    con.execute("SET autoinstall_known_extensions = false")
    con.execute("SET autoload_known_extensions = false")
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")
    for name, path in views.items():
        literal = str(Path(path).resolve()).replace("'", "''")
        if columns is not None and name in columns:
            listed = ", ".join(quote(c) for c in columns[name]) or "NULL AS no_columns"
            con.execute(
                f"CREATE VIEW {quote(name)} AS SELECT {listed} FROM read_parquet('{literal}')"
            )
        elif row_ids:
            con.execute(
                f"CREATE VIEW {quote(name)} AS SELECT * RENAME (file_row_number AS {ROW_ID}) "
                f"FROM read_parquet('{literal}', file_row_number = true)"
            )
        else:
            con.execute(f"CREATE VIEW {quote(name)} AS SELECT * FROM read_parquet('{literal}')")
    return con


def _cache_key(paths: Sequence[Path]) -> tuple:
    """The files and their versions: a replaced file gets a new database."""
    key = []
    for path in paths:
        try:
            stat = Path(path).stat()
        except FileNotFoundError:
            raise QueryError(
                "This table's data file is missing. Ask the publisher to reload it."
            ) from None
        key.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(key)


def _database(source: Source) -> _Database:
    return _cached(_cache_key([source.path]), lambda: sandboxed_database({"t": source.path}))


def combined_database(paths: Sequence[Path]) -> _Database:
    """A cached database whose view "t" holds the rows of every file together, columns
    matched by name (a column one file lacks is NULL in its rows), for aggregate queries
    across tables (no row ids: these are not pages of rows)."""
    views = {f"t{i}": path for i, path in enumerate(paths)}

    def make() -> duckdb.DuckDBPyConnection:
        con = sandboxed_database(views, row_ids=False)
        # The view names are made here and quoted; no value is part of the SQL.
        union = " UNION ALL BY NAME ".join(f"SELECT * FROM {quote(n)}" for n in views)
        con.execute(f'CREATE VIEW "t" AS {union}')
        return con

    return _cached(("combined", *_cache_key(paths)), make)


def _cached(key: tuple, make) -> _Database:
    with _databases_lock:
        db = _databases.get(key)
        if db is not None:
            _databases.move_to_end(key)
            return db
    con = make()
    described = con.execute('DESCRIBE "t"').fetchall()
    db = _Database(con, {row[0]: row[1] for row in described if row[0] != ROW_ID})
    with _databases_lock:
        _databases[key] = db
        while len(_databases) > CACHED_DATABASES:
            _databases.popitem(last=False)  # in-flight cursors keep their database alive
    return db


@contextmanager
def cursor(source: Source) -> Iterator[duckdb.DuckDBPyConnection]:
    cur = _database(source).connection.cursor()
    try:
        yield cur
    finally:
        cur.close()


def run(
    cur: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] = (), *, seconds: float
) -> duckdb.DuckDBPyConnection:
    """Execute with a time limit: a timer thread interrupts the cursor if it runs too long."""
    timer = threading.Timer(seconds, cur.interrupt)
    timer.start()
    try:
        return cur.execute(sql, list(params))
    except duckdb.InterruptException as exc:
        raise QueryError(
            f"The query took longer than {seconds:g} seconds and was stopped. "
            "Try a narrower filter or fewer columns."
        ) from exc
    finally:
        timer.cancel()


def quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


# --- The query ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Filter:
    column: str
    op: str = "eq"
    value: Any = None  # a string, a list of strings for "in", a bool (or string) for is_empty


@dataclass(frozen=True)
class Sort:
    column: str
    descending: bool = False


@dataclass(frozen=True)
class QuerySpec:
    columns: tuple[str, ...] = ()  # none: every column
    filters: tuple[Filter, ...] = ()
    search: str = ""
    sort: tuple[Sort, ...] = ()
    limit: int = 100
    offset: int = 0
    cursor: str = ""  # from a previous page's `next_cursor`; wins over offset


@dataclass
class Rows:
    columns: list[Column]
    rows: list[tuple]
    next_cursor: str | None  # None on the last page
    offset: int

    def dicts(self) -> list[dict[str, Any]]:
        names = [c.name for c in self.columns]
        return [dict(zip(names, row, strict=True)) for row in self.rows]


def rows(source: Source, spec: QuerySpec, *, max_limit: int = MAX_LIMIT) -> Rows:
    """One page of rows, in the spec's sort order (file order when there is none)."""
    selected = [source.column(n) for n in spec.columns] or source.columns
    if not 0 < spec.limit <= max_limit:
        raise QueryError(f"Ask for between 1 and {max_limit} rows at a time.")
    if spec.offset < 0:
        raise QueryError("The offset cannot be negative.")
    sort = [(source.column(s.column), s.descending) for s in spec.sort]
    where, params = _where(source, spec)
    offset = spec.offset
    if spec.cursor:
        after, after_params = _after_cursor(spec.cursor, sort)
        where, params, offset = [*where, after], [*params, *after_params], 0
    keys = [f"{quote(c.name)} AS __k{i}" for i, (c, _) in enumerate(sort)]
    select = ", ".join([*(quote(c.name) for c in selected), *keys, ROW_ID])
    sql = f'SELECT {select} FROM "t"{_where_sql(where)}{_order_sql(sort)} LIMIT ? OFFSET ?'
    with cursor(source) as cur:
        found = _fetch(cur, sql, [*params, spec.limit + 1, offset])
    more = len(found) > spec.limit
    found = found[: spec.limit]
    next_cursor = _make_cursor(found[-1], sort) if more and found else None
    width = len(selected)
    return Rows(selected, [r[:width] for r in found], next_cursor, offset)


def count(source: Source, spec: QuerySpec = QuerySpec()) -> int:
    where, params = _where(source, spec)
    with cursor(source) as cur:
        return _fetch(cur, f'SELECT count(*) FROM "t"{_where_sql(where)}', params)[0][0]


def distinct(source: Source, column: str, spec: QuerySpec = QuerySpec(), *, limit: int = 100):
    """The column's distinct values (matching the spec's filters), sorted, at most `limit`."""
    col = quote(source.column(column).name)
    where, params = _where(source, spec)
    sql = f'SELECT DISTINCT {col} FROM "t"{_where_sql(where)} ORDER BY 1 NULLS LAST LIMIT ?'
    with cursor(source) as cur:
        return [r[0] for r in _fetch(cur, sql, [*params, limit])]


@dataclass
class Facet:
    column: Column
    values: list[tuple[str | None, int]]  # (value as text, rows), most common first
    truncated: bool  # more values than shown


def facets(
    source: Source, columns: Sequence[str], spec: QuerySpec = QuerySpec(), *, limit: int = 10
) -> list[Facet]:
    """The most common values of each column and how many rows have them, among the rows
    that match the spec's filters and search, in one query."""
    cols = [source.column(n) for n in dict.fromkeys(columns)]
    if not cols:
        return []
    where, params = _where(source, spec)
    parts, all_params = [], []
    for i, col in enumerate(cols):
        name = quote(col.name)
        parts.append(
            f'(SELECT {i} AS facet, {name}::VARCHAR AS value, count(*) AS n FROM "t"'
            f"{_where_sql(where)} GROUP BY {name} ORDER BY n DESC, value NULLS LAST LIMIT ?)"
        )
        all_params += [*params, limit + 1]
    with cursor(source) as cur:
        found = _fetch(cur, " UNION ALL ".join(parts), all_params)
    result = []
    for i, col in enumerate(cols):
        values = [(r[1], r[2]) for r in found if r[0] == i]
        values.sort(key=lambda v: (-v[1], v[0] is None, v[0] or ""))
        result.append(Facet(col, values[:limit], len(values) > limit))
    return result


@dataclass(frozen=True)
class Measure:
    function: str  # count, sum, mean, min or max
    column: str = ""  # blank for count: count rows

    @property
    def label(self) -> str:
        return f"{self.function}_{self.column}" if self.column else self.function


@dataclass
class Aggregate:
    columns: list[str]  # group columns, then one per measure
    rows: list[tuple]


def aggregate(
    source: Source,
    group_by: Sequence[str],
    measures: Sequence[Measure],
    spec: QuerySpec = QuerySpec(),
    *,
    limit: int = MAX_LIMIT,
) -> Aggregate:
    """count/sum/mean/min/max of the matching rows, grouped by some columns (or none: one
    row for the whole table), sorted by the group columns."""
    groups = [source.column(n) for n in dict.fromkeys(group_by)]
    if not measures:
        raise QueryError("Choose what to calculate: count, sum, mean, minimum or maximum.")
    exprs = [_measure_sql(source, m) for m in measures]
    where, params = _where(source, spec)
    group_names = [quote(g.name) for g in groups]
    select = ", ".join([*group_names, *exprs])
    sql = f'SELECT {select} FROM "t"{_where_sql(where)}'
    if groups:
        by = ", ".join(group_names)
        sql += f" GROUP BY {by} ORDER BY {', '.join(f'{g} NULLS LAST' for g in group_names)}"
    sql += " LIMIT ?"
    with cursor(source) as cur:
        found = _fetch(cur, sql, [*params, limit])
    return Aggregate([g.name for g in groups] + [m.label for m in measures], found)


def _measure_sql(source: Source, m: Measure) -> str:
    if m.function not in AGGREGATES:
        raise QueryError(f'"{m.function}" is not a calculation; use count, sum, mean, min or max.')
    if not m.column:
        if m.function != "count":
            raise QueryError(f"Choose a column to calculate the {m.function} of.")
        return f"count(*) AS {quote(m.label)}"
    col = source.column(m.column)
    if m.function in ("sum", "mean") and col.kind not in ("integer", "number"):
        raise QueryError(f"The {m.function} needs a column of numbers, and {col.name} is not one.")
    return f"{AGGREGATES[m.function]}({quote(col.name)}) AS {quote(m.label)}"


def select_sql(
    source: Source,
    spec: QuerySpec,
    *,
    neutralise_formulas: bool = False,
    text_datetimes: bool = False,
) -> tuple[str, list[Any]]:
    """The SQL and parameters for every matching row (no limit), for downloads. With
    `neutralise_formulas`, text cells that a spreadsheet would run as a formula get a leading
    apostrophe; with `text_datetimes`, date-times are ISO 8601 text."""
    selected = [source.column(n) for n in spec.columns] or source.columns
    sort = [(source.column(s.column), s.descending) for s in spec.sort]
    where, params = _where(source, spec)
    exprs = []
    for c in selected:
        name = quote(c.name)
        if neutralise_formulas and c.kind in ("string", "other"):
            exprs.append(
                f"CASE WHEN regexp_matches({name}::VARCHAR, '^[=+\\-@\\t\\r]') "
                f"THEN '''' || {name}::VARCHAR ELSE {name}::VARCHAR END AS {name}"
            )
        elif c.kind == "datetime" and text_datetimes:
            exprs.append(f"strftime({name}, '%Y-%m-%dT%H:%M:%S') AS {name}")
        else:
            exprs.append(name)
    order = _order_sql(sort) if sort else ""
    return f'SELECT {", ".join(exprs)} FROM "t"{_where_sql(where)}{order}', params


# --- Filters, search and sort as SQL -----------------------------------------------------


def _where(source: Source, spec: QuerySpec) -> tuple[list[str], list[Any]]:
    clauses, params = [], []
    for f in spec.filters:
        clause, values = _filter_sql(source.column(f.column), f)
        clauses.append(clause)
        params += values
    if spec.search.strip():
        clause, values = _search_sql(source, spec.search)
        clauses.append(clause)
        params += values
    return clauses, params


def _filter_sql(col: Column, f: Filter) -> tuple[str, list[Any]]:
    name = quote(col.name)
    if f.op not in OPERATORS:
        raise QueryError(f'"{f.op}" is not a way to filter; use one of {", ".join(OPERATORS)}.')
    if f.op == "is_empty":
        empty = f"({name} IS NULL OR {name} = '')" if col.kind == "string" else f"{name} IS NULL"
        return (empty if _truthy(f.value, col) else f"NOT {empty}"), []
    if f.op in ("contains", "starts_with"):
        text = str(f.value if f.value is not None else "")
        func = "contains" if f.op == "contains" else "starts_with"
        return f"{func}(lower({name}::VARCHAR), ?)", [text.lower()]
    if f.op == "in":
        values = [f.value] if isinstance(f.value, str) else list(f.value or [])
        if not values:
            raise QueryError(f"Give at least one value for {col.name} to be one of.")
        typed = [convert(v, col) for v in values]
        return f"{name} IN ({', '.join('?' for _ in typed)})", typed
    sign = {"eq": "=", "ne": "IS DISTINCT FROM", "lt": "<", "le": "<=", "gt": ">", "ge": ">="}
    return f"{name} {sign[f.op]} ?", [convert(f.value, col)]


def _search_sql(source: Source, search: str) -> tuple[str, list[Any]]:
    """Every word must appear (any case) in at least one text column."""
    columns = source.text_columns
    if not columns:
        raise QueryError("This table has no text columns to search.")
    words = search.lower().split()[:MAX_SEARCH_WORDS]
    clauses, params = [], []
    for word in words:
        clauses.append(
            "(" + " OR ".join(f"contains(lower({quote(c.name)}), ?)" for c in columns) + ")"
        )
        params += [word] * len(columns)
    return "(" + " AND ".join(clauses) + ")", params


def _where_sql(clauses: list[str]) -> str:
    return f" WHERE {' AND '.join(clauses)}" if clauses else ""


def _order_sql(sort: list[tuple[Column, bool]]) -> str:
    """Nulls last either way, and the row's position last so the order is total."""
    if not sort:
        return ""
    keys = [f"{quote(c.name)} {'DESC' if desc else 'ASC'} NULLS LAST" for c, desc in sort]
    return f" ORDER BY {', '.join([*keys, ROW_ID])}"


def _fetch(cur: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any]) -> list[tuple]:
    try:
        return run(cur, sql, params, seconds=QUERY_SECONDS).fetchall()
    except (duckdb.ConversionException, duckdb.OutOfRangeException) as exc:
        raise QueryError(_plain_duckdb_message(exc)) from exc


def _plain_duckdb_message(exc: Exception) -> str:
    text = str(exc).split("\n", 1)[0]
    return re.sub(r"^[A-Za-z ]+Error: ", "", text)


# --- Values ---------------------------------------------------------------------------------


def convert(value: Any, col: Column) -> Any:
    """A value typed in by a person (or from a cursor), as the column's type."""
    if value is None:
        raise QueryError(f"Give a value for {col.name}.")
    text = str(value).strip()
    try:
        return _CONVERTERS.get(col.kind, str)(text)
    except (ValueError, InvalidOperation, ArithmeticError):
        raise QueryError(f'"{text}" is not {KIND_WORDS[col.kind]} for column {col.name}.') from None


def _integer(text: str) -> int:
    return int(text.replace(",", "").replace("£", ""))


def _number(text: str) -> Decimal:
    number = Decimal(text.replace(",", "").replace("£", ""))
    if not number.is_finite():
        raise ValueError(text)
    return number


def _boolean(text: str) -> bool:
    lowered = text.lower()
    if lowered in TRUE_WORDS:
        return True
    if lowered in FALSE_WORDS:
        return False
    raise ValueError(text)


def _date(text: str) -> date:
    uk = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text)
    if uk:
        return date(int(uk[3]), int(uk[2]), int(uk[1]))
    return date.fromisoformat(text)


def _datetime(text: str) -> datetime:
    if re.fullmatch(r"\d{1,2}/\d{1,2}/\d{4}", text):
        return datetime.combine(_date(text), time())  # noqa: DTZ001 - columns are naive
    return datetime.fromisoformat(text)


_CONVERTERS = {
    "integer": _integer,
    "number": _number,
    "boolean": _boolean,
    "date": _date,
    "datetime": _datetime,
    "time": time.fromisoformat,
}


def _truthy(value: Any, col: Column) -> bool:
    if isinstance(value, bool):
        return value
    if value is None or str(value).strip() == "":
        return True
    try:
        return _boolean(str(value).strip())
    except ValueError:
        raise QueryError(f'For "{col.name} is empty", say yes or no.') from None


# --- Keyset cursors -------------------------------------------------------------------------
# A cursor is URL-safe base64 of JSON: the sort it belongs to, the last row's sort key values
# and its row position. It is not secret: the values are re-typed and bound like any other.


def _make_cursor(last_row: tuple, sort: list[tuple[Column, bool]]) -> str:
    keys = last_row[-(len(sort) + 1) : -1] if sort else ()
    payload = {
        "s": [[c.name, desc] for c, desc in sort],
        "k": [None if v is None else _jsonable(v) for v in keys],
        "r": last_row[-1],
    }
    raw = json.dumps(payload, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _jsonable(value: Any) -> Any:
    if isinstance(value, bool | int | str):
        return value
    if isinstance(value, date | datetime | time):
        return value.isoformat()
    return str(value)


def _after_cursor(token: str, sort: list[tuple[Column, bool]]) -> tuple[str, list[Any]]:
    """The condition 'comes after the cursor's row' in this sort order (nulls last)."""
    try:
        payload = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
        row_id = int(payload["r"])
        keys = list(payload["k"])
        same_sort = payload["s"] == [[c.name, desc] for c, desc in sort]
    except (ValueError, KeyError, TypeError, binascii.Error):
        raise QueryError("That page link is not valid. Start again from the first page.") from None
    if not same_sort or len(keys) != len(sort):
        raise QueryError("That page link is for a different sort order. Start from the first page.")
    typed = [None if k is None else convert(k, c) for k, (c, _) in zip(keys, sort, strict=True)]
    ors, params = [], []
    equal: list[str] = []  # earlier keys equal to the cursor's
    equal_params: list[Any] = []
    for (col, desc), value in zip(sort, typed, strict=True):
        name = quote(col.name)
        if value is not None:  # after a value: beyond it, or null (nulls come last)
            ors.append(
                "("
                + " AND ".join([*equal, f"({name} {'<' if desc else '>'} ? OR {name} IS NULL)"])
                + ")"
            )
            params += [*equal_params, value]
            equal.append(f"{name} = ?")
            equal_params.append(value)
        else:  # after a null: only later rows among the nulls
            equal.append(f"{name} IS NULL")
    ors.append("(" + " AND ".join([*equal, f"{ROW_ID} > ?"]) + ")")
    params += [*equal_params, row_id]
    return "(" + " OR ".join(ors) + ")", params
