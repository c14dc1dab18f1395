"""How knowledge content shows the datasets it cites. The rule (issue 6, item 8): a person who
may view a dataset sees its title and a link; anyone else sees the words "a restricted dataset" —
no title, no link, no slug. The same rule covers links to datasets written into Markdown.

Every check goes through `core.access`, so drafts and restricted datasets follow the one policy.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.conf import settings
from django.http.request import split_domain_port, validate_host
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from townsquare.core import access
from townsquare.core.markdown import render_markdown

RESTRICTED_TEXT = "a restricted dataset"

# An anchor the Markdown renderer produced, pointing at a dataset page (relative or on our host).
_ANCHOR = re.compile(
    r'<a [^>]*href="(?:https?://(?P<host>[^/"]+))?/datasets/(?P<slug>[a-z0-9_-]+)(?:/[^"]*)?"[^>]*>'
    r".*?</a>",
    re.IGNORECASE | re.DOTALL,
)
# A dataset address written as plain text.
_PLAIN = re.compile(
    r"(?:https?://(?P<host>[^/\s<\"]+))?/datasets/(?P<slug>[a-z0-9_-]+)/?", re.IGNORECASE
)
_NOT_DATASETS = {"new"}  # /datasets/new/ is the publishing form, not a dataset


def cited_dataset_html(user, dataset) -> SafeString:
    """A link to the dataset for those who may view it; "a restricted dataset" for anyone else."""
    if dataset is not None and access.can(user, "view", dataset):
        return format_html(
            '<a class="govuk-link" href="{}">{}</a>', dataset.get_absolute_url(), dataset.title
        )
    return SafeString(RESTRICTED_TEXT)


def viewable_slugs(user, slugs: Iterable[str]) -> set[str]:
    """Which of these dataset slugs the user may view (one query)."""
    wanted = {s.lower() for s in slugs}
    if not wanted:
        return set()
    return set(
        access.datasets_visible_to(user).filter(slug__in=wanted).values_list("slug", flat=True)
    )


def render_cited_markdown(text: str, user) -> SafeString:
    """Sanitised Markdown, with every link to a dataset the user may not view replaced by
    "a restricted dataset" (the link text too, since authors often write the title there)."""
    html = render_markdown(text)
    slugs = {m.group("slug") for m in _PLAIN.finditer(html) if _ours(m.group("host"))}
    slugs -= _NOT_DATASETS
    if not slugs:
        return mark_safe(html)  # noqa: S308 - sanitised by nh3 in render_markdown
    hidden = {s.lower() for s in slugs} - viewable_slugs(user, slugs)
    if not hidden:
        return mark_safe(html)  # noqa: S308 - sanitised by nh3 in render_markdown

    def mask(match: re.Match) -> str:
        if _ours(match.group("host")) and match.group("slug").lower() in hidden:
            return RESTRICTED_TEXT
        return match.group(0)

    html = _ANCHOR.sub(mask, html)
    html = _mask_text(html, mask)
    return mark_safe(html)  # noqa: S308 - sanitised by nh3, then only text replaced


def _mask_text(html: str, mask) -> str:
    """Replace dataset addresses in text and attribute values outside anchors we kept."""
    return _PLAIN.sub(mask, html)


def _ours(host: str | None) -> bool:
    """A relative address, or one on a host this site answers to."""
    if host is None:
        return True
    domain, _port = split_domain_port(host.lower())
    return bool(domain) and validate_host(domain, settings.ALLOWED_HOSTS)
