"""URLs of the open-standards feeds; `api/urls.py` includes them."""

from django.contrib.sitemaps.views import sitemap
from django.urls import path

from . import feeds, views_standards

urlpatterns = [
    path("catalog.ttl", views_standards.catalog, {"fmt": "ttl"}, name="catalog-ttl"),
    path("catalog.rdf", views_standards.catalog, {"fmt": "rdf"}, name="catalog-rdf"),
    path("catalog.jsonld", views_standards.catalog, {"fmt": "jsonld"}, name="catalog-jsonld"),
    path("datasets/feed.atom", feeds.RecentDatasetsFeed(), name="datasets-atom"),
    path(
        "datasets/<slug:slug>.ttl", views_standards.dataset_rdf, {"fmt": "ttl"}, name="dataset-ttl"
    ),
    path(
        "datasets/<slug:slug>.rdf", views_standards.dataset_rdf, {"fmt": "rdf"}, name="dataset-rdf"
    ),
    path(
        "datasets/<slug:slug>.jsonld",
        views_standards.dataset_rdf,
        {"fmt": "jsonld"},
        name="dataset-jsonld",
    ),
    path(
        "datasets/<slug:slug>/datapackage.json",
        views_standards.datapackage,
        name="dataset-datapackage",
    ),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": feeds.SITEMAPS, "template_name": "api/sitemap.xml"},
        name="sitemap",
    ),
    path("robots.txt", views_standards.robots_txt, name="robots-txt"),
]
