"""`townsquare import`: creates or updates a dataset, loads the file now, and prints a
summary (one JSON object with --json); the exit status says whether the file loaded."""

import json

import pytest
from django.core.management import CommandError, call_command
from factories import org_units

from townsquare.catalogue.models import Dataset
from townsquare.datastore import api
from townsquare.datastore.validate import register_schema


@pytest.fixture
def units(db):
    return org_units()


def run(*args) -> tuple[dict, int]:
    import io

    out = io.StringIO()
    try:
        call_command("import", *args, "--json", stdout=out)
        code = 0
    except SystemExit as e:
        code = e.code
    return json.loads(out.getvalue()), code


def test_a_new_dataset_from_a_csv(units, tmp_path):
    f = tmp_path / "spend.csv"
    f.write_text(
        'Date,Supplier,Amount\n01/04/2025,Acme,"£1,000"\nTotal,,"£1,000"\n', encoding="utf-8"
    )
    summary, code = run(
        str(f), "--publisher", "finance", "--title", "Spend over £500", "--access", "internal"
    )
    assert code == 0
    assert summary["dataset"] == "spend-over-500"
    assert summary["rows"] == 1
    assert summary["columns"] == [
        {"name": "date", "title": "Date", "type": "date"},
        {"name": "supplier", "title": "Supplier", "type": "string"},
        {"name": "amount", "title": "Amount", "type": "number"},
    ]
    assert summary["warnings"][0]["row"] == 3
    assert summary["errors"] == []
    ds = Dataset.objects.get(slug="spend-over-500")
    assert ds.access_level == "internal"
    assert str(ds.resources.get().uuid) == summary["resource"]


def test_the_same_file_name_again_is_a_new_version(units, tmp_path):
    f = tmp_path / "spend.csv"
    f.write_text("a\n1\n")
    first, _ = run(str(f), "--publisher", "finance", "--dataset", "spend")
    f.write_text("a\n1\n2\n")
    second, _ = run(str(f), "--dataset", "spend")
    assert second["resource"] == first["resource"]
    assert second["version"] == 2
    assert second["rows"] == 2


def test_a_file_that_cannot_load_exits_non_zero_and_says_why(units, tmp_path):
    f = tmp_path / "broken.csv"
    f.write_bytes(b"")
    summary, code = run(str(f), "--publisher", "finance")
    assert code == 1
    assert summary["rows"] == 0
    assert summary["errors"][0]["message"] == "The file is empty."


def test_a_file_that_is_not_what_its_name_says_is_refused_before_it_is_stored(units, tmp_path):
    f = tmp_path / "broken.csv"
    f.write_bytes(b"\x00\x01\x02\x03" * 64)
    with pytest.raises(CommandError, match="The file is not a text CSV file"):
        call_command("import", str(f), "--publisher", "finance")


def test_a_schema_by_path_or_registered_name_reports_problems_with_rows(units, tmp_path):
    schema = {"fields": [{"name": "amount", "type": "number", "constraints": {"minimum": 0}}]}
    path = tmp_path / "schema.json"
    path.write_text(json.dumps(schema))
    register_schema("test-spend", lambda: schema)
    f = tmp_path / "s.csv"
    f.write_text("amount\n5\n-1\n")
    for given in (str(path), "test-spend"):
        summary, code = run(str(f), "--publisher", "finance", "--dataset", "s", "--schema", given)
        assert code == 0
        assert summary["valid"] is False
        assert summary["errors"][0]["row"] == 3
        assert summary["errors"][0]["column"] == "amount"


def test_an_unknown_schema_or_publisher_is_a_plain_error(units, tmp_path):
    f = tmp_path / "s.csv"
    f.write_text("a\n1\n")
    with pytest.raises(CommandError, match="no schema with that name"):
        call_command("import", str(f), "--publisher", "finance", "--schema", "nope")
    with pytest.raises(CommandError, match="no organisational unit"):
        call_command("import", str(f), "--publisher", "nope")


def test_a_sheet_of_a_workbook(units, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["x"])
    ws = wb.create_sheet("Second")
    ws.append(["name", "n"])
    ws.append(["A", 1])
    path = tmp_path / "book.xlsx"
    wb.save(path)
    summary, code = run(str(path), "--publisher", "finance", "--sheet", "Second")
    assert code == 0
    assert summary["rows"] == 1
    table = api.table_get(Dataset.objects.get(slug=summary["dataset"]), summary["table"])
    assert table.sheet == "Second"
