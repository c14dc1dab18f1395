"""CKAN's read actions. Every dataset, count and facet comes through `core.access`: what a
caller may not see is absent, never hidden behind an error that admits it exists."""

from __future__ import annotations

import inspect
from typing import Any

from django.conf import settings
from django.http import HttpRequest

from townsquare.accounts import selectors as people
from townsquare.api import lookups
from townsquare.core import access

from . import search, serialise
from .params import as_bool, as_int, as_list, as_str, required
from .registry import ACTIONS, NotAuthorized, NotFound, SearchQueryError, action

CKAN_VERSION = "2.10.0"  # the API version whose shapes these actions follow


@action("status_show")
def status_show(request: HttpRequest, data: dict[str, Any]) -> dict:
    return {
        "site_title": settings.SITE_NAME,
        "site_url": request.build_absolute_uri("/").rstrip("/"),
        "site_description": "",
        "ckan_version": CKAN_VERSION,
        "error_emails_to": None,
        "locale_default": "en_GB",
        "extensions": ["townsquare"],
    }


@action("help_show")
def help_show(request: HttpRequest, data: dict[str, Any]) -> str:
    """What an action does: the `help` link of every answer points here."""
    fn = ACTIONS.get(required(data, "name"))
    if fn is None:
        raise NotFound("No such action")
    return inspect.getdoc(fn) or ""


@action("site_read")
def site_read(request: HttpRequest, data: dict[str, Any]) -> bool:
    return True


@action("package_list")
def package_list(request: HttpRequest, data: dict[str, Any]) -> list[str]:
    """Names of public (open and published) datasets, as CKAN lists only public ones."""
    found = lookups.published_visible(request.user).filter(access_level="open").order_by("slug")
    offset = as_int(data, "offset", 0, high=10**9)
    limit = as_int(data, "limit", 0, high=10**6)
    names = found.values_list("slug", flat=True)
    return list(names[offset : offset + limit] if limit else names[offset:])


@action("package_search")
def package_search(request: HttpRequest, data: dict[str, Any]) -> dict:
    query = search.parse(as_str(data, "q"), as_str(data, "fq"))
    sort = as_str(data, "sort")
    found = search.results(
        request.user,
        query,
        include_private=as_bool(data, "include_private"),
        include_drafts=as_bool(data, "include_drafts"),
        ordering=search.order_by(sort),
    )
    rows = as_int(data, "rows", 10, high=1000)
    start = as_int(data, "start", 0, high=10**9)
    page = lookups.with_api_details(found)[start : start + rows]
    facets, search_facets = _facets(found, data)
    return {
        "count": found.count(),
        "sort": sort or "score desc, metadata_modified desc",
        "results": [serialise.package(request, d) for d in page],
        "facets": facets,
        "search_facets": search_facets,
    }


def _facets(found, data: dict[str, Any]) -> tuple[dict, dict]:
    # facet_field and facet_limit: the spelling Python keyword arguments allow.
    names = as_list(data, "facet.field") or as_list(data, "facet_field")
    limit_key = "facet.limit" if "facet.limit" in data else "facet_limit"
    limit = as_int(data, limit_key, 50, low=-1, high=10**6)
    facets, search_facets = {}, {}
    for name in names:
        if name not in search.FIELDS:
            raise SearchQueryError(
                f"Cannot count ‘{name}’. Count one of: {', '.join(search.FIELDS)}."
            )
        rows = lookups.facet_counts(found, search.FIELDS[name])
        rows = rows if limit < 0 else rows[:limit]
        facets[name] = {value: n for value, _, n in rows}
        search_facets[name] = {
            "title": name,
            "items": [{"name": v, "display_name": label, "count": n} for v, label, n in rows],
        }
    return facets, search_facets


