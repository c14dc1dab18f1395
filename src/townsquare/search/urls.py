from django.urls import path

from . import views

app_name = "search"

urlpatterns = [
    path("search/", views.search_page, name="search"),
    path("search.json", views.search_json, name="search-json"),
    path("search/suggest/", views.suggest, name="suggest"),
]
