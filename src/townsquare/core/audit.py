"""Writing to the audit log."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import models
from django.db.models import QuerySet
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


def events_search(
    *,
    object_type: str,
    object_ids: Iterable[object] | None = None,
    actor_email: str = "",
    actions: Iterable[str] = (),
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[AuditEvent]:
    """Events about objects of one type (all of them, or those with `object_ids`), filtered."""
    events = AuditEvent.objects.filter(object_type=object_type)
    if object_ids is not None:
        events = events.filter(object_id__in=[str(i) for i in object_ids])
    if actor_email:
        events = events.filter(actor_email__icontains=actor_email)
    if actions := list(actions):
        events = events.filter(action__in=actions)
    if since:
        events = events.filter(at__date__gte=since)
    if until:
        events = events.filter(at__date__lte=until)
    return events.order_by("-at", "-pk")
