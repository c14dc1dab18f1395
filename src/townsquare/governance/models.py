"""Who may see restricted data, and why.

A grant gives a person, or everyone in a unit and the units under it, access to one restricted
dataset for a stated purpose, approved by a named person, until an expiry. The request and
approval workflow builds on this model.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class GrantQuerySet(models.QuerySet["Grant"]):
    def active(self, at=None) -> GrantQuerySet:
        at = at or timezone.now()
        return self.filter(revoked_at__isnull=True, expires_at__gt=at)


class Grant(models.Model):
    dataset = models.ForeignKey(
        "catalogue.Dataset", on_delete=models.CASCADE, related_name="grants"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="grants",
    )
    unit = models.ForeignKey(
        "accounts.OrgUnit", null=True, blank=True, on_delete=models.CASCADE, related_name="grants"
    )
    purpose = models.TextField()
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="grants_approved"
    )
    created = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="grants_revoked",
    )

    objects = GrantQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False, unit__isnull=True)
                | Q(user__isnull=True, unit__isnull=False),
                name="grant_to_person_or_unit",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dataset} to {self.user or self.unit}"

    @property
    def grantee(self):
        return self.user or self.unit

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()
