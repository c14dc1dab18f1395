"""Reads about communities of practice, filtered by who may see what (see `visibility`)."""

from __future__ import annotations

import re

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from townsquare.knowledge.models import (
    Community,
    CommunityMembership,
    Discussion,
    Event,
    JoinRequest,
    Pin,
)


def community_ids_of(user) -> frozenset[int]:
    return frozenset(
        CommunityMembership.objects.filter(user=user).values_list("community_id", flat=True)
    )


def community_list() -> QuerySet[Community]:
    """Every community (names and purposes are visible to all staff), with member counts."""
    return Community.objects.annotate(member_count=Count("memberships")).order_by("name")


def community_get(slug: str) -> Community | None:
    return Community.objects.filter(slug=slug).first()


def content_visible_q(user, prefix: str = "") -> Q:
    """A filter on communities (or, with a prefix such as "community__", on things in them)
    keeping those whose content this user may see."""
    if user.is_superuser:
        return Q()
    private = Q(**{f"{prefix}visibility": Community.Visibility.PRIVATE})
    return ~private | Q(**{f"{prefix}pk__in": community_ids_of(user)})


def communities_of(viewer, person) -> QuerySet[Community]:
    """The communities a person belongs to that the viewer may see the members of."""
    return (
        Community.objects.filter(memberships__user=person)
        .filter(content_visible_q(viewer))
        .order_by("name")
    )


def members(community: Community):
    moderators = set(community.moderators.values_list("pk", flat=True))
    rows = CommunityMembership.objects.filter(community=community).select_related("user__team")
    return [(m.user, m.user_id in moderators) for m in rows.order_by("user__name")]


def discussions(community: Community, *, include_hidden: bool = False) -> QuerySet[Discussion]:
    qs = community.discussions.select_related("author")
    return qs if include_hidden else qs.filter(is_hidden=False)


def discussion_get(community: Community, pk: int) -> Discussion | None:
    return community.discussions.select_related("author", "community").filter(pk=pk).first()


def pins(community: Community) -> QuerySet[Pin]:
    return community.pins.select_related("guide", "dataset")


def upcoming_events(community: Community) -> QuerySet[Event]:
    return community.events.filter(ends__gte=timezone.now()).order_by("starts")


def past_events(community: Community, limit: int = 10) -> QuerySet[Event]:
    return community.events.filter(ends__lt=timezone.now()).order_by("-starts")[:limit]


def event_get(community: Community, pk: int) -> Event | None:
    return community.events.filter(pk=pk).first()


def join_request_of(community: Community, user) -> JoinRequest | None:
    return JoinRequest.objects.filter(community=community, user=user).first()


def join_requests(community: Community) -> QuerySet[JoinRequest]:
    return community.join_requests.select_related("user__team", "invited_by")


def with_details(qs: QuerySet[Community]) -> QuerySet[Community]:
    return qs.prefetch_related(Prefetch("moderators"))


def guide_by_address(address: str):
    """The guide an address such as /guides/<slug>/ points at, if any."""
    from townsquare.knowledge.models import Guide

    found = re.search(r"/guides/([a-z0-9_-]+)", address or "")
    return Guide.objects.filter(slug=found.group(1), is_hidden=False).first() if found else None


def pin_get(community: Community, pk: int) -> Pin | None:
    return community.pins.filter(pk=pk).first()


def join_request_get(community: Community, pk: int) -> JoinRequest | None:
    return community.join_requests.select_related("user", "community").filter(pk=pk).first()


def discussion_replies_count(discussions) -> dict[int, int]:
    """Visible replies per discussion (replies are comments), for a list."""
    from django.contrib.contenttypes.models import ContentType

    from townsquare.knowledge.models import Comment

    ids = [d.pk for d in discussions]
    rows = (
        Comment.objects.filter(
            content_type=ContentType.objects.get_for_model(Discussion),
            object_id__in=ids,
            is_hidden=False,
        )
        .values("object_id")
        .annotate(n=Count("pk"))
    )
    return {r["object_id"]: r["n"] for r in rows}
