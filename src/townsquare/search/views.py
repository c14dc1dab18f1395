"""The search page, its JSON twin and the suggestions shown as someone types. Each parses the
input and calls `search.api`, which applies the access policy in the query itself."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from . import api
from .registry import FACET_NAMES, kind_labels, sources

MAX_QUERY = 200
FACET_SHOWN = 10  # values of a facet listed before "Show all"
FACET_TITLES = {
    "publisher": "Publisher",
    "directorate": "Directorate",
    "theme": "Theme",
    "format": "Format",
    "access": "Access level",
    "tag": "Tag",
    "community": "Community",
}


def _parse(request: HttpRequest) -> tuple[str, list[str], dict[str, list[str]], int]:
    q = request.GET.get("q", "").strip()[:MAX_QUERY]
    kinds = request.GET.getlist("kind")
    facets = {name: request.GET.getlist(name) for name in FACET_NAMES}
    try:
        page = max(1, int(request.GET.get("page", "1")))
    except ValueError:
        page = 1
    return q, kinds, facets, page


def search_page(request: HttpRequest) -> HttpResponse:
    q, kinds, facets, page = _parse(request)
    results = api.search(request.user, q, kinds=kinds, facets=facets, page=page)
    labels = kind_labels()
    # Each result is captioned with its kind in the singular ("Question"), where a source names it.
    names = {s.kind: getattr(s, "label_one", s.label) for s in sources()}
    for hit in results.hits:
        hit.kind_name = names.get(hit.kind, hit.kind_label)
    kind_facet = [
        {"value": k, "label": labels.get(k, k), "count": n, "selected": k in kinds}
        for k, n in results.kind_counts.items()
    ]
    showing_all = set(request.GET.getlist("all"))
    facet_list = [
        _facet(request, name, values, every=name in showing_all)
        for name, values in results.facets.items()
    ]
    return render(
        request,
        "search/search.html",
        {"q": q, "results": results, "page_obj": results.page, "kind_facet": kind_facet,
         "facets": facet_list},
    )  # fmt: skip


def _facet(request: HttpRequest, name: str, values: list, *, every: bool) -> dict:
    """A facet's checkboxes: its most frequent values and any chosen ones (a long list of
    checkboxes is hard to use), with a link to show them all."""
    shown = values
    if not every and len(values) > FACET_SHOWN:
        top = values[:FACET_SHOWN]
        shown = top + [v for v in values[FACET_SHOWN:] if v.selected]
    more_url = None
    if len(shown) < len(values):
        query = request.GET.copy()
        query.setlist("all", [*query.getlist("all"), name])
        more_url = f"?{query.urlencode()}#facet-{name}"
    return {"name": name, "title": FACET_TITLES[name], "values": shown,
            "count": len(values), "more_url": more_url}  # fmt: skip


def search_json(request: HttpRequest) -> JsonResponse:
    q, kinds, facets, page = _parse(request)
    results = api.search(request.user, q, kinds=kinds, facets=facets, page=page)
    return JsonResponse(results.as_json())


def suggest(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()[:MAX_QUERY]
    hits = api.suggest(request.user, q) if len(q) >= 2 else []
    return render(request, "search/_suggestions.html", {"q": q, "hits": hits})


def similar(request: HttpRequest) -> HttpResponse:
    """As a publisher types a new dataset's title: datasets they can see with similar titles."""
    title = request.GET.get("title", "").strip()[:MAX_QUERY]
    found = api.similar_titles(request.user, title) if len(title) >= 4 else []
    return render(request, "search/_similar.html", {"similar": found})


def duplicates_report(request: HttpRequest) -> HttpResponse:
    """For administrators: likely duplicate datasets across the whole council."""
    if not (request.user.is_authenticated and request.user.is_superuser):
        raise Http404("No such page")
    return render(
        request,
        "search/duplicates.html",
        {
            "pairs": api.likely_duplicates(request.user),
            "table_pairs": api.likely_duplicate_tables(request.user),
        },
    )
