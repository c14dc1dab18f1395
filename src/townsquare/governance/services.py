"""Giving and taking away access to restricted datasets; keeping the service contacts."""

from __future__ import annotations

from datetime import date, datetime, time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from townsquare.core.audit import Action, audit_record

from .models import Grant, ServiceContact
from .personal_data import contact_key


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


def grants_expire(*, now: datetime | None = None) -> list[Grant]:
    """Close every grant whose end has passed: record it, and tell the holder and the people
    who look after the dataset. The access policy already ignores an expired grant from the
    moment it expires; this is the paperwork, so it is safe to run late or twice."""
    now = now or timezone.now()
    due = Grant.objects.filter(
        revoked_at__isnull=True, expires_at__lte=now, expiry_processed_at__isnull=True
    ).select_related("dataset", "dataset__steward", "user", "unit", "approved_by")
    ended = []
    for grant in due:
        with transaction.atomic():
            # Claim the grant first, so two runs at once cannot both send the emails.
            claimed = Grant.objects.filter(pk=grant.pk, expiry_processed_at__isnull=True).update(
                expiry_processed_at=now
            )
            if not claimed:
                continue
            audit_record(
                actor=None,
                action=Action.EXPIRE,
                obj=grant.dataset,
                details={"grant": grant.pk, "from": str(grant.grantee),
                         "expired": grant.expires_at.isoformat()},
            )  # fmt: skip
            transaction.on_commit(lambda g=grant: _tell_grant_ended(g))
        ended.append(grant)
    return ended


def _tell_grant_ended(grant: Grant) -> None:
    title = grant.dataset.title
    holder = grant.user.email if grant.user else grant.unit.email
    if holder:
        send_mail(
            f"Your access has ended: {title}",
            f"Your access to “{title}” ended on {grant.expires_at:%d %B %Y}. "
            "Ask the data steward if you still need it.",
            settings.DEFAULT_FROM_EMAIL,
            [holder],
        )
    keepers = {grant.approved_by.email}
    if grant.dataset.steward:
        keepers.add(grant.dataset.steward.email)
    send_mail(
        f"Access ended: {title}",
        f"{grant.grantee}’s access to “{title}” (for: {grant.purpose}) ended on "
        f"{grant.expires_at:%d %B %Y}.",
        settings.DEFAULT_FROM_EMAIL,
        sorted(e for e in keepers if e),
    )


@transaction.atomic
def agreement_save(*, form, actor, request=None):
    """Create or update a data sharing agreement from a valid `AgreementForm`."""
    creating = form.instance.pk is None
    agreement = form.save(commit=False)
    if creating:
        agreement.created_by = actor
    agreement.full_clean()
    agreement.save()
    form.save_m2m()
    audit_record(
        actor=actor, action=Action.CREATE if creating else Action.EDIT, obj=agreement,
        request=request, details={"fields": sorted(form.changed_data)},
    )  # fmt: skip
    return agreement


def service_contact_key(value: str, *, pk: int | None = None) -> tuple[str, str]:
    """The kind and key of a contact to be saved (`personal_data.contact_key`), or a
    ValidationError saying what is wrong with `value` (for a form's field, too)."""
    key = contact_key(value or "")
    if key is None:
        raise ValidationError(
            "Enter one email address or one UK phone number, such as 01632 960000"
        )
    if ServiceContact.objects.filter(key=key[1]).exclude(pk=pk).exists():
        raise ValidationError("That contact is already on the list")
    return key


@transaction.atomic
def service_contact_save(*, contact: ServiceContact, actor, request=None) -> ServiceContact:
    """Add or change a service contact: the scan ignores it in files loaded from now on (files
    already scanned keep their findings until they are loaded again)."""
    try:
        contact.kind, contact.key = service_contact_key(contact.value, pk=contact.pk)
    except ValidationError as error:
        raise ValidationError({"value": error.messages}) from error
    creating = contact.pk is None
    contact.value = contact.value.strip()
    contact.full_clean()
    contact.save()
    audit_record(actor=actor, action=Action.CREATE if creating else Action.EDIT, obj=contact,
                 request=request, details={"service_contact": contact.value,
                                           "description": contact.description})  # fmt: skip
    return contact


@transaction.atomic
def service_contact_delete(*, contact: ServiceContact, actor, request=None) -> None:
    """Take a contact off the list: files loaded from now on count it as personal data again."""
    audit_record(actor=actor, action=Action.DELETE, obj=contact, request=request,
                 details={"service_contact": contact.value})  # fmt: skip
    contact.delete()
