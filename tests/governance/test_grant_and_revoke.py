"""A dataset's steward gives people or teams access to restricted data for a purpose and a
time, and can end it; the access policy follows at once, and every change is audited."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from factories import dataset, date_parts, org_units, person

from townsquare.core.models import AuditEvent
from townsquare.governance import services
from townsquare.governance.models import Grant


@pytest.fixture
def council(db):
    units = org_units()
    finance, payments, housing = units["finance"], units["payments"], units["housing"]
    lettings = units["lettings"]
    staff = ("staff", None)
    return {
        "finance": finance, "payments": payments, "housing": housing, "lettings": lettings,
        "steward": person("Stella Steward", team=payments, roles=[staff, ("steward", finance)]),
        "gita": person("Gita Grantee", team=lettings, roles=[staff]),
        "tom": person("Tom Teammate", team=lettings, roles=[staff]),
        "fay": person("Fay Finance", team=payments, roles=[staff]),
        "dataset": dataset("Tenant arrears", publisher=payments, access_level="restricted"),
    }  # fmt: skip


def _sharing(ds):
    return f"/datasets/{ds.slug}/sharing/"


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _can_open(user, ds) -> bool:
    """Whether the dataset page opens for this person, asked afresh as a new request."""
    status = _client(user).get(ds.get_absolute_url()).status_code
    assert status in (200, 404)
    return status == 200


def _form(**changes):
    expires = changes.pop("expires", timezone.localdate() + timedelta(days=90))
    data = {"person_email": "", "unit": "", "purpose": "Chasing arrears", **changes}
    return {**data, **date_parts("expires", expires)}


def _audit(ds, action):
    return AuditEvent.objects.filter(action=action, object_id=str(ds.pk))


def test_a_steward_gives_a_person_access(council):
    ds, gita = council["dataset"], council["gita"]
    assert not _can_open(gita, ds)

    steward = _client(council["steward"])
    response = steward.post(_sharing(ds), _form(person_email=" GITA-grantee@council.example"))
    assert response.status_code == 302
    assert response["Location"] == _sharing(ds)

    grant = Grant.objects.get()
    assert (grant.user, grant.unit, grant.approved_by) == (gita, None, council["steward"])
    assert grant.purpose == "Chasing arrears"
    assert timezone.localtime(grant.expires_at).date() == timezone.localdate() + timedelta(90)
    assert _can_open(gita, ds)
    assert not _can_open(council["tom"], ds)  # nobody else in her team
    download = _client(gita).get(f"/datasets/{ds.slug}/files/{ds.resources.get().uuid}/download/")
    assert download.status_code == 200

    event = _audit(ds, "grant").get()
    assert event.actor_email == council["steward"].email
    assert event.details["grant"] == grant.pk
    assert event.details["to"] == "Gita Grantee"
    assert event.details["purpose"] == "Chasing arrears"
    page = steward.get(_sharing(ds)).content.decode()
    assert "Gita Grantee" in page
    assert "Granted access" in page


def test_a_grant_to_a_unit_covers_the_units_under_it(council):
    ds = council["dataset"]
    steward = _client(council["steward"])
    steward.post(_sharing(ds), _form(unit=council["housing"].pk))
    assert Grant.objects.get().unit == council["housing"]
    assert _can_open(council["gita"], ds)  # in Lettings, under Housing
    assert _can_open(council["tom"], ds)
    assert not _can_open(council["fay"], ds)  # in Finance


def test_a_grant_to_a_unit_covers_its_other_members(council):
    ds = council["dataset"]
    services.grant_create(dataset=ds, approver=council["steward"], purpose="Audit",
                          expires=timezone.now() + timedelta(days=1), unit=council["finance"])  # fmt: skip
    assert not _can_open(council["gita"], ds)
    council["gita"].memberships.create(unit=council["payments"], role_title="Secondment")
    assert _can_open(council["gita"], ds)


def test_an_expired_grant_gives_no_access(council):
    ds, gita = council["dataset"], council["gita"]
    services.grant_create(dataset=ds, approver=council["steward"], purpose="Last year",
                          expires=timezone.now() - timedelta(days=1), user=gita)  # fmt: skip
    assert not _can_open(gita, ds)


def test_access_ends_when_the_grant_expires(council):
    ds, gita = council["dataset"], council["gita"]
    services.grant_create(dataset=ds, approver=council["steward"], purpose="Audit",
                          expires=timezone.now() + timedelta(days=30), user=gita)  # fmt: skip
    assert _can_open(gita, ds)
    Grant.objects.update(expires_at=timezone.now() - timedelta(seconds=1))  # time passes
    assert not _can_open(gita, ds)
    page = _client(council["steward"]).get(_sharing(ds)).content.decode()
    assert "Expired" in page
    assert "End access" not in page


def test_revoking_ends_access_at_once(council):
    ds, gita = council["dataset"], council["gita"]
    grant = services.grant_create(dataset=ds, approver=council["steward"], purpose="Audit",
                                  expires=timezone.now() + timedelta(days=30), user=gita)  # fmt: skip
    gita_client = _client(gita)
    assert gita_client.get(ds.get_absolute_url()).status_code == 200
    steward = _client(council["steward"])
    revoke_url = f"{_sharing(ds)}{grant.pk}/revoke/"

    assert steward.get(revoke_url).status_code == 405
    assert gita_client.get(ds.get_absolute_url()).status_code == 200
    response = steward.post(revoke_url)
    assert response.status_code == 302
    assert gita_client.get(ds.get_absolute_url()).status_code == 404  # same session, next request

    grant.refresh_from_db()
    assert grant.revoked_by == council["steward"]
    assert grant.revoked_at is not None
    event = _audit(ds, "revoke").get()
    assert event.details == {"grant": grant.pk, "from": "Gita Grantee"}
    assert event.actor_email == council["steward"].email

    steward.post(revoke_url)  # revoking twice changes nothing
    assert _audit(ds, "revoke").count() == 1


def test_only_the_steward_may_revoke(council):
    ds, gita = council["dataset"], council["gita"]
    grant = services.grant_create(dataset=ds, approver=council["steward"], purpose="Audit",
                                  expires=timezone.now() + timedelta(days=30), user=gita)  # fmt: skip
    assert _client(gita).post(f"{_sharing(ds)}{grant.pk}/revoke/").status_code == 404
    assert _client(gita).get(_sharing(ds)).status_code == 404
    grant.refresh_from_db()
    assert grant.is_active


def test_a_grant_on_another_dataset_cannot_be_revoked_from_here(council):
    ds = council["dataset"]
    other = dataset("Council tax", publisher=council["payments"], access_level="restricted")
    grant = services.grant_create(dataset=other, approver=council["steward"], purpose="Audit",
                                  expires=timezone.now() + timedelta(days=30),
                                  user=council["gita"])  # fmt: skip
    response = _client(council["steward"]).post(f"{_sharing(ds)}{grant.pk}/revoke/")
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"person_email": "gita-grantee@council.example", "unit": "housing"},
         "Enter the email address of one person, or choose one team"),
        ({}, "Enter the email address of one person, or choose one team"),
        ({"person_email": "nobody@council.example"},
         "There is no one with that email address in Townsquare"),
        ({"person_email": "not an email"}, "Enter an email address in the correct format"),
        ({"person_email": "gita-grantee@council.example", "expires": -1},
         "The date access ends must be in the future"),
        ({"person_email": "gita-grantee@council.example", "expires": 0},
         "The date access ends must be in the future"),
        ({"person_email": "gita-grantee@council.example", "expires": 3 * 365 + 1},
         "Access can be given for at most three years"),
        ({"person_email": "gita-grantee@council.example", "purpose": ""},
         "Enter the purpose this access is for"),
        ({"person_email": "gita-grantee@council.example", "expires": None},
         "Enter the date access ends"),
    ],
)  # fmt: skip
def test_the_form_refuses_mistakes(council, changes, message):
    ds = council["dataset"]
    changes = dict(changes)
    if changes.get("unit"):
        changes["unit"] = council[changes["unit"]].pk
    if "expires" in changes:
        days = changes["expires"]
        changes["expires"] = None if days is None else timezone.localdate() + timedelta(days)
    response = _client(council["steward"]).post(_sharing(ds), _form(**changes))
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert message in html
    assert not Grant.objects.exists()
    assert not _audit(ds, "grant").exists()


def test_three_years_is_allowed(council):
    ds = council["dataset"]
    data = _form(person_email="gita-grantee@council.example",
                 expires=timezone.localdate() + timedelta(days=3 * 365))  # fmt: skip
    assert _client(council["steward"]).post(_sharing(ds), data).status_code == 302
    assert Grant.objects.count() == 1
