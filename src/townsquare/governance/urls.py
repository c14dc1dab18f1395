from django.urls import path

from . import views

app_name = "governance"

urlpatterns = [
    path("access/", views.my_access, name="my-access"),
    path("access/ask/<str:token>/", views.request_create, name="request-create"),
    path("access/requests/", views.request_queue, name="request-queue"),
    path("access/requests/<int:pk>/", views.request_detail, name="request-detail"),
    path("agreements/", views.agreement_list, name="agreement-list"),
    path("agreements/new/", views.agreement_edit, name="agreement-create"),
    path("agreements/<int:pk>/", views.agreement_detail, name="agreement-detail"),
    path("agreements/<int:pk>/edit/", views.agreement_edit, name="agreement-edit"),
    path("audit/", views.audit_trail, name="audit-trail"),
    path("audit/export.csv", views.audit_export, name="audit-export"),
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
