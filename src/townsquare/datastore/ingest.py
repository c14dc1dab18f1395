"""Turning one file into one Parquet table. Python reads a sample to work out the layout and
the column types; DuckDB then reads the whole file once and writes typed Parquet, so a large
CSV is never parsed row by row in Python (docs/decisions/0008).

A value that does not fit its column's guessed type stops DuckDB (an `error()` in the SQL);
the columns at fault are then counted in one more pass, kept as text, reported with the first
row where it happened, and the file is written again. Nothing is dropped silently."""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from . import infer, readers
from .sniff import IngestError, Layout, count_lines, detect_encoding, sniff_layout
from .sniff import transcode_to_utf8 as _transcode

Progress = Callable[[int, str], None]
FAIL_MARK = "TS-COLUMN-FAILED:"
# SQL here is built from quoted identifiers (infer.quote) and escaped literals
# (infer.sql_literal) only; nothing a user typed reaches it unescaped.
# ruff: noqa: S608
# Rows read by Python when DuckDB cannot parse a ragged file (longer rows than the headings).
MAX_PYTHON_REPAIR_BYTES = 256 * 1024 * 1024
MAX_COLUMNS = 20000
# DuckDB takes minutes to plan thousands of typed conversions: wider files load as text.
MAX_TYPED_COLUMNS = 1000


@dataclass
class Loaded:
    fields: list[dict]
    rows: int
    warnings: list[dict] = field(default_factory=list)
    report: dict = field(default_factory=dict)


def _warn(message: str, row: int | None = None, column: str | None = None) -> dict:
    return {"message": message, "row": row, "column": column}


