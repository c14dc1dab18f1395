"""Column names and types. Types are guessed from a sample in Python, then every value is
converted by DuckDB with the SQL built here; a value that does not convert is never dropped
(the ingest keeps the column as text and reports where)."""

from __future__ import annotations

import re
from datetime import datetime

from django.utils.text import slugify

# Frictionless Table Schema types we produce, with the DuckDB type each is stored as.
DUCKDB_TYPES = {
    "string": "VARCHAR",
    "integer": "BIGINT",
    "number": "DOUBLE",
    "boolean": "BOOLEAN",
    "date": "DATE",
    "datetime": "TIMESTAMP",
    "geojson": "VARCHAR",
}
TYPES = tuple(DUCKDB_TYPES)

TRUE_WORDS = ("yes", "true", "y")
FALSE_WORDS = ("no", "false", "n")
INTEGER_RE = re.compile(r"^[+-]?(0|[1-9]\d{0,17}|[1-9]\d{0,2}(,\d{3}){1,5})$")
# £1,234.56  -12.5  (123.45)  123.45-  12.5%  -£3  £ 40
NUMBER_RE = re.compile(
    r"^(\(\s*)?[+-]?\s*[£$€]?\s*[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?(\s*\))?-?\s*%?$"
)
NUMBER_SQL_RE = NUMBER_RE.pattern.removeprefix("^").removesuffix("$")
PLAIN_NUMBER_RE = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
# A code that looks numeric is still a code: its heading says so.
CODE_HEADING_RE = re.compile(
    r"\b(uprn|usrn|code|id|ref|reference|postcode|phone|telephone|tel|mobile|account|"
    r"number|no)\b",
    re.IGNORECASE,
)
QUANTITY_HEADING_RE = re.compile(r"\b(number of|no\. of|count|total)\b", re.IGNORECASE)
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y", "%d %B %Y",
                "%d %b %Y", "%d-%b-%Y", "%d-%b-%y", "%m/%d/%Y")  # fmt: skip
DATETIME_FORMATS = ("%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%SZ",
                    "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M",
                    "%Y-%m-%dT%H:%M:%S.%f", "%Y-%m-%d %H:%M:%S.%f")  # fmt: skip


def clean_names(headers: list[str], width: int) -> list[dict]:
    """Fields with SQL-safe, unique, non-empty snake_case names; the heading is the title."""
    fields, seen = [], set()
    for i in range(width):
        title = headers[i].strip() if i < len(headers) else ""
        base = slugify(title).replace("-", "_")[:60].strip("_") or f"column_{i + 1}"
        if base[0].isdigit():
            base = f"c_{base}"
        name, n = base, 2
        while name in seen:
            name, n = f"{base}_{n}", n + 1
        seen.add(name)
        fields.append({"name": name, "title": title or f"Column {i + 1}"})
    return fields


def _fits_date(values: list[str], fmt: str) -> bool:
    try:
        for v in values:
            datetime.strptime(v, fmt)  # noqa: DTZ007 - a calendar date, no zone
    except ValueError:
        return False
    return True


def guess(values: list[str], title: str = "") -> dict:
    """The narrowest type that fits every sampled (non-blank, stripped) value."""
    if not values:
        return {"type": "string"}
    lowered = {v.lower() for v in values}
    if lowered <= {*TRUE_WORDS, *FALSE_WORDS}:
        return {"type": "boolean"}
    if all(INTEGER_RE.match(v) for v in values):
        if CODE_HEADING_RE.search(title) and not QUANTITY_HEADING_RE.search(title):
            return {"type": "string"}
        return {"type": "integer"}
    if all(
        (NUMBER_RE.match(v) or PLAIN_NUMBER_RE.match(v)) and any(c.isdigit() for c in v)
        for v in values
    ) and not any(_leading_zero_code(v) for v in values):
        return {"type": "number"}
    sample = values[:2000]
    for fmt in DATE_FORMATS:
        if _fits_date(sample, fmt):
            return {"type": "date", "format": fmt}
    for fmt in DATETIME_FORMATS:
        if _fits_date(sample, fmt):
            return {"type": "datetime", "format": fmt}
    return {"type": "string"}


def _leading_zero_code(v: str) -> bool:
    digits = v.lstrip("+-£$€( ")
    return len(digits) > 1 and digits[0] == "0" and digits[1].isdigit()


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def sql_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def convert_sql(raw: str, field: dict) -> str:
    """DuckDB SQL turning the text expression `raw` (already trimmed, NULL when blank) into
    the field's type; NULL where a value does not convert."""
    kind = field.get("type", "string")
    if kind == "integer":
        shape = sql_literal(INTEGER_RE.pattern.removeprefix("^").removesuffix("$"))
        # The shape check keeps "007" (a code) from becoming 7.
        return (
            f"CASE WHEN regexp_full_match({raw}, {shape}) "
            f"THEN TRY_CAST(replace({raw}, ',', '') AS BIGINT) END"
        )
    if kind == "number":
        digits = f"regexp_replace({raw}, '[£$€,%()\\s+-]', '', 'g')"
        negative = f"(starts_with({raw}, '(') OR ends_with({raw}, '-') OR contains({raw}, '-'))"
        plain = sql_literal(PLAIN_NUMBER_RE.pattern.removeprefix("^").removesuffix("$"))
        return (
            f"CASE WHEN regexp_full_match({raw}, {plain}) THEN TRY_CAST({raw} AS DOUBLE) "
            f"WHEN regexp_full_match({raw}, {sql_literal(NUMBER_SQL_RE)}) "
            f"AND regexp_matches({raw}, '\\d') THEN "
            f"TRY_CAST({digits} AS DOUBLE) * CASE WHEN {negative} THEN -1 ELSE 1 END END"
        )
    if kind == "boolean":
        t = ", ".join(sql_literal(w) for w in TRUE_WORDS)
        f = ", ".join(sql_literal(w) for w in FALSE_WORDS)
        return (
            f"CASE WHEN lower({raw}) IN ({t}) THEN true WHEN lower({raw}) IN ({f}) THEN false END"
        )
    if kind in ("date", "datetime"):
        fmt = field.get("format") or ""
        formats = [fmt] if fmt and fmt not in ("default", "any") else []
        formats += [f for f in (DATE_FORMATS if kind == "date" else DATETIME_FORMATS)]
        listed = "[" + ", ".join(sql_literal(f) for f in dict.fromkeys(formats)) + "]"
        cast = "DATE" if kind == "date" else "TIMESTAMP"
        if formats[:1] == [fmt]:
            # The guessed format alone first: one format is much cheaper than a list.
            first = sql_literal(fmt)
            return f"CAST(coalesce(try_strptime({raw}, {first}), try_strptime({raw}, {listed})) AS {cast})"
        return f"CAST(try_strptime({raw}, {listed}) AS {cast})"
    return raw
