"""Downloads of a table, whole or filtered: CSV (UTF-8, RFC 4180), JSON (an array of objects,
ISO 8601 dates) and Parquet.

DuckDB writes the file (`COPY (SELECT ...) TO`) into a fresh private folder under the data
folder, from a database that may read the table's Parquet file and write only there; the file
is opened and unlinked at once, so the response streams it and nothing is left behind.

CSV cells of text that start with =, +, -, @, a tab or a carriage return would run as formulas
in a spreadsheet; they get a leading apostrophe unless the person asks for the raw values.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from django.conf import settings

from .query import QuerySpec, Source, run, sandboxed_database, select_sql

EXPORT_SECONDS = 600.0

# How DuckDB writes each format: COPY options and the download's media type.
FORMATS = {
    "csv": ("(FORMAT csv, HEADER true, DELIMITER ',', QUOTE '\"', NEW_LINE '\\r\\n')", "text/csv"),
    "json": ("(FORMAT json, ARRAY true)", "application/json"),
    "parquet": ("(FORMAT parquet, COMPRESSION zstd)", "application/vnd.apache.parquet"),
}


@dataclass
class Export:
    file: BinaryIO  # open, already unlinked: streams and then disappears
    media_type: str
    extension: str


def export(source: Source, spec: QuerySpec, fmt: str, *, raw: bool = False) -> Export:
    """Every row matching the spec (its columns, filters, search and sort; no limit)."""
    options, media_type = FORMATS[fmt]
    sql, params = select_sql(
        source,
        replace(spec, offset=0, cursor=""),  # downloads are whole: no page
        neutralise_formulas=(fmt == "csv" and not raw),
        text_datetimes=(fmt != "parquet"),
    )
    folder = Path(tempfile.mkdtemp(prefix="export-", dir=_exports_dir()))
    target = folder / f"table.{fmt}"
    try:
        con = sandboxed_database({"t": source.path}, writable_dir=folder)
        try:
            literal = str(target).replace("'", "''")
            run(con, f"COPY ({sql}) TO '{literal}' {options}", params, seconds=EXPORT_SECONDS)
        finally:
            con.close()
        handle = target.open("rb")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return Export(handle, media_type, fmt)


def _exports_dir() -> Path:
    folder = Path(settings.DATA_DIR) / "tmp"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