def connect(tmp: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(
        ":memory:",
        config={"memory_limit": "512MB", "temp_directory": str(tmp / "duckdb-spill")},
    )
    return con


def load(
    path: Path,
    filename: str,
    dest: Path,
    *,
    sheet: str = "",
    schema: dict | None = None,
    progress: Progress | None = None,
) -> Loaded:
    """Write `path` (named `filename`) as typed Parquet at `dest`. `schema` (a Table Schema)
    sets names, titles, types and descriptions of the fields it names."""
    progress = progress or (lambda percent, step: None)
    fmt = readers.format_of(filename)
    if fmt is None:
        raise IngestError(f"“{filename}” is not a kind of file that can be loaded as a table.")
    if path.stat().st_size == 0:
        raise IngestError("The file is empty.")
    with tempfile.TemporaryDirectory(prefix="townsquare-ingest-") as tmpdir:
        tmp = Path(tmpdir)
        con = connect(tmp)
        try:
            if fmt == "parquet":
                return _load_parquet(con, path, dest, schema, progress)
            report: dict = {"format": fmt}
            text_path, structured = path, fmt != "csv"
            if fmt == "csv":
                progress(5, "Working out the file's encoding")
                with path.open("rb") as f:
                    encoding = detect_encoding(f.read(1024 * 1024))
                report["encoding"] = encoding
                if encoding not in ("utf-8", "utf-8-sig"):
                    progress(8, f"Converting from {encoding} to UTF-8")
                    text_path = tmp / "utf8.csv"
                    _transcode(path, text_path, encoding)
            else:
                progress(
                    5,
                    "Reading the spreadsheet"
                    if fmt in ("xlsx", "xls", "ods")
                    else "Reading the file",
                )
                text_path = tmp / "rows.csv"
                readers.to_csv(path, fmt, sheet, text_path)
            progress(15, "Finding the headings and the data")
            try:
                # A file already checked row by row (x-rows-checked) keeps every row: a last
                # supplier called "Total Gym Ltd" is data, not a total.
                trailing = fmt not in ("json", "geojson") and not (schema or {}).get(
                    "x-rows-checked"
                )
                layout = sniff_layout(text_path, trailing=trailing)
            except IngestError as e:
                if structured and str(e) == "The file is empty.":
                    raise IngestError("The file has no rows.") from e
                raise
            return _load_delimited(con, text_path, dest, layout, schema, progress, report, tmp)
        finally:
            con.close()


def _forced(schema: dict | None) -> dict[str, dict]:
    """Fields of a requested schema, by name and by title."""
    out: dict[str, dict] = {}
    for f in (schema or {}).get("fields", []):
        if f.get("name"):
            out[f["name"]] = f
        if f.get("title"):
            out.setdefault(f["title"], f)
    return out


def _plan_fields(layout: Layout, schema: dict | None) -> list[dict]:
    if layout.width > MAX_COLUMNS:
        raise IngestError(
            f"The file has {layout.width:,} columns; at most {MAX_COLUMNS:,} can be loaded."
        )
    fields = infer.clean_names(layout.headers, layout.width)
    forced = _forced(schema)
    for i, f in enumerate(fields):
        values = [r[i].strip() for r in layout.sample_rows if i < len(r) and r[i].strip()]
        want = forced.get(f["name"]) or forced.get(
            layout.headers[i].strip() if i < len(layout.headers) else ""
        )
        if layout.width > MAX_TYPED_COLUMNS and not want:
            f["type"] = "string"
        elif want and want.get("type") in infer.TYPES:
            f["type"] = want["type"]
            if want.get("format"):
                f["format"] = want["format"]
        else:
            f.update(infer.guess(values, f["title"]))
        if (
            f["name"] == "geometry"
            and f["type"] == "string"
            and values[:1]
            and values[0].startswith("{")
        ):
            f["type"] = "geojson"
        if want:
            for key in ("title", "description"):
                if want.get(key):
                    f[key] = want[key]
            if want.get("constraints"):
                f["constraints"] = want["constraints"]
            if want.get("x-edited"):
                f["x-edited"] = True  # a publisher's correction, carried to later versions
        f.setdefault("description", "")
        f.setdefault("format", "default")
    return fields


def _source_sql(path: Path, layout: Layout) -> str:
    columns = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(layout.width)) + "}"
    return (
        f"read_csv({infer.sql_literal(str(path))}, delim={infer.sql_literal(layout.delimiter)}, "
        f"quote='\"', escape='\"', header=false, skip={layout.skip_lines}, columns={columns}, "
        "null_padding=true, auto_detect=false, max_line_size=16777216, parallel=true)"
    )


def _row_filter(layout: Layout) -> str:
    cols = [f"c{i}" for i in range(layout.width)]
    conditions = [
        f"coalesce({', '.join(cols)}) IS NOT NULL" if len(cols) > 1 else f"{cols[0]} IS NOT NULL"
    ]
    for row, _line in layout.trailing_rows:
        checks = [
            f"c{i} IS NOT DISTINCT FROM {infer.sql_literal(v) if v != '' else 'NULL'}"
            for i, v in enumerate((row + [""] * layout.width)[: min(layout.width, 30)])
        ]
        conditions.append("NOT (" + " AND ".join(checks) + ")")
    return " AND ".join(conditions)


def _typed_sql(fields: list[dict], *, strict: bool) -> str:
    parts = []
    for i, f in enumerate(fields):
        raw = f"c{i}"
        if f["type"] in ("string", "geojson"):
            parts.append(f"{raw} AS {infer.quote(f['name'])}")
            continue
        trimmed = f"nullif(trim({raw}), '')"
        conv = infer.convert_sql("__v", f).replace("__v", trimmed)
        fail = f"error('{FAIL_MARK}{i}')" if strict else "NULL"
        parts.append(
            f"CASE WHEN {trimmed} IS NULL THEN NULL ELSE coalesce({conv}, {fail}) END "
            f"AS {infer.quote(f['name'])}"
        )
    return ", ".join(parts)


