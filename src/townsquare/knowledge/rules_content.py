"""Who may view, comment on and vote for helper B's content (guides, community discussions,
data requests), registered with `targets` when this module is first imported; the views of
those areas import it, and so does `knowledge.urls`."""

from __future__ import annotations

from . import targets, visibility


def _request_comment(user, data_request) -> bool:
    return (
        visibility.signed_in(user)
        and visibility.can_see_request(user, data_request)
        and not data_request.is_hidden
    )


def _request_vote(user, data_request) -> bool:
    return _request_comment(user, data_request) and data_request.author_id != user.pk


def _guide_view(user, guide) -> bool:
    return visibility.can_use_guides(user)


def _guide_comment(user, guide) -> bool:
    return visibility.can_use_guides(user) and not guide.is_hidden


def _discussion_view(user, discussion) -> bool:
    return visibility.can_see_community_content(user, discussion.community)


def _discussion_comment(user, discussion) -> bool:
    return not discussion.is_hidden and visibility.can_post_in_community(user, discussion.community)


def register() -> None:
    targets.register(
        "knowledge.datarequest",
        can_view=visibility.can_see_request,
        can_comment=_request_comment,
        can_vote=_request_vote,
    )
    targets.register("knowledge.guide", can_view=_guide_view, can_comment=_guide_comment)
    targets.register(
        "knowledge.discussion", can_view=_discussion_view, can_comment=_discussion_comment
    )


register()
