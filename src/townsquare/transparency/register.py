"""The register of Code datasets: for each dataset the Transparency Code asks for, the series
that meets it, the period whose file matters now, its due date and whether it is on time.

States, in words (docs/transparency.md):

- published on time / published late: the latest ended period is published, on or before its
  due date or after it;
- due soon: a period has ended and its file is not yet published, but its deadline (one month
  after the period ends) has not passed;
- overdue: a period's deadline has passed and its file was never published (the most recent
  such period is the one shown);
- not yet due: the series is set up but its first period has not ended;
- not set up: no series meets this Code dataset;
- not published: a series exists but the viewer may not see its dataset (its title and history
  are not shown, so a restricted or internal dataset does not leak through the register).

Every read of a series' dataset goes through `core.access`: pass the viewing user.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from django.utils import timezone

from townsquare.core import access

from . import periods
from .code import CODE_DATASETS, CodeDataset
from .models import Period, Series

# The "due soon" reminder goes this many days before the deadline.
REMINDER_DAYS_BEFORE = 14


class State(StrEnum):
    ON_TIME = "published-on-time"
    LATE = "published-late"
    DUE_SOON = "due-soon"
    OVERDUE = "overdue"
    MISSING = "missing"  # a past period never published (history only)
    NOT_YET_DUE = "not-yet-due"
    NOT_SET_UP = "not-set-up"
    NOT_PUBLISHED = "not-published"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def tag_class(self) -> str:
        """The GOV.UK tag colour for this state."""
        return _TAG_CLASSES[self]

    @property
    def published(self) -> bool:
        return self in (State.ON_TIME, State.LATE)


_LABELS = {
    State.ON_TIME: "Published on time",
    State.LATE: "Published late",
    State.DUE_SOON: "Due soon",
    State.OVERDUE: "Overdue",
    State.MISSING: "Missing",
    State.NOT_YET_DUE: "Not yet due",
    State.NOT_SET_UP: "Not set up",
    State.NOT_PUBLISHED: "Not published",
}
_TAG_CLASSES = {
    State.ON_TIME: "govuk-tag--green",
    State.LATE: "govuk-tag--yellow",
    State.DUE_SOON: "govuk-tag--blue",
    State.OVERDUE: "govuk-tag--red",
    State.MISSING: "govuk-tag--red",
    State.NOT_YET_DUE: "govuk-tag--grey",
    State.NOT_SET_UP: "govuk-tag--grey",
    State.NOT_PUBLISHED: "govuk-tag--grey",
}


@dataclass(frozen=True)
class PeriodState:
    """One period of a series and how its file stands."""

    period: periods.Period
    state: State
    published: date | None = None  # the day its file was published, in the council's time
    record: Period | None = None

    @property
    def due(self) -> date:
        return self.period.due

    @property
    def label(self) -> str:
        return self.period.label

    def days_left(self, today: date) -> int:
        return (self.period.due - today).days


@dataclass(frozen=True)
class Entry:
    """One line of the register: a Code dataset and, if set up and visible, its series."""

    code: CodeDataset
    state: State
    series: Series | None = None  # None when not set up, or when the viewer may not see it
    current: PeriodState | None = None  # the period whose file matters now
    latest: PeriodState | None = None  # the most recent period that has ended
    history: list[PeriodState] = field(default_factory=list)  # newest first

    @property
    def frequency(self) -> str:
        return self.series.frequency if self.series else self.code.frequency

    @property
    def due(self) -> date | None:
        return self.current.due if self.current else None

    @property
    def missing(self) -> list[PeriodState]:
        return [p for p in self.history if p.state == State.MISSING]

    @property
    def also_missing(self) -> list[PeriodState]:
        """Periods never published besides the one shown as current."""
        return [p for p in self.missing if p is not self.current]

    @property
    def next_period(self) -> periods.Period | None:
        """The period whose file the team must publish next."""
        if self.current is None:
            return None
        if self.current.state.published:
            return self.current.period.next()
        return self.current.period

    @property
    def last_published(self) -> datetime | None:
        stamps = [p.record.published for p in self.history if p.record and p.state.published]
        return max(stamps) if stamps else None


def is_published(record: Period | None) -> bool:
    return (
        record is not None
        and record.status == Period.Status.PUBLISHED
        and record.published is not None
    )


def period_state(period: periods.Period, record: Period | None, today: date) -> PeriodState:
    """How one period's file stands on `today`."""
    if is_published(record):
        day = timezone.localtime(record.published).date()
        state = State.ON_TIME if day <= period.due else State.LATE
        return PeriodState(period, state, day, record)
    if period.end >= today:
        state = State.NOT_YET_DUE
    elif today > period.due:
        state = State.MISSING
    else:
        state = State.DUE_SOON
    return PeriodState(period, state, None, record)


