"""A spend file is checked against the spend schema the way the Code asks, and every problem
is reported with the row and column as the publisher sees them in their file."""

import json

import duckdb
from spend_files import HEADERS, Q1_END, Q1_START, ROWS, good, with_change, write_csv

from townsquare.transparency.validation import Report, suggest_mapping, validate_period


def check(path, **kw):
    return validate_period(path, "spend", start=Q1_START, end=Q1_END, **kw)


def test_a_good_spend_file_in_a_councils_own_headings_passes(tmp_path):
    report = check(good(tmp_path / "q1.csv"))
    assert report.ok, report.as_dict()
    assert report.rows == 4
    assert report.mapping["Supplier Name"] == "BeneficiaryName"
    assert report.mapping["Net Amount"] == "Amount"
    assert "meets the spend schema" in report.summary


def test_a_missing_required_column_is_named(tmp_path):
    headers = [h for h in HEADERS if h != "Net Amount"]
    rows = [[c for h, c in zip(HEADERS, r, strict=True) if h != "Net Amount"] for r in ROWS]
    report = check(write_csv(tmp_path / "q1.csv", headers, rows))
    assert not report.ok
    [missing] = [e for e in report.errors if e.code == "missing-column"]
    assert missing.row == 1 and missing.field == "Amount"
    assert "Net Amount (Amount)" in missing.message


def test_a_non_numeric_amount_is_reported_by_row_and_column(tmp_path):
    report = check(with_change(tmp_path / "q1.csv", 3, "Net Amount", "twelve"))
    [e] = report.errors
    assert (e.code, e.row, e.column, e.value) == ("not-a-number", 3, "Net Amount", "twelve")
    assert e.message == "Row 3: “Net Amount” is “twelve”, which is not a number."


def test_a_date_outside_the_quarter_is_reported(tmp_path):
    report = check(with_change(tmp_path / "q1.csv", 4, "Date Paid", "01/07/2026"))
    [e] = report.errors
    assert (e.code, e.row, e.column) == ("outside-period", 4, "Date Paid")
    assert "1 April 2026 to 30 June 2026" in e.message


def test_amounts_need_two_decimals_at_most_and_the_lga_form_is_asked_for(tmp_path):
    report = check(with_change(tmp_path / "q1.csv", 2, "Net Amount", "1250.005"))
    assert [(e.code, e.row) for e in report.errors] == [("decimals", 2)]
    report = check(with_change(tmp_path / "q1.csv", 2, "Net Amount", "£1,250.00"))
    assert report.ok
    assert [(w.code, w.row) for w in report.warnings] == [("amount-form", 2)]


def test_total_rows_are_found_by_their_words_or_their_sum(tmp_path):
    rows = [list(r) for r in ROWS]
    total = f"{sum(float(r[5]) for r in ROWS):.2f}"
    rows.append(["", "", "", "", "", total, "", ""])  # a sum with no date or transaction
    rows.append(["Grand total", "", "", "", "", total, "", ""])
    report = check(write_csv(tmp_path / "q1.csv", HEADERS, rows))
    assert [(e.code, e.row) for e in report.errors] == [("total-row", 6), ("total-row", 7)]
    assert "adds up the rows above" in report.errors[0].message
    assert report.rows == 4  # "Total Gym Ltd" on row 5 is a supplier, not a total


def test_a_duplicate_transaction_number_within_the_file(tmp_path):
    report = check(with_change(tmp_path / "q1.csv", 5, "Transaction No", "T-1001"))
    [e] = report.errors
    assert (e.code, e.row, e.column) == ("duplicate", 5, "Transaction No")
    assert "also in row 2" in e.message


def test_a_transaction_number_already_published_in_another_period(tmp_path):
    earlier = tmp_path / "q4.parquet"
    published = duckdb.sql(
        "SELECT * FROM (VALUES ('T-0999', 10.0), ('T-1003', 20.0)) AS t(transaction_number, amount)"
    )
    published.write_parquet(str(earlier))
    report = check(good(tmp_path / "q1.csv"), other_periods=[("2025/26 Q4", earlier)])
    [e] = report.errors
    assert (e.code, e.row, e.value) == ("duplicate-across-periods", 4, "T-1003")
    assert "already published in 2025/26 Q4" in e.message


def test_blank_rows_are_reported_and_trailing_ones_ignored(tmp_path):
    path = good(tmp_path / "q1.csv")
    lines = path.read_text().splitlines()
    path.write_text("\n".join([*lines[:3], "", *lines[3:], ""]) + "\n")
    report = check(path)
    assert [(e.code, e.row) for e in report.errors] == [("blank-row", 4)]


