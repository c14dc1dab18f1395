"""The native API at /api/v1/ and the CKAN Action API at /api/3/action/ and /api/action/."""

from django.urls import URLPattern, URLResolver, path

from .ckan import views as ckan
from .native.api import api as native_api
from .native.reference import reference

urlpatterns: list[URLPattern | URLResolver] = [
    path("api/", reference, name="reference"),
    path("api/v1/", native_api.urls),
    path("api/3/action/<str:name>", ckan.action, name="ckan-action"),
    path("api/action/<str:name>", ckan.action, name="ckan-action-unversioned"),
]