def _load_delimited(
    con, path: Path, dest: Path, layout: Layout, schema: dict | None, progress: Progress,
    report: dict, tmp: Path,
) -> Loaded:  # fmt: skip
    fields = _plan_fields(layout, schema)
    warnings: list[dict] = []
    report.update(
        delimiter=layout.delimiter,
        header_row=layout.skip_lines,
        title_rows=len(layout.title_rows),
    )
    for row in layout.title_rows:
        text = " ".join(c.strip() for c in row if c.strip())[:200]
        warnings.append(_warn(f"A title above the headings was skipped: “{text}”."))
    for row, line in layout.trailing_rows:
        text = ", ".join(c.strip() for c in row if c.strip())[:200]
        warnings.append(
            _warn(
                f"Row {line:,} looks like a total or a note (“{text}”) and was left out of the table.",
                line,
            )
        )
    for f, header in zip(fields, layout.headers + [""] * layout.width, strict=False):
        if not header.strip():
            warnings.append(
                _warn(f"A column had no heading; it is called “{f['name']}”.", column=f["name"])
            )
    if layout.width > MAX_TYPED_COLUMNS:
        warnings.append(_warn(
            f"The file has {layout.width:,} columns, so every column was kept as text "
            f"(types are worked out for up to {MAX_TYPED_COLUMNS:,} columns)."
        ))  # fmt: skip
    if layout.width > MAX_TYPED_COLUMNS:
        # Each thread buffers every column: one thread keeps a very wide file within memory.
        con.execute("SET threads = 1")
        con.execute("SET memory_limit = '2GB'")
    source = _source_sql(path, layout)
    where = _row_filter(layout)
    progress(30, "Writing the table")
    for attempt in range(3):
        try:
            con.execute(
                f"COPY (SELECT {_typed_sql(fields, strict=True)} FROM {source} WHERE {where}) "
                f"TO {infer.sql_literal(str(dest))} (FORMAT parquet)"
            )
            break
        except duckdb.Error as e:
            message = str(e)
            if FAIL_MARK in message:
                progress(50 + attempt * 10, "Checking values that did not fit their column's type")
                warnings += _demote_failures(con, source, where, fields, layout)
                continue
            if (
                attempt == 0
                and _is_shape_error(message)
                and path.stat().st_size <= MAX_PYTHON_REPAIR_BYTES
            ):
                progress(40, "Repairing rows of uneven length")
                repaired = tmp / "repaired.csv"
                _repair(path, layout, repaired)
                path, layout = repaired, sniff_layout(repaired, trailing=True)
                fields = _plan_fields(layout, schema)
                source, where = _source_sql(path, layout), _row_filter(layout)
                warnings.append(
                    _warn("Some rows had more cells than the headings; extra columns were added.")
                )
                continue
            raise IngestError(_plain_duckdb_error(message, layout)) from e
    else:
        raise IngestError("The file could not be loaded after several attempts to fix its types.")
    progress(85, "Counting rows")
    rows = con.execute(
        f"SELECT count(*) FROM read_parquet({infer.sql_literal(str(dest))})"
    ).fetchone()[0]
    if rows == 0:
        warnings.append(_warn("The file has headings but no rows of data."))
    if layout.ragged:
        warnings.append(
            _warn(
                "Some rows have more cells than there are headings; the extra cells are in columns without a heading."
            )
        )
    return Loaded(fields=fields, rows=rows, warnings=warnings, report=report)


