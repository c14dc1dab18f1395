"""Uploading, replacing and downloading files: stored unchanged and fingerprinted, names made
safe, over-size uploads refused before anything is written, a failed store leaves no trace,
and reads of data that is not open are audited."""

import hashlib
import re
from pathlib import PurePosixPath

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from factories import dataset, person, stored_files, unit

from townsquare.catalogue.models import Dataset, Resource, ResourceVersion
from townsquare.catalogue.services import safe_filename
from townsquare.core.models import AuditEvent

CSV = "Supplier,Amount\nAcme Ltd,£1,250.00\nÉcole du Nord,499.99\n".encode()


@pytest.fixture
def council(db):
    council = unit("Council", "organisation")
    payments = unit("Payments", "team", council)
    publisher = person("Pat Publisher", team=payments, roles=[("publisher", payments)])
    staff = person("Sam Staff", team=payments, roles=[("staff", None)])
    ds = dataset("Supplier payments", publisher=payments, access_level="open", with_file=False)
    return {"payments": payments, "publisher": publisher, "staff": staff, "dataset": ds}


@pytest.fixture
def publisher_client(client, council):
    client.force_login(council["publisher"])
    return client


def _upload(client, ds, name="payments.csv", content=CSV, title="Payments, April 2025"):
    upload = SimpleUploadedFile(name, content, content_type="text/csv")
    return client.post(f"/datasets/{ds.slug}/files/new/", {"title": title, "file": upload})


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def _multipart_upload(client, ds, filename: str, content: bytes = CSV):
    """Post a file with exactly this name: the test client would tidy it up first."""
    boundary = "----townsquare-test-boundary"
    body = b"".join([
        f'--{boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nOdd name\r\n'.encode(),
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'.encode(),
        b"Content-Type: text/csv\r\n\r\n", content, f"\r\n--{boundary}--\r\n".encode(),
    ])  # fmt: skip
    return client.post(
        f"/datasets/{ds.slug}/files/new/",
        data=body,
        content_type=f"multipart/form-data; boundary={boundary}",
    )


def test_upload_stores_the_file_unchanged(publisher_client, council):
    ds = council["dataset"]
    response = _upload(publisher_client, ds)
    assert response.status_code == 302
    assert response["Location"] == ds.get_absolute_url()

    resource = ds.resources.get()
    version = resource.current_version
    assert (resource.kind, resource.format, resource.media_type) == ("file", "CSV", "text/csv")
    assert resource.title == "Payments, April 2025"
    assert version.number == 1
    assert version.sha256 == hashlib.sha256(CSV).hexdigest()
    assert version.size == len(CSV)
    assert version.uploaded_by == council["publisher"]
    with version.file.open("rb") as stored:
        assert stored.read() == CSV
    assert stored_files() == [version.file.name]
    event = AuditEvent.objects.get(action="upload")
    assert event.details["sha256"] == version.sha256

    page = publisher_client.get(resource.get_absolute_url()).content.decode()
    assert version.sha256 in page


def test_replacing_keeps_earlier_versions(publisher_client, council):
    ds = council["dataset"]
    _upload(publisher_client, ds)
    resource = ds.resources.get()
    newer = CSV + b"Zeta plc,10.00\n"

    replace_url = f"/datasets/{ds.slug}/files/{resource.uuid}/replace/"
    upload = SimpleUploadedFile("payments-v2.csv", newer, content_type="text/csv")
    response = publisher_client.post(replace_url, {"file": upload})
    assert response.status_code == 302

    resource.refresh_from_db()
    assert resource.current_version.number == 2
    assert resource.versions.count() == 2
    assert Resource.objects.count() == 1
    base = f"/datasets/{ds.slug}/files/{resource.uuid}"
    assert _body(publisher_client.get(f"{base}/download/")) == newer
    assert _body(publisher_client.get(f"{base}/versions/1/download/")) == CSV
    assert _body(publisher_client.get(f"{base}/versions/2/download/")) == newer
    assert publisher_client.get(f"{base}/versions/3/download/").status_code == 404
    assert len(stored_files()) == 2


@pytest.mark.parametrize(
    "name",
    [
        "../../etc/passwd",
        "évil name;rm -rf.csv",
        "bad\x00name.csv",
        "..\\..\\windows\\system32\\config.csv",
        "/absolute/path/data.csv",
        'quote"and\r\nheader.csv',
        "....csv",
    ],
)
def test_odd_file_names_are_made_safe(publisher_client, council, name):
    ds = council["dataset"]
    response = _multipart_upload(publisher_client, ds, name)
    assert response.status_code == 302, response.content.decode()[:2000]

    version = ResourceVersion.objects.get()
    for unsafe in ("/", "\\", "\x00", "\r", "\n", '"', ";", ".."):
        assert unsafe not in version.filename, unsafe
    stored = PurePosixPath(version.file.name)
    assert stored.parts[:2] == ("datasets", str(ds.uuid))
    assert ".." not in stored.parts
    assert stored_files() == [version.file.name]

    resource = version.resource
    download = publisher_client.get(f"/datasets/{ds.slug}/files/{resource.uuid}/download/")
    assert _body(download) == CSV
    disposition = download["Content-Disposition"]
    assert re.fullmatch(r"""attachment; filename(="[\w.-]+"|\*=utf-8''[\w%.-]+)""", disposition)


