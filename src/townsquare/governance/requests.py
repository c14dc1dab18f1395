"""Asking for a restricted dataset, and deciding.

A request starts from a link the dataset's steward shares (decision 0022): a restricted dataset
stays invisible to everyone else, so no list of restricted titles ever exists to ask from. The
steward approves or refuses; for special category (health and social care) data a Caldicott
Guardian must also sign off, in either order. Only when everyone needed has agreed is a grant
made, through `grant_create`, so it is audited like any other.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from townsquare.accounts import selectors as people
from townsquare.accounts.models import Role
from townsquare.catalogue.models import Dataset
from townsquare.core.audit import Action, audit_record

from .models import AccessRequest
from .services import grant_create

LINK_SALT = "townsquare.governance.access-request"
LINK_MAX_AGE = 90 * 24 * 3600  # a shared link works for 90 days


class DecisionError(Exception):
    """A decision that cannot be made on this request now (already decided, or not yours)."""


def request_link_token(dataset: Dataset) -> str:
    return signing.dumps(str(dataset.uuid), salt=LINK_SALT, compress=True)


def dataset_for_token(token: str) -> Dataset | None:
    """The restricted dataset a steward's link points to; None for a bad or old link."""
    try:
        uuid = signing.loads(token, salt=LINK_SALT, max_age=LINK_MAX_AGE)
    except signing.BadSignature:
        return None
    return Dataset.objects.filter(uuid=uuid, access_level="restricted").first()


def stewards_of(dataset: Dataset) -> list:
    found = list(people.people_with_role(Role.Kind.STEWARD, over_unit=dataset.publisher))
    if dataset.steward and dataset.steward.is_active and dataset.steward not in found:
        found.insert(0, dataset.steward)
    return found


def caldicott_guardians() -> list:
    return list(people.people_with_role(Role.Kind.CALDICOTT_GUARDIAN))


def _notify(recipients, subject: str, body: str) -> None:
    to = sorted({p.email for p in recipients if p.email})
    if to:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to)


def notify_stewards(dataset: Dataset, subject: str, body: str) -> None:
    """Email the dataset's stewards, with a link to the dataset."""
    _notify(stewards_of(dataset), subject, f"{body}\n\n{_page(dataset.get_absolute_url())}")


