"""The issue's must-hold, through the pages: a spend file with a missing required column, a
non-numeric amount, a date outside the quarter, a totals row or a duplicate transaction
number is reported row by row and is not published; the corrected file publishes."""

from datetime import date

import pytest
from series_support import Q1, Q2, period_url, publish, spend_csv, spend_row, spend_series, upload

from townsquare.datastore import api as datastore
from townsquare.transparency.models import Period


def good_rows(first: int = 1, day: date = date(2025, 5, 14)) -> list[dict]:
    return [spend_row(n, day) for n in range(first, first + 3)]


def bad_file(problem: str) -> bytes:
    rows = good_rows()
    if problem == "missing column":
        return spend_csv(rows, drop=("Amount",))
    if problem == "amount":
        rows[1]["Amount"] = "twelve pounds"
    elif problem == "date":
        rows[1]["PaymentDate"] = "02/07/2025"  # the next quarter
    elif problem == "duplicate":
        rows[2]["TransactionNumber"] = rows[0]["TransactionNumber"]
    elif problem == "totals":
        total = {k: "" for k in rows[0]}
        total.update(OrganisationalUnit="Total", Amount="1506.00")
        rows.append(total)
    return spend_csv(rows)


# The file row (the heading is row 1) each problem must be reported on; None: the whole file.
PROBLEM_ROWS = {"missing column": None, "amount": 3, "date": 3, "duplicate": 4, "totals": 5}


@pytest.fixture
def series(world):
    return spend_series(world)


@pytest.mark.parametrize("problem", list(PROBLEM_ROWS))
def test_a_bad_file_is_reported_row_by_row_and_not_published(client, world, series, problem):
    ds, _series = series
    client.force_login(world.people["publisher"])
    response = upload(client, ds, Q1, bad_file(problem))
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert page.status_code == 200
    errors = page.context["errors"]
    assert errors, problem
    if PROBLEM_ROWS[problem] is not None:
        assert PROBLEM_ROWS[problem] in {e.get("row") for e in errors}, errors
    assert "cannot be published" in page.content.decode()
    assert "Publish this period" not in page.content.decode()

    refused = publish(client, ds, Q1)
    assert refused.status_code == 302
    period = Period.objects.get(series__dataset=ds, start=Q1)
    assert period.status == Period.Status.INVALID
    assert period.resource is None
    assert not ds.resources.exists()

    # The corrected file, for the same period, publishes.
    response = upload(client, ds, Q1, spend_csv(good_rows()))
    page = client.get(response["Location"])
    assert page.context["errors"] == []
    assert "Publish this period" in page.content.decode()
    assert publish(client, ds, Q1).status_code == 302
    period.refresh_from_db()
    assert period.status == Period.Status.PUBLISHED and period.published is not None
    table = datastore.table_for_resource(period.resource)
    assert table.row_count == 3
    assert {"beneficiaryname", "amount", "transactionnumber"} <= {f["name"] for f in table.fields}


def test_the_problems_download_as_csv(client, world, series):
    ds, _series = series
    client.force_login(world.people["publisher"])
    upload(client, ds, Q1, bad_file("amount"))
    response = client.get(period_url(ds, Q1, "transparency:period_errors_csv"))
    assert response.status_code == 200
    body = response.content.decode()
    assert body.startswith("Row,Column,Problem,Value")
    assert "\r\n3," in body


def test_a_transaction_number_published_in_an_earlier_period_is_a_problem(client, world, series):
    ds, _series = series
    client.force_login(world.people["publisher"])
    upload(client, ds, Q1, spend_csv(good_rows()))
    publish(client, ds, Q1)
    reused = [spend_row(1, date(2025, 8, 1)), spend_row(9, date(2025, 8, 2))]
    response = upload(client, ds, Q2, spend_csv(reused))
    page = client.get(response["Location"])
    assert 2 in {e.get("row") for e in page.context["errors"]}
    publish(client, ds, Q2)
    assert Period.objects.get(series__dataset=ds, start=Q2).status == Period.Status.INVALID


def test_a_published_period_stays_published_while_a_new_file_waits(client, world, series):
    ds, _series = series
    client.force_login(world.people["publisher"])
    upload(client, ds, Q1, spend_csv(good_rows()))
    publish(client, ds, Q1)
    upload(client, ds, Q1, bad_file("amount"))
    period = Period.objects.get(series__dataset=ds, start=Q1)
    assert period.status == Period.Status.PUBLISHED
    assert datastore.table_for_resource(period.resource).row_count == 3
    # A corrected file replaces it: a new version of the same file, the table reloaded.
    rows = [*good_rows(), spend_row(4, date(2025, 6, 30))]
    upload(client, ds, Q1, spend_csv(rows))
    publish(client, ds, Q1)
    period.refresh_from_db()
    assert period.resource.versions.count() == 2
    assert datastore.table_for_resource(period.resource).row_count == 4


def test_the_upload_page_offers_the_last_period_without_a_published_file(client, world, series):
    ds, _series = series
    client.force_login(world.people["publisher"])
    upload(client, ds, Q1, spend_csv(good_rows()))
    publish(client, ds, Q1)
    page = client.get(f"/datasets/{ds.slug}/series/upload/")
    form = page.context["form"]
    default = date.fromisoformat(form.initial["period"])
    published = {Q1}
    assert default not in published
    assert default > Q1


def test_the_series_page_shows_each_periods_state(client, world, series):
    ds, _series = series
    client.force_login(world.people["publisher"])
    upload(client, ds, Q1, spend_csv(good_rows()))
    publish(client, ds, Q1)
    upload(client, ds, Q2, bad_file("amount"))
    page = client.get(f"/datasets/{ds.slug}/series/")
    states = {row.period.start: row.state for row in page.context["rows"]}
    assert states[Q1] == "published"
    assert states[Q2] == "problems"
    assert states[date(2025, 10, 1)] == "missing"


def test_a_spreadsheet_is_checked_and_published_like_a_csv(client, world, series):
    import csv
    import io

    from openpyxl import Workbook

    ds, _series = series
    client.force_login(world.people["publisher"])
    book = Workbook()
    for line in csv.reader(io.StringIO(spend_csv(good_rows()).decode())):
        book.active.append(line)
    out = io.BytesIO()
    book.save(out)
    response = upload(client, ds, Q1, out.getvalue(), name="spend.xlsx")
    assert client.get(response["Location"]).context["errors"] == []
    publish(client, ds, Q1)
    period = Period.objects.get(series__dataset=ds, start=Q1)
    assert period.status == Period.Status.PUBLISHED
    assert datastore.table_for_resource(period.resource).row_count == 3