def test_safe_filename_keeps_ordinary_names():
    assert safe_filename("Spending April 2025.CSV") == "Spending_April_2025.csv"
    assert safe_filename("../../etc/passwd") == "passwd"
    assert safe_filename("C:\\Users\\pat\\data.xlsx") == "data.xlsx"
    assert safe_filename("..") == "file"
    assert safe_filename("") == "file"


def test_an_upload_over_the_limit_is_refused_before_it_is_stored(
    publisher_client, council, settings
):
    settings.MAX_UPLOAD_MB = 1
    ds = council["dataset"]
    modified = ds.modified
    response = _upload(publisher_client, ds, content=b"x" * (3 * 1024 * 1024 // 2))

    assert response.status_code == 200
    html = response.content.decode()
    summary = re.search(r'<div class="govuk-error-summary".*?</ul>', html, re.S).group(0)
    assert "The selected file must be smaller than 1 MB" in summary
    assert "Select a file to upload" not in html
    assert html.split("<title>")[1].lstrip().startswith("Error: ")
    assert stored_files() == []
    assert not Resource.objects.exists()
    ds.refresh_from_db()
    assert ds.modified == modified


def test_an_upload_just_under_the_limit_is_accepted(publisher_client, council, settings):
    settings.MAX_UPLOAD_MB = 1
    response = _upload(publisher_client, council["dataset"], content=b"x" * (1024 * 1024 - 2048))
    assert response.status_code == 302
    assert len(stored_files()) == 1


def _state(ds):
    ds.refresh_from_db()
    return (
        Dataset.objects.filter(pk=ds.pk).values().get(),
        list(ds.resources.values()),
        list(ResourceVersion.objects.values()),
        AuditEvent.objects.filter(action="upload").count(),
        stored_files(),
    )


def test_a_failure_while_storing_leaves_the_dataset_as_it_was(
    publisher_client, council, monkeypatch
):
    ds = council["dataset"]
    before = _state(ds)

    def disk_full(self, name, content):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(FileSystemStorage, "_save", disk_full)
    with pytest.raises(OSError, match="No space left"):
        _upload(publisher_client, ds)
    assert _state(ds) == before


def test_a_failure_after_writing_leaves_no_file_behind(publisher_client, council, monkeypatch):
    ds = council["dataset"]
    before = _state(ds)
    real_save = FileSystemStorage._save

    def written_then_failed(self, name, content):
        real_save(self, name, content)
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(FileSystemStorage, "_save", written_then_failed)
    with pytest.raises(OSError, match="Input/output error"):
        _upload(publisher_client, ds)
    assert _state(ds) == before


def test_a_failure_replacing_keeps_the_current_version(publisher_client, council, monkeypatch):
    ds = council["dataset"]
    _upload(publisher_client, ds)
    resource = ds.resources.get()
    before = _state(ds)

    def disk_full(self, name, content):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(FileSystemStorage, "_save", disk_full)
    upload = SimpleUploadedFile("payments.tsv", b"a\tb\n3\t4\n", content_type="text/csv")
    with pytest.raises(OSError):
        publisher_client.post(
            f"/datasets/{ds.slug}/files/{resource.uuid}/replace/", {"file": upload}
        )
    assert _state(ds) == before
    resource.refresh_from_db()
    assert (resource.format, resource.current_version.number) == ("CSV", 1)


def test_a_link_must_be_a_web_address(publisher_client, council):
    ds = council["dataset"]
    url = f"/datasets/{ds.slug}/links/new/"
    for bad in ("javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,hi", "ftp://x.org/a"):
        response = publisher_client.post(url, {"title": "Evil", "url": bad})
        assert response.status_code == 200, bad
        assert "govuk-error-summary" in response.content.decode()
    assert not Resource.objects.exists()

    response = publisher_client.post(
        url, {"title": "The API", "url": "https://data.council.example/api/payments.csv"}
    )
    assert response.status_code == 302
    link = Resource.objects.get()
    assert (link.kind, link.format) == ("link", "CSV")


@pytest.mark.parametrize(
    ("access_level", "status", "reader", "audited"),
    [
        ("open", "published", None, False),
        ("open", "draft", "publisher", True),
        ("internal", "published", "staff", True),
        ("restricted", "published", "publisher", True),
    ],
)
def test_downloads_of_data_that_is_not_open_are_audited(
    council, access_level, status, reader, audited
):
    ds = dataset("Tenancies", publisher=council["payments"], access_level=access_level,
                 status=status)  # fmt: skip
    resource = ds.resources.get()
    client = Client(REMOTE_ADDR="203.0.113.7")
    if reader:
        client.force_login(council[reader])

    response = client.get(f"/datasets/{ds.slug}/files/{resource.uuid}/download/")
    assert response.status_code == 200
    assert _body(response) == b"a,b\n1,2\n"
    events = AuditEvent.objects.filter(action="download", object_id=str(ds.pk))
    if audited:
        event = events.get()
        assert event.ip_address == "203.0.113.7"
        assert event.actor_email == council[reader].email
        assert event.details == {"version": 1}
        assert response["Cache-Control"] == "private, no-store"
    else:
        assert not events.exists()
