"""Spreadsheets (every sheet selectable), JSON, line-delimited JSON, GeoJSON and Parquet load
as tables; a zip bomb and malformed GeoJSON are refused with a plain message."""

import io
import json
import zipfile
from datetime import date

import duckdb
import pytest
from django.core.exceptions import ValidationError
from factories import dataset, org_units
from ingest_support import ingest, rows, types
from openpyxl import Workbook

from townsquare.catalogue import services as catalogue_services
from townsquare.datastore import api


@pytest.fixture
def ds(db):
    return dataset("Mixed", publisher=org_units()["payments"], access_level="open", with_file=False)


def xlsx(sheets: dict[str, list[list]]) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    for name, data in sheets.items():
        ws = wb.create_sheet(name)
        for row in data:
            ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_xlsx_first_sheet_with_real_dates_and_a_title_row(ds):
    content = xlsx({
        "Spend": [["Spend over £500"], [], ["Paid", "Supplier", "Amount", "Code"],
                  [date(2025, 4, 1), "Acme", 1234.5, "0164A"],
                  [date(2025, 4, 2), "Bolt", 20, "0007"]],
        "Notes": [["Note"], ["Made by finance"]],
    })  # fmt: skip
    job, res = ingest(ds, "spend.xlsx", content)
    assert job.status == "succeeded", job.error
    assert types(job.table) == {
        "paid": "date",
        "supplier": "string",
        "amount": "number",
        "code": "string",
    }
    assert rows(job.table)[0] == (date(2025, 4, 1), "Acme", 1234.5, "0164A")
    assert rows(job.table)[1][3] == "0007"
    assert api.sheets_of(res.current_version) == ["Spend", "Notes"]


def test_xlsx_another_sheet_is_selectable_and_has_its_own_table(ds):
    content = xlsx({"Spend": [["a"], [1]], "Notes": [["Note", "By"], ["Made by finance", "Pat"]]})
    first, res = ingest(ds, "book.xlsx", content)
    second = api.ingest_version(res.current_version, sheet="Notes")
    assert second.status == "succeeded", second.error
    assert {t.sheet for t in api.tables_for_dataset(ds)} == {"", "Notes"}
    assert rows(second.table) == [("Made by finance", "Pat")]
    assert second.table.name != first.table.name
    missing = api.ingest_version(res.current_version, sheet="Nope")
    assert missing.status == "failed"
    assert "no sheet called “Nope”" in missing.error


def test_xlsx_formula_cells_load_their_saved_values(ds):
    wb = Workbook()
    ws = wb.active
    ws.append(["a", "b", "total"])
    ws.append([1, 2, "=A2+B2"])
    out = io.BytesIO()
    wb.save(out)
    # openpyxl saves no calculated value, as a file never opened in Excel: the formula's
    # cell is blank rather than the formula text.
    job, _ = ingest(ds, "f.xlsx", out.getvalue())
    assert job.status == "succeeded"
    assert rows(job.table)[0][:2] == (1, 2)


def test_an_xlsx_zip_bomb_is_refused_unopened(ds, monkeypatch):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/worksheets/sheet1.xml", b"0" * (50 * 1024 * 1024))
    with pytest.raises(ValidationError, match="zip bomb"):
        ingest(ds, "bomb.xlsx", out.getvalue())  # refused as it is uploaded
    monkeypatch.setattr(catalogue_services, "check_upload", lambda f, name: None)
    job, _ = ingest(ds, "bomb.xlsx", out.getvalue())  # and again before it is read
    assert job.status == "failed"
    assert "zip bomb" in job.error


def test_a_declared_size_over_the_limit_is_refused(ds, monkeypatch):
    from townsquare.datastore import readers

    monkeypatch.setattr(readers, "MAX_UNZIPPED_BYTES", 1000)
    job, _ = ingest(ds, "big.xlsx", xlsx({"S": [["a"], *([["x" * 100]] * 50)]}))
    assert job.status == "failed"
    assert "limit" in job.error


def test_json_array_of_objects_and_nested_values(ds):
    data = [{"n": 1, "name": "A", "tags": ["x"]}, {"n": 2, "name": "B", "extra": True}]
    job, _ = ingest(ds, "d.json", json.dumps(data).encode())
    assert job.status == "succeeded", job.error
    assert [f["name"] for f in job.table.fields] == ["n", "name", "tags", "extra"]
    assert rows(job.table) == [(1, "A", '["x"]', None), (2, "B", None, True)]


def test_line_delimited_json(ds):
    job, _ = ingest(ds, "d.ndjson", b'{"a": 1, "b": "x"}\n{"a": 2, "b": "y"}\n')
    assert rows(job.table) == [(1, "x"), (2, "y")]


def test_geojson_one_row_per_feature_with_its_geometry(ds):
    fc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "Park", "area": 2.5},
         "geometry": {"type": "Point", "coordinates": [-1.5, 52.1]}},
        {"type": "Feature", "properties": {"name": "Pond", "area": 0.4}, "geometry": None},
    ]}  # fmt: skip
    job, _ = ingest(ds, "places.geojson", json.dumps(fc).encode())
    assert job.status == "succeeded", job.error
    assert types(job.table) == {"name": "string", "area": "number", "geometry": "geojson"}
    first = rows(job.table)[0]
    assert json.loads(first[2]) == {"type": "Point", "coordinates": [-1.5, 52.1]}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"type": "FeatureCollection", "features": [', "not valid JSON"),
        (b'{"type": "Topology"}', "no FeatureCollection"),
        (b'{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": 5}]}',
         "Feature 1 has a geometry without a type"),
    ],
)  # fmt: skip
def test_malformed_geojson_fails_plainly(ds, content, message):
    job, _ = ingest(ds, "bad.geojson", content)
    assert job.status == "failed"
    assert message in job.error


def test_parquet_keeps_its_types(ds, tmp_path):
    src = tmp_path / "in.parquet"
    duckdb.sql(f"COPY (SELECT 1 AS \"Id\", DATE '2025-04-01' AS day, 'x' AS label) TO '{src}'")
    job, _ = ingest(ds, "in.parquet", src.read_bytes())
    assert job.status == "succeeded", job.error
    assert types(job.table) == {"id": "integer", "day": "date", "label": "string"}
    assert rows(job.table) == [(1, date(2025, 4, 1), "x")]


def test_ods_spreadsheet(ds):
    content = _ods([["Name", "Count"], ["A", "3"], ["B", "4"]])
    job, _ = ingest(ds, "s.ods", content)
    assert job.status == "succeeded", job.error
    assert rows(job.table) == [("A", 3), ("B", 4)]


def _ods(data: list[list[str]]) -> bytes:
    """A minimal OpenDocument spreadsheet, written by hand."""
    cells = "".join(
        "<table:table-row>" + "".join(
            f'<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>'
            for v in row) + "</table:table-row>"
        for row in data
    )  # fmt: skip
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="Sheet1">{cells}'
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("META-INF/manifest.xml", manifest)
        z.writestr("content.xml", content)
    return out.getvalue()
