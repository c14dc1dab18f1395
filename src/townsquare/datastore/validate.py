"""Checking a loaded table against a Frictionless Table Schema: required values, types,
formats, enums, patterns, uniqueness and minimum/maximum. DuckDB scans the Parquet, so a
large file is never held in memory; the report gives a count per problem and the first rows.

Named schemas (for example the Transparency Code's) are registered by other apps with
`register_schema`; `--schema` accepts a registered name or a path to a JSON file."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import duckdb

from . import infer
from .sniff import IngestError

# ruff: noqa: S608 - identifiers are quoted with infer.quote, values with infer.sql_literal

EXAMPLES = 5
FORMAT_PATTERNS = {
    "email": r"[^@\s]+@[^@\s]+\.[^@\s]+",
    "uri": r"[a-zA-Z][a-zA-Z0-9+.-]*:[^\s]+",
    "uuid": r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}",
}
_REGISTRY: dict[str, Callable[[], dict]] = {}
# A checker reads the file itself before it is loaded: checker(path, filename, **options)
# returns {"ok": bool, "errors": [{"row", "column", "message"}], "warnings": [...], "summary"}.
_CHECKERS: dict[str, Callable[..., dict]] = {}


def register_schema(
    name: str, loader: Callable[[], dict], *, checker: Callable[..., dict] | None = None
) -> None:
    """Make a Table Schema available by name (to `townsquare import --schema NAME`), with an
    optional checker that must pass before the file is loaded."""
    _REGISTRY[name] = loader
    if checker is not None:
        _CHECKERS[name] = checker


def checker_for(name: str) -> Callable[..., dict] | None:
    return _CHECKERS.get(name)


def schema_names() -> list[str]:
    return sorted(_REGISTRY)


def resolve_schema(path_or_name: str) -> dict:
    if path_or_name in _REGISTRY:
        return _REGISTRY[path_or_name]()
    path = Path(path_or_name)
    if not path.is_file():
        known = ", ".join(schema_names()) or "none yet"
        raise IngestError(
            f"There is no schema file at {path_or_name} and no schema with that name "
            f"(named schemas: {known})."
        )
    try:
        schema = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise IngestError(f"The schema file {path_or_name} is not valid JSON: {e}") from e
    if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list):
        raise IngestError(f"The schema file {path_or_name} has no list of fields.")
    return schema


def _checks(col: str, loaded: dict, wanted: dict) -> list[tuple[str, str, str]]:
    """(message, condition that marks a bad row, the value to show) for one field."""
    c = wanted.get("constraints") or {}
    text = f"CAST({col} AS VARCHAR)"
    out = []
    if c.get("required"):
        out.append(("A value is required", f"{col} IS NULL", "NULL"))
    kind = wanted.get("type", "string")
    typed = col
    if kind in infer.TYPES and kind not in ("string", "geojson") and loaded["type"] != kind:
        conv = infer.convert_sql(f"nullif(trim({text}), '')", {**wanted, "type": kind})
        out.append((f"Not a valid {kind}", f"{col} IS NOT NULL AND ({conv}) IS NULL", text))
        typed = conv
    fmt = wanted.get("format")
    if kind == "string" and fmt in FORMAT_PATTERNS:
        pattern = infer.sql_literal(FORMAT_PATTERNS[fmt])
        out.append((f"Not a valid {fmt}", f"NOT regexp_full_match({text}, {pattern})", text))
    if c.get("enum"):
        allowed = ", ".join(infer.sql_literal(str(v)) for v in c["enum"])
        out.append(("Not one of the allowed values", f"{text} NOT IN ({allowed})", text))
    if c.get("pattern"):
        out.append(
            ("Does not match the pattern", f"NOT regexp_full_match({text}, {infer.sql_literal(c['pattern'])})", text)
        )  # fmt: skip
    for key, op, words in (
        ("minimum", "<", "Below the minimum"),
        ("maximum", ">", "Above the maximum"),
    ):
        if key in c and kind in ("integer", "number", "date", "datetime"):
            bound = infer.sql_literal(str(c[key]))
            cast = infer.DUCKDB_TYPES[kind]
            out.append((f"{words} ({c[key]})", f"({typed}) {op} CAST({bound} AS {cast})", text))
    for key, op, words in (("minLength", "<", "Shorter than"), ("maxLength", ">", "Longer than")):
        if key in c:
            out.append(
                (f"{words} {int(c[key])} characters", f"length({text}) {op} {int(c[key])}", text)
            )
    return out


def validate_parquet(path: Path, fields: list[dict], schema: dict, *, row_offset: int = 1) -> dict:
    """A report: {"valid", "problems": [{column, message, count, examples: [{row, value}]}]}."""
    wanted_by = {}
    for f in schema.get("fields", []):
        wanted_by.setdefault(f.get("name"), f)
        wanted_by.setdefault(f.get("title"), f)
    src = f"(SELECT row_number() OVER () AS __row, * FROM read_parquet({infer.sql_literal(str(path))}))"
    problems: list[dict] = []
    specs = []
    missing = [
        f.get("name") for f in schema.get("fields", [])
        if f.get("name") not in {x["name"] for x in fields} | {x["title"] for x in fields}
    ]  # fmt: skip
    for name in missing:
        problems.append(
            {"column": name, "message": "The column is missing", "count": 1, "examples": []}
        )
    for f in fields:
        wanted = wanted_by.get(f["name"]) or wanted_by.get(f["title"])
        if not wanted:
            continue
        col = infer.quote(f["name"])
        specs += [(f["title"], *check) for check in _checks(col, f, wanted)]
        if (wanted.get("constraints") or {}).get("unique"):
            specs.append(
                (
                    f["title"],
                    "Not unique",
                    f"count(*) OVER (PARTITION BY {col}) > 1 AND {col} IS NOT NULL",
                    f"CAST({col} AS VARCHAR)",
                )
            )
    con = duckdb.connect()
    try:
        for column, message, condition, shown in specs:
            count, examples = con.execute(
                f"SELECT count(*), list({{'row': __row + {int(row_offset)}, 'value': __v}} ORDER BY __row)[1:{EXAMPLES}] "
                f"FROM (SELECT __row, {shown} AS __v, ({condition}) AS __bad FROM {src}) WHERE __bad"
            ).fetchone()
            if count:
                problems.append(
                    {"column": column, "message": message, "count": count, "examples": examples}
                )
    finally:
        con.close()
    return {"valid": not problems, "problems": problems}
