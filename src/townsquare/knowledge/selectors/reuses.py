"""Reads for reuses of datasets."""

from __future__ import annotations

from django.db.models import QuerySet

from townsquare.knowledge.models import Reuse


def approved_reuses(dataset) -> QuerySet[Reuse]:
    """Approved, not hidden reuses of a dataset the caller already checked is visible."""
    return Reuse.objects.filter(dataset=dataset, status=Reuse.Status.APPROVED, is_hidden=False)


def reuse_get(pk: int) -> Reuse | None:
    return Reuse.objects.select_related("dataset", "submitted_by").filter(pk=pk).first()
