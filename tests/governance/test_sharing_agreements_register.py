"""The data sharing agreements register: staff read it, stewards, Caldicott Guardians and
administrators keep it; linked datasets show only as far as the reader may see them; a list
shows agreements due for review."""

from datetime import timedelta

import pytest
from django.utils import timezone
from factories import date_parts, person

from townsquare.core.models import AuditEvent
from townsquare.governance.models import DataSharingAgreement


def _form(world, **changes):
    data = {
        "title": "Sharing with Eastmere NHS Trust",
        "reference": "DSA-14",
        "internal_parties": [world.lettings.pk],
        "external_parties": "Eastmere NHS Trust",
        "purpose": "Joint care planning",
        "data_items": "Names\nAddresses\nCare needs",
        "lawful_basis": "public_task",
        "special_category_condition": "h",
        "retention": "Two years, then deleted from both systems",
        "datasets": [world.datasets["restricted"].pk],
        "grants": [world.datasets["restricted"].grants.first().pk],
        **date_parts("review_date", timezone.localdate() + timedelta(days=200)),
    }
    data.update(changes)
    return data


def test_a_steward_adds_and_edits_an_agreement(client, world):
    client.force_login(world.people["steward"])
    response = client.post("/agreements/new/", _form(world))
    agreement = DataSharingAgreement.objects.get()
    assert response["Location"] == f"/agreements/{agreement.pk}/"
    assert agreement.special_category and agreement.grants.count() == 1
    assert list(agreement.internal_parties.all()) == [world.lettings]
    client.post(f"/agreements/{agreement.pk}/edit/", _form(world, title="Renamed"))
    agreement.refresh_from_db()
    assert agreement.title == "Renamed"
    assert AuditEvent.objects.filter(object_type="governance.datasharingagreement",
                                     object_id=str(agreement.pk)).count() == 2  # fmt: skip


def test_the_form_says_what_is_missing(client, world):
    client.force_login(world.people["admin"])
    html = client.post("/agreements/new/", _form(world, purpose="", retention="")).content.decode()
    assert "Enter the purpose of sharing" in html
    assert "Enter how long the data is kept and how it is deleted" in html


def test_a_guardian_may_add_an_agreement(client, world):
    client.force_login(person("Cal Guardian", roles=[("caldicott_guardian", None)]))
    assert client.get("/agreements/new/").status_code == 200


@pytest.mark.parametrize("who", ["staff", "publisher"])
def test_other_staff_read_but_do_not_edit(client, world, who):
    agreement = DataSharingAgreement.objects.create(
        title="Agreement A", purpose="p", data_items="d", lawful_basis="public_task",
        retention="r", review_date=timezone.localdate(),
    )  # fmt: skip
    agreement.datasets.set([world.datasets["restricted"], world.datasets["open"]])
    client.force_login(world.people[who])
    html = client.get(f"/agreements/{agreement.pk}/").content.decode()
    assert world.datasets["open"].title in html
    # Staff without access must not learn the restricted dataset's title from the register.
    assert (world.datasets["restricted"].title in html) == (who == "publisher")
    assert client.get(f"/agreements/{agreement.pk}/edit/").status_code == 404
    assert client.post("/agreements/new/", _form(world)).status_code == 404


@pytest.mark.parametrize("who", ["anonymous", "resident"])
def test_the_register_is_staff_only(client, world, who):
    if who == "resident":
        client.force_login(person("Rita Resident"))
    response = client.get("/agreements/")
    assert response.status_code in (302, 404)


def test_agreements_due_for_review(client, world):
    today = timezone.localdate()
    for title, days in (("Overdue", -3), ("Soon", 10), ("Later", 200)):
        DataSharingAgreement.objects.create(
            title=title, purpose="p", data_items="d", lawful_basis="public_task", retention="r",
            review_date=today + timedelta(days=days),
        )  # fmt: skip
    client.force_login(world.people["staff"])
    html = client.get("/agreements/?due=1").content.decode()
    assert "Overdue" in html and "Soon" in html and "Later" not in html
    assert "Later" in client.get("/agreements/").content.decode()
