"""Publishers edit, publish, unpublish and delete their own unit's datasets; each change is
audited, and publishers elsewhere cannot even see the pages."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from factories import dataset, dataset_form_data, org_units, person, stored_files

from townsquare.catalogue import services
from townsquare.catalogue.models import Dataset, Resource, ResourceVersion
from townsquare.core.models import AuditEvent


@pytest.fixture
def council(db):
    units = org_units()
    finance, payments, housing = units["finance"], units["payments"], units["housing"]
    publisher = person("Pat Publisher", team=payments, roles=[("publisher", finance)])
    elsewhere = person("Olu Other", roles=[("publisher", housing)])
    steward = person("Stella Steward", team=payments, roles=[("steward", finance)])
    ds = dataset("Supplier payments", publisher=payments, access_level="open", status="draft")
    return {"payments": payments, "publisher": publisher, "elsewhere": elsewhere, "dataset": ds,
            "steward": steward}  # fmt: skip


def _events(ds, action):
    return AuditEvent.objects.filter(
        action=action, object_type="catalogue.dataset", object_id=str(ds.pk)
    )


def test_edit_records_the_changed_fields(client, council):
    ds = council["dataset"]
    client.force_login(council["publisher"])
    data = dataset_form_data(ds, title="Payments to suppliers", summary="New summary",
                             temporal_start=date(2025, 4, 1), keywords_text="money")  # fmt: skip
    response = client.post(f"/datasets/{ds.slug}/edit/", data)

    assert response.status_code == 302
    ds.refresh_from_db()
    assert (ds.title, ds.summary, ds.temporal_start) == (
        "Payments to suppliers", "New summary", date(2025, 4, 1),
    )  # fmt: skip
    assert ds.slug == "supplier-payments"  # links keep working
    assert list(ds.keywords.values_list("name", flat=True)) == ["money"]
    event = _events(ds, "edit").get()
    assert sorted(event.details["fields"]) == ["keywords", "summary", "temporal_start", "title"]
    assert event.actor_email == council["publisher"].email


def test_edit_without_changes_records_no_fields(client, council):
    ds = council["dataset"]
    client.force_login(council["publisher"])
    assert client.post(f"/datasets/{ds.slug}/edit/", dataset_form_data(ds)).status_code == 302
    assert _events(ds, "edit").get().details["fields"] == []


def test_edit_with_the_licence_left_blank_uses_the_default(client, council):
    ds = council["dataset"]
    client.force_login(council["publisher"])
    data = dataset_form_data(ds, licence="", access_level="internal")
    assert client.post(f"/datasets/{ds.slug}/edit/", data).status_code == 302
    ds.refresh_from_db()
    assert (ds.access_level, ds.licence_id) == ("internal", "internal-use")


def test_a_failed_edit_changes_nothing(client, council):
    ds = council["dataset"]
    client.force_login(council["publisher"])
    response = client.post(f"/datasets/{ds.slug}/edit/", dataset_form_data(ds, title=""))
    assert response.status_code == 200
    assert "Enter a title for the dataset" in response.content.decode()
    ds.refresh_from_db()
    assert ds.title == "Supplier payments"
    assert not _events(ds, "edit").exists()


def test_publisher_submits_steward_publishes_either_unpublishes(client, council):
    """draft -> ready for review (publisher) -> published (steward) -> draft (either)."""
    ds = council["dataset"]
    url = f"/datasets/{ds.slug}/publish/"
    anonymous, steward = Client(), Client()
    steward.force_login(council["steward"])
    client.force_login(council["publisher"])
    assert anonymous.get(ds.get_absolute_url()).status_code == 404

    assert client.get(url).status_code == 405  # a change needs a POST
    assert client.post(url, {"action": "publish"}).status_code == 404  # publishers cannot
    assert client.post(url, {"action": "submit"}).status_code == 302
    ds.refresh_from_db()
    assert ds.status == Dataset.Status.REVIEW
    assert anonymous.get(ds.get_absolute_url()).status_code == 404
    assert "Review checklist" in steward.get(ds.get_absolute_url()).content.decode()

    assert steward.post(url, {"action": "publish"}).status_code == 302
    ds.refresh_from_db()
    assert ds.status == Dataset.Status.PUBLISHED
    first_issued = ds.issued
    assert first_issued is not None
    assert anonymous.get(ds.get_absolute_url()).status_code == 200

    client.post(url, {"action": "unpublish"})
    ds.refresh_from_db()
    assert ds.status == Dataset.Status.DRAFT
    assert ds.issued == first_issued
    assert anonymous.get(ds.get_absolute_url()).status_code == 404

    steward.post(url, {"action": "publish"})  # a steward may publish a draft directly
    ds.refresh_from_db()
    assert ds.status == Dataset.Status.PUBLISHED
    assert ds.issued == first_issued  # `issued` is the first publication, set once
    assert _events(ds, "submit").count() == 1
    assert _events(ds, "publish").count() == 2
    assert _events(ds, "unpublish").count() == 1


def test_a_publisher_can_withdraw_a_submission(client, council):
    ds = council["dataset"]
    client.force_login(council["publisher"])
    client.post(f"/datasets/{ds.slug}/publish/", {"action": "submit"})
    client.post(f"/datasets/{ds.slug}/publish/", {"action": "withdraw"})
    ds.refresh_from_db()
    assert ds.status == Dataset.Status.DRAFT


@pytest.mark.parametrize(
    ("method", "path", "data"),
    [
        ("get", "edit/", None),
        ("post", "edit/", "form"),
        ("post", "publish/", {"action": "publish"}),
        ("post", "publish/", {"action": "submit"}),
        ("get", "delete/", None),
        ("post", "delete/", {}),
        ("get", "files/new/", None),
        ("get", "links/new/", None),
    ],
)
def test_a_publisher_of_another_unit_gets_404(client, council, method, path, data):
    ds = council["dataset"]
    client.force_login(council["elsewhere"])
    if data == "form":
        data = dataset_form_data(ds, title="Hijacked")
    response = getattr(client, method)(f"/datasets/{ds.slug}/{path}", data)
    assert response.status_code == 404
    ds.refresh_from_db()
    assert (ds.title, ds.status) == ("Supplier payments", "draft")
    assert not AuditEvent.objects.filter(actor=council["elsewhere"]).exists()


def test_delete_removes_the_dataset_and_its_stored_files(client, council):
    ds = council["dataset"]
    resource = ds.resources.get()
    upload = SimpleUploadedFile("data.csv", b"a,b\n3,4\n", content_type="text/csv")
    services.resource_replace_file(actor=None, resource=resource, upload=upload)
    assert len(stored_files()) == 2
    client.force_login(council["publisher"])

    page = client.get(f"/datasets/{ds.slug}/delete/")
    assert "Are you sure you want to delete" in page.content.decode()
    assert Dataset.objects.filter(pk=ds.pk).exists()  # asking is not deleting

    response = client.post(f"/datasets/{ds.slug}/delete/")
    assert response.status_code == 302
    assert response["Location"] == "/datasets/"
    assert not Dataset.objects.filter(pk=ds.pk).exists()
    assert not Resource.objects.exists()
    assert not ResourceVersion.objects.exists()
    assert stored_files() == []
    event = _events(ds, "delete").get()
    assert event.details == {"slug": "supplier-payments"}
    assert event.actor_email == council["publisher"].email
    assert client.get(ds.get_absolute_url()).status_code == 404
