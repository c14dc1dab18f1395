"""Who may view, comment on and vote for each kind of content helper A owns, registered with
`targets`. Imported once by `KnowledgeConfig.ready`."""

from __future__ import annotations

from townsquare.catalogue.models import AccessLevel
from townsquare.core import access

from . import permissions, targets


def _signed_in(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def _question_view(user, question) -> bool:
    return permissions.can_view_question(user, question)


def _answer_view(user, answer) -> bool:
    return permissions.can_view_question(user, answer.question)


def _open_for_posts(user, obj) -> bool:
    """Staff may comment on or vote for visible content that is not hidden, but not vote for
    their own."""
    return _signed_in(user) and permissions.can_use_questions(user) and not obj.is_hidden


def _vote(user, obj) -> bool:
    return _open_for_posts(user, obj) and obj.author_id != user.pk


def discussion_visible(user, dataset) -> bool:
    """A dataset's discussion: public for open datasets; staff only for internal and restricted
    (and always only for people who may view the dataset)."""
    if not access.can(user, "view", dataset):
        return False
    return dataset.access_level == AccessLevel.OPEN or access.is_staff(user)


def _dataset_comment(user, dataset) -> bool:
    return _signed_in(user) and discussion_visible(user, dataset)


def _comment_view(user, comment) -> bool:
    target = comment.target
    return target is not None and targets.allows(user, "view", target)


def _reuse_view(user, reuse) -> bool:
    if not access.can(user, "view", reuse.dataset):
        return False
    return reuse.status == reuse.Status.APPROVED or permissions.can_moderate(user, reuse)


def register() -> None:
    targets.register(
        "knowledge.question", can_view=_question_view, can_comment=_open_for_posts, can_vote=_vote
    )
    targets.register(
        "knowledge.answer", can_view=_answer_view, can_comment=_open_for_posts, can_vote=_vote
    )
    targets.register("knowledge.comment", can_view=_comment_view)
    targets.register("knowledge.reuse", can_view=_reuse_view)
    targets.register("catalogue.dataset", can_view=discussion_visible, can_comment=_dataset_comment)
