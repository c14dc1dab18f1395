from django.urls import path

from . import views

app_name = "search"

urlpatterns = [
    path("search/", views.search_page, name="search"),
    path("search.json", views.search_json, name="search-json"),
    path("search/suggest/", views.suggest, name="suggest"),
    path("search/similar/", views.similar, name="similar"),
    path("admin-reports/duplicates/", views.duplicates_report, name="duplicates"),
]
