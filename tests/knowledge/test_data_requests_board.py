"""Data requests: anyone reads the public board; residents (confirmed) and staff ask, vote and
comment; staff-only requests stay with staff; publishers and stewards move requests on, and the
person who asked is emailed each time."""

import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from factories import person

from townsquare.knowledge.models import DataRequest
from townsquare.knowledge.services import requests as services

XSS = '<script>alert("x")</script> [click](javascript:alert(1)) <img src=x onerror=alert(1)>'


@pytest.fixture
def resident(world):
    return person("Rita Resident")


def _ask(author, title="Potholes reported each month", audience="public", **kw):
    return services.request_create(author=author, title=title, body=kw.pop("body", "By ward"),
                                   why="To compare wards", audience=audience, **kw)  # fmt: skip


def _post_new(client, **changes):
    data = {"title": "Street lights reported broken", "body": "Each month, by ward",
            "why": "To see repair times", "who_it_helps": "Residents", "datasets_text": "",
            "audience": "public"}  # fmt: skip
    return client.post("/requests/new/", {**data, **changes})


def test_a_resident_asks_and_anyone_can_read_it(client, world, resident):
    client.force_login(resident)
    form = client.get("/requests/new/").content.decode()
    assert 'name="audience"' not in form  # residents' requests are always public
    response = _post_new(client, audience="staff")  # ignored: not a field for residents
    data_request = DataRequest.objects.get()
    assert response["Location"] == data_request.get_absolute_url()
    assert data_request.audience == "public" and data_request.author == resident
    client.logout()
    assert "Street lights reported broken" in client.get("/requests/").content.decode()
    page = client.get(data_request.get_absolute_url()).content.decode()
    assert "To see repair times" in page and "Submitted" in page
    assert "Rita Resident" not in page  # the requester's name is not published


def test_signing_in_is_needed_to_ask(client, world):
    response = client.get("/requests/new/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/sign-in/")


def test_an_unconfirmed_account_cannot_ask(world):
    pending = person("Penny Pending")
    pending.is_active = False
    pending.save()
    with pytest.raises(PermissionDenied):
        _ask(pending)


def test_form_errors_are_explained(client, world, resident):
    client.force_login(resident)
    response = _post_new(client, title="", why="")
    html = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in html
    assert "Enter the data you want" in html and "Tell us why you want the data" in html


@pytest.mark.parametrize("who", ["anonymous", "resident"])
def test_staff_only_requests_are_invisible_to_the_public(client, world, resident, who):
    internal = _ask(world.people["staff"], title="Agency staff spend by team", audience="staff")
    public = _ask(world.people["staff"], title="Public toilets opening hours")
    if who == "resident":
        client.force_login(resident)
    board = client.get("/requests/").content.decode()
    assert "Agency staff spend" not in board and "Public toilets" in board
    assert "<strong>1</strong> request" in board
    assert client.get(internal.get_absolute_url()).status_code == 404
    assert client.get(public.get_absolute_url()).status_code == 200
    client.force_login(world.people["staff"])
    assert "Agency staff spend" in client.get("/requests/").content.decode()


def test_votes_and_comments(client, world, resident):
    data_request = _ask(world.people["staff"])
    client.force_login(resident)
    client.post(f"/votes/knowledge.datarequest/{data_request.pk}/")
    data_request.refresh_from_db()
    assert data_request.vote_count == 1
    client.post(f"/comments/knowledge.datarequest/{data_request.pk}/", {"body": "Yes **please**"})
    page = client.get(data_request.get_absolute_url()).content.decode()
    assert "<strong>please</strong>" in page and "Take back vote" in page
    client.force_login(world.people["staff"])  # no voting for your own request
    assert client.post(f"/votes/knowledge.datarequest/{data_request.pk}/").status_code == 404


def test_anonymous_visitors_cannot_vote(client, world):
    data_request = _ask(world.people["staff"])
    response = client.post(f"/votes/knowledge.datarequest/{data_request.pk}/")
    assert response.status_code == 302 and "/accounts/sign-in/" in response["Location"]
    data_request.refresh_from_db()
    assert data_request.vote_count == 0


def test_markdown_in_a_request_is_sanitised(client, world, resident):
    data_request = _ask(resident, body=XSS)
    html = client.get(data_request.get_absolute_url()).content.decode()
    assert "<script>alert" not in html and "&lt;script&gt;" in html  # shown as text
    assert not re.search(r"<a [^>]*javascript:", html) and "<img" not in html


