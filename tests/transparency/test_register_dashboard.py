"""The staff dashboard and the administrators' form to register a Code dataset."""

from datetime import date

import pytest
from factories import date_parts
from register_support import code_series, council, open_dataset

from townsquare.core.models import AuditEvent
from townsquare.transparency.models import Series


@pytest.fixture
def setup(db):
    _, finance, people = council()
    spend = code_series("spend", open_dataset("Eastmere spend", finance), finance,
                        date(2025, 4, 1))  # fmt: skip
    return {"finance": finance, "spend": spend, **people}


def test_sign_in_first(client, setup):
    response = client.get("/transparency/dashboard/")

    assert response.status_code == 302 and "/accounts/sign-in/" in response["Location"]


def test_residents_cannot_open_the_dashboard(client, setup):
    client.force_login(setup["resident"])

    assert client.get("/transparency/dashboard/").status_code == 404


def test_staff_see_what_each_team_must_do_next(client, setup):
    client.force_login(setup["staff"])

    html = client.get("/transparency/dashboard/").content.decode()
    assert '<h2 class="govuk-heading-l">Finance</h2>' in html
    assert "Upload and publish the" in html  # spend has missing quarters
    assert 'href="/datasets/eastmere-spend/"' in html
    assert "Set up a series" in html
    assert "Register a dataset" not in html  # only administrators register


def test_an_administrator_registers_a_code_dataset(client, setup):
    client.force_login(setup["admin"])
    land = open_dataset("Land and buildings", setup["finance"])

    assert "Register a dataset" in client.get("/transparency/dashboard/").content.decode()
    page = client.get("/transparency/register/land/")
    assert page.status_code == 200 and "Register local authority land" in page.content.decode()
    response = client.post("/transparency/register/land/", {
        "dataset": land.pk, "responsible_unit": setup["finance"].pk,
        **date_parts("first_period_start", date(2025, 6, 15)),
    })  # fmt: skip

    assert response.status_code == 302
    series = Series.objects.get(code_dataset="land")
    assert (series.dataset, series.schema, series.frequency) == (land, "land", "annual")
    assert series.first_period_start == date(2025, 4, 1)  # moved to the start of its year
    assert AuditEvent.objects.filter(object_type="transparency.series", action="create").exists()
    assert "already registered" in client.get("/transparency/register/land/").content.decode()


def test_the_form_says_what_is_missing(client, setup):
    client.force_login(setup["admin"])

    response = client.post("/transparency/register/land/", date_parts("first_period_start", None))
    html = response.content.decode()
    assert "Select the dataset that meets this Code dataset" in html
    assert "Select the team responsible for publishing it" in html
    assert not Series.objects.filter(code_dataset="land").exists()


def test_a_dataset_in_a_series_cannot_be_chosen_again(client, setup):
    client.force_login(setup["admin"])

    response = client.post("/transparency/register/land/", {
        "dataset": setup["spend"].dataset.pk, "responsible_unit": setup["finance"].pk,
        **date_parts("first_period_start", date(2025, 4, 1)),
    })  # fmt: skip
    assert "Select a dataset from the list" in response.content.decode()


@pytest.mark.parametrize("who", ["staff", "publisher"])
def test_only_administrators_register(client, setup, who):
    client.force_login(setup[who])

    assert client.get("/transparency/register/land/").status_code == 404


def test_an_unknown_code_dataset_is_not_found(client, setup):
    client.force_login(setup["admin"])

    assert client.get("/transparency/register/no-such-thing/").status_code == 404


def test_staff_without_a_grant_do_not_see_a_restricted_series(client, setup):
    from factories import dataset

    secret = dataset("Hushed senior pay", publisher=setup["finance"], access_level="restricted")
    code_series("senior-salaries", secret, setup["finance"], date(2025, 4, 1))
    client.force_login(setup["staff"])

    html = client.get("/transparency/dashboard/").content.decode()
    assert "Series you cannot see" in html
    assert "Hushed" not in html
    client.force_login(setup["publisher"])  # publishes for Finance, so may see it
    assert "Hushed senior pay" in client.get("/transparency/dashboard/").content.decode()
