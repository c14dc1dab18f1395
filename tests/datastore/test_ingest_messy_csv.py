"""Messy council CSVs load as typed tables, or fail with a plain message naming where, and
a failure never replaces the table already live."""

import codecs

import pytest
from django.core.exceptions import ValidationError
from factories import dataset, org_units
from ingest_support import ingest, rows, stored, types

from townsquare.catalogue import services as catalogue_services

SPEND = 'Date,Supplier,Amount\n01/04/2025,Acme Ltd,"£1,234.56"\n02/04/2025,Café Nérée,12.50\n'


@pytest.fixture
def ds(db):
    return dataset("Spend", publisher=org_units()["payments"], access_level="open", with_file=False)


@pytest.mark.parametrize(
    "encoded",
    [
        SPEND.encode("utf-8"),
        codecs.BOM_UTF8 + SPEND.encode("utf-8"),
        SPEND.encode("cp1252"),
        SPEND.encode("latin-1"),
        SPEND.encode("utf-16"),  # with its BOM, as Excel's "Unicode text" writes it
        SPEND.encode("utf-16-le"),
    ],
    ids=["utf-8", "utf-8-bom", "windows-1252", "latin-1", "utf-16", "utf-16-le-no-bom"],
)
def test_each_encoding_loads_the_same_values(ds, encoded):
    job, _ = ingest(ds, "spend.csv", encoded)
    assert job.status == "succeeded", job.error
    assert [f["title"] for f in job.table.fields] == ["Date", "Supplier", "Amount"]
    assert rows(job.table)[1][1] == "Café Nérée"
    assert rows(job.table)[0][2] == 1234.56


@pytest.mark.parametrize("delimiter", [";", "\t", "|"])
def test_semicolon_tab_and_pipe_delimiters(ds, delimiter):
    text = f"Code{delimiter}Amount{delimiter}Note\n0164A{delimiter}3,50{delimiter}a, b\nX1{delimiter}2{delimiter}c\n"
    job, _ = ingest(ds, "data.csv", text.encode())
    assert job.status == "succeeded", job.error
    assert [f["name"] for f in job.table.fields] == ["code", "amount", "note"]
    assert rows(job.table)[0][0] == "0164A"
    assert rows(job.table)[0][2] == "a, b"


def test_title_rows_above_the_headings_are_skipped_and_reported(ds):
    text = "Eastmere Council\nSpend over £500, April 2025\n\n" + SPEND
    job, _ = ingest(ds, "spend.csv", text.encode())
    assert job.status == "succeeded"
    assert [f["title"] for f in job.table.fields] == ["Date", "Supplier", "Amount"]
    assert job.table.row_count == 2
    assert any("Spend over £500" in w["message"] for w in job.warnings)


def test_totals_and_notes_at_the_end_are_left_out_and_reported_with_their_row(ds):
    text = (
        SPEND + ',,\nTotal,,"£1,247.06"\nSource: the council\'s finance system, run 3 May 2025,,\n'
    )
    job, _ = ingest(ds, "spend.csv", text.encode())
    assert job.status == "succeeded"
    assert job.table.row_count == 2
    assert types(job.table)["amount"] == "number"
    total = [w for w in job.warnings if "Total" in w["message"]]
    assert total and total[0]["row"] == 5
    assert any("Source:" in w["message"] for w in job.warnings)


def test_blank_rows_in_the_middle_are_skipped(ds):
    job, _ = ingest(ds, "spend.csv", (SPEND.replace("\n02/", "\n\n,,\n02/")).encode())
    assert job.table.row_count == 2


def test_ragged_rows_keep_every_cell(ds):
    text = "a,b,c\n1,2,3\n4,5\n6,7,8,9\n"
    job, _ = ingest(ds, "ragged.csv", text.encode())
    assert job.status == "succeeded", job.error
    assert rows(job.table) == [(1, 2, 3, None), (4, 5, None, None), (6, 7, 8, 9)]
    assert any("more cells" in w["message"] for w in job.warnings)


