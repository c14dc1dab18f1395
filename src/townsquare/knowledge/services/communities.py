"""Writes for communities of practice: creating one, joining and leaving (directly for open
communities; by request or invitation for private ones), discussions, pins and events."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from townsquare.knowledge import visibility
from townsquare.knowledge.models import (
    Community,
    CommunityMembership,
    Discussion,
    Event,
    JoinRequest,
    Pin,
)
from townsquare.knowledge.signals_search import content_changed


def _unique_slug(name: str) -> str:
    base = slugify(name)[:90] or "community"
    slug, n = base, 2
    while slug == "new" or Community.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _add_member(community: Community, user, *, moderator: bool = False) -> None:
    CommunityMembership.objects.get_or_create(community=community, user=user)
    JoinRequest.objects.filter(community=community, user=user).delete()
    if moderator:
        community.moderators.add(user)
    if hasattr(user, "_townsquare_communities"):
        del user._townsquare_communities


@transaction.atomic
def community_create(
    *, creator, name: str, purpose: str, about: str = "", visibility_: str = "open"
) -> Community:
    """Any member of staff may start a community; they become its first moderator."""
    if not visibility.can_use_communities(creator):
        raise PermissionDenied("Communities are for staff")
    community = Community(
        name=name.strip(), slug=_unique_slug(name), purpose=purpose.strip(), about=about.strip(),
        visibility=visibility_, created_by=creator,
    )  # fmt: skip
    community.full_clean()
    community.save()
    _add_member(community, creator, moderator=True)
    content_changed(community)
    return community


@transaction.atomic
def community_join(*, community: Community, user, message: str = "") -> str:
    """Join an open community, accept an invitation, or ask to join a private one.
    Returns "joined" or "requested"."""
    if not visibility.can_use_communities(user):
        raise PermissionDenied("Communities are for staff")
    invitation = JoinRequest.objects.filter(
        community=community, user=user, kind=JoinRequest.Kind.INVITATION
    ).exists()
    if not community.is_private or invitation:
        _add_member(community, user)
        return "joined"
    JoinRequest.objects.get_or_create(
        community=community, user=user,
        defaults={"kind": JoinRequest.Kind.REQUEST, "message": message.strip()[:500]},
    )  # fmt: skip
    return "requested"


@transaction.atomic
def community_leave(*, community: Community, user) -> None:
    CommunityMembership.objects.filter(community=community, user=user).delete()
    JoinRequest.objects.filter(community=community, user=user).delete()
    community.moderators.remove(user)
    if hasattr(user, "_townsquare_communities"):
        del user._townsquare_communities


@transaction.atomic
def join_request_decide(*, join_request: JoinRequest, moderator, approve: bool) -> None:
    if not visibility.is_community_moderator(moderator, join_request.community):
        raise PermissionDenied("Only moderators decide who joins")
    if approve:
        _add_member(join_request.community, join_request.user)
    else:
        join_request.delete()


@transaction.atomic
def community_invite(*, community: Community, moderator, invitee) -> JoinRequest | None:
    """Invite a colleague; they join by accepting. Inviting someone who asked to join lets
    them in at once."""
    if not visibility.is_community_moderator(moderator, community):
        raise PermissionDenied("Only moderators invite people")
    if not visibility.can_use_communities(invitee):
        raise ValidationError("Only staff can be invited")
    existing = JoinRequest.objects.filter(community=community, user=invitee).first()
    if existing is not None and existing.kind == JoinRequest.Kind.REQUEST:
        _add_member(community, invitee)
        return None
    invitation, _ = JoinRequest.objects.get_or_create(
        community=community, user=invitee,
        defaults={"kind": JoinRequest.Kind.INVITATION, "invited_by": moderator},
    )  # fmt: skip
    return invitation


@transaction.atomic
def moderator_set(*, community: Community, actor, user, moderator: bool) -> None:
    if not visibility.is_community_moderator(actor, community):
        raise PermissionDenied("Only moderators appoint moderators")
    if moderator:
        _add_member(community, user, moderator=True)
    else:
        community.moderators.remove(user)


@transaction.atomic
def discussion_create(
    *, community: Community, author, title: str, body: str, datasets: Iterable = ()
) -> Discussion:
    if not visibility.can_post_in_community(author, community):
        raise PermissionDenied("Join the community to start a discussion")
    discussion = Discussion(
        community=community, author=author, title=title.strip(),
        slug=slugify(title)[:100] or "discussion", body=body.strip(),
        last_activity=timezone.now(),
    )  # fmt: skip
    discussion.full_clean()
    discussion.save()
    discussion.datasets.set(datasets)
    content_changed(discussion)
    return discussion


@transaction.atomic
def pin_add(
    *, community: Community, actor, title: str = "", url: str = "", guide=None, dataset=None
) -> Pin:
    if not visibility.is_community_moderator(actor, community):
        raise PermissionDenied("Only moderators pin things")
    if not (url or guide or dataset):
        raise ValidationError("Pin a link, a guide or a dataset")
    pin = Pin(community=community, title=title.strip(), url=url, guide=guide, dataset=dataset,
              added_by=actor)  # fmt: skip
    pin.full_clean()
    pin.save()
    return pin


@transaction.atomic
def pin_remove(*, pin: Pin, actor) -> None:
    if not visibility.is_community_moderator(actor, pin.community):
        raise PermissionDenied("Only moderators unpin things")
    pin.delete()


@transaction.atomic
def event_create(
    *,
    community: Community,
    actor,
    title: str,
    starts: datetime,
    ends: datetime,
    location: str = "",
    online_url: str = "",
    description: str = "",
) -> Event:
    """Members add events (a place, an online link, or both)."""
    if not visibility.can_post_in_community(actor, community):
        raise PermissionDenied("Join the community to add an event")
    if ends <= starts:
        raise ValidationError({"ends": "The end must be after the start"})
    event = Event(
        community=community, title=title.strip(), starts=starts, ends=ends,
        location=location.strip(), online_url=online_url, description=description.strip(),
        created_by=actor,
    )  # fmt: skip
    event.full_clean()
    event.save()
    content_changed(event)
    return event