def series_entry(code: CodeDataset, series: Series, today: date) -> Entry:
    """The register line for a series the viewer may see."""
    records = {p.start: p for p in series.periods.all()}
    ended = periods.periods_between(series.first_period_start, today, series.frequency)
    history = [period_state(p, records.get(p.start), today) for p in reversed(ended)]
    if not history:
        first = periods.period_containing(series.first_period_start, series.frequency)
        current = period_state(first, records.get(first.start), today)
        return Entry(code, State.NOT_YET_DUE, series, current, None, [])
    latest = history[0]
    missing = [p for p in history if p.state == State.MISSING]
    if missing:
        # A deadline has passed without the file: that is what the register shows first.
        return Entry(code, State.OVERDUE, series, missing[0], latest, history)
    return Entry(code, latest.state, series, latest, latest, history)


def code_series() -> dict[str, Series]:
    """Every series meeting a Code dataset, by Code key, with what the register shows."""
    found = (
        Series.objects.exclude(code_dataset="")
        .select_related("dataset", "responsible_unit")
        .prefetch_related("periods")
    )
    return {s.code_dataset: s for s in found}


def register(user, today: date | None = None) -> list[Entry]:
    """The register as `user` may see it, in the Code's order."""
    today = today or timezone.localdate()
    by_key = code_series()
    visible = set(
        access.datasets_visible_to(user)
        .filter(pk__in=[s.dataset_id for s in by_key.values()])
        .values_list("pk", flat=True)
    )
    entries = []
    for code in CODE_DATASETS:
        series = by_key.get(code.key)
        if series is None:
            entries.append(Entry(code, State.NOT_SET_UP))
        elif series.dataset_id not in visible:
            entries.append(Entry(code, State.NOT_PUBLISHED))
        else:
            entries.append(series_entry(code, series, today))
    return entries


def counts(entries: list[Entry]) -> Counter[State]:
    return Counter(e.state for e in entries)


def last_updated(entries: list[Entry]) -> datetime | None:
    """When a file was last published among the visible entries."""
    stamps = [e.last_published for e in entries if e.last_published]
    return max(stamps) if stamps else None


def as_json(entries: list[Entry], today: date) -> dict:
    """The register for `/transparency.json`: ISO 8601 dates, keys in camelCase like the API."""

    def period(p: PeriodState | None) -> dict | None:
        if p is None:
            return None
        return {
            "label": p.label,
            "start": p.period.start.isoformat(),
            "end": p.period.end.isoformat(),
            "due": p.due.isoformat(),
            "state": str(p.state),
            "published": p.published.isoformat() if p.published else None,
        }

    def entry(e: Entry) -> dict:
        series = e.series
        return {
            "key": e.code.key,
            "title": e.code.title,
            "required": e.code.required,
            "frequency": e.frequency,
            "state": str(e.state),
            "stateLabel": e.state.label,
            "dataset": (
                {"title": series.dataset.title, "url": series.dataset.get_absolute_url()}
                if series
                else None
            ),
            "currentPeriod": period(e.current),
            "history": [period(p) for p in e.history],
        }

    updated = last_updated(entries)
    return {
        "checked": today.isoformat(),
        "lastUpdated": updated.isoformat() if updated else None,
        "counts": {str(state): n for state, n in counts(entries).items()},
        "datasets": [entry(e) for e in entries],
    }


@dataclass(frozen=True)
class Team:
    """A publishing team's part of the register, for the staff dashboard."""

    unit: object | None  # an accounts.OrgUnit; None for the groups without a team
    entries: list[Entry]
    heading: str


def next_step(entry: Entry, today: date) -> str:
    """What the responsible team must do next, in a sentence."""
    if entry.state == State.NOT_SET_UP:
        return "Set up a series for this dataset so the register can track it."
    if entry.state == State.NOT_PUBLISHED:
        return "You cannot see this series' dataset."
    current, upcoming = entry.current, entry.next_period
    if entry.state == State.OVERDUE:
        late_days = (today - current.due).days
        return (
            f"Upload and publish the {current.label} file: overdue since "
            f"{current.due:%-d %B %Y} ({late_days} day{'s' if late_days != 1 else ''} late)."
        )
    if entry.state == State.DUE_SOON:
        return f"Upload and publish the {current.label} file by {current.due:%-d %B %Y}."
    return f"Next: upload the {upcoming.label} file by {upcoming.due:%-d %B %Y}."


# Teams with the most urgent work first.
_URGENCY = [State.OVERDUE, State.DUE_SOON, State.NOT_YET_DUE, State.LATE, State.ON_TIME]


def by_team(entries: list[Entry]) -> list[Team]:
    """Entries grouped by the series' responsible unit, most urgent team first; then the Code
    datasets not set up, then those whose series the viewer may not see."""
    teams: dict[int, list[Entry]] = {}
    units: dict[int, object] = {}
    for entry in entries:
        if entry.series is not None:
            unit = entry.series.responsible_unit
            units[unit.pk] = unit
            teams.setdefault(unit.pk, []).append(entry)

    def urgency(pk: int) -> tuple[int, str]:
        worst = min(_URGENCY.index(e.state) for e in teams[pk])
        return worst, units[pk].name

    grouped = [Team(units[pk], teams[pk], units[pk].name) for pk in sorted(teams, key=urgency)]
    for state, heading in ((State.NOT_SET_UP, "Not set up"),
                           (State.NOT_PUBLISHED, "Series you cannot see")):  # fmt: skip
        loose = [e for e in entries if e.state == state]
        if loose:
            grouped.append(Team(None, loose, heading))
    return grouped
