"""`townsquare import --schema spend FILE` runs the same checks as an upload: a file with
problems is refused row by row with a non-zero exit, and nothing is created."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from factories import org_units
from spend_files import good, with_change

from townsquare.catalogue.models import Dataset


@pytest.fixture
def units(db):
    return org_units()


def run(*args, as_json=True) -> tuple[str, int]:
    out = io.StringIO()
    try:
        call_command("import", *args, *(["--json"] if as_json else []), stdout=out)
        code = 0
    except SystemExit as e:
        code = e.code
    return out.getvalue(), code


def test_a_valid_spend_file_loads(units, tmp_path):
    path = good(tmp_path / "spend-q1.csv")
    out, code = run(str(path), "--publisher", "finance", "--schema", "spend",
                    "--period-start", "2026-04-01", "--period-end", "2026-06-30")  # fmt: skip
    summary = json.loads(out)
    assert code == 0 and summary["loaded"] and summary["rows"] == 4
    assert summary["check"]["ok"] is True
    assert Dataset.objects.filter(slug=summary["dataset"]).exists()


def test_an_invalid_spend_file_is_refused_row_by_row(units, tmp_path):
    path = with_change(tmp_path / "spend-q1.csv", 3, "Date Paid", "01/07/2026")
    out, code = run(str(path), "--publisher", "finance", "--schema", "spend",
                    "--period-start", "2026-04-01", "--period-end", "2026-06-30", as_json=False)  # fmt: skip
    assert code == 1
    assert "Not loaded" in out
    assert "Error: Row 3: the Date Paid “01/07/2026” is outside the period" in out
    assert not Dataset.objects.exists()


def test_without_a_period_the_files_own_quarter_is_checked(units, tmp_path):
    path = with_change(tmp_path / "spend-q1.csv", 2, "Net Amount", "abc")
    out, code = run(str(path), "--publisher", "finance", "--schema", "spend")
    result = json.loads(out)
    assert code == 1 and result["loaded"] is False
    assert [(e["row"], e["code"]) for e in result["check"]["errors"]] == [(2, "not-a-number")]


def test_half_a_period_is_a_plain_error(units, tmp_path):
    with pytest.raises(CommandError, match="both --period-start and --period-end"):
        call_command("import", str(good(tmp_path / "s.csv")), "--publisher", "finance",
                     "--schema", "spend", "--period-start", "2026-04-01")  # fmt: skip
