"""Giving and taking away access to restricted datasets."""

from __future__ import annotations

from datetime import date, datetime, time

from django.db import transaction
from django.utils import timezone

from townsquare.core.audit import Action, audit_record

from .models import Grant


@transaction.atomic
def grant_create(
    *, dataset, approver, purpose: str, expires: date | datetime, user=None, unit=None,
    request=None, columns: list[str] | None = None,
) -> Grant:  # fmt: skip
    """Access to `dataset` for a person or a unit, until the end of the `expires` day."""
    if isinstance(expires, date) and not isinstance(expires, datetime):
        expires = timezone.make_aware(datetime.combine(expires, time.max))
    grant = Grant(
        dataset=dataset, user=user, unit=unit, purpose=purpose, approved_by=approver,
        expires_at=expires, columns=list(columns or []),
    )  # fmt: skip
    grant.full_clean()
    grant.save()
    audit_record(
        actor=approver,
        action=Action.GRANT,
        obj=dataset,
        request=request,
        details={
            "grant": grant.pk,
            "to": str(grant.grantee),
            "purpose": purpose,
            "expires": grant.expires_at.isoformat(),
            "columns": grant.columns,
        },
    )
    return grant


@transaction.atomic
def grant_revoke(*, grant: Grant, actor, request=None) -> Grant:
    grant.revoked_at = timezone.now()
    grant.revoked_by = actor
    grant.save(update_fields=["revoked_at", "revoked_by"])
    audit_record(
        actor=actor,
        action=Action.REVOKE,
        obj=grant.dataset,
        request=request,
        details={"grant": grant.pk, "from": str(grant.grantee)},
    )
    return grant
