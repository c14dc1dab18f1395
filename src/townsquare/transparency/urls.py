from django.urls import path

from . import views_spend

app_name = "transparency"

urlpatterns: list = []

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
