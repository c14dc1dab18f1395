"""The open-standards feeds: DCAT-AP catalogue and dataset descriptions, schema.org, the
Frictionless Data Package, the sitemap, the Atom feed and robots.txt.

Public feeds list what anyone may see (`selectors.public_datasets`); a single dataset's
description follows the access policy like its page (`core.access.dataset_for_user`, 404 for
what the user may not see)."""

from __future__ import annotations

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.http import require_safe

from townsquare.catalogue.models import AccessLevel, Dataset
from townsquare.core import access
from townsquare.core.audit import Action, audit_record

from . import dcat, selectors
from .datapackage import package_for


def _site(request: HttpRequest) -> dcat.Site:
    return dcat.Site(base=request.build_absolute_uri("/").rstrip("/"))


def _is_public(dataset: Dataset) -> bool:
    return dataset.access_level == AccessLevel.OPEN and dataset.is_published


def _guard_private(request: HttpRequest, dataset: Dataset, response: HttpResponse) -> None:
    """Descriptions of data that is not open are audited like its page, and never cached."""
    if not _is_public(dataset):
        audit_record(actor=request.user, action=Action.VIEW, obj=dataset, request=request)
        response["Cache-Control"] = "private, no-store"


@require_safe
def catalog(request: HttpRequest, fmt: str) -> HttpResponse:
    publisher = request.GET.get("publisher", "")[:100]
    query = {"publisher": publisher} if publisher else {}
    paginator = Paginator(selectors.public_datasets(publisher=publisher), dcat.CATALOG_PAGE_SIZE)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except (EmptyPage, PageNotAnInteger) as error:
        raise Http404("No such page of the catalogue") from error
    graph = dcat.catalog_graph(page, _site(request), fmt, query)
    return HttpResponse(dcat.serialize(graph, fmt), content_type=dcat.content_type(fmt))


@require_safe
def dataset_rdf(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    dataset = access.dataset_for_user(request.user, slug)
    graph = dcat.dataset_graph(dataset, _site(request), reader=request.user)
    response = HttpResponse(dcat.serialize(graph, fmt), content_type=dcat.content_type(fmt))
    _guard_private(request, dataset, response)
    return response


@require_safe
def datapackage(request: HttpRequest, slug: str) -> HttpResponse:
    dataset = access.dataset_for_user(request.user, slug)
    descriptor = package_for(dataset, _site(request), reader=request.user)
    if descriptor is None:
        raise Http404("This dataset has no files to package")
    response = JsonResponse(descriptor, json_dumps_params={"indent": 2})
    _guard_private(request, dataset, response)
    return response


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    sitemap = request.build_absolute_uri("/sitemap.xml")
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /accounts/", f"Sitemap: {sitemap}"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
