"""Every published period of a series is also one table, `all_periods`, with the period
of each row: queryable across years like any other table."""

from datetime import date

from django.urls import reverse
from series_support import Q1, Q2, publish, spend_csv, spend_row, spend_series, upload

from townsquare.datastore import api as datastore
from townsquare.transparency.models import Period


def publish_quarter(client, ds, start, numbers, day):
    upload(client, ds, start, spend_csv([spend_row(n, day) for n in numbers]))
    publish(client, ds, start)


def test_the_combined_table_holds_every_periods_rows(client, world):
    ds, series = spend_series(world)
    client.force_login(world.people["publisher"])
    publish_quarter(client, ds, Q1, range(1, 4), date(2025, 5, 1))
    combined = datastore.table_get(ds, "all_periods")
    assert combined.row_count == 3
    publish_quarter(client, ds, Q2, range(4, 9), date(2025, 8, 1))
    combined = datastore.table_get(ds, "all_periods")
    periods = Period.objects.filter(series=series)
    parts = [datastore.table_for_resource(p.resource).row_count for p in periods]
    assert combined.row_count == sum(parts) == 8
    assert combined.fields[0]["name"] == "period"
    assert combined.resource.title == "All periods combined"

    # Through the SQL page, like any table: the rows per period.
    response = client.post(
        reverse("datastore:dataset-sql", kwargs={"slug": ds.slug}),
        {"sql": "SELECT period, count(*) AS n, sum(amount) AS total FROM all_periods "
                "GROUP BY period ORDER BY period"},
    )  # fmt: skip
    assert response.status_code == 200
    body = response.content.decode()
    assert "2025/26 Q1 (April to June 2025)" in body
    assert "2025/26 Q2 (July to September 2025)" in body


def test_republishing_a_period_replaces_its_rows_in_the_combined_table(client, world):
    ds, _series = spend_series(world)
    client.force_login(world.people["publisher"])
    publish_quarter(client, ds, Q1, range(1, 4), date(2025, 5, 1))
    publish_quarter(client, ds, Q2, range(4, 6), date(2025, 8, 1))
    publish_quarter(client, ds, Q1, range(1, 2), date(2025, 5, 1))
    combined = datastore.table_get(ds, "all_periods")
    assert combined.row_count == 3
    # One combined file, with a new version each time.
    assert ds.resources.filter(title="All periods combined").count() == 1
    assert combined.resource.versions.count() == 3


def test_the_combined_table_has_a_page_and_downloads(client, world):
    ds, _series = spend_series(world)
    client.force_login(world.people["publisher"])
    publish_quarter(client, ds, Q1, range(1, 3), date(2025, 5, 1))
    kwargs = {"slug": ds.slug, "name": "all_periods"}
    assert client.get(reverse("datastore:table", kwargs=kwargs)).status_code == 200
    csv = client.get(reverse("datastore:table-download-csv", kwargs=kwargs))
    body = b"".join(csv.streaming_content).decode()
    assert body.splitlines()[0].startswith("Period,") or body.splitlines()[0].startswith("period,")
    assert len(body.strip().splitlines()) == 3


def test_the_combined_table_can_be_rebuilt_from_the_published_periods(client, world):
    from townsquare.transparency.series_services import combined_table_rebuild

    ds, series = spend_series(world)
    client.force_login(world.people["publisher"])
    publish_quarter(client, ds, Q1, range(1, 3), date(2025, 5, 1))
    combined_table_rebuild(series=series)
    assert datastore.table_get(ds, "all_periods").row_count == 2


def test_periods_recorded_while_their_files_load_get_the_combined_table_once_loaded(
    world, settings
):
    """As the demo does: periods recorded published beside files still queued for the worker.
    The combined tables' task waits for the loads, then builds the table."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django_tasks import task_backends

    from townsquare.catalogue import services as catalogue
    from townsquare.datastore.models import IngestJob
    from townsquare.transparency.tasks import combined_tables_task

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    ds, series = spend_series(world)
    content = spend_csv([spend_row(n, date(2025, 5, 1)) for n in range(1, 4)])
    resource = catalogue.resource_add_file(actor=None, dataset=ds, title="Q1",
                                           upload=SimpleUploadedFile("q1.csv", content))  # fmt: skip
    Period.objects.create(series=series, start=Q1, end=date(2025, 6, 30), resource=resource,
                          status=Period.Status.PUBLISHED)  # fmt: skip
    job = IngestJob.objects.get(version__resource=resource)
    assert job.status == IngestJob.Status.QUEUED

    assert combined_tables_task.call([series.pk]) == "rebuilt 0, waiting for 1"
    assert datastore.table_get(ds, "all_periods") is None
    (again,) = task_backends["default"].results
    assert again.args == [[series.pk], 2] and again.task.run_after is not None

    datastore.run_job(job)
    assert combined_tables_task.call(*again.args) == "rebuilt 1, waiting for 0"
    assert datastore.table_get(ds, "all_periods").row_count == 3
