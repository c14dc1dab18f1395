"""/api/v1/search: the site's one search, as JSON. The same `search.api.search` as /search/,
so the same access rule: a result, a count, a facet value, a snippet or a "did you mean" never
comes from anything the caller may not see (send a token to search as yourself)."""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema
from pydantic import Field

from townsquare.search import api as search

from .common import refuse_unauthenticated_token
from .paging import add_link_header
from .problems import Problem

router = Router(tags=["search"])
ERRORS = {400: Problem, 401: Problem, 422: Problem, 429: Problem}


class SearchParams(Schema):
    q: str = Field(
        min_length=1,
        max_length=200,
        description=(
            'What to look for. `"a phrase"` in quotes, `-word` to leave a word out, `word*` for '
            "words that start with it; English word forms match (“plan” finds “planning”)."
        ),
    )
    kind: list[str] = Field(
        default_factory=list,
        description=(
            "Only results of these kinds: dataset, question, guide, community, person, request"
        ),
    )
    publisher: list[str] = Field(default_factory=list)
    directorate: list[str] = Field(default_factory=list)
    theme: list[str] = Field(default_factory=list)
    format: list[str] = Field(default_factory=list)
    access: list[str] = Field(default_factory=list, description="Open, Internal or Restricted")
    tag: list[str] = Field(default_factory=list)
    community: list[str] = Field(default_factory=list)
    facets: bool = Field(
        True, description="Count by each facet value too; false for counts by kind only (quicker)"
    )
    page: int = Field(1, ge=1, le=search.MAX_PAGE)
    page_size: int = Field(20, ge=1, le=search.MAX_PER_PAGE)  # fmt: skip


class SearchHit(Schema):
    kind: str
    title: str
    url: str = Field(description="The result's page")
    updated: datetime
    score: float
    title_html: str = Field(description="The title, escaped, the matching words in <mark>")
    snippet_html: str = Field(description="A passage, escaped, the matching words in <mark>")


class SearchPage(Schema):
    count: int = Field(description="How many results there are in all (of the kinds asked for)")
    next: str | None
    previous: str | None
    query: str
    suggestion: str | None = Field(description="A corrected query that finds more, if any")
    counts: dict[str, dict[str, int]] = Field(
        description="Results by kind, and by each facet value (publisher, theme, …) unless "
        "`facets=false`"
    )
    results: list[SearchHit]


@router.get("/search", response={200: SearchPage, **ERRORS}, summary="Search everything")
def search_everything(request: HttpRequest, response: HttpResponse, params: Query[SearchParams]):
    """Datasets, questions, guides, communities, people (for staff) and data requests matching
    `q`, best first, with counts by kind and facet. Only what you may see is searched."""
    refuse_unauthenticated_token(request)
    facets = {name: getattr(params, name) for name in search.FACET_NAMES}
    found = search.search(request.user, params.q.strip(), kinds=params.kind, facets=facets,
                          page=params.page, per_page=params.page_size,
                          facet_counts=params.facets)  # fmt: skip
    data = found.as_json()
    number = found.page.number if found.page else 1
    has_next = bool(found.page and found.page.has_next())
    body = {
        "count": found.total,
        "next": _url(request, number + 1) if has_next else None,
        "previous": _url(request, number - 1) if number > 1 and found.total else None,
        "query": found.query,
        "suggestion": found.suggestion,
        "counts": data["counts"],
        "results": [
            {**hit, "url": request.build_absolute_uri(hit["url"]), "updated": h.updated}
            for hit, h in zip(data["results"], found.hits, strict=True)
        ],
    }
    add_link_header(response, body)
    return body


def _url(request: HttpRequest, page: int) -> str:
    query = request.GET.copy()
    query["page"] = str(page)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
