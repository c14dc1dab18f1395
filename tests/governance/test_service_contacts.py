"""Service contacts (a team mailbox, a report-a-problem line) are not personal data: the scan
ignores the exact addresses and numbers administrators list, and still flags any other
(decision 0042)."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from factories import dataset

from townsquare.catalogue import services as catalogue
from townsquare.catalogue.models import Dataset
from townsquare.core.models import AuditEvent
from townsquare.governance import services
from townsquare.governance.models import ScanResult, ServiceContact
from townsquare.governance.personal_data import ServiceContacts, contact_key, scan_rows

TOILETS = (
    "toilet,report_email,report_tel\n"
    "Market Square,Streetcare@Council.example,01632 960000\n"
    "Park Lane,streetcare@council.example,+44 (0)1632 960000\n"
)


def _add(value: str, actor=None) -> ServiceContact:
    return services.service_contact_save(
        contact=ServiceContact(value=value, description="Street care"), actor=actor
    )


def _upload(ds, content: str):
    res = catalogue.resource_add_file(
        actor=None, dataset=ds, title="Toilets",
        upload=SimpleUploadedFile("toilets.csv", content.encode()), ingest=False,
    )  # fmt: skip
    return ScanResult.objects.get(version=res.current_version)


def test_listed_contacts_are_compared_as_the_scan_sees_them():
    assert contact_key(" Team@Council.Example ") == ("email", "team@council.example")
    assert (
        contact_key("+44 (0)1632 960000") == contact_key("01632 960000") == ("phone", "1632960000")
    )
    assert contact_key("call 01632 960000") is None  # one contact, not a sentence
    assert contact_key("12345") is None
    contacts = ServiceContacts(emails=frozenset({"team@council.example"}))
    rows = [["contact"], ["TEAM@council.example"], ["jo.bloggs@gmail.com"]]
    (finding,) = scan_rows(rows, contacts=contacts)
    assert (finding.kind, finding.count, finding.examples) == ("email", 1, ("j***@gmail.com",))


def test_a_published_open_dataset_keeps_its_place_when_its_contacts_are_listed(world):
    _add("streetcare@council.example")
    _add("01632 960000")
    ds = world.datasets["open"]
    assert _upload(ds, TOILETS).findings == []
    assert Dataset.objects.get(pk=ds.pk).status == Dataset.Status.PUBLISHED


def test_an_unlisted_personal_address_beside_them_is_still_flagged(world):
    _add("streetcare@council.example")
    _add("01632 960000")
    ds = world.datasets["open"]
    scan = _upload(ds, TOILETS + "Bus Station,jo.bloggs@gmail.com,07700 900123\n")
    assert [(f["kind"], f["count"]) for f in scan.findings] == [("email", 1), ("phone", 1)]
    assert Dataset.objects.get(pk=ds.pk).status == Dataset.Status.REVIEW


def test_without_the_list_the_same_contacts_are_flagged(world):
    scan = _upload(dataset("Loos", publisher=world.payments, access_level="open"), TOILETS)
    assert {f["kind"] for f in scan.findings} == {"email", "phone"}


def test_an_administrator_lists_a_contact_in_the_admin_and_it_is_audited(client, world):
    client.force_login(world.people["admin"])
    response = client.post(
        "/admin/governance/servicecontact/add/",
        {"value": " 01632 960000 ", "description": "Street care report-a-problem line"},
    )
    assert response.status_code == 302
    contact = ServiceContact.objects.get()
    assert (contact.value, contact.kind, contact.key) == ("01632 960000", "phone", "1632960000")
    event = AuditEvent.objects.get(object_type="governance.servicecontact")
    assert (event.action, event.actor) == ("create", world.people["admin"])

    again = client.post("/admin/governance/servicecontact/add/",
                        {"value": "+441632960000", "description": "The same line"})  # fmt: skip
    assert again.status_code == 200 and "already on the list" in again.content.decode()
    person = client.post("/admin/governance/servicecontact/add/",
                         {"value": "Jo Bloggs", "description": "Not a contact"})  # fmt: skip
    assert "Enter one email address or one UK phone number" in person.content.decode()
    assert ServiceContact.objects.count() == 1


def test_only_administrators_keep_the_list(client, world):
    client.force_login(world.people["steward"])
    response = client.get("/admin/governance/servicecontact/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_saving_refuses_what_the_scan_would_never_match(db):
    with pytest.raises(ValidationError):
        _add("not an address")
