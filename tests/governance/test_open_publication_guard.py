"""End to end: a file with NHS or National Insurance numbers in an open dataset cannot be
published as open by any route (the steward's page, the native API, CKAN), nor can a published
dataset be made open or given such a file; a steward's override publishes it and is audited.
See decision 0032."""

import io
import json
from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from factories import dataset, org_units, person
from openpyxl import Workbook

from townsquare.accounts import services as accounts
from townsquare.catalogue import services as catalogue
from townsquare.catalogue.models import Dataset
from townsquare.core.models import AuditEvent
from townsquare.datastore import api as datastore
from townsquare.governance import api as governance
from townsquare.search import api as search

PATIENTS = b"patient_nhs,ward\n943 476 5919,North\n401 023 2137,South\n"
CLAIMANTS = b"ni_number,ward\nAB123456C,North\nCE 12 34 56 D,South\n"
CLEAN = b"ward,amount\nNorth,1\n"


@pytest.fixture
def council(db):
    units = org_units()
    finance, payments = units["finance"], units["payments"]
    return {
        "publisher": person("Pat Publisher", team=payments, roles=[("publisher", finance)]),
        "steward": person("Stella Steward", team=payments, roles=[("steward", finance)]),
        "dataset": dataset(
            "Clinic visits",
            publisher=payments,
            access_level="open",
            status="draft",
            with_file=False,
        ),  # fmt: skip
    }


def _status(ds) -> str:
    return Dataset.objects.get(pk=ds.pk).status


def _upload_page(client, ds, content=PATIENTS, name="visits.csv"):
    upload = SimpleUploadedFile(name, content, content_type="text/csv")
    return client.post(f"/datasets/{ds.slug}/files/new/", {"title": "Visits", "file": upload})


def _bearer(user) -> Client:
    _, secret = accounts.token_create(user=user, name="test", scope="read-write",
                                      expires=timezone.now() + timedelta(days=1))  # fmt: skip
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


def _ckan(client, action, data):
    return client.post(f"/api/3/action/{action}", json.dumps(data),
                       content_type="application/json")  # fmt: skip


def _xlsx(rows) -> bytes:
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_nhs_numbers_block_every_publish_route_until_a_steward_overrides(client, council):
    ds, steward = council["dataset"], council["steward"]
    client.force_login(council["publisher"])
    assert _upload_page(client, ds).status_code == 302
    client.force_login(steward)

    page = client.post(f"/datasets/{ds.slug}/publish/", {"action": "publish"})
    html = page.content.decode()
    assert page.status_code == 409
    assert "column ‘patient_nhs’: NHS numbers (2 found" in html
    assert "Remove or anonymise the column ‘patient_nhs’" in html

    api = _bearer(steward).post(f"/api/v1/datasets/{ds.slug}/publish")
    assert api.status_code == 409
    assert "NHS numbers" in api.json()["detail"]
    assert "Remove or anonymise the column ‘patient_nhs’" in api.json()["errors"][0]["message"]

    ckan = _ckan(_bearer(steward), "package_patch", {"id": ds.slug, "state": "active"})
    assert ckan.status_code == 409 and "NHS numbers" in str(ckan.json()["error"]["state"])

    with pytest.raises(governance.PublishBlocked):
        catalogue.dataset_publish(actor=steward, dataset=ds)
    assert _status(ds) == "draft"
    assert not AuditEvent.objects.filter(object_id=str(ds.pk), action="publish").exists()

    done = client.post(f"/datasets/{ds.slug}/publish-override/",
                       {"reason": "Synthetic test numbers"})  # fmt: skip
    assert done.status_code == 302 and _status(ds) == "published"
    override = AuditEvent.objects.get(object_id=str(ds.pk), action="override")
    assert override.actor_email == steward.email
    assert override.details["override"] == "Synthetic test numbers"
    assert "NHS numbers" in override.details["blockers"][0]


def test_ni_numbers_in_a_spreadsheet_are_found_when_it_loads(council):
    ds = council["dataset"]
    upload = SimpleUploadedFile("claimants.xlsx",
                                _xlsx([["NI number", "Ward"], ["AB123456C", "North"]]))  # fmt: skip
    resource = catalogue.resource_add_file(actor=None, dataset=ds, title="Claimants",
                                           upload=upload, ingest=False)  # fmt: skip
    blockers = governance.publish_blockers(ds)
    assert [b.reason for b in blockers] == [
        "‘Claimants’ has not been checked for personal data yet."
    ]
    datastore.ingest_version(resource.current_version)
    (blocker,) = governance.publish_blockers(ds)
    assert (
        "column ‘NI number’: National Insurance numbers (1 found, for example AB****"
        in blocker.reason
    )