def _page(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


@transaction.atomic
def access_request_create(
    *, dataset: Dataset, requester, purpose: str, lawful_basis: str, needed_until: date,
    agreement_reference: str, special_category_condition: str = "",
    columns: list[str] | None = None, request=None,
) -> AccessRequest:  # fmt: skip
    ask = AccessRequest(
        dataset=dataset, requester=requester, purpose=purpose, lawful_basis=lawful_basis,
        special_category_condition=special_category_condition, needed_until=needed_until,
        agreement_reference=agreement_reference, columns=list(columns or []),
    )  # fmt: skip
    ask.full_clean()
    ask.save()
    audit_record(
        actor=requester, action=Action.REQUEST, obj=dataset, request=request,
        details={"request": ask.pk, "purpose": purpose, "columns": ask.columns},
    )  # fmt: skip
    deciders = stewards_of(dataset) + (caldicott_guardians() if ask.needs_caldicott else [])
    url = _page(reverse("governance:request-detail", kwargs={"pk": ask.pk}))
    transaction.on_commit(
        lambda: _notify(
            deciders,
            f"Access request: {dataset.title}",
            f"{requester} has asked for access to “{dataset.title}”.\n\n"
            f"Purpose: {purpose}\n\nDecide at {url}",
        )
    )
    return ask


def may_decide_as_steward(user, ask: AccessRequest) -> bool:
    from townsquare.core import access  # the policy imports this app's selectors

    return access.can(user, "manage_grants", ask.dataset)


def is_steward(user) -> bool:
    return people.has_role(user, Role.Kind.STEWARD)


def is_caldicott_guardian(user) -> bool:
    return people.has_role(user, Role.Kind.CALDICOTT_GUARDIAN)


def may_decide_as_caldicott(user, ask: AccessRequest) -> bool:
    return ask.needs_caldicott and is_caldicott_guardian(user)


def _check_pending(ask: AccessRequest) -> None:
    if ask.status != AccessRequest.Status.PENDING:
        raise DecisionError("This request has already been decided")


@transaction.atomic
def access_request_approve(
    *, access_request: AccessRequest, steward, until: date, columns: list[str] | None = None,
    request=None,
) -> AccessRequest:  # fmt: skip
    """The steward agrees, perhaps for less time or fewer columns than asked."""
    ask = access_request
    _check_pending(ask)
    if not may_decide_as_steward(steward, ask):
        raise DecisionError("Only the dataset's steward can approve")
    if ask.steward_decided_at is not None:
        raise DecisionError("The steward has already approved this request")
    asked = set(ask.columns)
    chosen = [c for c in (columns or []) if not asked or c in asked] or ask.columns
    ask.steward_decision_by, ask.steward_decided_at = steward, timezone.now()
    ask.approved_until, ask.approved_columns = until, chosen
    ask.save(update_fields=["steward_decision_by", "steward_decided_at", "approved_until",
                            "approved_columns"])  # fmt: skip
    return _grant_when_agreed(ask, actor=steward, request=request)


@transaction.atomic
def access_request_sign_off(*, access_request: AccessRequest, guardian, request=None):
    """The Caldicott Guardian agrees to special category data being shared."""
    ask = access_request
    _check_pending(ask)
    if not may_decide_as_caldicott(guardian, ask):
        raise DecisionError("Only a Caldicott Guardian can sign this off")
    if ask.caldicott_at is not None:
        raise DecisionError("A Caldicott Guardian has already signed this off")
    ask.caldicott_by, ask.caldicott_at = guardian, timezone.now()
    ask.save(update_fields=["caldicott_by", "caldicott_at"])
    audit_record(actor=guardian, action=Action.SIGN_OFF, obj=ask.dataset, request=request,
                 details={"request": ask.pk})  # fmt: skip
    return _grant_when_agreed(ask, actor=guardian, request=request)


def _grant_when_agreed(ask: AccessRequest, *, actor, request) -> AccessRequest:
    if ask.steward_decided_at is None or (ask.needs_caldicott and ask.caldicott_at is None):
        return ask
    ask.grant = grant_create(
        dataset=ask.dataset, approver=ask.steward_decision_by, purpose=ask.purpose,
        expires=ask.approved_until, user=ask.requester, columns=ask.approved_columns,
        request=request,
    )  # fmt: skip
    ask.status = AccessRequest.Status.APPROVED
    ask.save(update_fields=["grant", "status"])
    url = _page(reverse("governance:my-access"))
    transaction.on_commit(
        lambda: _notify(
            [ask.requester],
            f"Access approved: {ask.dataset.title}",
            f"You can use “{ask.dataset.title}” until {ask.approved_until:%d %B %Y}.\n\n{url}",
        )
    )
    return ask


@transaction.atomic
def access_request_refuse(*, access_request: AccessRequest, actor, reason: str, request=None):
    ask = access_request
    _check_pending(ask)
    if not (may_decide_as_steward(actor, ask) or may_decide_as_caldicott(actor, ask)):
        raise DecisionError("Only the steward or a Caldicott Guardian can refuse")
    ask.status, ask.refusal_reason = AccessRequest.Status.REFUSED, reason
    ask.save(update_fields=["status", "refusal_reason"])
    audit_record(actor=actor, action=Action.REFUSE, obj=ask.dataset, request=request,
                 details={"request": ask.pk, "reason": reason})  # fmt: skip
    transaction.on_commit(
        lambda: _notify(
            [ask.requester],
            f"Access refused: {ask.dataset.title}",
            f"Your request for “{ask.dataset.title}” was refused.\n\nReason: {reason}",
        )
    )
    return ask
