from django.urls import path

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
