"""Writes for guides. Every create and edit keeps a revision (for the history and its diffs) and
tells the search hook; verifying stamps who checked the guide and when, and sets the next
review date."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from townsquare.knowledge import visibility
from townsquare.knowledge.models import Guide, Tag
from townsquare.knowledge.signals_search import content_changed

from .common import revision_record

REVIEW_INTERVAL = timedelta(days=182)  # verified guides are due again in about six months
_RESERVED = {"new", "review"}  # addresses under /guides/ that are pages, not guides


def _unique_slug(title: str, exclude: int | None = None) -> str:
    base = slugify(title)[:90] or "guide"
    slug, n = base, 2
    while slug in _RESERVED or Guide.objects.filter(slug=slug).exclude(pk=exclude).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def guide_create(
    *,
    owner,
    title: str,
    body: str,
    summary: str = "",
    kind: str = Guide.Kind.OTHER,
    review_by: date | None = None,
    tags: Iterable[Tag] = (),
    datasets: Iterable = (),
    people: Iterable = (),
) -> Guide:
    if not visibility.can_use_guides(owner):
        raise PermissionDenied("Guides are written by staff")
    guide = Guide(
        owner=owner, title=title.strip(), slug=_unique_slug(title), summary=summary.strip(),
        body=body.strip(), kind=kind,
        review_by=review_by or (timezone.localdate() + REVIEW_INTERVAL),
    )  # fmt: skip
    guide.full_clean()
    guide.save()
    _set_links(guide, tags, datasets, people)
    revision_record(target=guide, editor=owner, title=guide.title, body=guide.body)
    content_changed(guide)
    return guide


@transaction.atomic
def guide_edit(
    *,
    guide: Guide,
    editor,
    title: str,
    body: str,
    summary: str,
    review_by: date,
    tags: Iterable[Tag],
    datasets: Iterable,
    people: Iterable,
    note: str = "",
) -> Guide:
    """Owners and administrators edit. The slug stays, so links and bookmarks keep working."""
    if not visibility.can_edit_guide(editor, guide):
        raise PermissionDenied("Only the guide's owner or an administrator can edit it")
    guide.title, guide.body, guide.summary = title.strip(), body.strip(), summary.strip()
    guide.review_by = review_by
    guide.full_clean()
    guide.save(update_fields=["title", "body", "summary", "review_by", "modified"])
    _set_links(guide, tags, datasets, people)
    revision_record(target=guide, editor=editor, title=guide.title, body=guide.body, note=note)
    content_changed(guide)
    return guide


@transaction.atomic
def guide_verify(*, guide: Guide, verifier) -> Guide:
    """ "Verified by … on …": the owner or an administrator confirms the guide is still right."""
    if not visibility.can_edit_guide(verifier, guide):
        raise PermissionDenied("Only the guide's owner or an administrator can verify it")
    guide.verified_by = verifier
    guide.verified_at = timezone.now()
    guide.review_by = timezone.localdate() + REVIEW_INTERVAL
    guide.save(update_fields=["verified_by", "verified_at", "review_by"])
    content_changed(guide)
    return guide


@transaction.atomic
def guide_transfer(*, guide: Guide, actor, owner) -> Guide:
    """Give a guide to a new owner (a member of staff)."""
    if not visibility.can_edit_guide(actor, guide) or not visibility.can_use_guides(owner):
        raise PermissionDenied("You cannot give this guide to that person")
    guide.owner = owner
    guide.save(update_fields=["owner", "modified"])
    content_changed(guide)
    return guide


def _set_links(guide: Guide, tags, datasets, people) -> None:
    guide.tags.set(tags)
    guide.datasets.set(datasets)
    guide.people.set(people)


def default_review_date() -> date:
    return timezone.localdate() + REVIEW_INTERVAL
