"""`{% load knowledge %}`: showing cited datasets and user-written Markdown under the access rule."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from townsquare.knowledge import permissions, rules, targets
from townsquare.knowledge.citations import cited_dataset_html, render_cited_markdown
from townsquare.knowledge.selectors import common as comment_selectors
from townsquare.knowledge.selectors import questions as question_selectors
from townsquare.knowledge.selectors import reuses as reuse_selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def cited_dataset(context, dataset) -> SafeString:
    """`{% cited_dataset dataset %}`: its title and link, or "a restricted dataset"."""
    return cited_dataset_html(context.get("user"), dataset)


@register.simple_tag(takes_context=True)
def cited_markdown(context, text: str) -> SafeString:
    """`{% cited_markdown question.body %}`: sanitised Markdown with links to datasets the
    viewer may not see replaced by "a restricted dataset"."""
    return render_cited_markdown(text, context.get("user"))


@register.filter
def target_label(obj) -> str:
    """`{{ question|target_label }}` → "knowledge.question", for comment/vote/report addresses."""
    return targets.label_of(obj)


@register.simple_tag(takes_context=True)
def may(context, action: str, obj) -> bool:
    """`{% may "comment" question as may_comment %}`: view, comment or vote."""
    return targets.allows(context.get("user"), action, obj)


@register.simple_tag(takes_context=True)
def may_moderate(context, obj=None) -> bool:
    """`{% may_moderate answer as moderator %}`."""
    return permissions.can_moderate(context.get("user"), obj)


@register.simple_tag
def comments_or_load(obj, comments=None):
    """The comments given (already loaded for a list), or those of `obj`."""
    if isinstance(comments, list | tuple):
        return comments
    return list(comment_selectors.comments_for(obj))


@register.simple_tag(takes_context=True)
def dataset_knowledge(context, dataset) -> dict:
    """What the dataset page's knowledge panel shows. The catalogue view has already checked the
    person may view the dataset."""
    user = context.get("user")
    discussion = rules.discussion_visible(user, dataset)
    return {
        "discussion": discussion,
        "comments": list(comment_selectors.comments_for(dataset)) if discussion else [],
        "questions": list(question_selectors.questions_citing(dataset, user)),
        "may_ask": permissions.can_use_questions(user),
        "reuses": list(reuse_selectors.approved_reuses(dataset)),
    }


@register.filter
def model_name(obj) -> str:
    """`{{ obj|model_name }}` → "answer"."""
    return str(obj._meta.verbose_name) if obj is not None else ""
