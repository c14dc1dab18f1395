"""Reads for the open-standards feeds. Public feeds (the DCAT catalogue, the sitemap, the Atom
feed) hold what an anonymous visitor may see, and nothing else: the access policy decides, so
restricted, internal and draft datasets never reach them."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch, QuerySet

from townsquare.accounts.models import OrgUnit
from townsquare.catalogue.models import Dataset, Resource
from townsquare.core.access import datasets_visible_to


def with_feed_details(qs: QuerySet[Dataset]) -> QuerySet[Dataset]:
    """Everything a DCAT, schema.org or Data Package description reads, in a fixed number of
    queries however many datasets there are (the datastore's tables too: `tables.py`)."""
    resources = Resource.objects.select_related("current_version").prefetch_related("tables")
    return qs.select_related("publisher", "licence").prefetch_related(
        "themes", "keywords", Prefetch("resources", queryset=resources)
    )


def public_datasets(*, publisher: str = "") -> QuerySet[Dataset]:
    """Open, published datasets: what every public feed may list, newest change first;
    with `publisher`, only those of that unit and the units beneath it."""
    qs = datasets_visible_to(AnonymousUser())
    if publisher:
        unit = OrgUnit.objects.filter(slug=publisher).first()
        within = (
            OrgUnit.objects.filter(path__startswith=unit.path) if unit else OrgUnit.objects.none()
        )
        qs = qs.filter(publisher__in=within)
    return with_feed_details(qs).order_by("-modified", "pk")


def public_dataset_index() -> QuerySet[Dataset]:
    """Open, published datasets with only what a sitemap needs."""
    return datasets_visible_to(AnonymousUser()).only("slug", "modified").order_by("pk")


def public_units() -> QuerySet[OrgUnit]:
    """Organisation pages are public; their dataset lists follow the access policy."""
    return OrgUnit.objects.order_by("path")


def catalogue_publisher() -> OrgUnit | None:
    """The organisation at the root of the tree publishes the catalogue."""
    return OrgUnit.objects.get_root_nodes().first()
