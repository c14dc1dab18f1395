"""Writes about people."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from townsquare.core.audit import Action, audit_record

from .models import ApiToken, User

PROFILE_FIELDS = ("job_title", "bio", "phone", "skills")


@transaction.atomic
def profile_update(*, user: User, job_title: str, bio: str, phone: str, skills: list[str]) -> User:
    """A person's own description of themselves: what they do and what to ask them about."""
    user.job_title = job_title.strip()
    user.bio = bio.strip()
    user.phone = phone.strip()
    seen: dict[str, str] = {}
    for skill in skills:
        cleaned = " ".join(skill.split())[:60]
        if cleaned:
            seen.setdefault(cleaned.lower(), cleaned)
    user.skills = list(seen.values())[:30]
    user.full_clean()
    user.save(update_fields=list(PROFILE_FIELDS))
    return user


# API tokens (ADR 0019): "ts_" and 43 URL-safe characters (256 random bits). Only the SHA-256
# digest is stored; a digest of so much entropy needs no salt or slow hash to resist guessing.
TOKEN_PREFIX = "ts_"  # noqa: S105 (a label, not a secret)
LAST_USED_EVERY = timedelta(minutes=1)  # a busy token is not written on every request


def token_digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def token_create(
    *, user: User, name: str, scope: str, expires: datetime, request=None
) -> tuple[ApiToken, str]:
    """A new token for `user`. Returns the token and its secret, which is never stored."""
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user=user,
        name=name.strip(),
        prefix=secret[: len(TOKEN_PREFIX) + 6],
        digest=token_digest(secret),
        scope=scope,
        expires=expires,
    )
    token.full_clean()
    token.save()
    audit_record(
        actor=user, action=Action.CREATE, obj=token, request=request, details={"scope": scope}
    )
    return token, secret


@transaction.atomic
def token_revoke(*, token: ApiToken, actor: User, request=None) -> ApiToken:
    if token.revoked is None:
        token.revoked = timezone.now()
        token.save(update_fields=["revoked"])
        audit_record(actor=actor, action=Action.REVOKE, obj=token, request=request)
    return token


def token_mark_used(*, token: ApiToken) -> None:
    now = timezone.now()
    if token.last_used is None or now - token.last_used > LAST_USED_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used=now)
        token.last_used = now
