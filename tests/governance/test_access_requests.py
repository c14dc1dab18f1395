"""Staff ask for a restricted dataset from the steward's link; the steward approves (for less
time or fewer columns) or refuses; special category data also needs a Caldicott Guardian. Only
then is a grant made, and both sides are told by email."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from factories import date_parts

from townsquare.core import access
from townsquare.core.models import AuditEvent
from townsquare.governance import requests
from townsquare.governance.models import AccessRequest, Grant


@pytest.fixture
def restricted(world):
    return world.datasets["restricted"]


@pytest.fixture
def guardian(world):
    from factories import person

    return person("Cal Guardian", team=world.housing, roles=[("staff", None),
                  ("caldicott_guardian", None)])  # fmt: skip


def _link(ds):
    return f"/access/ask/{requests.request_link_token(ds)}/"


def _ask(client, ds, **changes):
    data = {
        "purpose": "Planning home visits",
        "lawful_basis": "public_task",
        "agreement_reference": "DSA-2026-14",
        "columns_text": "ward, visits\nward",
        **date_parts("needed_until", timezone.localdate() + timedelta(days=90)),
        **changes,
    }
    return client.post(_link(ds), data)


def test_the_link_shows_the_form_and_a_bad_link_shows_nothing(client, world, restricted):
    client.force_login(world.people["staff"])
    page = client.get(_link(restricted))
    assert page.status_code == 200 and restricted.title in page.content.decode()
    bad = client.get("/access/ask/not-a-real-token/")
    assert bad.status_code == 404 and restricted.title not in bad.content.decode()


def test_residents_cannot_use_a_link(client, world, restricted):
    from factories import person

    client.force_login(person("Rita Resident"))
    assert client.get(_link(restricted)).status_code == 404


def test_asking_emails_the_steward_and_lists_the_request(client, world, restricted, settings,
                                                         django_capture_on_commit_callbacks):  # fmt: skip
    restricted.steward = world.people["steward"]
    restricted.save()
    client.force_login(world.people["staff"])
    with django_capture_on_commit_callbacks(execute=True):
        response = _ask(client, restricted)
    assert response.status_code == 302
    ask = AccessRequest.objects.get()
    assert (ask.columns, ask.lawful_basis, ask.status) == (["ward", "visits"], "public_task",
                                                           "pending")  # fmt: skip
    assert mail.outbox[0].to == [world.people["steward"].email]
    assert f"/access/requests/{ask.pk}/" in mail.outbox[0].body
    assert restricted.title in client.get("/access/").content.decode()
    assert AuditEvent.objects.filter(action="request", object_id=str(restricted.pk)).exists()
    client.force_login(world.people["steward"])
    assert restricted.title in client.get("/access/requests/").content.decode()


def test_the_form_explains_what_is_missing(client, world, restricted):
    client.force_login(world.people["staff"])
    response = _ask(client, restricted, purpose="", agreement_reference="",
                    **date_parts("needed_until", timezone.localdate()))  # fmt: skip
    html = response.content.decode()
    assert "Enter what you need this data for" in html
    assert "Enter the data sharing agreement or DPIA that covers this" in html
    assert "must be in the future" in html
    assert not AccessRequest.objects.exists()


def _approve(client, ask, days=30, columns=("ward",)):
    data = {"decision": "approve", "columns": list(columns),
            **date_parts("until", timezone.localdate() + timedelta(days=days))}  # fmt: skip
    return client.post(f"/access/requests/{ask.pk}/", data)


def test_approval_makes_a_grant_with_fewer_columns(client, world, restricted,
                                                   django_capture_on_commit_callbacks):  # fmt: skip
    staff = world.people["staff"]
    client.force_login(staff)
    _ask(client, restricted)
    ask = AccessRequest.objects.get()
    assert not access.can(staff, "view", restricted)

    client.force_login(world.people["steward"])
    with django_capture_on_commit_callbacks(execute=True):
        assert _approve(client, ask).status_code == 302
    ask.refresh_from_db()
    assert ask.status == "approved"
    grant = Grant.objects.get(pk=ask.grant_id)
    assert (grant.user, grant.columns) == (staff, ["ward"])
    assert grant.expires_at.date() == timezone.localdate() + timedelta(days=30)
    assert mail.outbox[-1].to == [staff.email]
    staff = type(staff).objects.get(pk=staff.pk)  # a new request loads the policy afresh
    assert access.can(staff, "view", restricted)


def test_refusal_needs_a_reason_and_tells_the_requester(client, world, restricted,
                                                        django_capture_on_commit_callbacks):  # fmt: skip
    client.force_login(world.people["staff"])
    _ask(client, restricted)
    ask = AccessRequest.objects.get()
    client.force_login(world.people["steward"])
    url = f"/access/requests/{ask.pk}/"
    assert "Enter why you are refusing" in client.post(url, {"decision": "refuse"}).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"decision": "refuse", "reason": "Use the aggregated version"})
    ask.refresh_from_db()
    assert (ask.status, ask.grant) == ("refused", None)
    assert "Use the aggregated version" in mail.outbox[-1].body
    assert AuditEvent.objects.filter(action="refuse", object_id=str(restricted.pk)).exists()


def test_special_category_data_needs_the_caldicott_guardian_too(client, world, restricted,
                                                                guardian):  # fmt: skip
    restricted.contains_special_category_data = True
    restricted.save()
    client.force_login(world.people["staff"])
    missing = _ask(client, restricted)
    assert "Select the Article 9 condition" in missing.content.decode()
    _ask(client, restricted, special_category_condition="h")
    ask = AccessRequest.objects.get()

    client.force_login(world.people["steward"])
    _approve(client, ask)
    ask.refresh_from_db()
    assert (ask.status, ask.grant) == ("pending", None)  # the guardian has not signed off

    client.force_login(guardian)
    assert restricted.title in client.get("/access/requests/").content.decode()
    client.post(f"/access/requests/{ask.pk}/", {"decision": "sign_off"})
    ask.refresh_from_db()
    assert ask.status == "approved" and ask.grant.user == world.people["staff"]
    assert AuditEvent.objects.filter(action="sign_off", object_id=str(restricted.pk)).exists()


def test_the_guardian_cannot_approve_alone_or_see_other_requests(client, world, restricted,
                                                                 guardian):  # fmt: skip
    client.force_login(world.people["staff"])
    _ask(client, restricted)
    ask = AccessRequest.objects.get()
    client.force_login(guardian)
    # Not special category data: nothing for the guardian to decide, and nothing to see.
    assert client.get(f"/access/requests/{ask.pk}/").status_code == 404
    assert restricted.title not in client.get("/access/requests/").content.decode()


@pytest.mark.parametrize("who", ["other_publisher", "grantee", "publisher"])
def test_others_cannot_see_or_decide_a_request(client, world, restricted, who):
    client.force_login(world.people["staff"])
    _ask(client, restricted)
    ask = AccessRequest.objects.get()
    client.force_login(world.people[who])
    response = _approve(client, ask)
    assert response.status_code == 404
    assert restricted.title not in client.get("/access/requests/").content.decode()
    ask.refresh_from_db()
    assert ask.status == "pending"


def test_a_decided_request_cannot_be_decided_again(world, restricted):
    ask = requests.access_request_create(
        dataset=restricted, requester=world.people["staff"], purpose="p", lawful_basis="public_task",
        needed_until=timezone.localdate() + timedelta(days=5), agreement_reference="x",
    )  # fmt: skip
    requests.access_request_refuse(access_request=ask, actor=world.people["steward"], reason="no")
    with pytest.raises(requests.DecisionError):
        requests.access_request_approve(access_request=ask, steward=world.people["steward"],
                                        until=timezone.localdate() + timedelta(days=5))  # fmt: skip


def test_the_steward_sees_the_request_link_on_the_sharing_page(client, world, restricted):
    client.force_login(world.people["steward"])
    html = client.get(f"/datasets/{restricted.slug}/sharing/").content.decode()
    assert "http://testserver/access/ask/" in html
