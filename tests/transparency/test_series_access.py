"""A series is managed by those who manage its dataset; a restricted series, its check
reports and its combined table are invisible to everyone else."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from series_support import Q1, period_url, publish, spend_csv, spend_row, spend_series, upload

from townsquare.governance import services as governance
from townsquare.transparency.models import Period


@pytest.fixture
def restricted(client, world):
    ds, series = spend_series(world, access_level="restricted", title="Payments to carers")
    governance.grant_create(dataset=ds, approver=world.people["steward"], purpose="Audit",
                            expires=timezone.now() + timedelta(days=9), user=world.people["grantee"])  # fmt: skip
    client.force_login(world.people["publisher"])
    upload(client, ds, Q1, spend_csv([spend_row(1, date(2025, 5, 1))]))
    publish(client, ds, Q1)
    assert Period.objects.get(series=series).status == Period.Status.PUBLISHED
    client.logout()
    return ds


def series_urls(ds) -> list[str]:
    kwargs = {"slug": ds.slug}
    return [
        reverse("transparency:series", kwargs=kwargs),
        reverse("transparency:series_settings", kwargs=kwargs),
        reverse("transparency:period_upload", kwargs=kwargs),
        period_url(ds, Q1),
        period_url(ds, Q1, "transparency:period_columns"),
        period_url(ds, Q1, "transparency:period_errors_csv"),
    ]


@pytest.mark.parametrize("who", ["staff", "other_publisher", "grantee"])
def test_others_cannot_reach_a_series(client, world, restricted, who):
    client.force_login(world.people[who])
    for url in series_urls(restricted):
        assert client.get(url).status_code == 404, url
    for name in ("transparency:period_publish", "transparency:period_redact"):
        assert client.post(period_url(restricted, Q1, name)).status_code == 404


@pytest.mark.parametrize("who", ["staff", "other_publisher"])
def test_others_cannot_read_the_combined_table(client, world, restricted, who):
    client.force_login(world.people[who])
    url = reverse("datastore:table", kwargs={"slug": restricted.slug, "name": "all_periods"})
    assert client.get(url).status_code == 404


def test_a_grantee_reads_the_combined_table_but_cannot_manage_the_series(client, world, restricted):
    client.force_login(world.people["grantee"])
    url = reverse("datastore:table", kwargs={"slug": restricted.slug, "name": "all_periods"})
    assert client.get(url).status_code == 200
    assert (
        client.get(reverse("transparency:series", kwargs={"slug": restricted.slug})).status_code
        == 404
    )


def test_anonymous_visitors_are_asked_to_sign_in(client, restricted):
    response = client.get(reverse("transparency:series", kwargs={"slug": restricted.slug}))
    assert response.status_code == 302 and "sign-in" in response["Location"]


@pytest.mark.parametrize("who", ["publisher", "steward", "admin"])
def test_those_who_manage_the_dataset_see_its_series(client, world, restricted, who):
    client.force_login(world.people[who])
    for url in series_urls(restricted):
        assert client.get(url).status_code in (200, 302), url


def test_the_dataset_page_links_to_the_series_for_its_managers_only(client, world):
    ds, _series = spend_series(world)
    client.force_login(world.people["publisher"])
    series_url = reverse("transparency:series", kwargs={"slug": ds.slug})
    assert series_url in client.get(ds.get_absolute_url()).content.decode()
    client.force_login(world.people["staff"])
    assert series_url not in client.get(ds.get_absolute_url()).content.decode()
