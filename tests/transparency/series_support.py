"""A spend series on the test council's datasets, and spend files built in code from the
bundled schema (its fields and examples), so the files follow the schema as it changes."""

from __future__ import annotations

import csv
import io
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from factories import dataset

from townsquare.transparency import series_services as services
from townsquare.transparency.schemas import load, required_columns

Q1 = date(2025, 4, 1)  # 2025/26 Q1, April to June 2025: long ended
Q2 = date(2025, 7, 1)


def spend_series(world, *, access_level: str = "open", title: str = "Spending over 500"):
    ds = dataset(title, publisher=world.payments, access_level=access_level, with_file=False)
    series = services.series_save(
        actor=None, dataset=ds, schema="spend", frequency="quarterly",
        responsible_unit=world.payments, first_period_start=Q1,
    )  # fmt: skip
    return ds, series


def spend_fields() -> list[dict]:
    return load("spend")["fields"]


def spend_row(n: int, day: date, **values) -> dict[str, str]:
    """A valid spend line: the schema's examples, with its own transaction number and date."""
    row = {f["name"]: str(f.get("x-example", "")) for f in spend_fields()}
    row.update(
        TransactionNumber=f"T{n:05d}",
        PaymentDate=day.strftime("%d/%m/%Y"),
        Amount=f"{500 + n}.00",
        IrrecoverableVATAmount="0.00",
        BeneficiaryName=f"Acme Widgets {n} Ltd",
    )
    row.update(values)
    return row


def spend_csv(
    rows: list[dict], *, rename: dict[str, str] | None = None, drop: tuple[str, ...] = (),
    extra_lines: list[list[str]] | None = None,
) -> bytes:  # fmt: skip
    """A CSV of `rows` with the schema's required headings (and the organisation), renamed by `rename` (schema name → the
    council's heading) and without the columns in `drop`."""
    names = [n for n in ["OrganisationLabel", *required_columns("spend")] if n not in drop]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([(rename or {}).get(n, n) for n in names])
    for row in rows:
        writer.writerow([row.get(n, "") for n in names])
    for line in extra_lines or []:
        writer.writerow(line)
    return out.getvalue().encode("utf-8")


def upload(client, ds, start: date, content: bytes, name: str = "spend.csv"):
    return client.post(
        reverse("transparency:period_upload", kwargs={"slug": ds.slug}),
        {"period": start.isoformat(), "file": SimpleUploadedFile(name, content)},
    )


def period_url(ds, start: date, name: str = "transparency:period") -> str:
    return reverse(name, kwargs={"slug": ds.slug, "start": start.isoformat()})


def publish(client, ds, start: date):
    return client.post(period_url(ds, start, "transparency:period_publish"))
