"""Reuses: apps, reports and visualisations built on a dataset, shown once a moderator approves."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from .common import Hideable


class Reuse(Hideable):
    AUTHOR_FIELD = "submitted_by"

    class Kind(models.TextChoices):
        APP = "app", "App or service"
        REPORT = "report", "Report or article"
        VISUALISATION = "visualisation", "Visualisation or map"
        OTHER = "other", "Something else"

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for approval"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"

    dataset = models.ForeignKey(
        "catalogue.Dataset", on_delete=models.CASCADE, related_name="reuses"
    )
    title = models.CharField(max_length=200)
    url = models.URLField(max_length=1000)
    description = models.TextField(blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reuses"
    )
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created", "-pk"]

    def __str__(self) -> str:
        return self.title
