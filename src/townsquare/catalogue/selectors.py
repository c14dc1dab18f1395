"""Reads from the catalogue, always starting from what the access policy lets the user see."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet

from townsquare.accounts.models import OrgUnit
from townsquare.core.access import datasets_visible_to

from .models import AccessLevel, Dataset, Licence, Resource, ResourceVersion, Theme

SORTS = {"recent": ("-modified", "pk"), "title": ("title", "pk")}


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    name: str
    title: str
    values: list[FacetValue] = field(default_factory=list)


def dataset_search(
    user, *, q: str = "", filters: dict[str, list[str]] | None = None, sort: str = "recent"
) -> QuerySet[Dataset]:
    """Datasets the user may see, matching every word of `q` and every chosen facet value."""
    qs = _filtered(datasets_visible_to(user), q=q, filters=filters or {})
    return qs.order_by(*SORTS.get(sort, SORTS["recent"]))


def _filtered(qs: QuerySet[Dataset], *, q: str, filters: dict[str, list[str]], skip: str = ""):
    # Many-to-many matches are subqueries, not joins, so no dataset is repeated and the
    # queryset needs no DISTINCT: counts and facets stay simple and fast.
    for word in q.split()[:20]:
        keyword_hits = Dataset.keywords.through.objects.filter(keyword__name__icontains=word)
        qs = qs.filter(
            Q(title__icontains=word)
            | Q(summary__icontains=word)
            | Q(description__icontains=word)
            | Q(pk__in=keyword_hits.values("dataset_id"))
        )
    for name, values in filters.items():
        if name in _FILTERS and values and name != skip:
            qs = qs.filter(_FILTERS[name](values))
    return qs


_FILTERS = {
    "publisher": lambda values: Q(publisher__slug__in=values),
    "theme": lambda values: Q(
        pk__in=Dataset.themes.through.objects.filter(theme__slug__in=values).values("dataset_id")
    ),
    "format": lambda values: Q(
        pk__in=Resource.objects.filter(format__in=values).values("dataset_id")
    ),
    "licence": lambda values: Q(licence_id__in=values),
    "access": lambda values: Q(access_level__in=values),
}
FACET_FIELDS = tuple(_FILTERS)  # the query parameters the list page reads


def dataset_facets(
    user, *, q: str = "", filters: dict[str, list[str]] | None = None
) -> list[Facet]:
    """Counts for each facet value among the datasets the user may see. Each facet counts
    with the other facets' filters applied, so choosing a value never hides its siblings."""
    filters = filters or {}
    visible = datasets_visible_to(user)
    grouped: dict[str | None, dict[str, list]] = {}
    facets = []
    for name, title, counter in _FACETS:
        if counter is None:
            # Publisher, licence and access come from one grouped query; facets that are
            # not filtered count over the same datasets, so they share it.
            key = name if filters.get(name) else None
            if key not in grouped:
                grouped[key] = _count_grouped(_filtered(visible, q=q, filters=filters, skip=name))
            rows = grouped[key][name]
        else:
            rows = counter(_filtered(visible, q=q, filters=filters, skip=name))
        chosen = set(filters.get(name, []))
        values = [FacetValue(value, label, n, value in chosen) for value, label, n in rows]
        facets.append(Facet(name, title, values))
    return facets


def _count_grouped(base) -> dict[str, list[tuple[str, str, int]]]:
    rows = (
        base.order_by()
        .values_list("publisher__slug", "publisher__name", "licence_id", "access_level")
        .annotate(n=Count("pk"))
    )
    publishers: Counter[str] = Counter()
    licences: Counter[str] = Counter()
    levels: Counter[str] = Counter()
    names: dict[str, str] = {}
    for slug, name, licence, level, n in rows:
        publishers[slug] += n
        names[slug] = name
        licences[licence] += n
        levels[level] += n
    titles = dict(Licence.objects.values_list("id", "title"))
    return {
        "publisher": sorted(((s, names[s], n) for s, n in publishers.items()), key=_order),
        "licence": sorted(((i, titles.get(i, i), n) for i, n in licences.items()), key=_order),
        "access": [(v, label, levels[v]) for v, label in AccessLevel.choices if levels[v]],
    }


def _count_themes(base):
    rows = (
        Theme.objects.filter(datasets__in=base)
        .values("slug", "title")
        .annotate(n=Count("datasets", distinct=True))
    )
    return sorted(((r["slug"], r["title"], r["n"]) for r in rows), key=_order)


def _count_formats(base):
    rows = (
        Resource.objects.filter(dataset__in=base)
        .exclude(format="")
        .values("format")
        .annotate(n=Count("dataset", distinct=True))
    )
    return sorted(((r["format"], r["format"], r["n"]) for r in rows), key=_order)


def _order(row: tuple[str, str, int]) -> tuple[int, str]:
    return (-row[2], row[1])


_FACETS = [  # (name, title, counter); None: counted together by _count_grouped
    ("publisher", "Publisher", None),
    ("theme", "Theme", _count_themes),
    ("format", "Format", _count_formats),
    ("licence", "Licence", None),
    ("access", "Access", None),
]


def with_list_details(qs: QuerySet[Dataset]) -> QuerySet[Dataset]:
    """What a list of datasets shows for each one, fetched in a fixed number of queries."""
    return qs.select_related("publisher", "licence").prefetch_related(
        Prefetch("resources", queryset=Resource.objects.only("id", "dataset_id", "format"))
    )


def dataset_resources(dataset: Dataset) -> QuerySet[Resource]:
    return dataset.resources.select_related("current_version")


def resource_versions(resource: Resource) -> QuerySet[ResourceVersion]:
    return resource.versions.select_related("uploaded_by")


def resource_in_dataset(dataset: Dataset, resource_uuid) -> Resource | None:
    return dataset.resources.select_related("current_version").filter(uuid=resource_uuid).first()


def unit_datasets(user, unit: OrgUnit) -> QuerySet[Dataset]:
    """Datasets published by this unit or any unit beneath it, that the user may see."""
    within = OrgUnit.objects.filter(path__startswith=unit.path)
    return datasets_visible_to(user).filter(publisher__in=within).order_by("title")


def datasets_linked_to_person(user, person) -> QuerySet[Dataset]:
    """Datasets the person stewards, that the viewing user may see."""
    return datasets_visible_to(user).filter(steward=person).order_by("title")


def datasets_mentioning(user, fragments: Iterable[str], *, limit: int = 500) -> QuerySet[Dataset]:
    """Published datasets the user may see whose title, keywords or themes contain any of the
    fragments: candidates for "who knows about ...", which then matches them word by word."""
    match = Q()
    for fragment in fragments:
        keyword_hits = Dataset.keywords.through.objects.filter(keyword__name__icontains=fragment)
        theme_hits = Dataset.themes.through.objects.filter(theme__title__icontains=fragment)
        match |= (
            Q(title__icontains=fragment)
            | Q(pk__in=keyword_hits.values("dataset_id"))
            | Q(pk__in=theme_hits.values("dataset_id"))
        )
    if not match:
        return Dataset.objects.none()
    return (
        datasets_visible_to(user)
        .filter(match, status=Dataset.Status.PUBLISHED)
        .select_related("publisher")
        .prefetch_related("keywords", "themes")
        .order_by("title")[:limit]
    )


def visible_count(user) -> int:
    return datasets_visible_to(user).filter(status=Dataset.Status.PUBLISHED).count()
