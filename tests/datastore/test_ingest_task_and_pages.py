"""An upload queues the ingest; its progress, JSON status and data dictionary are shown to
those who may see the dataset and 404 for everyone else; a publisher corrects the dictionary."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from ingest_support import ingest

from townsquare.catalogue import services as catalogue
from townsquare.datastore import api

CSV = b'Date,Supplier,Amount\n01/04/2025,Acme,"\xc2\xa312.50"\n'


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def _urls(ds, res):
    args = [ds.slug, res.uuid]
    return [reverse(name, args=args) for name in (
        "datastore:ingest-progress", "datastore:ingest-status", "datastore:data-dictionary")]  # fmt: skip


def test_an_upload_queues_an_ingest_that_the_worker_runs(
    world, immediate_tasks, django_capture_on_commit_callbacks
):
    ds = world.datasets["open"]
    with django_capture_on_commit_callbacks(execute=True):
        res = catalogue.resource_add_file(
            actor=world.people["publisher"], dataset=ds, title="Spend",
            upload=SimpleUploadedFile("spend.csv", CSV),
        )  # fmt: skip
    job = api.latest_job(res)
    assert job.status == "succeeded", job.error
    assert job.requested_by == world.people["publisher"]
    assert api.table_for_resource(res).row_count == 1


def test_a_file_that_is_not_tabular_queues_nothing(world):
    res = catalogue.resource_add_file(
        actor=None, dataset=world.datasets["open"], title="Report",
        upload=SimpleUploadedFile("report.pdf", b"%PDF-1.4"),
    )  # fmt: skip
    assert api.latest_job(res) is None


def test_progress_shows_and_refreshes_while_queued(client, world):
    ds = world.datasets["open"]
    res = catalogue.resource_add_file(actor=None, dataset=ds, title="Spend",
                                      upload=SimpleUploadedFile("spend.csv", CSV))  # fmt: skip
    page = client.get(reverse("datastore:ingest-progress", args=[ds.slug, res.uuid]))
    assert page.status_code == 200
    assert b'http-equiv="refresh"' in page.content
    assert b'hx-trigger="every 2s"' not in page.content  # the full page refreshes instead
    resource_page = client.get(res.get_absolute_url())
    assert b'hx-trigger="every 2s"' in resource_page.content
    status = client.get(reverse("datastore:ingest-status", args=[ds.slug, res.uuid])).json()
    assert status["status"] == "queued"


def test_a_loaded_table_shows_its_columns_and_a_failure_its_reason(client, world):
    ds = world.datasets["open"]
    job, res = ingest(ds, "spend.csv", CSV)
    status = client.get(reverse("datastore:ingest-status", args=[ds.slug, res.uuid])).json()
    assert status["status"] == "succeeded"
    assert status["rows"] == 1
    assert {"name": "amount", "title": "Amount", "type": "number"} in status["columns"]
    page = client.get(reverse("datastore:ingest-progress", args=[ds.slug, res.uuid]))
    assert b'http-equiv="refresh"' not in page.content
    ingest(ds, "spend.csv", b"", resource=res)
    page = client.get(res.get_absolute_url()).content.decode()
    assert "could not be loaded as a table" in page
    assert "The file is empty." in page
    assert "The table from an earlier version is still available." in page


@pytest.mark.parametrize("who", ["anonymous", "staff", "other_publisher"])
def test_restricted_ingest_pages_are_404_without_access(client, world, who):
    ds = world.datasets["restricted"]
    job, res = ingest(ds, "spend.csv", CSV)
    if world.people[who]:
        client.force_login(world.people[who])
    for url in _urls(ds, res):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {}).status_code == 404, url


@pytest.mark.parametrize("who", ["grantee", "publisher"])
def test_restricted_ingest_pages_show_to_those_with_access(client, world, who):
    ds = world.datasets["restricted"]
    job, res = ingest(ds, "spend.csv", CSV)
    client.force_login(world.people[who])
    for url in _urls(ds, res):
        assert client.get(url).status_code == 200, url


def _dictionary_post(table, **changes):
    data = {}
    for i, f in enumerate(table.fields):
        data[f"title_{i}"] = f["title"]
        data[f"type_{i}"] = f["type"]
        data[f"description_{i}"] = f.get("description", "")
    data.update(changes)
    return data


def test_a_publisher_corrects_titles_and_descriptions(client, world):
    ds = world.datasets["open"]
    job, res = ingest(ds, "spend.csv", CSV)
    url = reverse("datastore:data-dictionary", args=[ds.slug, res.uuid])
    client.force_login(world.people["publisher"])
    post = _dictionary_post(job.table, title_1="Supplier name", description_1="Who was paid")
    assert client.post(url, post).status_code == 302
    table = api.table_for_resource(res)
    assert table.fields[1]["title"] == "Supplier name"
    assert table.fields[1]["description"] == "Who was paid"


def test_a_changed_type_reloads_the_file_and_carries_over_to_new_versions(
    client, world, immediate_tasks, django_capture_on_commit_callbacks
):
    ds = world.datasets["open"]
    job, res = ingest(ds, "spend.csv", CSV)
    client.force_login(world.people["publisher"])
    url = reverse("datastore:data-dictionary", args=[ds.slug, res.uuid])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, _dictionary_post(job.table, type_2="string"))
    assert response.url == reverse("datastore:ingest-progress", args=[ds.slug, res.uuid])
    table = api.table_for_resource(res)
    assert table.fields[2]["type"] == "string"
    again, _ = ingest(ds, "spend.csv", CSV + b"02/04/2025,Bolt,3\n", resource=res)
    assert again.table.fields[2]["type"] == "string"


def test_only_publishers_may_change_the_dictionary(client, world):
    ds = world.datasets["open"]
    job, res = ingest(ds, "spend.csv", CSV)
    url = reverse("datastore:data-dictionary", args=[ds.slug, res.uuid])
    client.force_login(world.people["staff"])
    assert b"title_0" not in client.get(url).content
    assert client.post(url, _dictionary_post(job.table, title_1="Hacked")).status_code == 404
    assert api.table_for_resource(res).fields[1]["title"] == "Supplier"


def test_a_publisher_loads_a_file_again(client, world):
    ds = world.datasets["open"]
    job, res = ingest(ds, "spend.csv", CSV)
    url = reverse("datastore:ingest-progress", args=[ds.slug, res.uuid])
    client.force_login(world.people["publisher"])
    assert client.post(url, {}).status_code == 302
    again = api.latest_job(res)
    assert again.pk != job.pk
    assert again.status == "queued"
    assert again.requested_by == world.people["publisher"]
