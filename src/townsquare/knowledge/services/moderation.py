"""Reports, hiding and restoring. Every hide and restore is written to the audit log."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.http import HttpRequest
from django.utils import timezone

from townsquare.core.audit import Action, audit_record
from townsquare.knowledge import permissions
from townsquare.knowledge.models import Report
from townsquare.knowledge.signals_search import content_changed


@transaction.atomic
def report_create(*, target: models.Model, reporter, reason: str, details: str = "") -> Report:
    report = Report(
        content_type=ContentType.objects.get_for_model(target),
        object_id=target.pk,
        reporter=reporter,
        reason=reason,
        details=details.strip(),
    )
    report.full_clean()
    report.save()
    return report


@transaction.atomic
def content_hide(
    *, target: models.Model, actor, reason: str, request: HttpRequest | None = None
) -> models.Model:
    """Hide an item from everyone but moderators, keeping its text so it can be restored.
    Open reports about it are closed as "content hidden"."""
    _check(actor, target)
    target.is_hidden = True
    target.hidden_reason = reason.strip()[:500]
    target.hidden_by = actor
    target.hidden_at = timezone.now()
    target.save(update_fields=["is_hidden", "hidden_reason", "hidden_by", "hidden_at"])
    _resolve_reports(target, actor, Report.Status.HIDDEN)
    audit_record(
        actor=actor,
        action=Action.EDIT,
        obj=target,
        request=request,
        details={"moderation": "hidden", "reason": target.hidden_reason},
    )
    content_changed(target)
    return target


@transaction.atomic
def content_restore(
    *, target: models.Model, actor, reason: str, request: HttpRequest | None = None
) -> models.Model:
    _check(actor, target)
    target.is_hidden = False
    target.hidden_reason = ""
    target.hidden_by = None
    target.hidden_at = None
    target.save(update_fields=["is_hidden", "hidden_reason", "hidden_by", "hidden_at"])
    audit_record(
        actor=actor,
        action=Action.EDIT,
        obj=target,
        request=request,
        details={"moderation": "restored", "reason": reason.strip()[:500]},
    )
    content_changed(target)
    return target


@transaction.atomic
def report_dismiss(*, report: Report, actor) -> Report:
    _check(actor, report.target)
    report.status = Report.Status.DISMISSED
    report.resolved_by = actor
    report.resolved_at = timezone.now()
    report.save(update_fields=["status", "resolved_by", "resolved_at"])
    return report


def _resolve_reports(target: models.Model, actor, status: str) -> None:
    Report.objects.filter(
        content_type=ContentType.objects.get_for_model(target),
        object_id=target.pk,
        status=Report.Status.OPEN,
    ).update(status=status, resolved_by=actor, resolved_at=timezone.now())


def _check(actor, target) -> None:
    if not permissions.can_moderate(actor, target):
        raise PermissionDenied("Only moderators can do that")
