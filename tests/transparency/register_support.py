"""Small builders for the register's tests: a council with one team and Code series."""

from __future__ import annotations

from datetime import date, datetime, time

from django.utils import timezone
from factories import dataset, person, unit

from townsquare.transparency.code import BY_KEY
from townsquare.transparency.models import Period, Series


def at(day: date, hour: int = 10, minute: int = 0) -> datetime:
    """An aware datetime in the council's time zone."""
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def code_series(key: str, ds, team, first: date) -> Series:
    code = BY_KEY[key]
    return Series.objects.create(
        dataset=ds, schema=code.schema, frequency=code.frequency, code_dataset=key,
        responsible_unit=team, first_period_start=first,
    )  # fmt: skip


def publish(series: Series, start: date, end: date, when: datetime | None, *,
            status: str = Period.Status.PUBLISHED) -> Period:  # fmt: skip
    return Period.objects.create(
        series=series, start=start, end=end, status=status, uploaded=when, published=when
    )


def council():
    """A council with a Finance team, a publisher in it and an outsider."""
    root = unit("Council", "organisation")
    finance = unit("Finance", "team", root)
    finance.email = "finance@council.example"
    finance.save()
    people = {
        "publisher": person(
            "Pat Publisher", team=finance, roles=[("staff", None), ("publisher", finance)]
        ),
        "clerk": person("Cal Clerk", team=finance, roles=[("staff", None)]),
        "staff": person("Sam Staff", roles=[("staff", None)]),
        "admin": person("Ada Admin", admin=True),
        "resident": person("Rita Resident"),
    }
    return root, finance, people


def open_dataset(title: str, team):
    return dataset(title, publisher=team, access_level="open")
