"""Series of period files validated against a bundled schema, and the column names a
publisher's finance system uses for them.

The register of Code datasets is not a table: `transparency.code.CODE_DATASETS` lists what the
Code requires, and a `Series` with `code_dataset` set is the council's answer to one of them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Frequency(models.TextChoices):
    MONTHLY = "monthly", "Monthly"
    QUARTERLY = "quarterly", "Quarterly"
    ANNUAL = "annual", "Annually"


class Series(models.Model):
    """A dataset that grows by one file per period (a quarter's spend), each file checked
    against one bundled schema before it is published."""

    dataset = models.OneToOneField(
        "catalogue.Dataset", on_delete=models.CASCADE, related_name="transparency_series"
    )
    schema = models.CharField(max_length=50)  # a key of transparency.schemas, e.g. "spend"
    frequency = models.CharField(max_length=20, choices=Frequency.choices)
    # The Code dataset this series meets ("spend", "contracts" …); blank for other series.
    code_dataset = models.CharField(max_length=50, blank=True, db_index=True)
    responsible_unit = models.ForeignKey(
        "accounts.OrgUnit", on_delete=models.PROTECT, related_name="transparency_series"
    )
    first_period_start = models.DateField(help_text="The start of the first period published.")
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["code_dataset", "dataset__title"]
        verbose_name_plural = "series"
        constraints = [
            models.UniqueConstraint(
                fields=["code_dataset"],
                condition=~models.Q(code_dataset=""),
                name="one_series_per_code_dataset",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dataset} ({self.get_frequency_display().lower()})"


class Period(models.Model):
    """One period of a series and the file uploaded for it."""

    class Status(models.TextChoices):
        INVALID = "invalid", "Has problems"
        VALID = "valid", "Checked, not yet published"
        PUBLISHED = "published", "Published"

    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="periods")
    start = models.DateField()
    end = models.DateField()
    resource = models.ForeignKey(
        "catalogue.Resource",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="transparency_periods",
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.INVALID)
    # The validation report shown before publishing: {"errors": [...], "warnings": [...], ...}
    report = models.JSONField(default=dict, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded = models.DateTimeField(null=True, blank=True)
    published = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["series", "-start"]
        constraints = [
            models.UniqueConstraint(fields=["series", "start"], name="one_file_per_period"),
        ]

    def __str__(self) -> str:
        return f"{self.series.dataset}: {self.start:%d %b %Y} to {self.end:%d %b %Y}"


class ColumnMapping(models.Model):
    """How a publisher's own column names map to a schema's fields, remembered from the first
    upload: {"Supplier Name": "SupplierName", "Net Amount": "Amount", …}."""

    publisher = models.ForeignKey(
        "accounts.OrgUnit", on_delete=models.CASCADE, related_name="column_mappings"
    )
    schema = models.CharField(max_length=50)
    mapping = models.JSONField(default=dict)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["publisher", "schema"], name="one_mapping_per_schema"),
        ]

    def __str__(self) -> str:
        return f"{self.publisher}: {self.schema}"


class ReminderSent(models.Model):
    """A reminder already sent, so each is sent once per period and kind."""

    class Kind(models.TextChoices):
        DUE_SOON = "due-soon", "Due soon"
        OVERDUE = "overdue", "Overdue"

    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="reminders")
    period_start = models.DateField()
    kind = models.CharField(max_length=20, choices=Kind.choices)
    sent = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["series", "period_start", "kind"], name="one_reminder_per_period_kind"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.series}: {self.kind} for {self.period_start:%d %b %Y}"
