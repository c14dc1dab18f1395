"""Content negotiation on dataset pages: a client that asks `/datasets/<slug>/` for Turtle,
RDF/XML or JSON-LD (by its Accept header) gets the dataset's DCAT description; browsers,
which prefer HTML, get the page. The catalogue's URL wraps its view with `rdf_negotiable`."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers

RDF_MEDIA_TYPES = {
    "text/turtle": "ttl",
    "application/rdf+xml": "rdf",
    "application/ld+json": "jsonld",
}


def preferred_rdf_format(request: HttpRequest) -> str | None:
    """The RDF format the client prefers to HTML, if any (HTML wins ties and `*/*`)."""
    if "HTTP_ACCEPT" not in request.META:
        return None
    chosen = request.get_preferred_type(["text/html", *RDF_MEDIA_TYPES])
    return RDF_MEDIA_TYPES.get(chosen or "")


def rdf_negotiable(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def negotiated(request: HttpRequest, slug: str, *args, **kwargs) -> HttpResponse:
        from .views_standards import dataset_rdf

        fmt = preferred_rdf_format(request) if request.method in ("GET", "HEAD") else None
        response = dataset_rdf(request, slug, fmt) if fmt else view(request, slug, *args, **kwargs)
        patch_vary_headers(response, ["Accept"])
        return response

    return negotiated
