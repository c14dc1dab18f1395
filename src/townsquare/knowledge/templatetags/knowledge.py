"""`{% load knowledge %}`: showing cited datasets and user-written Markdown under the access rule."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from townsquare.knowledge.citations import cited_dataset_html, render_cited_markdown

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
