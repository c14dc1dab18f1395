"""Datasets, their files and the vocabularies that describe them.

Reads go through `townsquare.core.access` (who may see what) and `catalogue.selectors`;
writes through `catalogue.services`.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse


class Licence(models.Model):
    id = models.CharField(max_length=50, primary_key=True)  # CKAN-style ids: "OGL-UK-3.0"
    title = models.CharField(max_length=200)
    url = models.URLField(blank=True)
    is_open = models.BooleanField(default=True)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class Theme(models.Model):
    slug = models.SlugField(max_length=100, unique=True)
    title = models.CharField(max_length=200)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class Keyword(models.Model):
    name = models.CharField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class AccessLevel(models.TextChoices):
    OPEN = "open", "Open"
    INTERNAL = "internal", "Internal"
    RESTRICTED = "restricted", "Restricted"


class Classification(models.TextChoices):
    OFFICIAL = "OFFICIAL", "OFFICIAL"
    OFFICIAL_SENSITIVE = "OFFICIAL-SENSITIVE", "OFFICIAL-SENSITIVE"


class UpdateFrequency(models.TextChoices):
    # Keys are stable; the ISO 8601 repeating interval is in FREQUENCY_ISO8601 for DCAT.
    DAILY = "daily", "Daily"
    WEEKLY = "weekly", "Weekly"
    MONTHLY = "monthly", "Monthly"
    QUARTERLY = "quarterly", "Quarterly"
    ANNUAL = "annual", "Annually"
    IRREGULAR = "irregular", "Irregularly"
    NOT_PLANNED = "not-planned", "No further updates planned"


FREQUENCY_ISO8601 = {
    "daily": "R/P1D",
    "weekly": "R/P1W",
    "monthly": "R/P1M",
    "quarterly": "R/P3M",
    "annual": "R/P1Y",
}


class Dataset(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        REVIEW = "review", "Ready for review"
        PUBLISHED = "published", "Published"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(max_length=100, unique=True)
    title = models.CharField(max_length=200)
    summary = models.CharField(max_length=300, blank=True)
    description = models.TextField(blank=True, help_text="Markdown")
    publisher = models.ForeignKey(
        "accounts.OrgUnit", on_delete=models.PROTECT, related_name="datasets"
    )
    steward = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stewarded_datasets",
    )
    contact_name = models.CharField(max_length=200, blank=True)
    contact_email = models.EmailField(blank=True)
    licence = models.ForeignKey(Licence, on_delete=models.PROTECT, related_name="datasets")
    themes = models.ManyToManyField(Theme, blank=True, related_name="datasets")
    keywords = models.ManyToManyField(Keyword, blank=True, related_name="datasets")
    access_level = models.CharField(
        max_length=20, choices=AccessLevel.choices, default=AccessLevel.OPEN, db_index=True
    )
    security_classification = models.CharField(
        max_length=30, choices=Classification.choices, default=Classification.OFFICIAL
    )
    contains_personal_data = models.BooleanField(default=False)
    contains_special_category_data = models.BooleanField(default=False)
    update_frequency = models.CharField(
        max_length=20, choices=UpdateFrequency.choices, default=UpdateFrequency.IRREGULAR
    )
    temporal_start = models.DateField(null=True, blank=True)
    temporal_end = models.DateField(null=True, blank=True)
    spatial_coverage = models.CharField(max_length=200, blank=True)
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    created = models.DateTimeField(auto_now_add=True)
    issued = models.DateTimeField(null=True, blank=True)
    modified = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["-modified"]
        indexes = [models.Index(fields=["status", "access_level", "-modified"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("catalogue:dataset", kwargs={"slug": self.slug})

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


def _version_upload_path(version: ResourceVersion, filename: str) -> str:
    resource = version.resource
    return f"datasets/{resource.dataset.uuid}/{resource.uuid}/{version.uuid}/{filename}"


class Resource(models.Model):
    """A file or a link within a dataset. An uploaded file's content lives in its versions."""

    class Kind(models.TextChoices):
        FILE = "file", "Uploaded file"
        LINK = "link", "Link"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="resources")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    url = models.URLField(blank=True, max_length=1000)
    format = models.CharField(max_length=30, blank=True, db_index=True)
    media_type = models.CharField(max_length=100, blank=True)
    current_version = models.ForeignKey(
        "ResourceVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    position = models.PositiveIntegerField(default=0)
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "created"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "catalogue:resource", kwargs={"slug": self.dataset.slug, "resource": self.uuid}
        )


class ResourceVersion(models.Model):
    """One uploaded file. Replacing a file adds a version; earlier ones stay downloadable."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    file = models.FileField(upload_to=_version_upload_path, max_length=500)
    filename = models.CharField(max_length=255)
    size = models.BigIntegerField()
    sha256 = models.CharField(max_length=64, db_index=True)
    media_type = models.CharField(max_length=100, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["resource", "number"], name="unique_resource_version"),
        ]

    def __str__(self) -> str:
        return f"{self.resource} v{self.number}"
