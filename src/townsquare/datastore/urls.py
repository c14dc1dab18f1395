from django.urls import path, register_converter

from . import views_ingest

app_name = "datastore"

urlpatterns = [
    path(
        "datasets/<slug:slug>/files/<uuid:resource>/ingest/",
        views_ingest.ingest_progress,
        name="ingest-progress",
    ),
    path(
        "datasets/<slug:slug>/files/<uuid:resource>/ingest/status.json",
        views_ingest.ingest_status,
        name="ingest-status",
    ),
    path(
        "datasets/<slug:slug>/files/<uuid:resource>/dictionary/",
        views_ingest.data_dictionary,
        name="data-dictionary",
    ),
]

# Table pages, rows as JSON, downloads, charts, maps and SQL (views_tables; the query helper's).
from . import views_tables  # noqa: E402


class TableNameConverter:
    regex = "[A-Za-z_][A-Za-z0-9_]{0,99}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(TableNameConverter, "table")

urlpatterns += [
    path(
        "datasets/<slug:slug>/tables/<table:name>/",
        views_tables.table_detail,
        name="table",
    ),
    path(
        "datasets/<slug:slug>/tables/<table:name>.json",
        views_tables.table_rows_json,
        name="table-json",
    ),
    path(
        "datasets/<slug:slug>/tables/<table:name>/download.csv",
        views_tables.table_download,
        {"fmt": "csv"},
        name="table-download-csv",
    ),
    path(
        "datasets/<slug:slug>/tables/<table:name>/download.json",
        views_tables.table_download,
        {"fmt": "json"},
        name="table-download-json",
    ),
    path(
        "datasets/<slug:slug>/tables/<table:name>/download.parquet",
        views_tables.table_download,
        {"fmt": "parquet"},
        name="table-download-parquet",
    ),
]
urlpatterns += [
    path("datasets/<slug:slug>/sql/", views_tables.dataset_sql, name="dataset-sql"),
]
urlpatterns += [
    path(
        "datasets/<slug:slug>/tables/<table:name>/chart/",
        views_tables.table_chart,
        name="table-chart",
    ),
]
urlpatterns += [
    path(
        "datasets/<slug:slug>/tables/<table:name>/map/",
        views_tables.table_map,
        name="table-map",
    ),
]
