"""/api/v1/datasets: search with facets, read, create, change, publish and delete.

Reads go through `catalogue.selectors` and `core.access`; writes through `catalogue.services`.
"""

from __future__ import annotations

import hashlib

from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from ninja import Query, Router, Schema, Status
from pydantic import Field

from townsquare.api import lookups
from townsquare.api.jsonutil import dumps
from townsquare.catalogue import selectors, services
from townsquare.core import access
from townsquare.governance import api as governance

from . import serialise
from .common import dataset_or_404, dataset_to_change, refuse_unauthenticated_token, require_write
from .paging import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, add_link_header, page_of
from .problems import ApiProblem, Problem
from .schemas import DatasetIn, DatasetOut, DatasetPage, DatasetPatch

router = Router(tags=["datasets"])
ERRORS = {400: Problem, 401: Problem, 403: Problem, 404: Problem, 422: Problem, 429: Problem}


class SearchParams(Schema):
    q: str = Field("", max_length=200, description="Words to find in titles, summaries, "
                   "descriptions and keywords")  # fmt: skip
    publisher: list[str] = Field(default_factory=list, description="Organisation unit slugs")
    theme: list[str] = Field(default_factory=list, description="Theme slugs")
    format: list[str] = Field(default_factory=list, description="File formats, such as CSV")
    licence: list[str] = Field(default_factory=list, description="Licence ids")
    access: list[str] = Field(default_factory=list, description="open, internal, restricted")
    sort: str = Field("recent", pattern="^(recent|title)$")
    page: int = Field(1, ge=1, le=100000)
    page_size: int = Field(DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)


@router.get("", response={200: DatasetPage, **ERRORS}, summary="Find datasets")
def dataset_search(request: HttpRequest, response: HttpResponse, params: Query[SearchParams]):
    """Datasets you can see that match every word of `q` and the chosen facet values, with a
    count for each facet value. Repeat a facet parameter to choose more than one value."""
    refuse_unauthenticated_token(request)
    filters = {name: getattr(params, name) for name in selectors.FACET_FIELDS}
    found = selectors.dataset_search(request.user, q=params.q, filters=filters, sort=params.sort)
    count, items, following, previous = page_of(
        request, lookups.with_api_details(found), page=params.page, page_size=params.page_size
    )
    facets = selectors.dataset_facets(request.user, q=params.q, filters=filters)
    body = {
        "count": count,
        "next": following,
        "previous": previous,
        "results": [serialise.dataset(request, d) for d in items],
        "facets": [
            {"name": f.name, "title": f.title, "values": [v.__dict__ for v in f.values]}
            for f in facets
        ],
    }
    add_link_header(response, body)
    return body


@router.get("/{slug}", response={200: DatasetOut, 304: None, **ERRORS}, summary="Get a dataset")
def dataset_get(request: HttpRequest, slug: str):
    """One dataset with its files and links. Send `If-None-Match` with the `ETag` (or
    `If-Modified-Since`) you were given to get `304 Not Modified` when nothing has changed."""
    ds = dataset_or_404(request, slug)
    body = dumps(serialise.dataset(request, ds))
    etag = '"' + hashlib.sha256(body.encode()).hexdigest()[:32] + '"'
    modified = ds.modified.timestamp()
    conditional = get_conditional_response(request, etag=etag, last_modified=int(modified))
    response = conditional or HttpResponse(body, content_type="application/json")
    response["ETag"] = etag
    response["Last-Modified"] = http_date(modified)
    response["Vary"] = "Authorization, Cookie"
    private = ds.access_level != "open" or not ds.is_published
    response["Cache-Control"] = "private, no-cache" if private else "public, no-cache"
    return response


@router.post("", response={201: DatasetOut, **ERRORS}, summary="Create a dataset")
def dataset_create(request: HttpRequest, response: HttpResponse, payload: DatasetIn):
    """A new draft dataset in a unit you publish for. Publish it with `POST …/publish`."""
    require_write(request)
    data = payload.dict()
    unit = _publishable_unit(request, data.pop("publisher"))
    themes = _themes(data.pop("themes"))
    keywords = data.pop("keywords")
    licence = _licence(data.pop("licence"))
    ds = services.dataset_create(
        actor=request.user,
        title=data.pop("title"),
        publisher=unit,
        themes=themes,
        keywords=keywords,
        slug=data.pop("slug"),
        request=request,
        licence=licence,
        **data,
    )
    response["Location"] = request.build_absolute_uri(f"/api/v1/datasets/{ds.slug}")
    return Status(201, serialise.dataset(request, lookups.dataset_by_ref(request.user, ds.slug)))


