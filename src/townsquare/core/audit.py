"""Writing to the audit log."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import HttpRequest

from .models import AuditEvent

Action = AuditEvent.Action


def audit_record(
    *,
    actor,
    action: str,
    obj: models.Model,
    request: HttpRequest | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event. `request` supplies where it came from (address and browser)."""
    authenticated = actor is not None and actor.is_authenticated
    return AuditEvent.objects.create(
        actor=actor if authenticated else None,
        actor_email=actor.email if authenticated else "",
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        ip_address=_client_ip(request),
        user_agent=(request.headers.get("User-Agent", "")[:300] if request else ""),
        details=details or {},
    )


def _client_ip(request: HttpRequest | None) -> str | None:
    # REMOTE_ADDR only: X-Forwarded-For is client-controlled unless a trusted proxy rewrites it,
    # and gunicorn sets REMOTE_ADDR from the proxy's forwarded header when configured to.
    return request.META.get("REMOTE_ADDR") or None if request else None


def events_for(obj: models.Model, *, limit: int = 100):
    return AuditEvent.objects.filter(
        object_type=obj._meta.label_lower, object_id=str(obj.pk)
    ).select_related("actor")[:limit]
