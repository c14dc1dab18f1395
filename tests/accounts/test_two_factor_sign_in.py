"""Administrators and stewards must add a TOTP code after their password: the first time they
enrol an app from a QR code; then they enter its code. Other staff are not asked."""

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from factories import person


@pytest.fixture(autouse=True)
def _two_factor_on(settings):
    settings.REQUIRE_TWO_FACTOR = True


def _code(device) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


@pytest.mark.django_db
@pytest.mark.parametrize("roles, admin", [([("steward", None)], False), ([], True)])
def test_enrol_then_continue(client, roles, admin):
    user = person("Stella Steward", roles=roles, admin=admin)
    client.force_login(user)
    response = client.get("/datasets/?q=x")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/two-factor/?next=/datasets/%3Fq%3Dx"

    page = client.get(response["Location"])
    html = page.content.decode()
    assert "Set up two-factor sign-in" in html
    qr = html[html.index("<svg") : html.index("</svg>")]
    assert "<path" in qr and "script" not in qr and "style=" not in qr  # allowed by the CSP
    device = TOTPDevice.objects.get(user=user, confirmed=False)

    wrong = client.post(
        response["Location"], {"token": "000000" if _code(device) != "000000" else "111111"}
    )
    assert "The code is not right" in wrong.content.decode()
    device.refresh_from_db()
    device.throttle_reset()  # django-otp slows retries after a wrong code
    done = client.post(response["Location"], {"token": _code(device)})
    assert done["Location"] == "/datasets/?q=x"
    assert client.get("/datasets/").status_code == 200
    assert TOTPDevice.objects.get(user=user).confirmed


@pytest.mark.django_db
def test_a_second_sign_in_asks_only_for_the_code(client):
    user = person("Stella Steward", roles=[("steward", None)])
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    client.force_login(user)
    html = client.get("/accounts/two-factor/").content.decode()
    assert "Enter your code" in html and "ts-qr-code" not in html
    client.post("/accounts/two-factor/", {"token": _code(device)})
    assert client.get("/datasets/").status_code == 200


@pytest.mark.django_db
def test_other_staff_are_not_asked(client):
    client.force_login(person("Sam Staff", roles=[("staff", None), ("publisher", None)]))
    assert client.get("/datasets/").status_code == 200


@pytest.mark.django_db
def test_the_next_address_must_be_on_this_site(client):
    user = person("Ada Admin", admin=True)
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    client.force_login(user)
    response = client.post(
        "/accounts/two-factor/?next=https://evil.example/", {"token": _code(device)}
    )
    assert response["Location"] == "/"


@pytest.mark.django_db
def test_the_rule_can_be_switched_off(client, settings):
    settings.REQUIRE_TWO_FACTOR = False
    client.force_login(person("Ada Admin", admin=True))
    assert client.get("/datasets/").status_code == 200
