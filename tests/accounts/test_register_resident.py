"""Residents create an account with their name, email and a password; it works only once they
open the signed, expiring link we email them, which also signs them in. A resident is not staff."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from factories import person

from townsquare.accounts import services
from townsquare.accounts.models import User
from townsquare.core import access

PASSWORD = "a long and unusual passphrase"


def _register(client, **changes):
    data = {"name": "Rita Resident", "email": "Rita@Example.com", "password": PASSWORD}
    return client.post("/register/", {**data, **changes})


def _link(message) -> str:
    return re.search(r"https?://\S+/register/confirm/\S+/", message.body).group(0)


@pytest.mark.django_db
def test_registering_sends_a_link_that_activates_and_signs_in(client):
    response = _register(client)
    assert response.status_code == 302 and response["Location"] == "/register/sent/"
    rita = User.objects.get(email="rita@example.com")
    assert not rita.is_active and rita.name == "Rita Resident"
    assert client.post("/accounts/sign-in/", {"username": "rita@example.com",
                                              "password": PASSWORD}).status_code == 200  # fmt: skip
    (message,) = mail.outbox
    assert message.to == ["rita@example.com"] and "Confirm your email" in message.subject

    response = client.get(_link(message))
    assert response.status_code == 302
    rita.refresh_from_db()
    assert rita.is_active
    assert client.session["_auth_user_id"] == str(rita.pk)
    assert not access.is_staff(rita)


@pytest.mark.django_db
def test_a_link_works_once(client):
    _register(client)
    link = _link(mail.outbox[0])
    assert client.get(link).status_code == 302
    client.logout()
    response = client.get(link)
    assert response.status_code == 400
    assert "expired or been used" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_link_expires(client, monkeypatch):
    _register(client)
    link = _link(mail.outbox[0])
    monkeypatch.setattr(services, "CONFIRM_MAX_AGE", timedelta(seconds=-1))
    assert client.get(link).status_code == 400
    assert not User.objects.get(email="rita@example.com").is_active


@pytest.mark.django_db
@pytest.mark.parametrize("token", ["nonsense", "eyJpZCI6MX0:1abc:forged", ""])
def test_a_forged_or_broken_token_does_nothing(client, token):
    _register(client)
    url = f"/register/confirm/{token}/" if token else "/register/confirm/x/"
    assert client.get(url).status_code == 400
    assert not User.objects.get(email="rita@example.com").is_active


@pytest.mark.django_db
def test_registering_again_replaces_the_earlier_link(client):
    _register(client)
    _register(client, password="another long passphrase")
    first, second = mail.outbox
    assert client.get(_link(first)).status_code == 400
    assert client.get(_link(second)).status_code == 302
    assert User.objects.filter(email="rita@example.com").count() == 1


@pytest.mark.django_db
def test_an_address_in_use_is_not_taken_over_or_revealed(client):
    sam = person("Sam Staff", roles=[("staff", None)])
    response = _register(client, email=sam.email, password="attacker chosen passphrase")
    assert response["Location"] == "/register/sent/"  # the same answer as for a new address
    (message,) = mail.outbox
    assert "already" in message.subject and "/register/confirm/" not in message.body
    sam.refresh_from_db()
    assert sam.check_password("correct horse battery staple") and sam.is_active


@pytest.mark.django_db
def test_a_closed_account_is_not_reopened_by_registering(client):
    closed = person("Colin Closed")
    closed.is_active = False
    closed.last_login = closed.date_joined
    closed.save()
    _register(client, email=closed.email)
    assert "/register/confirm/" not in mail.outbox[0].body
    closed.refresh_from_db()
    assert not closed.is_active


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"name": ""}, "Enter your name"),
        ({"email": "not-an-email"}, "Enter an email address in the correct format"),
        ({"password": "short"}, "This password is too short"),
        ({"password": "password123"}, "This password is too common"),
        ({"password": "84736291047"}, "This password is entirely numeric"),
        ({"email": "ritaresident@example.com", "password": "ritaresident"},
         "too similar to the email"),
    ],
)  # fmt: skip
def test_the_form_explains_what_to_fix(client, changes, error):
    response = _register(client, **changes)
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html and error in html
    assert not User.objects.exists() and not mail.outbox


@pytest.mark.django_db
def test_a_resident_sees_their_own_page_but_not_the_directory(client):
    rita = person("Rita Resident")
    sam = person("Sam Staff", roles=[("staff", None)])
    client.force_login(rita)
    assert client.get(rita.get_absolute_url()).status_code == 200
    assert client.get(sam.get_absolute_url()).status_code == 404
    client.force_login(sam)
    assert client.get(rita.get_absolute_url()).status_code == 404  # residents are not listed