def _demote_failures(
    con, source: str, where: str, fields: list[dict], layout: Layout
) -> list[dict]:
    """Find every typed column with a value that does not convert; keep those as text."""
    typed = [(i, f) for i, f in enumerate(fields) if f["type"] not in ("string", "geojson")]
    aggregates = []
    for i, f in typed:
        trimmed = f"nullif(trim(c{i}), '')"
        bad = f"{trimmed} IS NOT NULL AND ({infer.convert_sql('__v', f).replace('__v', trimmed)}) IS NULL"
        aggregates.append(f"count(*) FILTER (WHERE {bad})")
        aggregates.append(f"min(rn) FILTER (WHERE {bad})")
        aggregates.append(f"arg_min(c{i}, rn) FILTER (WHERE {bad})")
    if not aggregates:
        return []
    result = con.execute(
        f"SELECT {', '.join(aggregates)} FROM (SELECT row_number() OVER () AS rn, * FROM {source}) WHERE {where}"
    ).fetchone()
    warnings = []
    for n, (_i, f) in enumerate(typed):
        count, rn, value = result[3 * n : 3 * n + 3]
        if not count:
            continue
        row = layout.skip_lines + rn
        kind = {"integer": "whole number", "number": "number", "date": "date",
                "datetime": "date and time", "boolean": "yes/no value"}.get(f["type"], f["type"])  # fmt: skip
        more = f" ({count - 1:,} more values like it)" if count > 1 else ""
        warnings.append(_warn(
            f"Row {row:,}, column “{f['title']}”: “{value}” is not a {kind}{more}, so the column was "
            "kept as text and every value is as in the file.", row, f["name"],
        ))  # fmt: skip
        f["type"], f["format"] = "string", "default"
    return warnings


def _is_shape_error(message: str) -> bool:
    return bool(
        re.search(
            r"Expected Number of Columns|too many columns|columns than expected", message, re.I
        )
    )


def _repair(src: Path, layout: Layout, dest: Path) -> None:
    """Rewrite a ragged delimited file with every row padded to the widest row."""
    import csv

    with src.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f, delimiter=layout.delimiter))
    width = max(len(r) for r in rows)
    with dest.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        for r in rows:
            writer.writerow(r + [""] * (width - len(r)) if r else [])


def _plain_duckdb_error(message: str, layout: Layout) -> str:
    line = re.search(r"[Ll]ine:? (\d+)", message)
    where = f" near line {int(line.group(1)) + layout.skip_lines:,}" if line else ""
    if "unicode" in message.lower() or "utf-8" in message.lower():
        return f"The file has characters that are not valid UTF-8{where}. Save it as UTF-8 CSV and upload it again."
    if "quote" in message.lower():
        return f'A quoted value is not closed{where}: check for a stray double quote (").'
    first = message.splitlines()[0][:300]
    return f"The file could not be read{where}: {first}"


DUCKDB_TO_TABLE_SCHEMA = {
    "BIGINT": "integer", "INTEGER": "integer", "SMALLINT": "integer", "TINYINT": "integer",
    "HUGEINT": "integer", "UBIGINT": "integer", "UINTEGER": "integer", "DOUBLE": "number",
    "FLOAT": "number", "BOOLEAN": "boolean", "DATE": "date", "TIMESTAMP": "datetime",
    "TIMESTAMP WITH TIME ZONE": "datetime", "VARCHAR": "string", "TIME": "time",
}  # fmt: skip


def _load_parquet(con, path: Path, dest: Path, schema: dict | None, progress: Progress) -> Loaded:
    progress(20, "Reading the Parquet file")
    src = f"read_parquet({infer.sql_literal(str(path))})"
    try:
        described = con.execute(f"DESCRIBE SELECT * FROM {src}").fetchall()
    except duckdb.Error as e:
        raise IngestError("The file is not a readable Parquet file.") from e
    names = [d[0] for d in described]
    fields = infer.clean_names(names, len(names))
    forced = _forced(schema)
    select = []
    for (original, kind, *_), f in zip(described, fields, strict=True):
        t = DUCKDB_TO_TABLE_SCHEMA.get(kind, "number" if kind.startswith("DECIMAL") else "string")
        expr = infer.quote(original)
        if t == "string" and kind != "VARCHAR":
            expr = f"CAST({expr} AS VARCHAR)"
        f.update(type=t, format="default", description="")
        want = forced.get(f["name"]) or forced.get(original)
        if want:
            f.update({k: want[k] for k in ("title", "description") if want.get(k)})
        select.append(f"{expr} AS {infer.quote(f['name'])}")
    progress(40, "Writing the table")
    con.execute(
        f"COPY (SELECT {', '.join(select)} FROM {src}) TO {infer.sql_literal(str(dest))} (FORMAT parquet)"
    )
    rows = con.execute(
        f"SELECT count(*) FROM read_parquet({infer.sql_literal(str(dest))})"
    ).fetchone()[0]
    return Loaded(fields=fields, rows=rows, report={"format": "parquet"})


