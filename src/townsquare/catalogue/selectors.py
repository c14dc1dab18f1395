"""Reads from the catalogue, always starting from what the access policy lets the user see."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet

from townsquare.accounts.models import OrgUnit
from townsquare.core.access import datasets_visible_to

from .models import AccessLevel, Dataset, Licence, Resource, ResourceVersion, Theme

FACET_FIELDS = ("publisher", "theme", "format", "licence", "access")
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


def dataset_facets(
    user, *, q: str = "", filters: dict[str, list[str]] | None = None
) -> list[Facet]:
    """Counts for each facet value among the datasets the user may see. Each facet counts
    with the other facets' filters applied, so choosing a value never hides its siblings."""
    filters = filters or {}
    visible = datasets_visible_to(user)
    facets = []
    for name, title, counter in _FACETS:
        base = _filtered(visible, q=q, filters=filters, skip=name)
        chosen = set(filters.get(name, []))
        values = [
            FacetValue(value, label, count, value in chosen)
            for value, label, count in counter(base)
        ]
        facets.append(Facet(name, title, values))
    return facets


def _count_publishers(base):
    rows = base.values("publisher__slug", "publisher__name").annotate(n=Count("pk"))
    return sorted(((r["publisher__slug"], r["publisher__name"], r["n"]) for r in rows), key=_order)


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


def _count_licences(base):
    titles = dict(Licence.objects.values_list("id", "title"))
    rows = base.values("licence_id").annotate(n=Count("pk"))
    return sorted(
        ((r["licence_id"], titles.get(r["licence_id"], r["licence_id"]), r["n"]) for r in rows),
        key=_order,
    )


def _count_access(base):
    counts = dict(base.values_list("access_level").annotate(n=Count("pk")))
    return [(v, label, counts[v]) for v, label in AccessLevel.choices if counts.get(v)]


def _order(row: tuple[str, str, int]) -> tuple[int, str]:
    return (-row[2], row[1])


_FACETS = [
    ("publisher", "Publisher", _count_publishers),
    ("theme", "Theme", _count_themes),
    ("format", "Format", _count_formats),
    ("licence", "Licence", _count_licences),
    ("access", "Access", _count_access),
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


def visible_count(user) -> int:
    return datasets_visible_to(user).filter(status=Dataset.Status.PUBLISHED).count()
