"""The demo council's Transparency Code register: spend, contracts, land and toilets registered
as Code series, with periods dated from today so the compliance page always shows a realistic
mix — spend mostly on time with one late quarter and the latest one due soon or overdue,
contracts overdue, land published on time every year, public toilets published. The other Code
datasets are left not set up.

Each published period links to the demo's file for it where the catalogue has one: the spend
quarters of 2025/26, and the one file of each other series for the period ending 31 March 2026.
The periods are recorded directly while their files are still queued for the task worker, so
the series' combined tables (`all_periods`) are rebuilt by a task once those files are loaded.

Idempotent: series and periods are fetched or created by their natural keys.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from townsquare.accounts.models import OrgUnit
from townsquare.catalogue.models import Dataset
from townsquare.transparency import periods, series_services
from townsquare.transparency.code import BY_KEY
from townsquare.transparency.models import Period, Series

# (Code key, dataset slug, responsible unit slug, periods to track)
REGISTRATIONS = (
    ("spend", "spending-over-500", "accountancy", 6),
    ("contracts", "contracts-over-5000", "procurement", 5),
    ("land", "land-and-buildings", "estates-and-property", 3),
    ("public-toilets", "public-toilets", "parks-and-open-spaces", 2),
)
ON_TIME_DAYS, LATE_DAYS = 20, 9  # published 20 days after the period ends; 9 days after the due
# The series with one file: its title, and the end of the period it was published for.
SINGLE_FILES = {
    "contracts": ("Contracts register, March 2026", date(2026, 3, 31)),
    "land": ("Land and buildings at 31 March 2026", date(2026, 3, 31)),
    "public-toilets": ("Public toilets, April 2026", date(2026, 3, 31)),
}


def load_registrations(today: date | None = None) -> dict[str, int]:
    """Register the four Code series and their periods; the number of series and periods. Their
    combined tables are queued to be rebuilt once the worker has loaded the periods' files."""
    today = today or timezone.localdate()
    datasets = Dataset.objects.in_bulk([slug for _, slug, _, _ in REGISTRATIONS], field_name="slug")
    units = OrgUnit.objects.in_bulk([unit for _, _, unit, _ in REGISTRATIONS], field_name="slug")
    made = {"transparency_series": 0, "transparency_periods": 0}
    registered = []
    for key, slug, unit_slug, count in REGISTRATIONS:
        dataset, unit = datasets.get(slug), units.get(unit_slug)
        if dataset is None or unit is None:
            continue
        code = BY_KEY[key]
        latest = periods.last_ended(today, code.frequency)
        tracked = [latest]
        while len(tracked) < count:
            tracked.insert(0, tracked[0].previous())
        series, _ = Series.objects.get_or_create(
            dataset=dataset,
            defaults={"schema": code.schema, "frequency": code.frequency, "code_dataset": key,
                      "responsible_unit": unit, "first_period_start": tracked[0].start},
        )  # fmt: skip
        made["transparency_series"] += 1
        registered.append(series)
        resources = {r.title: r for r in dataset.resources.all()}
        for index, period in enumerate(tracked):
            published = _published(key, index, len(tracked), period, today)
            if published is None:
                continue  # nothing uploaded yet for this period
            _, created = Period.objects.get_or_create(
                series=series,
                start=period.start,
                defaults={"end": period.end, "status": Period.Status.PUBLISHED,
                          "uploaded": published, "published": published,
                          "resource": _resource_for(key, resources, period)},
            )  # fmt: skip
            made["transparency_periods"] += created
    series_services.combined_tables_rebuild_when_loaded(series=registered)
    return made


def _published(key: str, index: int, count: int, period: periods.Period, today: date):
    """When this period's file was published in the demo's story; None if it is not yet."""
    from_end = count - 1 - index  # 0 for the latest ended period
    if key == "spend" and from_end == 0:
        return None  # this quarter's file: due soon or overdue, depending on today
    if key == "contracts" and from_end <= 1:
        return None  # the last two quarters are missing: overdue
    if key == "spend" and from_end == 3:
        return _at(min(period.due + timedelta(days=LATE_DAYS), today - timedelta(days=1)))
    return _at(min(period.end + timedelta(days=ON_TIME_DAYS), today - timedelta(days=1)))


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10, 30)))


def _resource_for(key: str, resources: dict, period: periods.Period):
    """The demo's file for this period, where the catalogue has it: a series' single file, or
    the spend file for the quarter ("…: 2025/26 quarter 2 (…)")."""
    if key in SINGLE_FILES:
        title, period_end = SINGLE_FILES[key]
        return resources.get(title) if period.end == period_end else None
    if period.frequency != "quarterly":
        return None
    year = periods.financial_year(period.start)
    quarter = (period.start.month - 4) % 12 // 3 + 1
    wanted = f"{year}/{(year + 1) % 100:02d} quarter {quarter} "
    return next((r for title, r in resources.items() if wanted in title), None)