@dataclass
class TextTable:
    """A file written cell for cell as text, for checks that need the file as the publisher
    sees it: `__row` is the row number in the file (the heading row is `header_row`), then
    one VARCHAR column per heading, `c0`, `c1` … Blank rows are kept."""

    headers: list[str]
    header_row: int
    rows: int
    title_rows: int


def load_text(path: Path, filename: str, dest: Path, *, sheet: str = "") -> TextTable:
    """Write `path` (named `filename`) to Parquet at `dest` with every cell as text."""
    fmt = readers.format_of(filename)
    if fmt is None or fmt == "parquet":
        raise IngestError(f"“{filename}” is not a CSV file or a spreadsheet.")
    if path.stat().st_size == 0:
        raise IngestError("The file is empty.")
    with tempfile.TemporaryDirectory(prefix="townsquare-text-") as tmpdir:
        tmp = Path(tmpdir)
        text_path = path
        if fmt == "csv":
            with path.open("rb") as f:
                encoding = detect_encoding(f.read(1024 * 1024))
            if encoding not in ("utf-8", "utf-8-sig"):
                text_path = tmp / "utf8.csv"
                _transcode(path, text_path, encoding)
        else:
            text_path = tmp / "rows.csv"
            readers.to_csv(path, fmt, sheet, text_path)
        layout = sniff_layout(text_path, trailing=False)
        header_row = (layout.header_line or 0) + 1
        numbered = tmp / "numbered.csv"
        width = _number_rows(text_path, layout, header_row, numbered)
        columns = (
            "{'__row': 'BIGINT', " + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(width)) + "}"
        )
        source = (
            f"read_csv({infer.sql_literal(str(numbered))}, delim=',', quote='\"', escape='\"', "
            f"header=false, columns={columns}, null_padding=true, auto_detect=false, "
            "max_line_size=16777216, parallel=false)"
        )
        con = connect(tmp)
        try:
            con.execute(
                f"COPY (SELECT * FROM {source}) TO {infer.sql_literal(str(dest))} (FORMAT parquet)"
            )
            rows = con.execute(
                f"SELECT count(*) FROM read_parquet({infer.sql_literal(str(dest))})"
            ).fetchone()[0]
        except duckdb.Error as e:
            raise IngestError(_plain_duckdb_error(str(e), layout)) from e
        finally:
            con.close()
    headers = [h.strip() for h in layout.headers] + [""] * (width - len(layout.headers))
    return TextTable(headers, header_row, rows, len(layout.title_rows))


def _number_rows(src: Path, layout: Layout, header_row: int, dest: Path) -> int:
    """Copy the data rows with their row number first. One record is one row as a
    spreadsheet shows it, and a blank line stays a (blank) row, which DuckDB would skip."""
    import csv

    width = max(len(layout.headers), 1)
    with (
        src.open(encoding="utf-8-sig", newline="") as f,
        dest.open("w", encoding="utf-8", newline="") as out,
    ):
        writer = csv.writer(out)
        for n, row in enumerate(csv.reader(f, delimiter=layout.delimiter), start=1):
            if n > header_row:
                width = max(width, len(row))
                writer.writerow([n, *row])
    return width


def copy_file(src: Path, dest: Path) -> None:
    shutil.copyfile(src, dest)


__all__ = ["IngestError", "Loaded", "TextTable", "count_lines", "load", "load_text"]
