from django.urls import path

from townsquare.api.negotiation import rdf_negotiable

from . import views

app_name = "catalogue"

urlpatterns = [
    path("", views.home, name="home"),
    path("datasets/", views.dataset_list, name="dataset-list"),
    path("datasets/new/", views.dataset_create, name="dataset-create"),
    # Asked for Turtle, RDF/XML or JSON-LD, a dataset page answers with its DCAT description.
    path("datasets/<slug:slug>/", rdf_negotiable(views.dataset_detail), name="dataset"),
    path("datasets/<slug:slug>/edit/", views.dataset_edit, name="dataset-edit"),
    path("datasets/<slug:slug>/publish/", views.dataset_publish, name="dataset-publish"),
    path("datasets/<slug:slug>/delete/", views.dataset_delete, name="dataset-delete"),
    path("datasets/<slug:slug>/files/new/", views.file_upload, name="file-upload"),
    path("datasets/<slug:slug>/links/new/", views.link_add, name="link-add"),
    path("datasets/<slug:slug>/files/<uuid:resource>/", views.resource_detail, name="resource"),
    path(
        "datasets/<slug:slug>/files/<uuid:resource>/replace/",
        views.resource_replace,
        name="resource-replace",
    ),
    path(
        "datasets/<slug:slug>/files/<uuid:resource>/download/",
        views.resource_download,
        name="resource-download",
    ),
    path(
        "datasets/<slug:slug>/files/<uuid:resource>/versions/<int:number>/download/",
        views.resource_download,
        name="version-download",
    ),
]
