"""Spend files built in code: the LGA layout, a council's own headings, and each mistake the
Code's checks must catch."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

Q1_START, Q1_END = date(2026, 4, 1), date(2026, 6, 30)
# A finance system's own headings (the esd spend schema's titles and common other spellings).
HEADERS = ["Body Name", "Directorate", "Supplier Name", "Date Paid", "Transaction No",
           "Net Amount", "Irrecoverable VAT", "Purpose"]  # fmt: skip
ROWS = [
    ["Townsquare", "Place", "Acme Road Surfacing Ltd", "15/04/2026", "T-1001", "1250.00", "0.00", "Pothole repairs"],
    ["Townsquare", "People", "Care Partners Ltd", "2026-05-02", "T-1002", "18000.50", "0.00", "Home care"],
    ["Townsquare", "Resources", "Office Supplies plc", "30/06/2026", "T-1003", "-620.00", "0.00", "Credit note"],
    ["Townsquare", "Place", "Total Gym Ltd", "01/06/2026", "T-1004", "540.00", "0.00", "Staff wellbeing"],
]  # fmt: skip


def write_csv(path: Path, headers: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(headers)
        writer.writerows(rows)
    return path


def good(path: Path) -> Path:
    return write_csv(path, HEADERS, [list(r) for r in ROWS])


def with_change(path: Path, row: int, column: str, value: str) -> Path:
    """The good file with one cell changed (`row` counted as in the file: headings = 1)."""
    rows = [list(r) for r in ROWS]
    rows[row - 2][HEADERS.index(column)] = value
    return write_csv(path, HEADERS, rows)
