"""Harvesting: where datasets come from when Townsquare imports them from another catalogue.

A HarvestSource is a remote CKAN site or DCAT catalogue, harvested into one publisher. A
HarvestedRecord maps each remote dataset (by its identifier there) to the local dataset made
from it, so harvesting again updates rather than duplicates.
"""

from __future__ import annotations

from django.db import models


class HarvestSource(models.Model):
    class Kind(models.TextChoices):
        CKAN = "ckan", "CKAN Action API"
        DCAT = "dcat", "DCAT catalogue (Turtle, RDF/XML or JSON-LD)"

    url = models.URLField(max_length=1000, unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    publisher = models.ForeignKey(
        "accounts.OrgUnit", on_delete=models.PROTECT, related_name="harvest_sources"
    )
    created = models.DateTimeField(auto_now_add=True)
    last_run = models.DateTimeField(null=True, blank=True)
    last_status = models.CharField(max_length=20, blank=True)  # "ok" | "failed"
    last_summary = models.JSONField(default=dict, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["url"]

    def __str__(self) -> str:
        return self.url


class HarvestedRecord(models.Model):
    source = models.ForeignKey(HarvestSource, on_delete=models.CASCADE, related_name="records")
    remote_id = models.CharField(max_length=500)
    remote_url = models.URLField(max_length=1000, blank=True)
    dataset = models.ForeignKey(
        "catalogue.Dataset", on_delete=models.CASCADE, related_name="harvested_from"
    )
    content_hash = models.CharField(max_length=64)
    first_harvested = models.DateTimeField(auto_now_add=True)
    last_harvested = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "remote_id"], name="unique_harvested_record")
        ]

    def __str__(self) -> str:
        return f"{self.remote_id} from {self.source}"