def test_a_published_dataset_cannot_be_made_open_while_its_files_hold_personal_data(
    client, council
):
    ds, publisher = council["dataset"], council["publisher"]
    catalogue.dataset_update(actor=None, dataset=ds, data={"access_level": "internal"})
    catalogue.resource_add_file(actor=None, dataset=ds, title="Visits",
                                upload=SimpleUploadedFile("v.csv", PATIENTS))  # fmt: skip
    catalogue.dataset_publish(actor=None, dataset=ds)  # internal: allowed

    with pytest.raises(governance.PublishBlocked):
        catalogue.dataset_update(actor=publisher, dataset=ds, data={"access_level": "open"})

    patched = _bearer(publisher).patch(f"/api/v1/datasets/{ds.slug}", {"access_level": "open"},
                                     content_type="application/json")  # fmt: skip
    assert patched.status_code == 409 and "NHS numbers" in patched.json()["detail"]
    ckan = _ckan(_bearer(publisher), "package_patch", {"id": ds.slug, "private": False})
    assert ckan.status_code == 409 and "NHS numbers" in str(ckan.json()["error"]["private"])

    client.force_login(publisher)
    from factories import dataset_form_data

    form = client.post(f"/datasets/{ds.slug}/edit/",
                       dataset_form_data(Dataset.objects.get(pk=ds.pk), access_level="open"))  # fmt: skip
    assert form.status_code == 200
    assert "making it open would publish personal data" in form.content.decode()
    assert Dataset.objects.get(pk=ds.pk).access_level == "internal"


def test_a_new_csv_with_personal_data_takes_a_published_open_dataset_back_to_review(
    client, council, django_capture_on_commit_callbacks
):
    ds = council["dataset"]
    resource = catalogue.resource_add_file(actor=None, dataset=ds, title="Visits",
                                           upload=SimpleUploadedFile("v.csv", CLEAN))  # fmt: skip
    catalogue.dataset_publish(actor=None, dataset=ds)
    mail.outbox.clear()

    client.force_login(council["publisher"])
    with django_capture_on_commit_callbacks(execute=True):
        replaced = client.post(f"/datasets/{ds.slug}/files/{resource.uuid}/replace/",
                               {"file": SimpleUploadedFile("v.csv", CLAIMANTS)})  # fmt: skip
    assert replaced.status_code == 302

    assert _status(ds) == "review"
    event = AuditEvent.objects.filter(object_id=str(ds.pk), action="unpublish").first()
    assert "Personal data found in ‘Visits’ v2" in event.details["reason"]
    assert "National Insurance numbers" in event.details["findings"][0]
    assert [m.to for m in mail.outbox] == [[council["steward"].email]]
    assert Client().get(f"/datasets/{ds.slug}/").status_code == 404
    assert search.search(None, "clinic").hits == []


def test_a_new_spreadsheet_is_held_until_checked_then_released_if_clean(council):
    ds = council["dataset"]
    resource = catalogue.resource_add_file(actor=None, dataset=ds, title="Visits",
                                           upload=SimpleUploadedFile("v.csv", CLEAN))  # fmt: skip
    catalogue.dataset_publish(actor=None, dataset=ds)

    catalogue.resource_replace_file(actor=None, resource=resource, ingest=False,
                                    upload=SimpleUploadedFile("v.xlsx", _xlsx([["ward"], ["North"]])))  # fmt: skip
    assert _status(ds) == "review"  # held: not yet checked
    assert search.search(None, "clinic").hits == []
    resource.refresh_from_db()
    datastore.ingest_version(resource.current_version)
    assert _status(ds) == "published"  # clean: released
    assert [h.title for h in search.search(None, "clinic").hits] == ["Clinic visits"]

    catalogue.resource_replace_file(actor=None, resource=resource, ingest=False,
                                    upload=SimpleUploadedFile("v.xlsx", _xlsx([["ni"], ["AB123456C"]])))  # fmt: skip
    resource.refresh_from_db()
    datastore.ingest_version(resource.current_version)
    assert _status(ds) == "review"  # personal data: stays back for the steward
    assert search.search(None, "clinic").hits == []
    last = AuditEvent.objects.filter(object_id=str(ds.pk), action="unpublish").first()
    assert "National Insurance numbers" in last.details["findings"][0]


def test_an_override_is_not_undone_by_loading_the_same_file_again(council):
    ds, steward = council["dataset"], council["steward"]
    resource = catalogue.resource_add_file(actor=None, dataset=ds, title="Visits",
                                           upload=SimpleUploadedFile("v.csv", PATIENTS))  # fmt: skip
    catalogue.dataset_publish(actor=steward, dataset=ds, override_reason="Synthetic numbers")
    datastore.ingest_version(resource.current_version)
    assert _status(ds) == "published"
