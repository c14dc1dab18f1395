"""A finance system's own column names are matched to the schema's on the first upload, and
the matching is remembered for the team's next upload."""

from datetime import date

from series_support import (
    Q1,
    Q2,
    period_url,
    spend_csv,
    spend_fields,
    spend_row,
    spend_series,
    upload,
)

from townsquare.transparency.models import ColumnMapping, Period

# A finance system's own headings, none of them a spelling the schema knows.
COUNCIL_NAMES = {
    "BeneficiaryName": "Creditor",
    "Amount": "Value Ex VAT",
    "PaymentDate": "Pay Run Date",
    "TransactionNumber": "Doc Ref No",
}


def mapping_post(form) -> dict[str, str]:
    """The form as pre-filled, which is what a publisher who agrees with it sends."""
    return {name: field.initial or "" for name, field in form.fields.items()}


def test_the_first_upload_asks_for_the_columns_then_remembers_them(client, world):
    ds, series = spend_series(world)
    client.force_login(world.people["publisher"])
    rows = [spend_row(n, date(2025, 5, 1)) for n in (1, 2)]
    response = upload(client, ds, Q1, spend_csv(rows, rename=COUNCIL_NAMES))
    columns_url = period_url(ds, Q1, "transparency:period_columns")
    assert response["Location"] == columns_url
    page = client.get(columns_url)
    form = page.context["form"]
    chosen = mapping_post(form)
    # Whatever the suggestions were, the publisher matches their four columns.
    for i, field in enumerate(spend_fields()):
        if field["name"] in COUNCIL_NAMES:
            chosen[f"field_{i}"] = COUNCIL_NAMES[field["name"]]
    response = client.post(columns_url, chosen)
    assert response["Location"] == period_url(ds, Q1)
    period = Period.objects.get(series=series, start=Q1)
    assert period.status == Period.Status.VALID, period.report.get("validation")
    saved = ColumnMapping.objects.get(publisher=ds.publisher, schema="spend")
    assert {saved.mapping[h] for h in COUNCIL_NAMES.values()} == set(COUNCIL_NAMES)

    # The next quarter's file, with the same headings, goes straight to its check.
    rows = [spend_row(n, date(2025, 8, 1)) for n in (3, 4)]
    response = upload(client, ds, Q2, spend_csv(rows, rename=COUNCIL_NAMES))
    assert response["Location"] == period_url(ds, Q2)
    assert Period.objects.get(series=series, start=Q2).status == Period.Status.VALID


def test_one_column_cannot_fill_two_fields(client, world):
    ds, _series = spend_series(world)
    client.force_login(world.people["publisher"])
    rows = [spend_row(1, date(2025, 5, 1))]
    upload(client, ds, Q1, spend_csv(rows, rename=COUNCIL_NAMES))
    columns_url = period_url(ds, Q1, "transparency:period_columns")
    form = client.get(columns_url).context["form"]
    chosen = mapping_post(form)
    chosen["field_0"] = chosen["field_1"] = "Value Ex VAT"
    page = client.post(columns_url, chosen)
    assert page.status_code == 200
    assert "already matched" in page.content.decode()
    assert not ColumnMapping.objects.exists()


def test_the_published_file_has_the_schemas_column_names(client, world):
    ds, series = spend_series(world)
    client.force_login(world.people["publisher"])
    ColumnMapping.objects.create(
        publisher=ds.publisher, schema="spend", mapping={v: k for k, v in COUNCIL_NAMES.items()}
    )
    rows = [spend_row(n, date(2025, 5, 1)) for n in (1, 2)]
    upload(client, ds, Q1, spend_csv(rows, rename=COUNCIL_NAMES))
    client.post(period_url(ds, Q1, "transparency:period_publish"))
    period = Period.objects.get(series=series, start=Q1)
    assert period.status == Period.Status.PUBLISHED
    with period.resource.current_version.file.open("rb") as f:
        heading = f.readline().decode()
    assert heading.strip().split(",") == [f["name"] for f in spend_fields()]
