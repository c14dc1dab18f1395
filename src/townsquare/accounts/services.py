"""Writes about people."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.core.signing import BadSignature, TimestampSigner
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.text import slugify

from townsquare.core.audit import Action, audit_record
from townsquare.search import api as search_index

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
    search_index.index_object(user)
    return user


# --- residents registering themselves -------------------------------------------------------

# A confirmation link works for three days, as a password reset link does.
CONFIRM_MAX_AGE = timedelta(days=3)
_CONFIRM_SALT = "townsquare.accounts.register"


def _unique_slug(name: str) -> str:
    base = slugify(name)[:80] or "resident"
    slug, n = base, 2
    while User.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _pending(user: User) -> bool:
    """Registered but never confirmed: not active and never signed in."""
    return not user.is_active and user.last_login is None


@transaction.atomic
def resident_register(*, name: str, email: str, password: str) -> tuple[User, bool]:
    """Create (or refresh) a resident's account, inactive until they confirm their email.

    Returns the user and whether a confirmation link should be sent: False means the address
    already belongs to an account in use (or closed), which must not be changed from here.
    Registering again before confirming replaces the name and password and makes earlier
    links stop working (the token covers the password hash)."""
    email = User.objects.normalize_email(email).strip().lower()
    existing = User.objects.filter(email=email).first()
    if existing is not None and not _pending(existing):
        return existing, False
    user = existing or User(email=email, slug=_unique_slug(name), is_active=False)
    user.name = " ".join(name.split())
    user.set_password(password)
    user.full_clean()
    user.save()
    audit_record(actor=None, action=Action.CREATE, obj=user, details={"event": "registered"})
    return user, True


def _state(user: User) -> str:
    # Changes when the account is confirmed, signed in to or given a new password, so a link
    # works once and only for the latest registration.
    state = f"{user.password}|{user.is_active}|{user.last_login}"
    return salted_hmac(_CONFIRM_SALT, state).hexdigest()[:20]


def registration_token(user: User) -> str:
    """A signed, timestamped token naming the account, for the confirmation link."""
    return TimestampSigner(salt=_CONFIRM_SALT).sign_object({"id": user.pk, "s": _state(user)})


def registration_confirm(*, token: str) -> User | None:
    """Activate the account a valid, unexpired, unused token names; None for any other token."""
    try:
        data = TimestampSigner(salt=_CONFIRM_SALT).unsign_object(token, max_age=CONFIRM_MAX_AGE)
    except (BadSignature, TypeError, ValueError):  # SignatureExpired is a BadSignature
        return None
    user = User.objects.select_for_update().filter(pk=data.get("id")).first()
    if user is None or not _pending(user) or data.get("s") != _state(user):
        return None
    user.is_active = True
    user.save(update_fields=["is_active"])
    audit_record(actor=user, action=Action.EDIT, obj=user, details={"event": "email confirmed"})
    return user


def registration_email_send(*, user: User, confirm_url: str, sign_in_url: str) -> None:
    """The confirmation link, or, for an address already in use, a note saying so (the form
    answers the same either way, so it cannot be used to find out who has an account)."""
    context = {
        "user": user,
        "confirm_url": confirm_url,
        "sign_in_url": sign_in_url,
        "site_name": settings.SITE_NAME,
        "days": CONFIRM_MAX_AGE.days,
    }
    kind = "register_confirm" if confirm_url else "register_existing"
    subject = render_to_string(f"accounts/email/{kind}_subject.txt", context).strip()
    body = render_to_string(f"accounts/email/{kind}.txt", context)
    send_mail(subject, body, None, [user.email])


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
