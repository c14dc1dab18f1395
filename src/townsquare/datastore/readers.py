"""Spreadsheets, JSON and GeoJSON, turned into a plain UTF-8 CSV that the CSV path then reads,
so every format gets the same layout sniffing, typing and reporting. Cells are written as
text: dates as ISO 8601, so the type inference finds them again."""

from __future__ import annotations

import csv
import json
import zipfile
from collections.abc import Iterable, Iterator
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from .sniff import IngestError

# A zip bomb declares (or expands to) far more than any real workbook: refuse it unopened.
MAX_UNZIPPED_BYTES = 1024 * 1024 * 1024
MAX_ZIP_RATIO = 200
MAX_JSON_BYTES = 512 * 1024 * 1024

FORMATS = {".csv": "csv", ".tsv": "csv", ".tab": "csv", ".txt": "csv", ".xlsx": "xlsx",
           ".xlsm": "xlsx", ".xls": "xls", ".ods": "ods", ".json": "json", ".jsonl": "json",
           ".ndjson": "json", ".geojson": "geojson", ".parquet": "parquet"}  # fmt: skip


def format_of(filename: str) -> str | None:
    suffix = Path(filename).suffix.lower()
    return FORMATS.get(suffix)


def check_zip(path: Path) -> None:
    """Refuse archives whose declared contents are too large or too compressed."""
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
    except zipfile.BadZipFile as e:
        raise IngestError("The spreadsheet is damaged or is not really a spreadsheet.") from e
    total = sum(i.file_size for i in infos)
    if total > MAX_UNZIPPED_BYTES:
        raise IngestError(
            f"The spreadsheet would unpack to {total // (1024 * 1024):,} MB, more than the "
            f"{MAX_UNZIPPED_BYTES // (1024 * 1024):,} MB limit, so it was not opened."
        )
    for i in infos:
        if i.compress_size and i.file_size / i.compress_size > MAX_ZIP_RATIO and i.file_size > 10e6:
            raise IngestError(
                f"The spreadsheet part {i.filename} is compressed {i.file_size // i.compress_size:,}"
                " times, which only a deliberately malicious file does, so it was not opened."
            )


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        if value.time() == time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.isoformat()
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def write_csv(rows: Iterable[Iterable[Any]], dest: Path) -> None:
    with dest.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        for row in rows:
            cells = [cell_text(v) for v in row]
            while cells and cells[-1] == "":
                cells.pop()
            writer.writerow(cells)


def sheet_names(path: Path, fmt: str) -> list[str]:
    if fmt == "xlsx":
        check_zip(path)
        from openpyxl import load_workbook

        wb = load_workbook(path, read_only=True)
        try:
            return list(wb.sheetnames)
        finally:
            wb.close()
    if fmt == "xls":
        import xlrd

        return xlrd.open_workbook(path, on_demand=True).sheet_names()
    if fmt == "ods":
        check_zip(path)
        from python_calamine import CalamineWorkbook

        return list(CalamineWorkbook.from_path(str(path)).sheet_names)
    return []


def _pick(names: list[str], sheet: str) -> str:
    if not names:
        raise IngestError("The spreadsheet has no sheets.")
    if not sheet:
        return names[0]
    if sheet not in names:
        raise IngestError(
            f"The spreadsheet has no sheet called “{sheet}”. It has: {', '.join(names)}."
        )
    return sheet


def xlsx_rows(path: Path, sheet: str) -> Iterator[tuple]:
    check_zip(path)
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises many kinds for damaged files
        raise IngestError(f"The spreadsheet could not be opened: {e}") from e
    try:
        ws = wb[_pick(list(wb.sheetnames), sheet)]
        yield from ws.iter_rows(values_only=True)
    finally:
        wb.close()


def xls_rows(path: Path, sheet: str) -> Iterator[list]:
    import xlrd

    try:
        book = xlrd.open_workbook(path, on_demand=True)
    except xlrd.XLRDError as e:
        raise IngestError(f"The spreadsheet could not be opened: {e}") from e
    ws = book.sheet_by_name(_pick(book.sheet_names(), sheet))
    for r in range(ws.nrows):
        row = []
        for cell in ws.row(r):
            if cell.ctype == xlrd.XL_CELL_DATE:
                row.append(xlrd.xldate_as_datetime(cell.value, book.datemode))
            elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
                row.append(bool(cell.value))
            elif cell.ctype == xlrd.XL_CELL_ERROR:
                row.append("")
            else:
                row.append(cell.value)
        yield row


