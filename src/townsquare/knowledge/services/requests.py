"""Writes for data requests. Every change of status is kept as an update and emailed to the
person who asked; every write tells the search hook."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.text import slugify

from townsquare.accounts.models import OrgUnit
from townsquare.core import access
from townsquare.knowledge import visibility
from townsquare.knowledge.models import DataRequest, DataRequestUpdate
from townsquare.knowledge.signals_search import content_changed

Status = DataRequest.Status


@transaction.atomic
def request_create(
    *,
    author,
    title: str,
    body: str,
    why: str,
    who_it_helps: str = "",
    audience: str = DataRequest.Audience.PUBLIC,
    datasets: Iterable = (),
) -> DataRequest:
    """Ask for data. Only staff may make a staff-only request (for internal data)."""
    if not visibility.can_make_request(author):
        raise PermissionDenied("Sign in with a confirmed email address to ask for data")
    if audience == DataRequest.Audience.STAFF and not access.is_staff(author):
        raise PermissionDenied("Only staff can make a staff-only request")
    data_request = DataRequest(
        author=author, title=title.strip(), slug=slugify(title)[:100] or "request",
        body=body.strip(), why=why.strip(), who_it_helps=who_it_helps.strip(), audience=audience,
    )  # fmt: skip
    data_request.full_clean()
    data_request.save()
    data_request.datasets.set(datasets)
    DataRequestUpdate.objects.create(request=data_request, status=Status.SUBMITTED, actor=author)
    content_changed(data_request)
    return data_request


@transaction.atomic
def request_set_status(
    *,
    data_request: DataRequest,
    actor,
    status: str,
    note: str = "",
    refusal_reason: str = "",
    published_dataset=None,
    site_url: str = "",
    notify: bool = True,
) -> DataRequest:
    """Move a request on: considered, planned, published (with its dataset) or refused (with a
    reason). The person who asked gets an email saying what changed and why."""
    if not visibility.can_manage_request(actor, data_request):
        raise PermissionDenied("You cannot change this request")
    if status == Status.REFUSED and not refusal_reason:
        raise ValidationError({"refusal_reason": "Select why the request is refused"})
    if status == Status.PUBLISHED and published_dataset is None:
        raise ValidationError({"published_dataset": "Enter the dataset that was published"})
    data_request.status = status
    data_request.refusal_reason = refusal_reason if status == Status.REFUSED else ""
    data_request.published_dataset = published_dataset if status == Status.PUBLISHED else None
    data_request.status_note = note.strip()
    data_request.full_clean()
    data_request.save(
        update_fields=["status", "refusal_reason", "published_dataset", "status_note", "modified"]
    )
    update = DataRequestUpdate.objects.create(
        request=data_request, status=status, refusal_reason=data_request.refusal_reason,
        note=data_request.status_note, unit=data_request.unit, actor=actor,
    )  # fmt: skip
    if notify:  # the demo loader moves requests on without emailing anyone
        _notify_requester(data_request, update, site_url)
    content_changed(data_request)
    return data_request


@transaction.atomic
def request_assign(*, data_request: DataRequest, actor, unit: OrgUnit | None) -> DataRequest:
    """Hand the request to a publishing unit (or take it back to the general queue)."""
    if not visibility.can_manage_request(actor, data_request):
        raise PermissionDenied("You cannot change this request")
    if unit is not None and not visibility.assignable_units(actor).filter(pk=unit.pk).exists():
        raise PermissionDenied("You cannot hand requests to that unit")
    data_request.unit = unit
    data_request.save(update_fields=["unit", "modified"])
    DataRequestUpdate.objects.create(
        request=data_request, status=data_request.status, unit=unit, actor=actor,
        note=f"Handed to {unit.name}" if unit else "Returned to the general queue",
    )  # fmt: skip
    content_changed(data_request)
    return data_request


def _notify_requester(data_request: DataRequest, update: DataRequestUpdate, site_url: str):
    requester = data_request.author
    if not requester.email or not requester.is_active:
        return
    context = {
        "request": data_request,
        "update": update,
        "requester": requester,
        "url": f"{site_url}{data_request.get_absolute_url()}",
        "dataset_url": _dataset_url(requester, data_request.published_dataset, site_url),
        "site_name": settings.SITE_NAME,
    }
    subject = render_to_string("knowledge/email/request_status_subject.txt", context).strip()
    body = render_to_string("knowledge/email/request_status.txt", context)
    send_mail(subject, body, None, [requester.email])


def _dataset_url(requester, dataset, site_url: str) -> str:
    """The published dataset's address, if the person who asked may see it."""
    if dataset is None or not access.can(requester, "view", dataset):
        return ""
    return f"{site_url}{dataset.get_absolute_url()}"
