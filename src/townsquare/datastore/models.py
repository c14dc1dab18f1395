"""Tables made from tabular files, and the ingest jobs that make them.

Other apps reach these through `datastore.api`, never directly.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Table(models.Model):
    """The live, queryable table of one tabular resource (and sheet), stored as Parquet."""

    resource = models.ForeignKey(
        "catalogue.Resource", on_delete=models.CASCADE, related_name="tables"
    )
    sheet = models.CharField(max_length=200, blank=True)  # blank: the first or only sheet
    # An SQL-safe identifier, unique within the dataset (e.g. "spend_2025_q1").
    name = models.CharField(max_length=100)
    source_version = models.ForeignKey(
        "catalogue.ResourceVersion", on_delete=models.PROTECT, related_name="+"
    )
    parquet = models.CharField(max_length=500)  # storage name of the Parquet file
    # A Frictionless Table Schema: {"fields": [{name, title, type, format, description}], ...}
    table_schema = models.JSONField(default=dict)
    row_count = models.BigIntegerField(default=0)
    column_count = models.PositiveIntegerField(default=0)
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["resource__position", "resource__created", "sheet"]
        constraints = [
            models.UniqueConstraint(fields=["resource", "sheet"], name="unique_table_per_sheet"),
        ]

    # Set (never stored) on a copy narrowed to the columns one reader may see
    # (`api.for_reader`): the names kept. Such a copy must never be saved over the table.
    limited_to: frozenset[str] | None = None

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if self.limited_to is not None:
            raise RuntimeError("A table narrowed to a reader's columns cannot be saved")
        super().save(*args, **kwargs)

    @property
    def fields(self) -> list[dict]:
        return list(self.table_schema.get("fields", []))


class IngestJob(models.Model):
    """One attempt to turn a file version into a table. A failed job never touches the live
    table: the new Parquet is written to a new file and swapped in only on success."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Loading"
        SUCCEEDED = "succeeded", "Loaded"
        FAILED = "failed", "Failed"

    version = models.ForeignKey(
        "catalogue.ResourceVersion", on_delete=models.CASCADE, related_name="ingest_jobs"
    )
    sheet = models.CharField(max_length=200, blank=True)
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    percent = models.PositiveSmallIntegerField(default=0)
    step = models.CharField(max_length=200, blank=True)
    error = models.TextField(blank=True)
    warnings = models.JSONField(default=list)  # [{"message", "row", "column"}]
    report = models.JSONField(default=dict)  # validation report, sniffing details
    # The schema asked for (types corrected on the data dictionary page, or --schema).
    requested_schema = models.JSONField(null=True, blank=True)
    table = models.ForeignKey(
        Table, null=True, blank=True, on_delete=models.SET_NULL, related_name="jobs"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    started = models.DateTimeField(null=True, blank=True)
    finished = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created", "-pk"]

    def __str__(self) -> str:
        return f"Ingest of {self.version} ({self.status})"

    @property
    def is_active(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)


class TableFingerprint(models.Model):
    """What a table is, independent of its name, column order and row order: for "does this
    already exist?" when a file is uploaded, and the administrators' duplicates report."""

    table = models.OneToOneField(
        Table, on_delete=models.CASCADE, primary_key=True, related_name="fingerprint"
    )
    # Normalised column titles (lower-case, single-spaced), sorted: compared by Jaccard similarity.
    columns = models.JSONField(default=list)
    # Row count, sum and xor of the normalised row hashes: equal only for the same rows.
    content = models.CharField(max_length=80, db_index=True)
    # The smallest row hashes (hex), a bottom-k MinHash sketch for estimating partial overlap.
    sample = models.JSONField(default=list)
    computed = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Fingerprint of {self.table}"