def test_ragged_rows_beyond_the_sample_are_repaired(ds):
    # Past the sample Python reads, so DuckDB meets the long row first.
    text = "a,b\n" + "1,2\n" * 300_000 + "3,4,5\n"
    job, _ = ingest(ds, "ragged.csv", text.encode())
    assert job.status == "succeeded", job.error
    assert job.table.row_count == 300_001
    assert rows(job.table)[-1] == (3, 4, "5")


def test_duplicate_and_blank_headings_get_unique_names(ds):
    job, _ = ingest(ds, "d.csv", b"Amount,amount,,Amount\n1,2,3,4\n")
    fields = job.table.fields
    assert [f["name"] for f in fields] == ["amount", "amount_2", "column_3", "amount_3"]
    assert [f["title"] for f in fields] == ["Amount", "amount", "Column 3", "Amount"]
    assert any("no heading" in w["message"] for w in job.warnings)


def test_an_empty_file_fails_plainly(ds):
    job, _ = ingest(ds, "empty.csv", b"")
    assert job.status == "failed"
    assert job.error == "The file is empty."


def test_a_header_only_file_loads_an_empty_table(ds):
    job, _ = ingest(ds, "h.csv", b"Date,Supplier,Amount\n")
    assert job.status == "succeeded"
    assert job.table.row_count == 0
    assert job.table.column_count == 3
    assert any("no rows" in w["message"] for w in job.warnings)


def test_ten_thousand_columns(ds):
    header = ",".join(f"col{i}" for i in range(10000))
    row = ",".join(str(i) for i in range(10000))
    job, _ = ingest(ds, "wide.csv", f"{header}\n{row}\n{row}\n".encode())
    assert job.status == "succeeded", job.error
    assert job.table.column_count == 10000
    assert rows(job.table)[0][9999] == "9999"
    assert any("kept as text" in w["message"] for w in job.warnings)


BINARY = b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)) * 4


def test_a_binary_file_named_csv_is_refused_on_upload(ds):
    with pytest.raises(ValidationError, match="The file is not a text CSV file"):
        ingest(ds, "spend.csv", BINARY)


def test_a_binary_version_stored_unchecked_fails_to_load_with_a_clear_message(ds, monkeypatch):
    # A version stored before uploads were checked is checked again before it is read.
    monkeypatch.setattr(catalogue_services, "check_upload", lambda f, name: None)
    job, _ = ingest(ds, "spend.csv", BINARY)
    assert job.status == "failed"
    assert job.error == "The file is not a text CSV file, so it was not loaded."


def test_formula_cells_in_csv_are_kept_as_text(ds):
    job, _ = ingest(ds, "f.csv", b'Name,Formula\nA,=SUM(A1:A3)\nB,"=HYPERLINK(""x"")"\n')
    assert rows(job.table) == [("A", "=SUM(A1:A3)"), ("B", '=HYPERLINK("x")')]


def test_a_failure_leaves_the_previous_table_live(ds, monkeypatch):
    monkeypatch.setattr(catalogue_services, "check_upload", lambda f, name: None)
    good, res = ingest(ds, "spend.csv", SPEND.encode())
    live = good.table
    bad, _ = ingest(ds, "spend.csv", b"\x00\x01\x02\x03" * 100, resource=res)
    assert bad.status == "failed"
    live.refresh_from_db()
    assert live.source_version == good.version
    assert live.row_count == 2
    assert stored(live.parquet)
    assert len(rows(live)) == 2


def test_a_new_version_replaces_the_table_and_its_old_file(ds, django_capture_on_commit_callbacks):
    first, res = ingest(ds, "spend.csv", SPEND.encode())
    old_file = first.table.parquet
    # The old file is deleted once the swap has committed.
    with django_capture_on_commit_callbacks(execute=True):
        second, _ = ingest(ds, "spend.csv", (SPEND + "03/04/2025,Third,1\n").encode(), resource=res)
    assert second.table.pk == first.table.pk
    assert second.table.row_count == 3
    assert second.table.name == first.table.name
    assert not stored(old_file)


def test_totals_at_the_end_of_a_file_larger_than_the_sample(ds):
    text = "a,b\n" + "1,2\n" * 400_000 + "Total,800000"  # and no line end after it
    job, _ = ingest(ds, "long.csv", text.encode())
    assert job.table.row_count == 400_000
    (warning,) = job.warnings
    assert warning["row"] == 400_002
