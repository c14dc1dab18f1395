"""People describe themselves: job, phone, a few words and what to ask them about."""

import pytest
from factories import person, unit


@pytest.fixture
def sam(db):
    team = unit("Payments", "team")
    return person("Sam Staff", team=team, roles=[("staff", None)])


def test_a_person_edits_their_own_profile(client, sam):
    client.force_login(sam)
    response = client.post(
        "/people/me/edit/",
        {
            "job_title": "Data analyst",
            "phone": "01632 960123",
            "bio": "I look after **payments** data.",
            "skills_text": "GIS,  council tax data , gis, , Power BI",
        },
    )
    assert response.status_code == 302 and response["Location"] == sam.get_absolute_url()
    sam.refresh_from_db()
    assert sam.job_title == "Data analyst"
    assert sam.skills == ["GIS", "council tax data", "Power BI"]  # trimmed, no repeats
    page = client.get(sam.get_absolute_url()).content.decode()
    assert "<strong>payments</strong>" in page and "council tax data" in page


def test_a_bad_phone_number_is_explained(client, sam):
    client.force_login(sam)
    response = client.post("/people/me/edit/", {"phone": "call me maybe"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert "Enter a phone number using only numbers" in html
    sam.refresh_from_db()
    assert sam.phone == ""


def test_signing_in_is_needed(client, db):
    response = client.get("/people/me/edit/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/sign-in/")


def test_only_your_own_page_offers_the_edit_link(client, sam):
    other = person("Olu Other", roles=[("staff", None)])
    client.force_login(sam)
    assert "Edit your profile" in client.get(sam.get_absolute_url()).content.decode()
    assert "Edit your profile" not in client.get(other.get_absolute_url()).content.decode()
