"""The demo council loads through the app's own services, once, and obeys the access policy."""

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from townsquare.accounts.models import OrgUnit, User
from townsquare.catalogue.models import Dataset
from townsquare.core.models import AuditEvent
from townsquare.demo import council
from townsquare.demo.loader import load_demo


def _file_storage(location) -> dict:
    return {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": location},
        },
    }


@pytest.fixture(scope="module")
def demo_files(tmp_path_factory):
    return tmp_path_factory.mktemp("demo-files")


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, demo_files):
    # Rolled back afterwards, so nothing the demo made (audit events, knowledge content whose
    # authors are kept as SET_NULL) leaks into other modules' tests.
    with (
        django_db_blocker.unblock(),
        override_settings(STORAGES=_file_storage(demo_files)),
        transaction.atomic(),
    ):
        counts = load_demo()
        yield counts
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_demo_has_a_whole_council(demo):
    assert demo["datasets"] == Dataset.objects.count() >= 35
    assert OrgUnit.objects.filter(kind="directorate").count() == 5
    assert OrgUnit.objects.filter(kind="team").count() >= 18
    assert User.objects.count() >= 55
    levels = set(Dataset.objects.values_list("access_level", flat=True))
    assert levels == {"open", "internal", "restricted"}
    assert Dataset.objects.filter(status="draft").exists()
    assert AuditEvent.objects.filter(action="upload").count() >= 10


@pytest.mark.django_db
def test_loading_again_changes_nothing(demo):
    before = (Dataset.objects.count(), User.objects.count())
    assert load_demo() == {}
    assert (Dataset.objects.count(), User.objects.count()) == before


@pytest.mark.django_db
def test_demo_command_prints_the_sign_ins(demo, capsys):
    call_command("demo")
    out = capsys.readouterr().out
    assert "already loaded" in out
    for _, email in council.DEMO_SIGN_INS:
        assert email in out
    assert council.DEMO_PASSWORD in out


@pytest.mark.django_db
@pytest.mark.parametrize("description,email", council.DEMO_SIGN_INS)
def test_demo_sign_ins_work(demo, client, description, email):
    response = client.post(
        "/accounts/sign-in/", {"username": email, "password": council.DEMO_PASSWORD}
    )
    assert response.status_code == 302, description


@pytest.mark.django_db
def test_residents_see_open_data_only(demo, client):
    html = client.get("/datasets/?sort=title&page=1").content.decode()
    for ds in Dataset.objects.exclude(access_level="open", status="published"):
        assert f">{ds.title}<" not in html
    opened = Dataset.objects.filter(access_level="open", status="published").first()
    assert client.get(opened.get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_demo_files_download(demo, demo_files, client, settings):
    settings.STORAGES = _file_storage(demo_files)
    spend = Dataset.objects.get(title__icontains="spending over")
    resource = spend.resources.exclude(current_version=None).first()
    response = client.get(f"{spend.get_absolute_url()}files/{resource.uuid}/download/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).count(b"\r\n") > 100
