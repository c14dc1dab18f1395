"""Lockout after repeated failed sign-ins, rate limits on sign-in and posting, the password
policy, and secure cookies and HSTS by setting."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.cache import cache
from django.core.exceptions import ValidationError
from factories import person

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def _fresh_counters():
    cache.clear()
    yield
    cache.clear()


def _sign_in(client, email, password):
    return client.post("/accounts/sign-in/", {"username": email, "password": password})


@pytest.mark.django_db
def test_repeated_failures_lock_the_account_even_for_the_right_password(client, settings):
    user = person("Pat Publisher")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, user.email, "wrong password!")
    response = _sign_in(client, user.email, PASSWORD)
    assert response.status_code == 429
    assert "locked for now" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_few_failures_do_not_lock(client):
    user = person("Pat Publisher")
    _sign_in(client, user.email, "wrong password!")
    assert _sign_in(client, user.email, PASSWORD).status_code == 302


@pytest.mark.django_db
def test_sign_in_attempts_are_rate_limited_per_address(client, settings):
    settings.RATELIMIT_ENABLE = True
    settings.RATELIMIT_SIGN_IN = "3/m"
    statuses = [_sign_in(client, f"nobody{n}@council.example", "x").status_code for n in range(4)]
    assert statuses == [200, 200, 200, 429]


@pytest.mark.django_db
def test_posting_is_rate_limited(client, settings):
    settings.RATELIMIT_ENABLE = True
    settings.RATELIMIT_POST = "2/m"
    client.force_login(person("Pat Publisher"))
    statuses = [client.post("/people/me/edit/", {}).status_code for _ in range(3)]
    assert statuses[-1] == 429 and 429 not in statuses[:2]
    assert "Too many attempts" in client.post("/people/me/edit/", {}).content.decode()


@pytest.mark.parametrize("password", ["short1!", "elevenchars", "123456789012"])
def test_weak_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_a_long_uncommon_password_is_accepted():
    validate_password("lantern-orchard-velvet-42")


@pytest.mark.django_db
def test_hsts_and_secure_cookies_follow_the_settings(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SESSION_COOKIE_SECURE = True
    user = person("Pat Publisher")
    response = client.post("/accounts/sign-in/", {"username": user.email, "password": PASSWORD},
                           secure=True)  # fmt: skip
    assert response.cookies["sessionid"]["secure"] is True
    assert client.get("/", secure=True)["Strict-Transport-Security"] == "max-age=31536000"
