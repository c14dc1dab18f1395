"""Reads for moderators: open reports and reuses waiting for approval."""

from __future__ import annotations

from django.db.models import QuerySet

from townsquare.knowledge import permissions
from townsquare.knowledge.models import Report, Reuse


def open_reports(user) -> list[Report]:
    """Open reports about content this person moderates, oldest first."""
    if not permissions.can_moderate(user):
        return []
    reports = Report.objects.filter(status=Report.Status.OPEN).select_related(
        "reporter", "content_type"
    )
    return [r for r in reports if r.target is not None and permissions.can_moderate(user, r.target)]


def report_for_moderator(user, pk: int) -> Report | None:
    report = Report.objects.filter(pk=pk).first()
    if report is None or report.target is None or not permissions.can_moderate(user, report.target):
        return None
    return report


def pending_reuses(user) -> QuerySet[Reuse]:
    if not (user.is_authenticated and user.is_superuser):
        return Reuse.objects.none()
    return Reuse.objects.filter(status=Reuse.Status.PENDING).select_related(
        "dataset", "submitted_by"
    )


def recently_hidden(user, model, *, limit: int = 20):
    if not permissions.can_moderate(user):
        return model.objects.none()
    return model.objects.filter(is_hidden=True).order_by("-hidden_at")[:limit]
