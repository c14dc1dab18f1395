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

    # Column names the grant is limited to; empty means every column. The datastore enforces it.
    columns = models.JSONField(default=list, blank=True)
    # When the expiry task told both sides that this grant ended (see tasks.expire_grants).
    expiry_processed_at = models.DateTimeField(null=True, blank=True)

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


class LawfulBasis(models.TextChoices):
    """UK GDPR Article 6(1)."""

    CONSENT = "consent", "Consent (Article 6(1)(a))"
    CONTRACT = "contract", "Contract (Article 6(1)(b))"
    LEGAL_OBLIGATION = "legal_obligation", "Legal obligation (Article 6(1)(c))"
    VITAL_INTERESTS = "vital_interests", "Vital interests (Article 6(1)(d))"
    PUBLIC_TASK = "public_task", "Public task (Article 6(1)(e))"
    LEGITIMATE_INTERESTS = "legitimate_interests", "Legitimate interests (Article 6(1)(f))"


class SpecialCategoryCondition(models.TextChoices):
    """UK GDPR Article 9(2), for special category data."""

    EXPLICIT_CONSENT = "a", "Explicit consent (Article 9(2)(a))"
    EMPLOYMENT = "b", "Employment, social security and social protection (Article 9(2)(b))"
    VITAL_INTERESTS = "c", "Vital interests (Article 9(2)(c))"
    NOT_FOR_PROFIT = "d", "Not-for-profit bodies (Article 9(2)(d))"
    MADE_PUBLIC = "e", "Made public by the data subject (Article 9(2)(e))"
    LEGAL_CLAIMS = "f", "Legal claims or judicial acts (Article 9(2)(f))"
    SUBSTANTIAL_PUBLIC_INTEREST = "g", "Reasons of substantial public interest (Article 9(2)(g))"
    HEALTH_SOCIAL_CARE = "h", "Health or social care (Article 9(2)(h))"
    PUBLIC_HEALTH = "i", "Public health (Article 9(2)(i))"
    ARCHIVING_RESEARCH = "j", "Archiving, research and statistics (Article 9(2)(j))"


class AccessRequest(models.Model):
    """A member of staff asking for a restricted dataset. The steward decides; for special
    category (health and social care) data a Caldicott Guardian must also agree."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for a decision"
        APPROVED = "approved", "Approved"
        REFUSED = "refused", "Refused"

    dataset = models.ForeignKey(
        "catalogue.Dataset", on_delete=models.CASCADE, related_name="access_requests"
    )
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="access_requests"
    )
    purpose = models.TextField()
    lawful_basis = models.CharField(max_length=30, choices=LawfulBasis.choices)
    special_category_condition = models.CharField(
        max_length=2, choices=SpecialCategoryCondition.choices, blank=True
    )
    needed_until = models.DateField()
    agreement_reference = models.CharField(
        max_length=200, help_text="The data sharing agreement or DPIA that covers this use"
    )
    agreement = models.ForeignKey(
        "DataSharingAgreement",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="access_requests",
    )
    columns = models.JSONField(default=list, blank=True)
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    created = models.DateTimeField(auto_now_add=True)
    steward_decision_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    steward_decided_at = models.DateTimeField(null=True, blank=True)
    approved_until = models.DateField(null=True, blank=True)
    approved_columns = models.JSONField(default=list, blank=True)
    caldicott_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    caldicott_at = models.DateTimeField(null=True, blank=True)
    refusal_reason = models.TextField(blank=True)
    grant = models.OneToOneField(
        Grant, null=True, blank=True, on_delete=models.SET_NULL, related_name="access_request"
    )

    class Meta:
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.requester} asks for {self.dataset}"

    @property
    def needs_caldicott(self) -> bool:
        return self.dataset.contains_special_category_data

    @property
    def steward_agreed(self) -> bool:
        return self.steward_decided_at is not None and self.status != self.Status.REFUSED

    @property
    def caldicott_agreed(self) -> bool:
        return self.caldicott_at is not None and self.status != self.Status.REFUSED


class ScanResult(models.Model):
    """What the personal-data scanner found in one uploaded file (see personal_data.py)."""

    version = models.OneToOneField(
        "catalogue.ResourceVersion", on_delete=models.CASCADE, related_name="scan"
    )
    scanned_at = models.DateTimeField(auto_now=True)
    findings = models.JSONField(default=list, blank=True)

    def __str__(self) -> str:
        return f"Scan of {self.version}"

    @property
    def found_personal_data(self) -> bool:
        return bool(self.findings)


class DataSharingAgreement(models.Model):
    """An agreement to share personal data with another team or organisation."""

    title = models.CharField(max_length=200)
    reference = models.CharField(max_length=50, blank=True)
    internal_parties = models.ManyToManyField(
        "accounts.OrgUnit", blank=True, related_name="sharing_agreements"
    )
    external_parties = models.TextField(blank=True, help_text="Other organisations, one a line")
    purpose = models.TextField()
    data_items = models.TextField(help_text="The data shared, one item a line")
    lawful_basis = models.CharField(max_length=30, choices=LawfulBasis.choices)
    special_category_condition = models.CharField(
        max_length=2, choices=SpecialCategoryCondition.choices, blank=True
    )
    retention = models.TextField(help_text="How long the data is kept and how it is deleted")
    review_date = models.DateField(db_index=True)
    datasets = models.ManyToManyField(
        "catalogue.Dataset", blank=True, related_name="sharing_agreements"
    )
    grants = models.ManyToManyField(Grant, blank=True, related_name="sharing_agreements")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["review_date", "title"]

    def __str__(self) -> str:
        return self.title

    @property
    def special_category(self) -> bool:
        return bool(self.special_category_condition)


class ServiceContact(models.Model):
    """An organisational contact published in open data (a team mailbox, a switchboard
    number): not personal data, so the personal-data scan ignores it (decision 0042).
    Administrators keep the list; `services.service_contact_save` fills kind and key."""

    class Kind(models.TextChoices):
        EMAIL = "email", "Email address"
        PHONE = "phone", "Phone number"

    value = models.CharField(
        max_length=254, help_text="One email address or one UK phone number, exactly as published"
    )
    description = models.CharField(
        max_length=200, help_text="Whose it is, for example ‘Street care report-a-problem line’"
    )
    kind = models.CharField(max_length=5, choices=Kind.choices, editable=False)
    key = models.CharField(max_length=254, unique=True, editable=False)  # as the scan compares
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "key"]

    def __str__(self) -> str:
        return f"{self.value} ({self.description})"
