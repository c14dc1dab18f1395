"""Data requests: anyone signed in (residents once their email is confirmed, and staff) asks
for data that is not published yet; staff consider, plan, publish or refuse it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from .common import Hideable


class DataRequest(Hideable):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", "Submitted"
        UNDER_CONSIDERATION = "under-consideration", "Under consideration"
        PLANNED = "planned", "Planned"
        PUBLISHED = "published", "Published"
        REFUSED = "refused", "Refused"

    class RefusalReason(models.TextChoices):
        PERSONAL_DATA = "personal-data", "It would reveal personal data"
        COMMERCIAL = "commercial", "It is commercially confidential"
        NOT_HELD = "not-held", "The council does not hold this data"
        COST = "cost", "It would cost too much to produce"
        OTHER = "other", "Another reason"

    class Audience(models.TextChoices):
        PUBLIC = "public", "Public: anyone can read it"
        STAFF = "staff", "Staff only: a request for internal data"

    title = models.CharField(max_length=200, help_text="What data is wanted")
    slug = models.SlugField(max_length=100)
    body = models.TextField(help_text="Markdown: the data wanted, in detail")
    why = models.TextField(help_text="What it would be used for")
    who_it_helps = models.TextField(blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="data_requests"
    )
    audience = models.CharField(max_length=10, choices=Audience.choices, default=Audience.PUBLIC)
    status = models.CharField(
        max_length=24, choices=Status.choices, default=Status.SUBMITTED, db_index=True
    )
    refusal_reason = models.CharField(max_length=20, choices=RefusalReason.choices, blank=True)
    status_note = models.TextField(blank=True, help_text="What staff said with the last change")
    unit = models.ForeignKey(
        "accounts.OrgUnit", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="data_requests", help_text="The publishing unit handling the request",
    )  # fmt: skip
    published_dataset = models.ForeignKey(
        "catalogue.Dataset", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Datasets the request builds on or cites ("more detail than X").
    datasets = models.ManyToManyField("catalogue.Dataset", blank=True, related_name="data_requests")
    vote_count = models.IntegerField(default=0)
    created = models.DateTimeField(auto_now_add=True, db_index=True)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created", "-pk"]
        indexes = [models.Index(fields=["audience", "status", "-created"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("knowledge:request", kwargs={"pk": self.pk, "slug": self.slug})


class DataRequestUpdate(models.Model):
    """One change of status (or of the unit handling it), kept as the request's history."""

    request = models.ForeignKey(DataRequest, on_delete=models.CASCADE, related_name="updates")
    status = models.CharField(max_length=24, choices=DataRequest.Status.choices)
    refusal_reason = models.CharField(
        max_length=20, choices=DataRequest.RefusalReason.choices, blank=True
    )
    note = models.TextField(blank=True)
    unit = models.ForeignKey(
        "accounts.OrgUnit", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created", "pk"]

    def __str__(self) -> str:
        return f"{self.request}: {self.get_status_display()}"
