"""Posting limits for new accounts, so a new or hijacked account cannot flood the site.

An account younger than `TOWNSQUARE_NEW_ACCOUNT_HOURS` may post at most
`TOWNSQUARE_NEW_ACCOUNT_POSTS_PER_HOUR` items (questions, answers, comments, reuses, guides,
posts, requests: every `Hideable` model, counted through its `AUTHOR_FIELD`) in any hour.
Administrators are never limited."""

from __future__ import annotations

from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.utils import timezone

from .models.common import Hideable


def check_can_post(user) -> str | None:
    """None when the person may post now; otherwise the message to show them."""
    if user is None or not user.is_authenticated:
        return "Sign in to post"
    if user.is_superuser:
        return None
    now = timezone.now()
    if user.date_joined < now - timedelta(hours=settings.NEW_ACCOUNT_HOURS):
        return None
    limit = settings.NEW_ACCOUNT_POSTS_PER_HOUR
    if _posts_since(user, now - timedelta(hours=1)) < limit:
        return None
    return f"New accounts can post {limit} times an hour. Please wait a while before posting again."


def _posts_since(user, since) -> int:
    total = 0
    for model in apps.get_app_config("knowledge").get_models():
        if not issubclass(model, Hideable):
            continue
        fields = {f.name for f in model._meta.get_fields()}
        if "created" not in fields or model.AUTHOR_FIELD not in fields:
            continue
        total += model._default_manager.filter(
            **{model.AUTHOR_FIELD: user, "created__gte": since}
        ).count()
    return total
