"""Reads for a dataset series: its periods and where each stands. The caller has already
checked (through core.access) that the user may manage the dataset."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from . import periods as fy
from .models import Period, Series

# Where a period stands, as the series page shows it: (label, GOV.UK tag colour).
STATES = {
    "missing": ("Missing", "govuk-tag--grey"),
    "problems": ("Has problems", "govuk-tag--red"),
    "checked": ("Checked, not yet published", "govuk-tag--blue"),
    "published": ("Published", "govuk-tag--green"),
}


def series_for(dataset) -> Series | None:
    return Series.objects.filter(dataset=dataset).select_related("responsible_unit").first()


@dataclass
class PeriodRow:
    period: fy.Period
    record: Period | None

    @property
    def upload(self) -> dict:
        return (self.record.report.get("upload") or {}) if self.record else {}

    @property
    def waiting(self) -> bool:
        """A file is uploaded for this period and not yet published."""
        return bool(self.upload.get("file"))

    @property
    def waiting_ok(self) -> bool:
        report = self.record.report if self.record else {}
        return (
            self.waiting
            and not report.get("needs_mapping")
            and bool(report.get("validation", {}).get("ok"))
        )

    @property
    def state(self) -> str:
        if self.record is None:
            return "missing"
        if self.record.status == Period.Status.PUBLISHED:
            return "published"
        if not self.waiting:
            return "missing"
        return "checked" if self.waiting_ok else "problems"

    @property
    def state_label(self) -> str:
        return STATES[self.state][0]

    @property
    def state_class(self) -> str:
        return STATES[self.state][1]


def period_rows(series: Series, today: date) -> list[PeriodRow]:
    """Every period from the first to the last that has ended, the latest first."""
    records = {p.start: p for p in Period.objects.filter(series=series).select_related("resource")}
    periods = fy.periods_between(series.first_period_start, today, series.frequency)
    return [PeriodRow(p, records.get(p.start)) for p in reversed(periods)]


def default_upload_period(series: Series, today: date) -> fy.Period | None:
    """The latest period that has ended without a published file (else the latest)."""
    rows = period_rows(series, today)
    for row in rows:
        if row.state != "published":
            return row.period
    return rows[0].period if rows else None


def period_row(series: Series, start: date, today: date) -> PeriodRow | None:
    """The period of the series starting on `start`, if it has ended."""
    for row in period_rows(series, today):
        if row.period.start == start:
            return row
    return None
