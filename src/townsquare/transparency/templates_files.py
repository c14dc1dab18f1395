"""Blank files for publishers: a CSV and an XLSX per bundled schema, with the schema's headers
in the first row and one example row that passes the schema's own checks."""

from __future__ import annotations

import csv
import io

from . import schemas

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def headers(key: str) -> list[str]:
    return [f["name"] for f in schemas.fields(key)]


def template_csv(key: str) -> bytes:
    """UTF-8 with a byte-order mark, so Excel opens £ and accents correctly."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headers(key))
    example = schemas.example_row(key)
    writer.writerow([example[h] for h in headers(key)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def template_xlsx(key: str) -> bytes:
    """One sheet named for the schema; every cell is text, so codes keep leading zeros and
    dates stay dd/mm/yyyy. A second sheet describes the fields."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    schema = schemas.load(key)
    wb = Workbook()
    ws = wb.active
    ws.title = key[:31]
    names = headers(key)
    example = schemas.example_row(key)
    ws.append(names)
    ws.append([example[n] for n in names])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in ws.iter_rows(min_row=2, max_row=2):
        for cell in row:
            cell.number_format = "@"
    for i, name in enumerate(names, start=1):
        ws.column_dimensions[ws.cell(row=1, column=i).column_letter].width = max(12, len(name) + 2)
    ws.freeze_panes = "A2"
    about = wb.create_sheet("Fields")
    about.append(["Field", "Title", "Type", "Required", "Description"])
    for cell in about[1]:
        cell.font = Font(bold=True)
    for f in schema["fields"]:
        required = "Yes" if (f.get("constraints") or {}).get("required") else "No"
        about.append([f["name"], f.get("title", ""), type_label(f), required,
                      f.get("description", "")])  # fmt: skip
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def type_label(f: dict) -> str:
    """A field's type in words, with the form the value must take."""
    kind = f.get("type", "string")
    if f.get("x-amount"):
        return "Amount (e.g. 1234.50: no £, no commas, minus for credits)"
    constraints = f.get("constraints") or {}
    if constraints.get("enum"):
        return "One of: " + ", ".join(constraints["enum"])
    return {
        "date": "Date (dd/mm/yyyy or yyyy-mm-dd)",
        "number": "Number",
        "integer": "Whole number",
        "boolean": "Yes or No",
        "string": "Web address" if f.get("format") == "uri" else "Text",
    }.get(kind, kind)
