"""The native API at /api/v1/ and the CKAN Action API at /api/3/action/ and /api/action/."""

from django.urls import URLPattern, URLResolver, path

from .native.api import api as native_api

urlpatterns: list[URLPattern | URLResolver] = [
    path("api/v1/", native_api.urls),
]
