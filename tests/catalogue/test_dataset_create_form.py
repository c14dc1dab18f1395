"""A publisher creates a dataset through the web form; mistakes come back as a GOV.UK error
summary, and only publishers, in their own units, may create."""

import re
from datetime import date

import pytest
from factories import dataset_form_data, org_units, person

from townsquare.catalogue.models import Dataset
from townsquare.core.models import AuditEvent

URL = "/datasets/new/"


@pytest.fixture
def council(db):
    units = org_units()
    finance, payments, housing = units["finance"], units["payments"], units["housing"]
    publisher = person("Pat Publisher", team=payments, roles=[("publisher", finance)])
    staff = person("Sam Staff", team=payments, roles=[("staff", None)])
    return {"finance": finance, "payments": payments, "housing": housing,
            "publisher": publisher, "staff": staff}  # fmt: skip


def _errors(html: str) -> dict[str, str]:
    """The error summary's messages, each with the id of the field it links to."""
    summary = re.search(r'<div class="govuk-error-summary".*?</ul>', html, re.S)
    assert summary, "no error summary on the page"
    return {message.strip(): target for target, message in
            re.findall(r'<li><a href="#([^"]+)">([^<]+)</a></li>', summary.group(0))}  # fmt: skip


def _title(html: str) -> str:
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()


def _post_invalid(client, data) -> dict[str, str]:
    before = Dataset.objects.count()
    response = client.post(URL, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert _title(html).startswith("Error: ")
    assert Dataset.objects.count() == before
    return _errors(html)


def test_publisher_creates_a_draft_dataset(client, council):
    client.force_login(council["publisher"])
    data = dataset_form_data(
        title="Spending over £500",
        summary="Every payment over £500",
        publisher=council["payments"].pk,
        keywords_text="Spending, finance , ,suppliers",
        temporal_start=date(2025, 4, 1),
        temporal_end=date(2026, 3, 31),
    )
    response = client.post(URL, data, follow=True)

    dataset = Dataset.objects.get()
    assert response.redirect_chain == [(f"/datasets/{dataset.slug}/", 302)]
    assert dataset.slug == "spending-over-500"
    assert dataset.status == Dataset.Status.DRAFT
    assert dataset.issued is None
    assert dataset.publisher == council["payments"]
    assert dataset.licence_id == "OGL-UK-3.0"
    assert (dataset.temporal_start, dataset.temporal_end) == (date(2025, 4, 1), date(2026, 3, 31))
    assert sorted(dataset.keywords.values_list("name", flat=True)) == [
        "finance", "spending", "suppliers",
    ]  # fmt: skip
    html = response.content.decode()
    assert "This dataset is a draft" in html
    assert "Spending over £500" in html
    event = AuditEvent.objects.get(action="create", object_type="catalogue.dataset")
    assert event.object_id == str(dataset.pk)
    assert event.actor_email == council["publisher"].email


def test_form_page_shows_the_date_boxes(client, council):
    client.force_login(council["publisher"])
    html = client.get(URL).content.decode()
    for part in ("0", "1", "2"):
        assert f'name="temporal_start_{part}"' in html
    assert not _title(html).startswith("Error")


def test_a_title_is_required(client, council):
    client.force_login(council["publisher"])
    errors = _post_invalid(client, dataset_form_data(publisher=council["payments"].pk))
    assert errors == {"Enter a title for the dataset": "id_title"}


def test_each_error_links_to_a_field_on_the_page(client, council):
    client.force_login(council["publisher"])
    data = dataset_form_data(title="", publisher=council["payments"].pk, access_level="open",
                             contains_personal_data=True, temporal_start=date(2025, 4, 1),
                             temporal_end=date(2025, 3, 1))  # fmt: skip
    html = client.post(URL, data).content.decode()
    errors = _errors(html)
    assert len(errors) == 3
    for target in errors.values():
        assert f'id="{target}"' in html, target


def test_end_date_must_not_be_before_start_date(client, council):
    client.force_login(council["publisher"])
    data = dataset_form_data(title="Rents", publisher=council["payments"].pk,
                             temporal_start=date(2025, 4, 1), temporal_end=date(2025, 3, 31))  # fmt: skip
    errors = _post_invalid(client, data)
    [(message, target)] = errors.items()
    assert message == "The end date must be the same as or after the start date"
    assert target.startswith("id_temporal_end")


def test_an_impossible_date_is_refused(client, council):
    client.force_login(council["publisher"])
    data = dataset_form_data(title="Rents", publisher=council["payments"].pk)
    data.update(temporal_start_0="31", temporal_start_1="2", temporal_start_2="2025")
    errors = _post_invalid(client, data)
    assert list(errors.values()) and all(t.startswith("id_temporal_start") for t in errors.values())


@pytest.mark.parametrize("box", ["contains_personal_data", "contains_special_category_data"])
def test_personal_data_cannot_be_open(client, council, box):
    client.force_login(council["publisher"])
    data = dataset_form_data(title="Tenants", publisher=council["payments"].pk,
                             access_level="open", **{box: True})  # fmt: skip
    errors = _post_invalid(client, data)
    [message] = errors
    assert message.startswith("Personal data cannot be open data")
    assert errors[message].startswith("id_access_level")


def test_personal_data_may_be_restricted(client, council):
    client.force_login(council["publisher"])
    data = dataset_form_data(title="Tenants", publisher=council["payments"].pk,
                             access_level="restricted", contains_personal_data=True)  # fmt: skip
    assert client.post(URL, data).status_code == 302
    dataset = Dataset.objects.get()
    assert dataset.contains_personal_data
    assert dataset.licence_id == "internal-use"


def test_plain_staff_cannot_create(client, council):
    client.force_login(council["staff"])
    assert client.get(URL).status_code == 404
    data = dataset_form_data(title="Sneaky", publisher=council["payments"].pk)
    assert client.post(URL, data).status_code == 404
    assert not Dataset.objects.exists()


def test_anonymous_people_are_sent_to_sign_in(client, council):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/sign-in/?next=/datasets/new/")


def test_publisher_chooses_only_their_own_units(client, council):
    client.force_login(council["publisher"])
    html = client.get(URL).content.decode()
    select = re.search(r'<select name="publisher".*?</select>', html, re.S).group(0)
    offered = set(re.findall(r'<option value="(\d+)"', select))
    assert offered == {str(council["finance"].pk), str(council["payments"].pk)}

    data = dataset_form_data(title="Lettings", publisher=council["housing"].pk)
    errors = _post_invalid(client, data)
    assert list(errors.values()) == ["id_publisher"]
