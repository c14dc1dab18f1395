"""Reads shared by the native API and the CKAN API. Each starts from `core.access`, so what a
caller may not see is never fetched, counted or named."""

from __future__ import annotations

import uuid

from django.db.models import Count, Prefetch, Q, QuerySet

from townsquare.accounts import selectors as people
from townsquare.accounts.models import OrgUnit
from townsquare.catalogue.models import Dataset, Keyword, Licence, Resource, Theme
from townsquare.core import access


def with_api_details(qs: QuerySet[Dataset]) -> QuerySet[Dataset]:
    """Everything a dataset's API representation reads, in a fixed number of queries."""
    return qs.select_related("publisher", "licence").prefetch_related(
        "themes",
        "keywords",
        Prefetch("resources", queryset=with_table_count(Resource.objects.all())),
    )


def with_table_count(qs: QuerySet[Resource]) -> QuerySet[Resource]:
    """Resources with their current version and `table_count`, the number of datastore tables
    loaded from them (CKAN's `datastore_active`), in the same query."""
    return qs.select_related("current_version").annotate(table_count=Count("tables"))


def _id_or_slug(ref: str) -> Q:
    try:
        return Q(uuid=uuid.UUID(str(ref)))
    except ValueError:
        return Q(slug=str(ref))


def dataset_by_ref(user, ref: str, action: access.Action = "view") -> Dataset | None:
    """A dataset by its id or its slug, if the user may act on it; else None."""
    found = with_api_details(Dataset.objects.filter(_id_or_slug(ref))).first()
    return found if found is not None and access.can(user, action, found) else None


def resource_by_id(user, ref: str, action: access.Action = "view") -> Resource | None:
    """A resource by its id, if the user may act on its dataset; else None."""
    try:
        key = uuid.UUID(str(ref))
    except ValueError:
        return None
    found = with_table_count(Resource.objects.select_related("dataset")).filter(uuid=key).first()
    return found if found is not None and access.can(user, action, found) else None


def keyword_counts(datasets: QuerySet[Dataset], limit: int | None = None) -> list[tuple[str, int]]:
    """How many of these datasets carry each keyword, most used first."""
    through = Dataset.keywords.through.objects.filter(dataset__in=datasets.order_by().values("pk"))
    rows = (
        through.values_list("keyword__name")
        .annotate(n=Count("dataset_id"))
        .order_by("-n", "keyword__name")
    )
    return list(rows[:limit] if limit else rows)


def keywords_visible_to(user) -> QuerySet[Keyword]:
    """Keywords on at least one published dataset the user may see: a keyword used only by a
    restricted dataset would give it away."""
    visible = access.datasets_visible_to(user).filter(status=Dataset.Status.PUBLISHED)
    return Keyword.objects.filter(datasets__in=visible.values("pk")).distinct().order_by("name")


def themes() -> QuerySet[Theme]:
    return Theme.objects.order_by("title")


def theme_get(slug: str) -> Theme | None:
    return Theme.objects.filter(slug=slug).first()


def published_visible(user) -> QuerySet[Dataset]:
    return access.datasets_visible_to(user).filter(status=Dataset.Status.PUBLISHED)


def units() -> QuerySet[OrgUnit]:
    return OrgUnit.objects.order_by("path")


def unit_get(slug: str) -> OrgUnit | None:
    return people.unit_get(slug)


def licences() -> QuerySet[Licence]:
    return Licence.objects.order_by("title")


def licence_get(licence_id: str) -> Licence | None:
    return Licence.objects.filter(pk=licence_id).first()


def resource_in(dataset: Dataset, ref: str) -> Resource | None:
    """A resource of a dataset already checked through `core.access`."""
    try:
        key = uuid.UUID(str(ref))
    except ValueError:
        return None
    return dataset.resources.select_related("current_version").filter(uuid=key).first()


def unit_slugs_by_path() -> dict[str, str]:
    return dict(OrgUnit.objects.values_list("path", "slug"))


def _ids(datasets: QuerySet[Dataset]):
    return datasets.order_by().values("pk")


# Facet counts over a result set already filtered by `core.access`: name -> rows of
# (value, label, number of datasets).
def _by_field(value: str, label: str):
    def count(datasets: QuerySet[Dataset]) -> list[tuple[str, str, int]]:
        rows = datasets.order_by().values_list(value, label).annotate(n=Count("pk"))
        return [(v, lab, n) for v, lab, n in rows]

    return count


def _themes_of(datasets: QuerySet[Dataset]) -> list[tuple[str, str, int]]:
    through = Dataset.themes.through.objects.filter(dataset__in=_ids(datasets))
    rows = through.values_list("theme__slug", "theme__title").annotate(n=Count("dataset_id"))
    return list(rows)


def _formats_of(datasets: QuerySet[Dataset]) -> list[tuple[str, str, int]]:
    rows = (
        Resource.objects.filter(dataset__in=_ids(datasets))
        .exclude(format="")
        .values_list("format")
        .annotate(n=Count("dataset_id", distinct=True))
    )
    return [(f, f, n) for f, n in rows]


def _keywords_of(datasets: QuerySet[Dataset]) -> list[tuple[str, str, int]]:
    return [(k, k, n) for k, n in keyword_counts(datasets)]


FACET_COUNTERS = {
    "publisher": _by_field("publisher__slug", "publisher__name"),
    "licence": _by_field("licence_id", "licence__title"),
    "access": _by_field("access_level", "access_level"),
    "theme": _themes_of,
    "format": _formats_of,
    "keyword": _keywords_of,
}


def facet_counts(datasets: QuerySet[Dataset], name: str) -> list[tuple[str, str, int]]:
    """How many of `datasets` have each value of the facet, most first."""
    rows = FACET_COUNTERS[name](datasets)
    return sorted(rows, key=lambda r: (-r[2], str(r[1]).lower()))


def theme_counts(user) -> dict[str, int]:
    """Published datasets the user may see, per theme slug."""
    return {slug: n for slug, _, n in _themes_of(published_visible(user))}


def unit_counts(user) -> dict[str, int]:
    """Published datasets the user may see, per publishing unit's slug (not rolled up)."""
    return {slug: n for slug, _, n in facet_counts(published_visible(user), "publisher")}


def datasets_with_keywords(names: list[str]):
    """Ids of datasets carrying any of these keywords (to filter a queryset already limited by
    `core.access`)."""
    lowered = [n.strip().lower() for n in names]
    through = Dataset.keywords.through.objects.filter(keyword__name__in=lowered)
    return through.values("dataset_id")
