"""Ingest pages: progress (refreshing without JavaScript, polled by htmx), its JSON status,
and the data dictionary where a publisher corrects titles, types and descriptions."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect

from townsquare.catalogue import selectors
from townsquare.core import access


def _resource(request: HttpRequest, slug: str, resource_uuid, action: str = "view"):
    dataset = access.dataset_for_user(request.user, slug, action)
    resource = selectors.resource_in_dataset(dataset, resource_uuid)
    if resource is None:
        raise Http404
    return dataset, resource


def ingest_progress(request: HttpRequest, slug: str, resource) -> HttpResponse:
    dataset, res = _resource(request, slug, resource)
    return HttpResponse("")


def ingest_status(request: HttpRequest, slug: str, resource) -> JsonResponse:
    dataset, res = _resource(request, slug, resource)
    return JsonResponse({})


def data_dictionary(request: HttpRequest, slug: str, resource) -> HttpResponse:
    dataset, res = _resource(request, slug, resource)
    return redirect(res)
