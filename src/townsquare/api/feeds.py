"""The sitemap (django.contrib.sitemaps) and the Atom feed of recently published or updated
datasets (django.contrib.syndication). Both list only what anyone may see."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from townsquare.accounts.models import OrgUnit
from townsquare.catalogue.models import Dataset

from . import selectors

FEED_SIZE = 50


class PageSitemap(Sitemap):
    changefreq = "daily"

    def items(self) -> list[str]:
        return ["catalogue:home", "catalogue:dataset-list", "accounts:organisation"]

    def location(self, item: str) -> str:
        return reverse(item)


class DatasetSitemap(Sitemap):
    changefreq = "weekly"
    limit = 5000

    def items(self):
        return selectors.public_dataset_index()

    def lastmod(self, item: Dataset) -> datetime:
        return item.modified


class UnitSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return selectors.public_units()

    def location(self, item: OrgUnit) -> str:
        return item.get_absolute_url()


SITEMAPS = {"pages": PageSitemap, "datasets": DatasetSitemap, "organisation": UnitSitemap}


class RecentDatasetsFeed(Feed):
    feed_type = Atom1Feed

    def title(self) -> str:
        return f"{settings.SITE_NAME}: new and updated datasets"

    def link(self) -> str:
        return reverse("catalogue:dataset-list")

    def subtitle(self) -> str:
        return "Open datasets, most recently published or updated first."

    def items(self):
        return selectors.public_datasets()[:FEED_SIZE]

    def item_title(self, item: Dataset) -> str:
        return item.title

    def item_description(self, item: Dataset) -> str:
        return item.summary or item.title

    def item_pubdate(self, item: Dataset) -> datetime | None:
        return item.issued

    def item_updateddate(self, item: Dataset) -> datetime:
        return item.modified

    def item_author_name(self, item: Dataset) -> str:
        return item.publisher.name

    def item_categories(self, item: Dataset) -> list[str]:
        return [t.title for t in item.themes.all()]

    def item_guid(self, item: Dataset) -> str:
        return f"urn:uuid:{item.uuid}"

    item_guid_is_permalink = False
