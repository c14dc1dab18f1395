"""Open data holding personal data cannot be published: the publisher is told why and what to
remove; only a steward can publish anyway, with a reason that goes in the audit trail."""

import pytest
from factories import dataset, org_units, person

from townsquare.catalogue import services as catalogue
from townsquare.catalogue.models import Dataset
from townsquare.core.models import AuditEvent
from townsquare.governance import api, personal_data


@pytest.fixture
def council(db):
    units = org_units()
    finance, payments = units["finance"], units["payments"]
    return {
        "publisher": person("Pat Publisher", team=payments, roles=[("publisher", finance)]),
        "steward": person("Stella Steward", team=payments, roles=[("steward", finance)]),
        "dataset": dataset(
            "Clinic visits", publisher=payments, access_level="open", status="draft"
        ),  # fmt: skip
    }


def _scan_with_nhs_numbers(ds):
    version = ds.resources.get().current_version
    findings = personal_data.scan_table(["patient_nhs"], [["943 476 5919", "401 023 2137"]])
    return api.record_scan(version, findings)


def _publish(client, ds):
    return client.post(f"/datasets/{ds.slug}/publish/", {"action": "publish"})


def _status(ds):
    return Dataset.objects.get(pk=ds.pk).status


def test_a_scan_finding_blocks_publishing_and_says_what_to_remove(client, council):
    ds = council["dataset"]
    _scan_with_nhs_numbers(ds)
    client.force_login(council["steward"])

    response = _publish(client, ds)

    html = response.content.decode()
    assert response.status_code == 409
    assert "column ‘patient_nhs’: NHS numbers (2 found, for example 943 *** ****" in html
    assert "Remove or anonymise the column ‘patient_nhs’" in html
    assert "476 5919" not in html
    assert "Publish anyway" in html  # a steward may, giving a reason
    assert _status(ds) == "draft"
    assert not AuditEvent.objects.filter(action="publish", object_id=str(ds.pk)).exists()


def test_the_personal_data_flag_blocks_publishing(client, council):
    ds = council["dataset"]
    catalogue.dataset_update(actor=None, dataset=ds, data={"contains_personal_data": True})
    client.force_login(council["steward"])
    response = _publish(client, ds)
    assert response.status_code == 409
    assert "marked as containing personal data" in response.content.decode()
    assert _status(ds) == "draft"


def test_the_publisher_sees_the_problem_on_the_dataset_page(client, council):
    ds = council["dataset"]
    _scan_with_nhs_numbers(ds)
    client.force_login(council["publisher"])
    assert (
        "cannot be published as open data yet"
        in client.get(f"/datasets/{ds.slug}/").content.decode()
    )


def test_internal_data_with_personal_data_can_be_published(client, council):
    ds = council["dataset"]
    catalogue.dataset_update(actor=None, dataset=ds, data={"access_level": "internal"})
    _scan_with_nhs_numbers(ds)
    client.force_login(council["steward"])
    assert _publish(client, ds).status_code == 302
    assert _status(ds) == "published"


def test_a_clean_new_version_clears_the_block(client, council):
    from django.core.files.uploadedfile import SimpleUploadedFile

    ds = council["dataset"]
    _scan_with_nhs_numbers(ds)
    resource = ds.resources.get()
    upload = SimpleUploadedFile("data.csv", b"ward,amount\nNorth,1\n", content_type="text/csv")
    catalogue.resource_replace_file(actor=None, resource=resource, upload=upload)
    resource.refresh_from_db()
    api.record_scan(
        resource.current_version, personal_data.scan_rows([["ward", "amount"], ["North", "1"]])
    )
    client.force_login(council["steward"])
    assert _publish(client, ds).status_code == 302


def test_a_steward_overrides_with_a_reason_that_is_audited(client, council):
    ds = council["dataset"]
    _scan_with_nhs_numbers(ds)
    client.force_login(council["steward"])
    url = f"/datasets/{ds.slug}/publish-override/"
    page = client.get(url)
    assert page.status_code == 200 and "Publish anyway" in page.content.decode()

    refused = client.post(url, {"reason": ""})
    assert refused.status_code == 409
    assert "Enter why this dataset may be published as open data" in refused.content.decode()
    assert _status(ds) == "draft"

    assert client.post(url, {"reason": "Test numbers, not real patients"}).status_code == 302
    assert _status(ds) == "published"
    event = AuditEvent.objects.get(action="publish", object_id=str(ds.pk))
    assert event.actor_email == council["steward"].email
    assert event.details["override"] == "Test numbers, not real patients"
    assert "NHS numbers" in event.details["blockers"][0]


def test_a_publisher_cannot_override(client, council):
    ds = council["dataset"]
    _scan_with_nhs_numbers(ds)
    client.force_login(council["publisher"])
    response = client.post(f"/datasets/{ds.slug}/publish-override/", {"reason": "Because"})
    assert response.status_code == 404
    assert _status(ds) == "draft"


def test_the_service_refuses_without_a_reason(council):
    ds = council["dataset"]
    _scan_with_nhs_numbers(ds)
    with pytest.raises(api.PublishBlocked) as blocked:
        catalogue.dataset_publish(actor=None, dataset=ds, override_reason="   ")
    assert len(blocked.value.blockers) == 1


def test_an_uploaded_csv_with_ni_numbers_is_scanned_and_blocked(client, council):
    from django.core.files.uploadedfile import SimpleUploadedFile

    ds = council["dataset"]
    csv = b"name,ni_number,ward\nAda Lovelace,AB123456C,North\nAlan Turing,CE 12 34 56 D,South\n"
    client.force_login(council["publisher"])
    upload = SimpleUploadedFile("claimants.csv", csv, content_type="text/csv")
    client.post(f"/datasets/{ds.slug}/files/new/", {"title": "Claimants", "file": upload})
    client.force_login(council["steward"])
    html = _publish(client, ds).content.decode()
    assert "column ‘ni_number’: National Insurance numbers (2 found" in html
    assert "123456" not in html
    assert _status(ds) == "draft"
