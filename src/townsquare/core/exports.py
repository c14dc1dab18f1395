"""Writing CSV that is safe to open in a spreadsheet.

A cell starting with =, +, -, @, a tab or a carriage return is read as a formula by Excel and
LibreOffice (CSV injection); a leading apostrophe makes it plain text. Every CSV Townsquare
writes from user-supplied text goes through `csv_safe`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: object) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([csv_safe(h) for h in header])
    for row in rows:
        writer.writerow([csv_safe(v) for v in row])
    return out.getvalue()
