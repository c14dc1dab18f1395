"""Every table the datastore loads is scanned for personal data, whatever the file's format:
the findings (column, kind, count, masked examples) are stored with the file's version, each
sheet of a workbook on its own, from a bounded sample of the loaded Parquet."""

import io
import json

import duckdb
import pytest
from factories import dataset, org_units
from ingest_support import ingest, upload
from openpyxl import Workbook
from test_ingest_formats import _ods, xlsx

from townsquare.datastore import api
from townsquare.governance.models import ScanResult

NHS = ["943 476 5919", "401 023 2137"]


@pytest.fixture
def ds(db):
    return dataset("Clinic", publisher=org_units()["payments"], access_level="internal",
                   status="draft", with_file=False)  # fmt: skip


def _findings(resource) -> list[dict]:
    resource.refresh_from_db()
    return ScanResult.objects.get(version=resource.current_version).findings


def _kinds(findings) -> set[tuple[str, str]]:
    return {(f["column"], f["kind"]) for f in findings}


def _parquet(tmp_path) -> bytes:
    src = tmp_path / "in.parquet"
    rows = "VALUES ('943 476 5919', 'North'), ('401 023 2137', 'South')"
    duckdb.sql(f"COPY (SELECT * FROM ({rows}) t(patient, ward)) TO '{src}'")  # noqa: S608
    return src.read_bytes()


def _contents(tmp_path) -> dict[str, bytes]:
    table = [["patient", "ward"], [NHS[0], "North"], [NHS[1], "South"]]
    records = [{"patient": n, "ward": w} for n, w in zip(NHS, ["North", "South"], strict=True)]
    features = [{"type": "Feature", "properties": r,
                 "geometry": {"type": "Point", "coordinates": [0.1, 52.2]}} for r in records]  # fmt: skip
    return {
        "visits.xlsx": xlsx({"Visits": table}),
        "visits.ods": _ods(table),
        "visits.json": json.dumps(records).encode(),
        "visits.geojson": json.dumps({"type": "FeatureCollection", "features": features}).encode(),
        "visits.parquet": _parquet(tmp_path),
        "visits.tsv": b"patient\tward\n943 476 5919\tNorth\n401 023 2137\tSouth\n",
    }


@pytest.mark.parametrize("filename", ["visits.xlsx", "visits.ods", "visits.json",
                                      "visits.geojson", "visits.parquet", "visits.tsv"])  # fmt: skip
def test_every_format_is_scanned_on_ingest(ds, tmp_path, filename):
    job, resource = ingest(ds, filename, _contents(tmp_path)[filename])
    assert job.status == "succeeded", job.error
    (finding,) = _findings(resource)
    assert (finding["column"], finding["kind"], finding["count"]) == ("patient", "nhs_number", 2)
    assert finding["examples"] == ["943 *** ****", "401 *** ****"]


def test_a_workbook_keeps_each_loaded_sheets_findings(ds):
    content = xlsx({"Clients": [["email"], ["ada@example.org"]],
                    "Staff": [["ni_number"], ["AB123456C"]]})  # fmt: skip
    job, resource = ingest(ds, "people.xlsx", content, sheet="Clients")
    api.ingest_version(resource.current_version, sheet="Staff")
    found = {(f["sheet"], f["column"], f["kind"]) for f in _findings(resource)}
    assert found == {("Clients", "email", "email"), ("Staff", "ni_number", "ni_number")}
    # Loading a sheet again replaces only its own findings.
    api.ingest_version(resource.current_version, sheet="Staff")
    assert len(_findings(resource)) == 2


def test_a_clean_table_is_recorded_as_scanned_and_clean(ds):
    job, resource = ingest(ds, "wards.xlsx", xlsx({"S": [["ward", "amount"], ["North", 3]]}))
    assert _findings(resource) == []


def test_the_ingest_scan_replaces_the_quick_scan_made_on_upload(ds):
    resource = upload(ds, "visits.csv", b"ward\nNorth\n")
    assert _findings(resource) == []  # CSV is scanned as it is uploaded
    job, resource = ingest(ds, "visits.csv", b"patient\n943 476 5919\n", resource=resource)
    assert _kinds(_findings(resource)) == {("patient", "nhs_number")}


def test_only_a_bounded_sample_is_read(ds, monkeypatch):
    monkeypatch.setattr(api, "SCAN_ROWS", 2)
    rows = "".join(f"{i},North\n" for i in range(10)) + "943 476 5919,North\n"
    job, resource = ingest(ds, "late.csv", f"ref,ward\n{rows}".encode())
    assert job.table.row_count == 11
    assert _findings(resource) == []  # the number is beyond the sample


def test_the_sample_gives_titles_and_text(ds):
    wb = Workbook()
    wb.active.append(["Date of birth", "Postcode"])
    wb.active.append(["1980-02-03", "AB1 2CD"])
    out = io.BytesIO()
    wb.save(out)
    job, resource = ingest(ds, "people.xlsx", out.getvalue())
    headers, columns = api.sample_columns(api.parquet_path(job.table), job.table.fields)
    assert headers == ["Date of birth", "Postcode"]
    assert columns == [["1980-02-03"], ["AB1 2CD"]]
    assert _kinds(_findings(resource)) == {
        ("Date of birth", "date_of_birth"),
        ("Postcode", "postcode_with_date_of_birth"),
    }


def test_a_failing_scan_does_not_fail_the_ingest_and_leaves_the_file_unchecked(ds, monkeypatch):
    from townsquare.governance import api as governance

    def broken(*args, **kwargs):
        raise RuntimeError("scanner broke")

    monkeypatch.setattr(governance, "scan_and_record", broken)
    job, resource = ingest(ds, "visits.xlsx", xlsx({"S": [["a"], ["b"]]}))
    assert job.status == "succeeded"
    assert not ScanResult.objects.filter(version=resource.current_version).exists()
