"""How content plugs into search: each app registers one `DocumentSource` per kind of thing it
owns, and, if it has its own kind of access rule, a visibility resolver.

    from townsquare.search.registry import register_source
    register_source(DatasetSource())          # in the content app's AppConfig.ready()

A source turns its objects into `SearchDocument`s; search never reads another app's models.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from django.db.models import QuerySet

# Who may see a document. "public": anyone; "staff": members of staff only; anything else names
# a resolver below that turns a user into the ids (`scope_id`) they may see.
PUBLIC = "public"
STAFF = "staff"
FACET_NAMES = ("publisher", "directorate", "theme", "format", "access", "tag", "community")


@dataclass
class SearchDocument:
    kind: str
    key: str
    title: str
    url: str
    updated: datetime
    body: str = ""
    keywords: str = ""  # keywords, themes, skills: weighted between title and body
    published: bool = True
    boost: float = 0.0  # e.g. 1.0 for an accepted answer or a verified guide
    facets: dict[str, list[str]] = field(default_factory=dict)
    visibility: str = PUBLIC
    scope_id: int | None = None  # the dataset or community id the visibility rule refers to


class DocumentSource(Protocol):
    kind: str  # "dataset", "person", ...
    label: str  # plural, for the kind facet: "Datasets"
    model: type  # objects of this class are indexed by this source

    def documents(self) -> Iterable[SearchDocument]:
        """Every document of this kind, for a rebuild."""

    def document_for(self, obj: Any) -> SearchDocument | None:
        """The document for one object; None if it should not be in the index at all."""

    def key_for(self, obj: Any) -> str:
        """The document key for an object (for removing it once it is gone)."""


class _All:
    """A resolver's answer meaning "every scope id" (an administrator): no id filter at all."""

    def __repr__(self) -> str:
        return "ALL"


ALL = _All()

# A resolver returns the scope ids a user may see beyond what is public (or for staff): ALL, a
# queryset of ids or a plain collection. Keep it small: documents everyone (or all staff) may
# see are indexed as PUBLIC (or STAFF), so only restricted items need an id.
VisibilityResolver = Callable[[Any], "QuerySet | Iterable[int] | _All"]

_sources: dict[str, DocumentSource] = {}
_resolvers: dict[str, VisibilityResolver] = {}


def register_source(source: DocumentSource) -> None:
    _sources[source.kind] = source


def register_visibility(name: str, resolver: VisibilityResolver) -> None:
    if name in (PUBLIC, STAFF):
        raise ValueError(f"{name!r} is built in")
    _resolvers[name] = resolver


def sources() -> list[DocumentSource]:
    return list(_sources.values())


def source_for_kind(kind: str) -> DocumentSource | None:
    return _sources.get(kind)


def source_for_object(obj: Any) -> DocumentSource | None:
    for source in _sources.values():
        if isinstance(obj, source.model):
            return source
    return None


def resolvers() -> dict[str, VisibilityResolver]:
    return dict(_resolvers)


def kind_labels() -> dict[str, str]:
    return {s.kind: s.label for s in _sources.values()}
