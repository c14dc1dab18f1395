"""package_search: CKAN's Solr-style parameters read into Townsquare's search.

`q` is free text (CKAN's `*:*` means everything); `field:value` terms in `q` or `fq` filter
(`organization`, `groups`, `tags`, `res_format`, `license_id`, `access_level`), with
`field:"two words"` and `field:(a OR b)` forms. `sort` is a comma-separated list of
`<field> asc|desc`. Facet counts are over the results, as in CKAN.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db.models import QuerySet

from townsquare.api import lookups
from townsquare.catalogue import selectors
from townsquare.catalogue.models import AccessLevel, Dataset

from .registry import SearchQueryError

# CKAN facet/filter name -> Townsquare facet name.
FIELDS = {
    "organization": "publisher",
    "owner_org": "publisher",
    "groups": "theme",
    "res_format": "format",
    "license_id": "licence",
    "tags": "keyword",
    "access_level": "access",
}
IGNORED = {"dataset_type": {"dataset"}, "state": {"active"}, "type": {"dataset"}}
SORTS = {
    "metadata_modified": "modified",
    "metadata_created": "created",
    "title_string": "title",
    "title": "title",
    "name": "slug",
}
TERM = re.compile(r'([+-]?)([\w.]+):("([^"]*)"|\(([^)]*)\)|(\S+))')


@dataclass
class Query:
    text: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)


def parse(q: str, fq: str) -> Query:
    query = Query()
    rest = TERM.sub(lambda m: _term(query, m), q or "")
    leftover = TERM.sub(lambda m: _term(query, m), fq or "").strip(" +")
    if leftover:
        raise SearchQueryError(
            f"Could not read ‘{leftover}’ in fq: use field:value terms, such as "
            f'organization:finance or tags:"waste collection".'
        )
    text = rest.replace("*:*", " ").strip()
    query.text = "" if text == "*" else text
    return query


def _term(query: Query, match: re.Match) -> str:
    sign, name = match.group(1), match.group(2)
    values = _values(match)
    if name in IGNORED and set(values) <= IGNORED[name]:
        return " "
    if name not in FIELDS:
        raise SearchQueryError(
            f"Townsquare cannot filter on ‘{name}’. Filter on one of: {', '.join(FIELDS)}."
        )
    if sign == "-":
        raise SearchQueryError("Negative filters (-field:value) are not supported.")
    query.filters.setdefault(FIELDS[name], []).extend(values)
    return " "


def _values(match: re.Match) -> list[str]:
    if match.group(4) is not None:
        return [match.group(4)]
    if match.group(5) is not None:
        parts = re.split(r"\s+OR\s+", match.group(5).strip())
        return [p.strip().strip('"') for p in parts if p.strip()]
    return [match.group(6).strip('"')]


def order_by(sort: str) -> list[str]:
    if not sort.strip():
        return ["-modified", "pk"]
    ordering = []
    for part in sort.split(","):
        words = part.split()
        if not words or words[0] == "score":
            continue
        name, direction = words[0], (words[1].lower() if len(words) > 1 else "asc")
        if name not in SORTS or direction not in ("asc", "desc"):
            raise SearchQueryError(
                f"Cannot sort by ‘{part.strip()}’. Use one of "
                f"{', '.join(SORTS)}, each followed by asc or desc."
            )
        ordering.append(("-" if direction == "desc" else "") + SORTS[name])
    return [*(ordering or ["-modified"]), "pk"]


def results(
    user, query: Query, *, include_private: bool, include_drafts: bool, ordering: list[str]
) -> QuerySet[Dataset]:
    """The datasets the user may see that match, in order. CKAN's `private` is Townsquare's
    "not open"; drafts appear only when asked for, and only to those who may see them."""
    keywords = query.filters.get("keyword", [])
    found = selectors.dataset_search(user, q=query.text, filters=query.filters)
    if keywords:
        found = found.filter(pk__in=lookups.datasets_with_keywords(keywords))
    if not include_private:
        found = found.filter(access_level=AccessLevel.OPEN)
    if not include_drafts:
        found = found.filter(status=Dataset.Status.PUBLISHED)
    return found.order_by(*ordering)