def test_the_file_with_every_mistake_is_reported_row_by_row_then_the_corrected_file_passes(
    tmp_path,
):
    rows = [list(r) for r in ROWS]
    rows[0][5] = "abc"  # row 2
    rows[1][3] = "01/07/2026"  # row 3
    rows[3][4] = "T-1003"  # row 5 repeats row 4
    rows.append(["Total", "", "", "", "", "19170.50", "", ""])  # row 6
    bad = check(write_csv(tmp_path / "bad.csv", HEADERS, rows))
    assert not bad.ok
    assert [(e.row, e.code) for e in bad.errors] == [
        (2, "not-a-number"), (3, "outside-period"), (5, "duplicate"), (6, "total-row"),
    ]  # fmt: skip
    assert bad.counts == {"not-a-number": 1, "outside-period": 1, "duplicate": 1, "total-row": 1}
    assert check(good(tmp_path / "good.csv")).ok


def test_the_report_round_trips_through_json(tmp_path):
    report = check(with_change(tmp_path / "q1.csv", 3, "Net Amount", "x"))
    data = json.loads(json.dumps(report.as_dict()))
    assert data["ok"] is False and data["errors"][0]["row"] == 3
    assert data["problems"] == [
        {
            "code": "not-a-number",
            "label": "Values that are not numbers",
            "severity": "error",
            "count": 1,
        }
    ]
    assert Report.from_dict(data).as_dict() == data


def test_a_mapping_names_the_councils_own_columns(tmp_path):
    headers = ["Dept", "Payee", "When", "Doc Ref", "Value GBP", "VAT lost", "What for"]
    rows = [["Place", "Acme", "15/04/2026", "A1", "100.00", "0.00", "Repairs"]]
    path = write_csv(tmp_path / "q1.csv", headers, rows)
    assert not check(path).ok
    mapping = {"Dept": "OrganisationalUnit", "Payee": "BeneficiaryName", "When": "PaymentDate",
               "Doc Ref": "TransactionNumber", "Value GBP": "Amount",
               "VAT lost": "IrrecoverableVATAmount", "What for": "Purpose"}  # fmt: skip
    assert check(path, mapping=mapping).ok


def test_suggested_mapping_knows_finance_systems_headings():
    headers = ["Supplier Name", "Net Amount", "Date Paid", "Transaction No", "DIRECTORATE", "Notes"]
    assert suggest_mapping(headers, "spend") == {
        "Supplier Name": "BeneficiaryName", "Net Amount": "Amount", "Date Paid": "PaymentDate",
        "Transaction No": "TransactionNumber", "DIRECTORATE": "OrganisationalUnit",
    }  # fmt: skip


def test_a_spreadsheet_with_a_title_row_is_numbered_as_the_spreadsheet_shows(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Spend over £500, April to June 2026"])
    ws.append(HEADERS)
    for r in ROWS:
        ws.append(r)
    ws["F4"] = "n/a"  # the second data row, row 4 of the sheet
    path = tmp_path / "q1.xlsx"
    wb.save(path)
    report = check(path)
    assert [(e.code, e.row) for e in report.errors] == [("not-a-number", 4)]


def test_without_a_period_the_period_most_dates_fall_in_is_used(tmp_path):
    report = validate_period(good(tmp_path / "q1.csv"), "spend", start=None, end=None)
    assert report.ok
    assert (report.start, report.end) == (Q1_START, Q1_END)
    assert [w.code for w in report.warnings] == ["period-guessed"]


def test_a_checked_file_is_written_in_the_schemas_shape_and_later_periods_are_checked_against_it(
    tmp_path,
):
    from datetime import date

    from townsquare.transparency.validation import write_canonical

    q1 = tmp_path / "q1.parquet"
    assert write_canonical(good(tmp_path / "q1.csv"), "spend", q1) == 4
    rows = duckdb.sql(
        f"SELECT BeneficiaryName, PaymentDate, Amount, ContractRef FROM read_parquet('{q1}')"  # noqa: S608
    ).fetchall()
    assert rows[1] == ("Care Partners Ltd", date(2026, 5, 2), 18000.5, None)
    q2 = with_change(tmp_path / "q2.csv", 2, "Date Paid", "01/07/2026")
    report = validate_period(q2, "spend", start=date(2026, 7, 1), end=date(2026, 9, 30),
                             other_periods=[("2026/27 Q1", q1)])  # fmt: skip
    assert {e.code for e in report.errors} == {"outside-period", "duplicate-across-periods"}


def test_a_heading_that_only_resembles_a_field_yields_to_one_that_names_it(tmp_path):
    # "Expense Type" is another spelling of Purpose; the file also has "Purpose".
    rows = [[*r, "Goods"] for r in ROWS]
    report = check(write_csv(tmp_path / "q1.csv", [*HEADERS, "Expense Type"], rows))
    assert report.ok
    assert report.mapping["Purpose"] == "Purpose"
    [w] = report.warnings
    assert (w.code, w.column) == ("unknown-column", "Expense Type")
