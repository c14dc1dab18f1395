"""A small spend series for the analysis tests: LGA Spend headers, payments in several
quarters, credits, redacted lines and supplier names with awkward characters, loaded through
the datastore's own ingest."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

from townsquare.catalogue import services as catalogue
from townsquare.datastore import api as datastore
from townsquare.transparency.models import Series

HEADER = ["OrganisationalUnit", "ServiceCategoryLabel", "BeneficiaryName", "PaymentDate",
          "TransactionNumber", "Amount", "Purpose", "CategoryInternalName"]  # fmt: skip
ODD = "O'Brien & Sons <Ltd> / Ünïcode"
FORMULA = '=HYPERLINK("http://evil.example","Click")'

# (directorate, category, supplier, paid, transaction, amount, purpose, expense type)
PAYMENTS = [
    ("Housing", "Housing services", "Acme Ltd", "05/04/2025", "T1", "1000.00", "Repairs", "Building repairs"),
    ("Housing", "Housing services", "Acme Ltd", "20/05/2025", "T2", "250.50", "Repairs", "Building repairs"),
    ("Housing", "Housing services", "Acme Ltd", "10/07/2025", "T3", "-100.25", "Credit note", "Building repairs"),
    ("Environment", "Environmental services", FORMULA, "01/08/2025", "T4", "600.00", "Bins", "Waste"),
    ("Environment", "Environmental services", ODD, "15/08/2025", "T5", "700.00", "Trees", "Grounds"),
    ("Adult Social Care", "Adult Social Care", "Redacted – personal data", "02/06/2025", "T6", "900.00", "Direct payment", "Direct payments"),
    ("Adult Social Care", "Adult Social Care", "REDACTED - personal data", "03/09/2025", "T7", "800.00", "Direct payment", "Direct payments"),
    ("Environment", "Environmental services", "Big Co plc", "31/03/2026", "T8", "5000.00", "Fleet", "Vehicles"),
    ("Environment", "Environmental services", "Big Co plc", "01/04/2026", "T9", "10.00", "Fleet", "Vehicles"),
]  # fmt: skip


def spend_csv(payments=PAYMENTS, header=HEADER) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(payments)
    return out.getvalue().encode()


def upload(dataset, filename: str, content: bytes):
    """Add a file without queuing a task; return its resource."""
    f = SimpleUploadedFile(filename, content)
    return catalogue.resource_add_file(
        actor=None, dataset=dataset, title=filename, upload=f, ingest=False
    )


def ingest(dataset, filename: str, content: bytes):
    """Upload a file and load it into its table now, as the datastore's task would."""
    resource = upload(dataset, filename, content)
    return datastore.ingest_version(resource.current_version), resource


def register(dataset, unit) -> Series:
    return Series.objects.create(
        dataset=dataset, schema="spend", frequency="quarterly", code_dataset="spend",
        responsible_unit=unit, first_period_start=date(2025, 4, 1),
    )  # fmt: skip


def spend_series(dataset, unit, payments=PAYMENTS, *, filename: str = "spend.csv") -> Series:
    """The dataset registered as the council's spend series, with one file of payments."""
    job, _ = ingest(dataset, filename, spend_csv(payments))
    assert job.status == "succeeded", job.error
    return register(dataset, unit)


def parquet_table(dataset, name: str, select_sql: str, *, sheet: str = ""):
    """A Table on a new file of the dataset, its Parquet written by DuckDB from `select_sql`
    (for layouts the ingest would type differently, and the combined table)."""
    import duckdb
    from django.core.files.storage import default_storage

    from townsquare.datastore.models import Table

    resource = upload(dataset, f"{name}.csv", b"x\n1\n")
    stored = f"tables/{dataset.uuid}/{name}.parquet"
    path = Path(default_storage.path(stored))
    path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    con.execute(f"COPY ({select_sql}) TO '{path}' (FORMAT parquet)")  # noqa: S608
    described = con.execute(f"DESCRIBE ({select_sql})").fetchall()  # noqa: S608
    fields = [{"name": row[0], "title": row[0]} for row in described]
    return Table.objects.create(
        resource=resource, sheet=sheet, name=name, source_version=resource.current_version,
        parquet=stored, table_schema={"fields": fields}, row_count=1, column_count=len(fields),
    )  # fmt: skip
