"""/api/v1/organisation-units and /api/v1/people.

The organisation's structure is public, as on its pages; counts of datasets include only what
the caller can see. The people directory is for staff only, as on the site."""

from __future__ import annotations

from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema
from pydantic import Field

from townsquare.accounts import selectors as people
from townsquare.api import lookups
from townsquare.core import access

from .common import refuse_unauthenticated_token
from .paging import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, add_link_header, page_of
from .problems import ApiProblem, Problem
from .schemas import PersonOut, PersonPage, UnitOut, UnitPage

router = Router(tags=["organisation"])
ERRORS = {400: Problem, 401: Problem, 403: Problem, 404: Problem, 422: Problem, 429: Problem}


class PageParams(Schema):
    page: int = Field(1, ge=1, le=100000)
    page_size: int = Field(DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)


@router.get(
    "/organisation-units", response={200: UnitPage, **ERRORS}, summary="List organisation units"
)
def unit_list(request: HttpRequest, response: HttpResponse, params: Query[PageParams]):
    """Every unit of the organisation, in tree order (organisation > directorate > service >
    team), each with the number of published datasets you can see that it or a unit below it
    publishes."""
    refuse_unauthenticated_token(request)
    count, items, following, previous = page_of(
        request, lookups.units(), page=params.page, page_size=params.page_size
    )
    counts, slugs = _dataset_counts(request.user), lookups.unit_slugs_by_path()
    body = {
        "count": count,
        "next": following,
        "previous": previous,
        "results": [_unit(request, u, counts, slugs) for u in items],
    }
    add_link_header(response, body)
    return body


@router.get("/organisation-units/{slug}", response={200: UnitOut, **ERRORS}, summary="Get a unit")
def unit_get(request: HttpRequest, slug: str):
    refuse_unauthenticated_token(request)
    unit = lookups.unit_get(slug)
    if unit is None:
        raise ApiProblem(404, f"There is no organisation unit ‘{slug}’.")
    return _unit(request, unit, _dataset_counts(request.user), lookups.unit_slugs_by_path())


@router.get("/people", response={200: PersonPage, **ERRORS}, summary="List people (staff only)")
def person_list(request: HttpRequest, response: HttpResponse, params: Query[PageParams]):
    _staff_only(request)
    root = lookups.units().first()
    found = people.people_in_unit(root).select_related("team") if root else []
    count, items, following, previous = page_of(
        request, found, page=params.page, page_size=params.page_size
    )
    body = {
        "count": count,
        "next": following,
        "previous": previous,
        "results": [_person(request, p) for p in items],
    }
    add_link_header(response, body)
    return body


@router.get("/people/{slug}", response={200: PersonOut, **ERRORS}, summary="Get a person")
def person_get(request: HttpRequest, slug: str):
    _staff_only(request)
    person = people.person_get(slug)
    if person is None:
        raise ApiProblem(404, f"There is no one with the slug ‘{slug}’.")
    return _person(request, person)


def _staff_only(request: HttpRequest) -> None:
    refuse_unauthenticated_token(request)
    if not access.is_staff(request.user):
        status = 403 if request.user.is_authenticated else 401
        raise ApiProblem(
            status,
            "The people directory is for council staff. Send an API token of a staff account.",
        )


def _dataset_counts(user) -> dict[int, int]:
    """Published datasets the user can see, per publishing unit, rolled up the tree."""
    direct = dict(
        lookups.published_visible(user)
        .order_by()
        .values_list("publisher_id")
        .annotate(n=Count("pk"))
    )
    paths = people.unit_paths()
    totals: dict[int, int] = {}
    for unit_id, path in paths.items():
        totals[unit_id] = sum(n for uid, n in direct.items() if paths.get(uid, "").startswith(path))
    return totals


def _unit(request: HttpRequest, unit, counts: dict[int, int], slugs: dict[str, str]) -> dict:
    return {
        "slug": unit.slug,
        "name": unit.name,
        "kind": unit.kind,
        "description": unit.description,
        "email": unit.email,
        "parent": slugs.get(unit.path[: -unit.steplen]),
        "url": request.build_absolute_uri(unit.get_absolute_url()),
        "dataset_count": counts.get(unit.pk, 0),
    }


def _person(request: HttpRequest, person) -> dict:
    return {
        "slug": person.slug,
        "name": person.name,
        "job_title": person.job_title,
        "team": person.team.slug if person.team_id else None,
        "email": person.email,
        "phone": person.phone,
        "about": person.bio,
        "ask_me_about": list(person.skills or []),
        "url": request.build_absolute_uri(person.get_absolute_url()),
    }
