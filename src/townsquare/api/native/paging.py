"""Page-numbered lists with `next`/`previous` links, in the body and in a `Link` header."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


def page_of(request: HttpRequest, items: QuerySet | list, *, page: int, page_size: int):
    """(count, items on this page, next URL, previous URL)."""
    count = items.count() if isinstance(items, QuerySet) else len(items)
    start = (page - 1) * page_size
    chosen = list(items[start : start + page_size])
    following = _url(request, page + 1) if start + page_size < count else None
    previous = _url(request, page - 1) if page > 1 and count else None
    return count, chosen, following, previous


def _url(request: HttpRequest, page: int) -> str:
    query = request.GET.copy()
    query["page"] = str(page)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def add_link_header(response: HttpResponse, body: dict[str, Any]) -> HttpResponse:
    links = [f'<{body[key]}>; rel="{rel}"' for key, rel in (("next", "next"), ("previous", "prev"))
             if body.get(key)]  # fmt: skip
    if links:
        response["Link"] = ", ".join(links)
    return response
