"""Reminders to the team responsible for a Code dataset: once before the deadline, once when it
has passed, for each period (a `ReminderSent` row records each, under a unique constraint).

Recipients are the publishers who work in the responsible unit (or, if none, everyone who does)
and may see the dataset, plus the unit's shared mailbox when the dataset is open and published:
a reminder names the dataset, so it goes to no one the access policy would hide it from.
There is no in-app notification feed in Townsquare yet; the staff dashboard shows the same
work to do.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from townsquare.accounts import selectors as people
from townsquare.accounts.models import Role
from townsquare.catalogue.models import AccessLevel, Dataset
from townsquare.core import access

from .code import BY_KEY
from .models import ReminderSent, Series
from .register import REMINDER_DAYS_BEFORE, PeriodState, State, code_series, series_entry


@dataclass(frozen=True)
class Reminder:
    series: Series
    period: PeriodState
    kind: str  # a ReminderSent.Kind
    recipients: list[str]


def due_reminders(today: date) -> list[Reminder]:
    """The reminders that should go out today and have not gone yet."""
    out = []
    for key, series in code_series().items():
        code = BY_KEY.get(key)
        if code is None:
            continue
        entry = series_entry(code, series, today)
        for period, kind in _wanted(entry.current, entry.latest, today):
            already = ReminderSent.objects.filter(
                series=series, period_start=period.period.start, kind=kind
            ).exists()
            if not already:
                out.append(Reminder(series, period, kind, recipients(series)))
    return out


def _wanted(current: PeriodState | None, latest: PeriodState | None, today: date):
    """An overdue reminder for the period shown as overdue; a due-soon one for the latest
    ended period in the last days before its deadline."""
    if current is not None and current.state == State.MISSING:
        yield current, ReminderSent.Kind.OVERDUE
    if (
        latest is not None
        and latest.state == State.DUE_SOON
        and latest.days_left(today) <= REMINDER_DAYS_BEFORE
    ):
        yield latest, ReminderSent.Kind.DUE_SOON


def recipients(series: Series) -> list[str]:
    """Email addresses of the responsible team, only people who may see the dataset."""
    unit, dataset = series.responsible_unit, series.dataset
    members = list(people.people_in_unit(unit))
    publisher_ids = set(
        people.people_with_role(Role.Kind.PUBLISHER, over_unit=unit).values_list("pk", flat=True)
    )
    chosen = [p for p in members if p.pk in publisher_ids] or members
    emails = {p.email for p in chosen if p.email and access.can(p, "view", dataset)}
    public = dataset.access_level == AccessLevel.OPEN and dataset.status == Dataset.Status.PUBLISHED
    if unit.email and public:
        emails.add(unit.email)
    return sorted(emails)


def send_reminders(today: date | None = None, *, dry_run: bool = False) -> list[Reminder]:
    """Send each reminder due today once; the reminders sent (or, with dry_run, to send)."""
    today = today or timezone.localdate()
    sent = []
    for reminder in due_reminders(today):
        if dry_run:
            sent.append(reminder)
            continue
        try:
            # Recorded and sent together: if the mail fails, the record is rolled back and the
            # next run tries again; if another worker got there first, the constraint stops us.
            with transaction.atomic():
                ReminderSent.objects.create(
                    series=reminder.series,
                    period_start=reminder.period.period.start,
                    kind=reminder.kind,
                )
                if reminder.recipients:
                    subject, body = message(reminder, today)
                    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, reminder.recipients)
        except IntegrityError:
            continue
        sent.append(reminder)
    return sent


def message(reminder: Reminder, today: date) -> tuple[str, str]:
    series, period = reminder.series, reminder.period
    title = series.dataset.title
    due = f"{period.due:%-d %B %Y}"
    url = settings.SITE_URL + series.dataset.get_absolute_url()
    dashboard = settings.SITE_URL + reverse("transparency:dashboard")
    if reminder.kind == ReminderSent.Kind.OVERDUE:
        subject = f"Overdue: {title}, {period.label}"
        opening = (
            f"The Transparency Code file for “{title}”, {period.label}, was due by {due} "
            "and has not been published."
        )
    else:
        days = period.days_left(today)
        subject = f"Due by {due}: {title}, {period.label}"
        opening = (
            f"The Transparency Code file for “{title}”, {period.label}, is due by {due} "
            f"({days} day{'s' if days != 1 else ''} from today)."
        )
    body = (
        f"{opening}\n\n"
        f"Upload and publish it from the dataset page: {url}\n\n"
        f"Everything your team must publish next is on the transparency dashboard: {dashboard}\n"
    )
    return subject, body


@task()
def send_reminders_task() -> int:
    """Send the reminders due today; `townsquare serve` enqueues this with the other periodic
    tasks (core/schedule.py)."""
    return len(send_reminders())
