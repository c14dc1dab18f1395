"""Harvesting from another Townsquare (the live server: this same app) by DCAT and by the CKAN
API: open datasets arrive in the chosen publisher as published datasets with link resources;
running again changes nothing, and a remote change updates the copy. Restricted, internal and
draft datasets never arrive. Loopback is refused unless the setting allows it."""

import pytest
from django.core.management import CommandError, call_command
from factories import complete_dataset

from townsquare.api.harvest import harvest, source_for
from townsquare.api.models import HarvestedRecord
from townsquare.catalogue import services
from townsquare.catalogue.models import Dataset

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _copy_of(original) -> Dataset:
    return HarvestedRecord.objects.get(remote_id=str(original.uuid)).dataset


@pytest.fixture
def allow_loopback(settings):
    settings.FETCH_ALLOW_PRIVATE = True


@pytest.mark.parametrize(
    "path",
    ["/catalog.ttl?publisher=payments", "/api/3/action/package_search?fq=organization:payments"],
)
def test_harvest_is_complete_and_idempotent(live_server, world, allow_loopback, path):
    original = complete_dataset(world.payments)
    source = source_for(f"{live_server.url}{path}", publisher=world.housing)
    first = harvest(source)
    assert (first.created, first.updated, first.failed) == (2, 0, 0), first.errors
    copy = _copy_of(original)
    assert copy.publisher == world.housing
    assert copy.is_published and copy.access_level == "open"
    assert copy.title == original.title
    assert copy.description == original.description
    assert sorted(copy.keywords.values_list("name", flat=True)) == ["car parks", "parking"]
    assert copy.licence_id == "OGL-UK-3.0"
    assert copy.update_frequency == "monthly"
    assert (copy.temporal_start, copy.temporal_end) == (
        original.temporal_start,
        original.temporal_end,
    )
    assert copy.spatial_coverage == "Eastmere Borough"
    assert (copy.contact_name, copy.contact_email) == ("Parking team", "parking@council.example")
    links = {r.title: r for r in copy.resources.all()}
    assert set(links) == {"Charges", "Parking strategy"}
    assert all(r.kind == "link" for r in links.values())
    assert links["Charges"].url.startswith(f"{live_server.url}/datasets/{original.slug}/files/")
    assert links["Charges"].format == "CSV"
    assert links["Parking strategy"].url == "https://www.council.example/parking"
    for kind in ("internal", "restricted", "draft"):
        assert not HarvestedRecord.objects.filter(remote_id=str(world.datasets[kind].uuid)).exists()

    count = Dataset.objects.count()
    second = harvest(source)
    assert (second.created, second.updated, second.unchanged) == (0, 0, 2)
    assert Dataset.objects.count() == count

    services.dataset_update(actor=None, dataset=original, data={"title": "Renamed ledger"})
    third = harvest(source)
    assert (third.created, third.updated, third.unchanged) == (0, 1, 1)
    assert _copy_of(original).title == "Renamed ledger"
    source.refresh_from_db()
    assert source.last_run is not None and source.last_status == "ok"
    assert source.last_summary["updated"] == 1

    services.dataset_unpublish(actor=None, dataset=original)
    fourth = harvest(source)
    assert (fourth.withdrawn, fourth.unchanged) == (1, 1)
    assert not _copy_of(original).is_published
    services.dataset_publish(actor=None, dataset=original)
    fifth = harvest(source)
    assert (fifth.updated, fifth.withdrawn) == (1, 0)
    assert _copy_of(original).is_published


def test_loopback_is_refused_by_default(live_server, world):
    source = source_for(f"{live_server.url}/catalog.ttl", publisher=world.housing)
    summary = harvest(source)
    assert summary.created == 0
    assert "TOWNSQUARE_FETCH_ALLOW_PRIVATE" in summary.errors[0]
    source.refresh_from_db()
    assert source.last_status == "failed"
    assert not HarvestedRecord.objects.exists()


def test_the_harvest_command(live_server, world, allow_loopback, capsys):
    url = f"{live_server.url}/catalog.jsonld?publisher=payments"
    with pytest.raises(CommandError, match="--publisher"):
        call_command("harvest", url)
    call_command("harvest", url, "--publisher", "housing")
    assert "1 created" in capsys.readouterr().out
    call_command("harvest", url)
    assert "1 unchanged" in capsys.readouterr().out


def test_the_harvest_task(live_server, world, allow_loopback, settings):
    from townsquare.api.tasks import harvest_source

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    source = source_for(
        f"{live_server.url}/catalog.rdf?publisher=payments", publisher=world.housing
    )
    result = harvest_source.enqueue(source.pk)
    assert result.return_value["created"] == 1
