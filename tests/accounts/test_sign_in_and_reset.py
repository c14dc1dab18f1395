"""Signing in by email, signing out, resetting a forgotten password; and the people and
organisation pages, where the people directory is for staff only."""

import re

import pytest
from django.core import mail
from factories import org_units, person

from townsquare.accounts.models import User

PASSWORD = "correct horse battery staple"


@pytest.fixture
def council(db):
    units = org_units()
    council, housing, lettings = units["council"], units["housing"], units["lettings"]
    finance = units["finance"]
    sam = person("Sam Staff", team=lettings, roles=[("staff", None)])
    sam.job_title = "Lettings officer"
    sam.skills = ["Choice-based lettings", "Void properties"]
    sam.save()
    resident = person("Rita Resident")  # can sign in, holds no role
    return {"council": council, "housing": housing, "lettings": lettings, "finance": finance,
            "sam": sam, "resident": resident}  # fmt: skip


def _user_id(client):
    return client.session.get("_auth_user_id")


def test_sign_in_by_email_ignores_case(client, council):
    response = client.post(
        "/accounts/sign-in/", {"username": "  SAM-staff@Council.EXAMPLE ", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert _user_id(client) == str(council["sam"].pk)


def test_sign_in_returns_to_the_page_asked_for(client, council):
    response = client.post(
        "/accounts/sign-in/",
        {"username": "sam-staff@council.example", "password": PASSWORD, "next": "/organisation/"},
    )
    assert response["Location"] == "/organisation/"


def test_sign_in_does_not_send_people_to_other_sites(client, council):
    response = client.post(
        "/accounts/sign-in/",
        {"username": "sam-staff@council.example", "password": PASSWORD,
         "next": "https://evil.example/"},
    )  # fmt: skip
    assert response["Location"] == "/"


def test_a_wrong_password_shows_the_error_summary(client, council):
    response = client.post(
        "/accounts/sign-in/", {"username": "sam-staff@council.example", "password": "wrong"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r"<title>\s*Error: Sign in", html)
    summary = re.search(r'<div class="govuk-error-summary".*?</ul>', html, re.S).group(0)
    assert "Enter a correct email address and password" in summary
    assert _user_id(client) is None


def test_an_empty_form_names_each_missing_field(client, council):
    html = client.post("/accounts/sign-in/", {}).content.decode()
    assert "Enter your email address" in html
    assert "Enter your password" in html


def test_a_closed_account_cannot_sign_in(client, council):
    User.objects.filter(pk=council["sam"].pk).update(is_active=False)
    client.post(
        "/accounts/sign-in/", {"username": "sam-staff@council.example", "password": PASSWORD}
    )
    assert _user_id(client) is None


def test_sign_out_needs_a_post(client, council):
    client.force_login(council["sam"])
    assert client.get("/accounts/sign-out/").status_code == 405
    assert _user_id(client) == str(council["sam"].pk)
    response = client.post("/accounts/sign-out/")
    assert response.status_code == 302
    assert _user_id(client) is None


def test_password_reset_by_email(client, council):
    response = client.post("/accounts/password-reset/", {"email": "Sam-Staff@council.example"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password-reset/sent/"
    [email] = mail.outbox
    assert email.to == ["sam-staff@council.example"]
    assert "Reset your" in email.subject
    link = re.search(r"https?://testserver(/accounts/password-reset/\S+/)", email.body).group(1)

    form_page = client.get(link, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    set_password_url = form_page.redirect_chain[-1][0]
    new_password = "a brand new long passphrase"
    done = client.post(
        set_password_url, {"new_password1": new_password, "new_password2": new_password}
    )
    assert done.status_code == 302
    assert done["Location"] == "/accounts/password-reset/complete/"

    council["sam"].refresh_from_db()
    assert council["sam"].check_password(new_password)
    assert client.get(link, follow=True).content.decode().count("This link has expired") == 1
    signed_in = client.post(
        "/accounts/sign-in/", {"username": "sam-staff@council.example", "password": new_password}
    )
    assert signed_in.status_code == 302


def test_password_reset_for_an_unknown_address_sends_nothing(client, council):
    response = client.post("/accounts/password-reset/", {"email": "nobody@council.example"})
    assert response["Location"] == "/accounts/password-reset/sent/"  # no hint either way
    assert mail.outbox == []


def test_a_forged_reset_link_does_not_work(client, council):
    html = client.get("/accounts/password-reset/MQ/not-a-token/", follow=True).content.decode()
    assert "This link has expired" in html


def test_people_pages_send_anonymous_visitors_to_sign_in(client, council):
    response = client.get("/people/sam-staff/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/sign-in/?next=/people/sam-staff/"


def test_people_pages_show_staff_who_someone_is(client, council):
    client.force_login(council["sam"])
    html = client.get("/people/sam-staff/").content.decode()
    for shown in ("Sam Staff", "Lettings officer", "Lettings", "Choice-based lettings",
                  "Void properties", "sam-staff@council.example"):  # fmt: skip
        assert shown in html, shown


def test_people_pages_are_not_for_residents(client, council):
    client.force_login(council["resident"])
    assert client.get("/people/sam-staff/").status_code == 404


def test_closed_accounts_have_no_page(client, council):
    User.objects.filter(pk=council["resident"].pk).update(is_active=False)
    client.force_login(council["sam"])
    assert client.get("/people/rita-resident/").status_code == 404
    assert client.get("/people/no-such-person/").status_code == 404


def test_organisation_page_lists_every_unit(client, council):
    html = client.get("/organisation/").content.decode()
    for name in ("Council", "Housing", "Lettings", "Finance"):
        assert f'href="/organisation/{name.lower()}/"' in html, name


@pytest.mark.parametrize(("who", "sees_people"), [(None, False), ("resident", False),
                                                   ("sam", True)])  # fmt: skip
def test_unit_page_shows_people_only_to_staff(client, council, who, sees_people):
    if who:
        client.force_login(council[who])
    response = client.get("/organisation/housing/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Housing" in html
    assert 'href="/organisation/lettings/"' in html  # the units under it
    assert ("Sam Staff" in html) == sees_people  # sub-units' people count
    assert ("People</h2>" in html) == sees_people


def test_an_unknown_unit_is_not_found(client, council):
    assert client.get("/organisation/nowhere/").status_code == 404
