"""Setting a dataset up as a series, through its page."""

from datetime import date

from django.urls import reverse
from factories import dataset

from townsquare.transparency.models import Series


def settings_post(world, **changes) -> dict:
    data = {
        "schema": "spend", "code_dataset": "", "frequency": "quarterly",
        "responsible_unit": world.payments.pk,
        "first_period_start_0": "14", "first_period_start_1": "5", "first_period_start_2": "2025",
    }  # fmt: skip
    data.update(changes)
    return data


def test_a_publisher_sets_up_a_series_from_its_first_period(client, world):
    ds = dataset("Spending", publisher=world.payments, access_level="open", with_file=False)
    client.force_login(world.people["publisher"])
    # The series page of a dataset that is not a series yet leads to its settings.
    response = client.get(reverse("transparency:series", kwargs={"slug": ds.slug}))
    url = reverse("transparency:series_settings", kwargs={"slug": ds.slug})
    assert response["Location"] == url
    response = client.post(url, settings_post(world, code_dataset="spend"))
    assert response.status_code == 302
    series = Series.objects.get(dataset=ds)
    assert series.first_period_start == date(2025, 4, 1)  # the quarter holding 14 May 2025
    assert (series.schema, series.code_dataset) == ("spend", "spend")
    page = client.get(response["Location"])
    assert page.context["rows"][-1].period.start == date(2025, 4, 1)


def test_only_one_series_meets_each_code_dataset(client, world):
    first = dataset("Spending", publisher=world.payments, access_level="open", with_file=False)
    second = dataset("Spend again", publisher=world.payments, access_level="open", with_file=False)
    client.force_login(world.people["publisher"])
    for ds in (first, second):
        url = reverse("transparency:series_settings", kwargs={"slug": ds.slug})
        response = client.post(url, settings_post(world, code_dataset="spend"))
    assert response.status_code == 200
    assert "Another dataset already publishes this Transparency Code dataset" in (
        response.content.decode()
    )
    assert not Series.objects.filter(dataset=second).exists()