def ods_rows(path: Path, sheet: str) -> Iterator[list]:
    check_zip(path)
    from python_calamine import CalamineWorkbook

    try:
        wb = CalamineWorkbook.from_path(str(path))
    except Exception as e:  # the binding raises its own error types
        raise IngestError(f"The spreadsheet could not be opened: {e}") from e
    yield from wb.get_sheet_by_name(_pick(list(wb.sheet_names), sheet)).to_python()


def _load_json(path: Path) -> Any:
    if path.stat().st_size > MAX_JSON_BYTES:
        raise IngestError("The JSON file is too large to load; use CSV or Parquet instead.")
    try:
        with path.open(encoding="utf-8-sig") as f:
            return json.load(f)
    except UnicodeDecodeError as e:
        raise IngestError("The JSON file is not UTF-8 text.") from e
    except json.JSONDecodeError as e:
        raise IngestError(
            f"The file is not valid JSON: {e.msg} at line {e.lineno}, column {e.colno}.",
            row=e.lineno,
        ) from e


def _records_to_rows(records: Iterable[Any], what: str) -> list[list[Any]]:
    keys: dict[str, None] = {}
    records = list(records)
    for n, rec in enumerate(records, 1):
        if not isinstance(rec, dict):
            raise IngestError(f"{what} {n} is not an object with named values.", row=n)
        keys.update(dict.fromkeys(rec))
    header = list(keys)
    return [header, *([rec.get(k) for k in header] for rec in records)]


def json_rows(path: Path) -> list[list[Any]]:
    with path.open("rb") as f:
        start = f.read(1024).lstrip(b"\xef\xbb\xbf \t\r\n")
    if start.startswith(b"{") and b"\n{" in path.read_bytes()[:1_000_000].strip():
        return _ndjson_rows(path)
    data = _load_json(path)
    if isinstance(data, dict):
        # {"data": [...]} and similar wrappers: the one list of objects inside.
        lists = [v for v in data.values() if isinstance(v, list)]
        if len(lists) != 1:
            raise IngestError("The JSON is an object, not a list of rows.")
        data = lists[0]
    if not isinstance(data, list):
        raise IngestError("The JSON is not a list of rows.")
    return _records_to_rows(data, "Item")


def _ndjson_rows(path: Path) -> list[list[Any]]:
    records = []
    with path.open(encoding="utf-8-sig") as f:
        for n, line in enumerate(f, 1):
            if line.strip():
                try:
                    records.append(json.loads(line))
                except json.JSONDecodeError as e:
                    raise IngestError(f"Line {n} is not valid JSON: {e.msg}.", row=n) from e
    return _records_to_rows(records, "Line")


def geojson_rows(path: Path) -> list[list[Any]]:
    """One row per feature: its properties, then its geometry as GeoJSON text."""
    data = _load_json(path)
    if not isinstance(data, dict) or data.get("type") not in ("FeatureCollection", "Feature"):
        raise IngestError("The GeoJSON has no FeatureCollection or Feature at its top level.")
    features = data.get("features") if data["type"] == "FeatureCollection" else [data]
    if not isinstance(features, list):
        raise IngestError("The GeoJSON FeatureCollection has no list of features.")
    records = []
    for n, feat in enumerate(features, 1):
        if not isinstance(feat, dict) or feat.get("type") != "Feature":
            raise IngestError(f"Feature {n} is not a GeoJSON Feature.", row=n)
        geometry = feat.get("geometry")
        if geometry is not None and (not isinstance(geometry, dict) or "type" not in geometry):
            raise IngestError(
                f"Feature {n} has a geometry without a type.", row=n, column="geometry"
            )
        props = feat.get("properties") or {}
        if not isinstance(props, dict):
            raise IngestError(f"Feature {n} has properties that are not an object.", row=n)
        records.append(
            {**{k: v for k, v in props.items() if k != "geometry"}, "geometry": geometry}
        )
    return _records_to_rows(records, "Feature")


def to_csv(path: Path, fmt: str, sheet: str, dest: Path) -> None:
    if fmt == "xlsx":
        write_csv(xlsx_rows(path, sheet), dest)
    elif fmt == "xls":
        write_csv(xls_rows(path, sheet), dest)
    elif fmt == "ods":
        write_csv(ods_rows(path, sheet), dest)
    elif fmt == "json":
        write_csv(json_rows(path), dest)
    elif fmt == "geojson":
        write_csv(geojson_rows(path), dest)
    else:
        raise IngestError(f"Files of type {fmt} cannot be loaded as a table.")