@router.patch("/{slug}", response={200: DatasetOut, **ERRORS}, summary="Change a dataset")
def dataset_update(request: HttpRequest, slug: str, payload: DatasetPatch):
    """Change the fields you send; the others stay as they are."""
    ds = dataset_to_change(request, slug)
    data = payload.dict(exclude_unset=True)
    if data.get("publisher") is not None:
        data["publisher"] = _publishable_unit(request, data["publisher"])
    if "licence" in data:
        data["licence"] = _licence(data["licence"])
    themes = data.pop("themes", None)
    keywords = data.pop("keywords", None)
    try:
        services.dataset_update(
            actor=request.user,
            dataset=ds,
            data=_cleared(data),
            themes=None if themes is None else _themes(themes),
            keywords=keywords,
            request=request,
        )
    except governance.PublishBlocked as blocked:
        raise _blocked(blocked, "made open while it is published") from blocked
    return serialise.dataset(request, lookups.dataset_by_ref(request.user, ds.slug))


_NULLABLE = {"licence", "temporal_start", "temporal_end"}
_REQUIRED = {"title", "publisher", "access_level", "security_classification", "update_frequency",
             "contains_personal_data", "contains_special_category_data"}  # fmt: skip


def _cleared(data: dict) -> dict:
    """`null` clears a field: text becomes empty, a date unset, the licence the default for
    the access level. Fields that must have a value ignore it."""
    kept = {k: v for k, v in data.items() if v is not None or k not in _REQUIRED}
    return {k: ("" if v is None and k not in _NULLABLE else v) for k, v in kept.items()}


@router.delete("/{slug}", response={204: None, **ERRORS}, summary="Delete a dataset")
def dataset_delete(request: HttpRequest, slug: str):
    """Delete the dataset and every version of its files. This cannot be undone."""
    ds = dataset_to_change(request, slug, "delete")
    services.dataset_delete(actor=request.user, dataset=ds, request=request)
    return Status(204, None)


@router.post("/{slug}/publish", response={200: DatasetOut, **ERRORS}, summary="Publish")
def dataset_publish(request: HttpRequest, slug: str):
    """Make the dataset visible to everyone its access level allows."""
    ds = dataset_to_change(request, slug, "publish")
    try:
        services.dataset_publish(actor=request.user, dataset=ds, request=request)
    except governance.PublishBlocked as blocked:
        raise _blocked(blocked, "published as it is") from blocked
    return serialise.dataset(request, lookups.dataset_by_ref(request.user, ds.slug))


def _blocked(blocked: governance.PublishBlocked, what: str) -> ApiProblem:
    reasons = " ".join(b.reason for b in blocked.blockers)
    return ApiProblem(
        409,
        f"This dataset cannot be {what}: {reasons}",
        errors=[{"field": "access_level", "message": f"{b.reason} {b.fix}"}
                for b in blocked.blockers],
    )  # fmt: skip


@router.post("/{slug}/submit", response={200: DatasetOut, **ERRORS}, summary="Submit for review")
def dataset_submit(request: HttpRequest, slug: str):
    """A publisher has finished: the dataset waits for a steward to check and publish it."""
    ds = dataset_to_change(request, slug, "edit")
    services.dataset_submit_for_review(actor=request.user, dataset=ds, request=request)
    return serialise.dataset(request, lookups.dataset_by_ref(request.user, ds.slug))


@router.post("/{slug}/unpublish", response={200: DatasetOut, **ERRORS}, summary="Unpublish")
def dataset_unpublish(request: HttpRequest, slug: str):
    """Move the dataset back to draft: only its publishers and stewards can then see it."""
    ds = dataset_to_change(request, slug, "publish")
    services.dataset_unpublish(actor=request.user, dataset=ds, request=request)
    return serialise.dataset(request, lookups.dataset_by_ref(request.user, ds.slug))


def _publishable_unit(request: HttpRequest, slug: str):
    unit = lookups.unit_get(slug)
    if unit is None:
        raise ApiProblem(
            422,
            f"There is no organisation unit ‘{slug}’. List them at /api/v1/organisation-units.",
            errors=[{"field": "publisher", "message": f"No organisation unit ‘{slug}’"}],
        )
    if not access.can(request.user, "edit", unit):
        raise ApiProblem(
            403,
            f"You cannot publish for {unit.name}. Ask an administrator for the publisher role.",
        )
    return unit


def _themes(slugs: list[str]):
    found = {t.slug: t for t in lookups.themes().filter(slug__in=slugs)}
    missing = [s for s in slugs if s not in found]
    if missing:
        raise ApiProblem(
            422,
            f"Unknown theme {', '.join(missing)}. List the themes at /api/3/action/group_list.",
            errors=[{"field": "themes", "message": f"No theme ‘{s}’"} for s in missing],
        )
    return list(found.values())


def _licence(licence_id: str | None):
    if not licence_id:
        return None
    found = lookups.licence_get(licence_id)
    if found is None:
        raise ApiProblem(
            422,
            f"Unknown licence ‘{licence_id}’. List the licences at /api/3/action/license_list.",
            errors=[{"field": "licence", "message": f"No licence ‘{licence_id}’"}],
        )
    return found
