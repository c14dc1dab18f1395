"""An uploaded file's name cannot lead outside the dataset's folder or into a header."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from factories import dataset, org_units, person, stored_files

NAMES = [
    "../../../etc/passwd",
    "..\\..\\windows\\win.ini",
    "/etc/shadow.csv",
    "....//....//x.csv",
    "%2e%2e%2fsecret.csv",
    "data.csv\r\nSet-Cookie: x=1",
    "\x00.csv",
    ".htaccess",
]


@pytest.mark.parametrize("name", NAMES)
def test_upload_names_stay_inside_the_dataset_folder(client, db, name):
    units = org_units()
    publisher = person("Pat Publisher", team=units["payments"],
                       roles=[("publisher", units["finance"])])  # fmt: skip
    ds = dataset("Payments", publisher=units["payments"], access_level="open", with_file=False)
    client.force_login(publisher)
    upload = SimpleUploadedFile(name, b"a,b\n1,2\n", content_type="text/csv")
    client.post(f"/datasets/{ds.slug}/files/new/", {"title": "Data", "file": upload})
    files = stored_files()
    assert len(files) == 1
    stored = files[0]
    assert stored.startswith(f"datasets/{ds.uuid}/")
    parts = stored.split("/")
    assert ".." not in parts and all(p and p not in (".", "..") for p in parts)
    assert not any(c in stored for c in "\r\n\x00\\")
    response = client.get(f"/datasets/{ds.slug}/files/{ds.resources.get().uuid}/download/")
    assert "\n" not in response["Content-Disposition"]
