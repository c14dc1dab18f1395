"""`{% load knowledge_content %}`: guides and data requests on a dataset's page."""

from __future__ import annotations

from django import template

from townsquare.knowledge import visibility
from townsquare.knowledge.selectors import guides as guide_selectors
from townsquare.knowledge.selectors import requests as request_selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def dataset_guides_and_requests(context, dataset) -> dict:
    """Guides (for staff) and the requests the viewer may see that cite this dataset or were
    answered by publishing it. The catalogue view has already checked they may view it."""
    user = context.get("user")
    staff = visibility.can_use_guides(user)
    return {
        "may_read_guides": staff,
        "guides": list(guide_selectors.guides_citing(dataset)) if staff else [],
        "requests": list(request_selectors.requests_citing(dataset, user)[:10]),
        "may_request": visibility.can_make_request(user),
    }
