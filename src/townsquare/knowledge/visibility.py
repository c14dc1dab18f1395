"""Who may see and do what with guides, communities and data requests: one place for the rules
of helper B's areas (questions and moderation have theirs in `permissions`).

- Guides are staff knowledge (docs/decisions/0014).
- Communities are for staff. An open community's discussions, events and members are visible to
  all staff; a private one's only to its members (and administrators). Anyone on staff sees
  every community's name and purpose, so they can ask to join.
- Data requests: public ones can be read by anyone, even signed out; staff-only ones (requests
  for internal data) by staff. Anyone signed in with a confirmed email (an active account) may
  make a request, vote and comment on what they can see.
- Handling requests (status, unit) is for staff who publish or steward data: administrators,
  and publishers or stewards of the unit handling it (any of them while it is unassigned).
"""

from __future__ import annotations

from townsquare.core import access


def signed_in(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def can_use_guides(user) -> bool:
    return access.is_staff(user)


def can_edit_guide(user, guide) -> bool:
    """Owners and administrators edit a guide and verify it."""
    return signed_in(user) and (user.is_superuser or guide.owner_id == user.pk)


def can_use_communities(user) -> bool:
    return access.is_staff(user)


def is_member(user, community) -> bool:
    if not signed_in(user):
        return False
    cache = getattr(user, "_townsquare_communities", None)
    if cache is None:
        from .selectors.communities import community_ids_of

        cache = user._townsquare_communities = community_ids_of(user)
    return community.pk in cache


def is_community_moderator(user, community) -> bool:
    if not signed_in(user):
        return False
    return user.is_superuser or community.moderators.filter(pk=user.pk).exists()


def can_see_community_content(user, community) -> bool:
    """Discussions, events, pins and the member list."""
    if not can_use_communities(user):
        return False
    return not community.is_private or user.is_superuser or is_member(user, community)


def can_post_in_community(user, community) -> bool:
    return can_use_communities(user) and (user.is_superuser or is_member(user, community))


def can_see_request(user, data_request) -> bool:
    if data_request.audience == data_request.Audience.STAFF and not access.is_staff(user):
        return False
    if data_request.is_hidden:
        return signed_in(user) and (user.is_superuser or data_request.author_id == user.pk)
    return True


def can_make_request(user) -> bool:
    return signed_in(user)


def can_triage_requests(user) -> bool:
    """Staff with a publisher or steward role (or administrators)."""
    p = access.principal_for(user)
    return p.is_admin or bool(p.publisher_units) or bool(p.steward_units)


def can_manage_request(user, data_request) -> bool:
    p = access.principal_for(user)
    if p.is_admin:
        return True
    if data_request.unit_id is None:
        return can_triage_requests(user)
    return data_request.unit_id in (p.publisher_units | p.steward_units)


def assignable_units(user):
    """Units this person may hand a request to: where they publish or steward data."""
    from townsquare.accounts.models import OrgUnit

    stewarded = access.principal_for(user).steward_units
    return (access.publishable_units(user) | OrgUnit.objects.filter(pk__in=stewarded)).distinct()
