"""Reads about grants of access to restricted data, and the service contacts the
personal-data scan ignores."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q, QuerySet

from .models import AccessRequest, Grant, ServiceContact
from .personal_data import ServiceContacts


def granted_dataset_ids(*, user_id: int, unit_ids: Iterable[int]) -> frozenset[int]:
    """Datasets a person holds an active grant to, directly or through one of their units."""
    who = Q(user_id=user_id) | Q(unit_id__in=list(unit_ids))
    return frozenset(Grant.objects.active().filter(who).values_list("dataset_id", flat=True))


def grant_scope(
    *, user_id: int, unit_ids: Iterable[int]
) -> tuple[frozenset[int], dict[int, frozenset[str]]]:
    """In one query: the datasets a person holds an active grant to (directly or through one of
    their units), and those of them whose every such grant names columns, with the union of the
    names given. A dataset with any active grant for every column has no limit."""
    who = Q(user_id=user_id) | Q(unit_id__in=list(unit_ids))
    granted: set[int] = set()
    named: dict[int, set[str]] = {}
    every_column: set[int] = set()
    for pk, columns in Grant.objects.active().filter(who).values_list("dataset_id", "columns"):
        granted.add(pk)
        if columns:
            named.setdefault(pk, set()).update(columns)
        else:
            every_column.add(pk)
    limits = {pk: frozenset(names) for pk, names in named.items() if pk not in every_column}
    return frozenset(granted), limits


def grants_for_dataset(dataset) -> QuerySet[Grant]:
    return Grant.objects.filter(dataset=dataset).select_related(
        "user", "unit", "approved_by", "revoked_by"
    )


def requests_for_datasets(datasets: QuerySet) -> QuerySet[AccessRequest]:
    """Requests for these datasets (pass the ones a steward looks after), newest first."""
    return AccessRequest.objects.filter(dataset__in=datasets).select_related(
        "dataset", "requester", "grant"
    )


def requests_awaiting_caldicott() -> QuerySet[AccessRequest]:
    return AccessRequest.objects.filter(
        status=AccessRequest.Status.PENDING,
        dataset__contains_special_category_data=True,
        caldicott_at__isnull=True,
    ).select_related("dataset", "requester")


def requests_by(user) -> QuerySet[AccessRequest]:
    return AccessRequest.objects.filter(requester=user).select_related("dataset", "grant")


def access_request_get(pk: int) -> AccessRequest | None:
    return (
        AccessRequest.objects.select_related(
            "dataset", "dataset__publisher", "requester", "steward_decision_by", "caldicott_by"
        )
        .filter(pk=pk)
        .first()
    )


def grants_held_by(user) -> QuerySet[Grant]:
    """Grants made to this person by name, current and past."""
    return Grant.objects.filter(user=user).select_related("dataset", "approved_by")


def datasets_with_personal_data() -> QuerySet:
    """Datasets flagged as holding personal data: the Caldicott Guardian's view of the audit
    trail. (Read here rather than through core.access: this is a role's scope, not a reader's.)"""
    from townsquare.catalogue.models import Dataset

    return Dataset.objects.filter(
        Q(contains_personal_data=True) | Q(contains_special_category_data=True)
    )


def agreements(*, due_within_days: int | None = None) -> QuerySet:
    from datetime import timedelta

    from django.utils import timezone

    from .models import DataSharingAgreement

    found = DataSharingAgreement.objects.prefetch_related("internal_parties")
    if due_within_days is not None:
        found = found.filter(
            review_date__lte=timezone.localdate() + timedelta(days=due_within_days)
        )
    return found


def agreement_get(pk: int):
    from .models import DataSharingAgreement

    return DataSharingAgreement.objects.filter(pk=pk).first()


def grants_managed_in(datasets: QuerySet) -> QuerySet[Grant]:
    """Active and past grants on these datasets (pass the ones the person manages)."""
    return Grant.objects.filter(dataset__in=datasets).select_related("dataset", "user", "unit")


def service_contacts() -> ServiceContacts:
    """The service contacts the personal-data scan ignores, as the scanner compares them."""
    rows = list(ServiceContact.objects.values_list("kind", "key"))
    return ServiceContacts(
        emails=frozenset(key for kind, key in rows if kind == ServiceContact.Kind.EMAIL),
        phones=frozenset(key for kind, key in rows if kind == ServiceContact.Kind.PHONE),
    )
