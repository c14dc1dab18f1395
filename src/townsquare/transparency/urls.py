from django.urls import path

from . import series_views, views_register, views_schemas, views_spend

app_name = "transparency"

urlpatterns: list = [
    # Bundled schemas and their templates (tc-schemas).
    path("transparency/schemas/", views_schemas.schema_list, name="schema_list"),
    path("transparency/schemas/<slug:key>/", views_schemas.schema_detail, name="schema_detail"),
    path(
        "transparency/schemas/<slug:key>/template.csv",
        views_schemas.template_csv,
        name="schema_template_csv",
    ),
    path(
        "transparency/schemas/<slug:key>/template.xlsx",
        views_schemas.template_xlsx,
        name="schema_template_xlsx",
    ),
    path(
        "transparency/schemas/<slug:key>/schema.json", views_schemas.schema_json, name="schema_json"
    ),
    # End of the schema routes.
]

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
    # The register (tc-register): compliance page, its JSON, staff dashboard, registration.
    path("transparency/", views_register.compliance, name="compliance"),
    path("transparency.json", views_register.compliance_json, name="compliance-json"),
    path("transparency/dashboard/", views_register.dashboard, name="dashboard"),
    path(
        "transparency/register/<slug:code_key>/",
        views_register.register_code,
        name="register-code",
    ),
    # End of the register's routes.
]

# Spend analysis (views_spend): overview, suppliers, one supplier, and each table as CSV.
urlpatterns += [
    path("transparency/spend/", views_spend.overview, name="spend"),
    path("transparency/spend/suppliers/", views_spend.suppliers, name="spend-suppliers"),
    path(
        "transparency/spend/suppliers/<slug:key>/",
        views_spend.supplier,
        name="spend-supplier",
    ),
    path(
        "transparency/spend/suppliers/<slug:key>/payments.csv",
        views_spend.supplier_download,
        name="spend-supplier-download",
    ),
    *(
        path(
            f"transparency/spend/{what}.csv",
            views_spend.download,
            {"what": what},
            name=f"spend-download-{what}",
        )
        for what in (
            "quarters",
            "top-suppliers",
            "suppliers",
            "directorates",
            "categories",
            "expense-types",
        )
    ),
]
