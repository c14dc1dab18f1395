"""Reads for guides. Guides are staff knowledge: callers check `visibility.can_use_guides`."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils import timezone

from townsquare.accounts import selectors as people_selectors
from townsquare.knowledge.models import Guide

from .questions import history as revision_history


def guide_list(user, *, q: str = "", kind: str = "", tag: str = "") -> QuerySet[Guide]:
    guides = Guide.objects.select_related("owner", "verified_by").prefetch_related("tags")
    if not user.is_superuser:
        guides = guides.filter(Q(is_hidden=False) | Q(owner=user))
    for word in q.split()[:10]:
        guides = guides.filter(
            Q(title__icontains=word) | Q(summary__icontains=word) | Q(tags__name__icontains=word)
        ).distinct()
    if kind in Guide.Kind.values:
        guides = guides.filter(kind=kind)
    if tag:
        guides = guides.filter(tags__slug=tag)
    return guides.order_by("title", "pk")


def guide_get(slug: str) -> Guide | None:
    return (
        Guide.objects.select_related("owner__team", "verified_by")
        .prefetch_related("tags", "datasets", "people")
        .filter(slug=slug)
        .first()
    )


def guides_due_for_review(user) -> QuerySet[Guide]:
    """Guides past their review date that this person owns (administrators: everyone's)."""
    due = Guide.objects.filter(review_by__lt=timezone.localdate()).select_related("owner")
    if not user.is_superuser:
        due = due.filter(owner=user)
    return due.order_by("review_by", "pk")


def guides_citing(dataset) -> QuerySet[Guide]:
    return dataset.guides.filter(is_hidden=False).order_by("title")


def history(guide: Guide) -> list[dict]:
    return revision_history(guide)


def staff_by_reference(references: list[str]) -> tuple[list, list[str]]:
    """Staff named by email address or profile address (/people/<slug>/). Returns (people,
    references that match no one on staff)."""
    staff = people_selectors.staff_people()
    found, unknown = [], []
    for ref in references:
        key = ref.strip().rstrip("/").rsplit("/", 1)[-1].lower()
        match = staff.filter(Q(email__iexact=key) | Q(slug=key)).first()
        if match is None:
            unknown.append(ref.strip())
        elif match not in found:
            found.append(match)
    return found, unknown
