"""Reads about grants of access to restricted data."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q, QuerySet

from .models import Grant


def granted_dataset_ids(*, user_id: int, unit_ids: Iterable[int]) -> frozenset[int]:
    """Datasets a person holds an active grant to, directly or through one of their units."""
    who = Q(user_id=user_id) | Q(unit_id__in=list(unit_ids))
    return frozenset(Grant.objects.active().filter(who).values_list("dataset_id", flat=True))


def grants_for_dataset(dataset) -> QuerySet[Grant]:
    return Grant.objects.filter(dataset=dataset).select_related(
        "user", "unit", "approved_by", "revoked_by"
    )
