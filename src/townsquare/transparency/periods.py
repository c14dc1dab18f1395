"""Publishing periods and their deadlines.

Quarters follow the financial year (Q1 is April to June) and so do annual periods (April to
March). The Code's deadline is one month after the period ends (REQUIREMENTS.md §1).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS_IN = {"monthly": 1, "quarterly": 3, "annual": 12}


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    frequency: str

    @property
    def due(self) -> date:
        """One calendar month after the period ends (30 June → 31 July, 31 March → 30 April)."""
        return _add_months_end(self.end, 1)

    @property
    def label(self) -> str:
        """'2026/27 Q1 (April to June 2026)', 'May 2026' or '2025/26'."""
        year = financial_year(self.start)
        fy = f"{year}/{(year + 1) % 100:02d}"
        if self.frequency == "monthly":
            return f"{self.start:%B %Y}"
        if self.frequency == "annual":
            return fy
        quarter = (self.start.month - 4) % 12 // 3 + 1
        months = f"{self.start:%B} to {self.end:%B %Y}"
        return f"{fy} Q{quarter} ({months})"

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def next(self) -> Period:
        return period_containing(self.end + timedelta(days=1), self.frequency)

    def previous(self) -> Period:
        return period_containing(self.start - timedelta(days=1), self.frequency)


def financial_year(day: date) -> int:
    """The calendar year the financial year containing `day` starts in."""
    return day.year if day.month >= 4 else day.year - 1


def period_containing(day: date, frequency: str) -> Period:
    months = MONTHS_IN[frequency]
    # Count months from April so quarters and years line up with the financial year.
    offset = (day.month - 4) % 12 // months * months
    start_month = (4 + offset - 1) % 12 + 1
    start_year = financial_year(day) + (1 if start_month < 4 else 0)
    start = date(start_year, start_month, 1)
    end = _add_months_end(start, months - 1)
    return Period(start, end, frequency)


def last_ended(today: date, frequency: str) -> Period:
    """The most recent period that has ended: the one whose file is due next or is late."""
    return period_containing(today, frequency).previous()


def periods_between(first_start: date, today: date, frequency: str) -> list[Period]:
    """Every period from the one containing `first_start` up to the last that has ended."""
    out: list[Period] = []
    period = period_containing(first_start, frequency)
    while period.end < today:
        out.append(period)
        period = period.next()
    return out


def _add_months_end(day: date, months: int) -> date:
    """The last day of the month `months` after `day`'s month, clamped (Feb 28/29)."""
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    month += 1
    # A deadline of "one month after" a month-end is that next month's end.
    return date(year, month, calendar.monthrange(year, month)[1])
