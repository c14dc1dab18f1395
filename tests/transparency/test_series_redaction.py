"""Spend lines naming an individual are flagged for the publisher to redact, and one click
redacts them before publishing."""

from datetime import date

import pytest
from series_support import Q1, period_url, publish, spend_csv, spend_row, spend_series, upload

from townsquare.transparency.models import Period
from townsquare.transparency.redaction import REDACTED, looks_like_individual


@pytest.mark.parametrize(
    "value",
    ["Mr John Smith", "Mrs A Patel", "Dr. Jane Okafor", "John Smith", "Mary Ann Evans",
     "JOHN SMITH", "J Smith", "J. R. Hartley", "John Smith t/a Smith Plumbing",
     "jo.bloggs@example.com"],
)  # fmt: skip
def test_an_individual_is_flagged(value):
    assert looks_like_individual(value)


@pytest.mark.parametrize(
    "value",
    ["Acme Widgets Ltd", "Smith & Sons", "Eastmere Borough Council", "Age UK", "NHS Trust",
     "Redacted – personal data", "REDACTED", "Redacted - personal data", "Amazon",
     "Sandwell Leisure Trust", "Kier Services Limited", "", "British Gas Plc"],
)  # fmt: skip
def test_an_organisation_or_a_redacted_value_is_not(value):
    assert not looks_like_individual(value)


def test_flagged_names_are_redacted_in_one_click_before_publishing(client, world):
    ds, series = spend_series(world)
    client.force_login(world.people["publisher"])
    day = date(2025, 5, 1)
    rows = [
        spend_row(1, day, BeneficiaryName="Mr John Smith"),
        spend_row(2, day, BeneficiaryName="Acme Widgets Ltd"),
        spend_row(3, day, BeneficiaryName="Priya Patel"),
        spend_row(4, day, BeneficiaryName=REDACTED),
    ]
    upload(client, ds, Q1, spend_csv(rows))
    page = client.get(period_url(ds, Q1))
    flagged = page.context["flagged"]
    assert [(f["row"], f["value"]) for f in flagged] == [(2, "Mr John Smith"), (4, "Priya Patel")]
    assert "Names that may be individuals" in page.content.decode()

    response = client.post(
        period_url(ds, Q1, "transparency:period_redact"), {"rows": ["2", "4"]}, follow=True
    )
    assert "2 names were replaced with ‘Redacted – personal data’" in response.content.decode()
    assert response.context["flagged"] == []
    assert response.context["redacted"] == 2

    publish(client, ds, Q1)
    period = Period.objects.get(series=series, start=Q1)
    assert period.status == Period.Status.PUBLISHED
    body = period.resource.current_version.file.open("rb").read().decode()
    assert "John Smith" not in body and "Priya Patel" not in body
    assert body.count(REDACTED) == 3
    assert "Acme Widgets Ltd" in body


def test_only_the_ticked_names_are_redacted(client, world):
    ds, series = spend_series(world)
    client.force_login(world.people["publisher"])
    day = date(2025, 5, 1)
    rows = [spend_row(1, day, BeneficiaryName="Mr John Smith"),
            spend_row(2, day, BeneficiaryName="Sunny Days")]  # fmt: skip
    upload(client, ds, Q1, spend_csv(rows))
    client.post(period_url(ds, Q1, "transparency:period_redact"), {"rows": ["2"]})
    report = Period.objects.get(series=series, start=Q1).report
    assert report["redaction"]["redacted"] == 1
    assert [f["value"] for f in report["redaction"]["flagged"]] == ["Sunny Days"]
