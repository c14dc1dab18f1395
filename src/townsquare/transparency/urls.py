from django.urls import path

from . import views_schemas

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
