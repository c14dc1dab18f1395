"""Writes about people."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.core.signing import BadSignature, TimestampSigner
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.crypto import salted_hmac
from django.utils.text import slugify

from townsquare.core.audit import Action, audit_record
from townsquare.search import api as search_index

from .models import User

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