@action("package_show")
def package_show(request: HttpRequest, data: dict[str, Any]) -> dict:
    ref = as_str(data, "id") or as_str(data, "name")
    found = lookups.dataset_by_ref(request.user, ref) if ref else None
    if found is None:
        raise NotFound("Dataset not found")
    return serialise.package(request, found)


@action("resource_show")
def resource_show(request: HttpRequest, data: dict[str, Any]) -> dict:
    found = lookups.resource_by_id(request.user, required(data, "id"))
    if found is None:
        raise NotFound("Resource was not found.")
    return serialise.resource(request, found)


@action("organization_list")
def organization_list(request: HttpRequest, data: dict[str, Any]) -> list:
    counts = lookups.unit_counts(request.user)
    units = list(lookups.units())
    wanted = set(as_list(data, "organizations"))
    if wanted:
        units = [u for u in units if u.slug in wanted]
    units = _sorted(units, as_str(data, "sort") or "title asc", counts, lambda u: u.name)
    offset = as_int(data, "offset", 0, high=10**9)
    limit = as_int(data, "limit", 1000, high=10**6)
    units = units[offset : offset + limit]
    if as_bool(data, "all_fields"):
        return [serialise.organization(request, u, counts.get(u.slug, 0)) for u in units]
    return [u.slug for u in units]


@action("organization_show")
def organization_show(request: HttpRequest, data: dict[str, Any]) -> dict:
    unit = lookups.unit_get(required(data, "id"))
    if unit is None:
        raise NotFound("Organization not found")
    own = lookups.published_visible(request.user).filter(publisher=unit)
    result = serialise.organization(request, unit, own.count())
    if as_bool(data, "include_datasets"):
        shown = lookups.with_api_details(own.filter(access_level="open")).order_by("title")[:1000]
        result["packages"] = [serialise.package(request, d) for d in shown]
    return result


@action("group_list")
def group_list(request: HttpRequest, data: dict[str, Any]) -> list:
    counts = lookups.theme_counts(request.user)
    themes = list(lookups.themes())
    themes = _sorted(themes, as_str(data, "sort") or "title asc", counts, lambda t: t.title)
    if as_bool(data, "all_fields"):
        return [serialise.group(request, t, counts.get(t.slug, 0)) for t in themes]
    return [t.slug for t in themes]


@action("group_show")
def group_show(request: HttpRequest, data: dict[str, Any]) -> dict:
    theme = lookups.theme_get(required(data, "id"))
    if theme is None:
        raise NotFound("Group not found")
    return serialise.group(request, theme, lookups.theme_counts(request.user).get(theme.slug, 0))


@action("tag_list")
def tag_list(request: HttpRequest, data: dict[str, Any]) -> list:
    tags = lookups.keywords_visible_to(request.user)
    if query := as_str(data, "query").strip().lower():
        tags = tags.filter(name__icontains=query)
    names = list(tags.values_list("name", flat=True))
    if as_bool(data, "all_fields"):
        return [serialise.tag(n) for n in names]
    return names


@action("license_list")
def license_list(request: HttpRequest, data: dict[str, Any]) -> list:
    return [serialise.licence(item) for item in lookups.licences()]


@action("user_show")
def user_show(request: HttpRequest, data: dict[str, Any]) -> dict:
    if not access.is_staff(request.user):
        raise NotAuthorized("The people directory is for council staff: send a staff API token.")
    person = people.person_get(required(data, "id"))
    if person is None:
        raise NotFound("User not found")
    return serialise.user(request, person)


def _sorted(items: list, sort: str, counts: dict[str, int], title) -> list:
    name, _, direction = sort.strip().partition(" ")
    reverse = direction.strip().lower() == "desc"
    keys = {
        "name": lambda i: i.slug,
        "title": lambda i: title(i).lower(),
        "package_count": lambda i: counts.get(i.slug, 0),
    }
    if name not in keys:
        raise SearchQueryError(f"Cannot sort by ‘{name}’: use name, title or package_count.")
    return sorted(items, key=keys[name], reverse=reverse)
