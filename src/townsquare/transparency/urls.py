from django.urls import path

from . import series_views

app_name = "transparency"

urlpatterns: list = []

# Series: a dataset's periods, uploading and checking a period's file, publishing it (tc-series).
urlpatterns += [
    path("datasets/<slug:slug>/series/", series_views.series_detail, name="series"),
    path(
        "datasets/<slug:slug>/series/settings/",
        series_views.series_settings,
        name="series_settings",
    ),
    path("datasets/<slug:slug>/series/upload/", series_views.period_upload, name="period_upload"),
    path(
        "datasets/<slug:slug>/series/periods/<str:start>/",
        series_views.period_detail,
        name="period",
    ),
    path(
        "datasets/<slug:slug>/series/periods/<str:start>/columns/",
        series_views.period_columns,
        name="period_columns",
    ),
    path(
        "datasets/<slug:slug>/series/periods/<str:start>/problems.csv",
        series_views.period_errors_csv,
        name="period_errors_csv",
    ),
    path(
        "datasets/<slug:slug>/series/periods/<str:start>/redact/",
        series_views.period_redact,
        name="period_redact",
    ),
    path(
        "datasets/<slug:slug>/series/periods/<str:start>/publish/",
        series_views.period_publish,
        name="period_publish",
    ),
]
