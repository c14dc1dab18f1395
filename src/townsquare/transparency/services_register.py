"""Registering a Code dataset: the series that meets it, audited like other changes."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from townsquare.core.audit import Action, audit_record

from . import periods
from .code import CodeDataset
from .models import Series


@transaction.atomic
def register_code_dataset(
    *, actor, code: CodeDataset, dataset, responsible_unit, first_period_start: date, request=None
) -> Series:
    """Make `dataset` the council's series for this Code dataset; its schema and frequency come
    from the Code. Raises IntegrityError if the Code dataset or the dataset is taken."""
    start = periods.period_containing(first_period_start, code.frequency).start
    series = Series.objects.create(
        dataset=dataset,
        schema=code.schema,
        frequency=code.frequency,
        code_dataset=code.key,
        responsible_unit=responsible_unit,
        first_period_start=start,
    )
    audit_record(
        actor=actor,
        action=Action.CREATE,
        obj=series,
        request=request,
        details={"code_dataset": code.key, "dataset": dataset.slug,
                 "responsible_unit": responsible_unit.slug, "first_period_start": str(start)},
    )  # fmt: skip
    return series
