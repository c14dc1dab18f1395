"""Who may use and moderate knowledge content: one place for the rules.

- Questions and answers are staff knowledge (docs/decisions/0012-questions-are-staff-knowledge.md):
  only staff read, ask, answer and vote on them.
- Moderators: administrators everywhere, and a community's moderators for content posted in
  their community (communities come from `models/communities.py`; any object with a
  `community` that has `moderators` works, found through `moderation_community`).
"""

from __future__ import annotations

from django.db import models

from townsquare.core import access


def can_use_questions(user) -> bool:
    return access.is_staff(user)


def can_view_question(user, question) -> bool:
    """Staff see questions; a private community's questions only its members (and admins).
    The same rule as `selectors.questions.questions_in_reach`, for one question."""
    if not can_use_questions(user):
        return False
    community = question.community
    if community is None or not community.is_private or user.is_superuser:
        return True
    return community.memberships.filter(user=user).exists()


def can_moderate(user, obj: models.Model | None = None) -> bool:
    """May this person hide, restore and review reports? With no object: anywhere at all."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if not _moderates_any_community(user):
        return False  # most people: no need to look up where the item was posted
    if obj is None:
        return True
    community = moderation_community(obj)
    return community is not None and _is_community_moderator(user, community)


def moderation_community(obj: models.Model | None):
    """The community an item was posted in, following answers and comments up to their parent."""
    seen = 0
    while obj is not None and seen < 5:
        community = getattr(obj, "community", None)
        if community is not None:
            return community
        obj = getattr(obj, "question", None) or getattr(obj, "target", None)
        seen += 1
    return None


def _is_community_moderator(user, community) -> bool:
    moderators = getattr(community, "moderators", None)
    return moderators is not None and moderators.filter(pk=user.pk).exists()


def _moderates_any_community(user) -> bool:
    """Whether the person moderates at least one community; asked once per request."""
    cached = getattr(user, "_knowledge_moderates_any", None)
    if cached is None:
        cached = user._knowledge_moderates_any = _query_moderates_any(user)
    return cached


def _query_moderates_any(user) -> bool:
    from django.apps import apps

    try:
        community_model = apps.get_model("knowledge", "Community")
    except LookupError:
        return False
    if not any(f.name == "moderators" for f in community_model._meta.get_fields()):
        return False
    return community_model.objects.filter(moderators=user).exists()