def _status(client, data_request, **data):
    return client.post(f"/requests/{data_request.pk}/status/", data)


def test_a_publisher_moves_a_request_on_and_the_requester_is_told(client, world, resident):
    data_request = _ask(resident)
    client.force_login(world.people["publisher"])
    response = _status(client, data_request, status="under-consideration", note="Looking at it")
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == [resident.email] and "under consideration" in message.subject
    assert "Looking at it" in message.body and data_request.get_absolute_url() in message.body

    open_ds = world.datasets["open"]
    _status(client, data_request, status="published", dataset_text=f"/datasets/{open_ds.slug}/")
    data_request.refresh_from_db()
    assert data_request.status == "published" and data_request.published_dataset == open_ds
    assert open_ds.get_absolute_url() in mail.outbox[1].body
    page = client.get(data_request.get_absolute_url()).content.decode()
    assert f'href="{open_ds.get_absolute_url()}">{open_ds.title}</a>' in page
    assert page.count("<li><time") == 3  # submitted, under consideration, published


def test_a_refusal_needs_a_reason_and_an_explanation(client, world, resident):
    data_request = _ask(resident)
    client.force_login(world.people["steward"])
    response = _status(client, data_request, status="refused")
    html = response.content.decode()
    assert response.status_code == 400
    assert "Select why the request is refused" in html and "Explain the refusal" in html
    _status(client, data_request, status="refused", refusal_reason="personal-data",
            note="It would identify people.")  # fmt: skip
    data_request.refresh_from_db()
    assert data_request.refusal_reason == "personal-data"
    page = client.get(data_request.get_absolute_url()).content.decode()
    assert "Refused: it would reveal personal data." in page
    assert "It would reveal personal data" in mail.outbox[0].body


@pytest.mark.parametrize("who", ["staff", "resident"])
def test_only_publishers_and_stewards_change_status(client, world, resident, who):
    data_request = _ask(world.people["grantee"])
    client.force_login(resident if who == "resident" else world.people[who])
    page = client.get(data_request.get_absolute_url()).content.decode()
    assert "Handle this request" not in page
    assert _status(client, data_request, status="planned").status_code == 403
    data_request.refresh_from_db()
    assert data_request.status == "submitted" and not mail.outbox


def test_assigning_to_a_unit_limits_who_handles_it(client, world, resident):
    data_request = _ask(resident)
    client.force_login(world.people["publisher"])  # publisher for Finance
    bad = client.post(f"/requests/{data_request.pk}/assign/", {"unit": world.housing.pk})
    assert bad.status_code == 400
    client.post(f"/requests/{data_request.pk}/assign/", {"unit": world.payments.pk})
    data_request.refresh_from_db()
    assert data_request.unit == world.payments
    client.force_login(world.people["other_publisher"])  # publisher for Housing
    assert _status(client, data_request, status="planned").status_code == 403
    client.force_login(world.people["publisher"])
    assert _status(client, data_request, status="planned").status_code == 302


def test_a_cited_restricted_dataset_is_shown_as_a_restricted_dataset(client, world):
    restricted = world.datasets["restricted"]
    client.force_login(world.people["grantee"])  # may see it, so may cite it
    _post_new(client, datasets_text=f"/datasets/{restricted.slug}/",
              body=f"Like [{restricted.title}](/datasets/{restricted.slug}/) but yearly")  # fmt: skip
    data_request = DataRequest.objects.get()
    assert restricted.title in client.get(data_request.get_absolute_url()).content.decode()
    for who in ("anonymous", "staff"):
        client.logout()
        if who != "anonymous":
            client.force_login(world.people[who])
        html = client.get(data_request.get_absolute_url()).content.decode()
        assert restricted.title not in html and restricted.slug not in html
        assert "a restricted dataset" in html


def test_citing_a_dataset_you_cannot_see_is_refused_without_saying_it_exists(client, world):
    client.force_login(world.people["staff"])
    restricted = world.datasets["restricted"]
    response = _post_new(client, datasets_text=f"/datasets/{restricted.slug}/")
    assert response.status_code == 200 and not DataRequest.objects.exists()
    assert re.search(r"We could not find a dataset called", response.content.decode())
