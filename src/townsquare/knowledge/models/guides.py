"""Guides: knowledge articles written in Markdown, each with an owner who keeps it up to date.
Guides are staff knowledge (docs/decisions/0014)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from .common import Hideable, Tag


class Guide(Hideable):
    AUTHOR_FIELD = "owner"

    class Kind(models.TextChoices):
        HOW_TO = "how-to", "How-to guide"
        DATA_DICTIONARY = "data-dictionary", "Data dictionary explainer"
        PROCESS = "process", "Process"
        OTHER = "other", "Other"

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    summary = models.CharField(max_length=300, blank=True)
    body = models.TextField(help_text="Markdown")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="guides"
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="guides")
    datasets = models.ManyToManyField("catalogue.Dataset", blank=True, related_name="guides")
    people = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="guides_mentioning",
        help_text="People to ask about what the guide covers",
    )  # fmt: skip
    review_by = models.DateField(help_text="When the owner should next check the guide")
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    verified_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True, db_index=True)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title", "pk"]
        indexes = [models.Index(fields=["owner", "review_by"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("knowledge:guide", kwargs={"slug": self.slug})
