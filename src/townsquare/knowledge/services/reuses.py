"""Reuses of a dataset: submitted by anyone signed in, shown after a moderator approves."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from townsquare.knowledge import permissions
from townsquare.knowledge.models import Reuse
from townsquare.knowledge.signals_search import content_changed


@transaction.atomic
def reuse_submit(
    *, dataset, submitted_by, title: str, url: str, description: str = "", kind: str = "other"
) -> Reuse:
    reuse = Reuse(
        dataset=dataset,
        submitted_by=submitted_by,
        title=title.strip(),
        url=url.strip(),
        description=description.strip(),
        kind=kind,
    )
    reuse.full_clean()
    reuse.save()
    content_changed(reuse)
    return reuse


@transaction.atomic
def reuse_review(*, reuse: Reuse, actor, approve: bool) -> Reuse:
    if not permissions.can_moderate(actor, reuse):
        raise PermissionDenied("Only moderators can review reuses")
    reuse.status = Reuse.Status.APPROVED if approve else Reuse.Status.REJECTED
    reuse.reviewed_by = actor
    reuse.reviewed_at = timezone.now()
    reuse.save(update_fields=["status", "reviewed_by", "reviewed_at"])
    content_changed(reuse)
    return reuse
