from django.urls import path

from . import views

app_name = "governance"

urlpatterns = [
    path("datasets/<slug:slug>/sharing/", views.dataset_sharing, name="dataset-sharing"),
    path(
        "datasets/<slug:slug>/publish-override/",
        views.publish_override,
        name="publish-override",
    ),
    path(
        "datasets/<slug:slug>/sharing/<int:grant_id>/revoke/",
        views.grant_revoke,
        name="grant-revoke",
    ),
]
