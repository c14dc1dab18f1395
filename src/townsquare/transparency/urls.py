from django.urls import path

from . import views_register

app_name = "transparency"

urlpatterns: list = [
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
