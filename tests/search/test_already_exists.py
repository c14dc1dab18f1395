"""Before publishing a copy: similar titles as a publisher types, on a new draft's page, and an
administrators' report of likely duplicates. All through the access filter."""

import pytest
from factories import person

from townsquare.catalogue import services as catalogue
from townsquare.search import api


@pytest.fixture
def copies(world):
    catalogue.dataset_publish(
        actor=None,
        dataset=catalogue.dataset_create(
            actor=None, title="Ledger restricted zebra", publisher=world.payments
        ),
    )
    return world


@pytest.mark.every_engine  # candidates come from the engine
def test_similar_titles_match_whole_titles_in_any_order(copies):
    publisher = copies.people["publisher"]
    found = [s.title for s in api.similar_titles(publisher, "Zebra restricted ledger")]
    assert set(found[:2]) == {"Zebra restricted ledger", "Ledger restricted zebra"}


@pytest.mark.every_engine  # through the engine's access filter
def test_similar_titles_never_show_what_the_user_may_not_see(copies):
    staff = copies.people["staff"]
    found = {s.title for s in api.similar_titles(staff, "Zebra restricted ledger")}
    assert "Zebra restricted ledger" not in found and "Zebra draft ledger" not in found
    assert "Ledger restricted zebra" in found


def test_the_create_form_asks_as_the_title_is_typed(client, copies):
    client.force_login(copies.people["publisher"])
    html = client.get("/datasets/new/").content.decode()
    assert 'hx-get="/search/similar/"' in html and 'id="similar-datasets"' in html
    partial = client.get("/search/similar/", {"title": "zebra ledger restricted"}).content.decode()
    assert "Does this already exist?" in partial and "Ledger restricted zebra" in partial
    client.force_login(copies.people["staff"])
    partial = client.get("/search/similar/", {"title": "zebra restricted ledger"}).content.decode()
    assert "Zebra restricted ledger" not in partial


def test_a_new_draft_shows_its_publisher_what_exists(client, copies):
    client.force_login(copies.people["publisher"])
    draft = catalogue.dataset_create(actor=None, title="Zebra open ledgers",
                                     publisher=copies.payments)  # fmt: skip
    html = client.get(draft.get_absolute_url()).content.decode()
    assert "Does this already exist?" in html and copies.datasets["open"].get_absolute_url() in html
    html = client.get(copies.datasets["open"].get_absolute_url()).content.decode()
    assert "Does this already exist?" not in html  # published: no longer asked


@pytest.mark.parametrize("who", ["anonymous", "resident", "staff", "publisher", "admin"])
def test_the_duplicates_report_is_for_administrators(client, copies, who):
    user = person("Rita Resident") if who == "resident" else copies.people[who]
    if user is not None:
        client.force_login(user)
    response = client.get("/admin-reports/duplicates/")
    assert response.status_code == (200 if who == "admin" else 404)
    if who == "admin":
        html = response.content.decode()
        assert "Ledger restricted zebra" in html and "Zebra restricted ledger" in html
