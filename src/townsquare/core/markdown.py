"""Markdown to safe HTML: markdown-it-py (CommonMark plus tables) then nh3 (Ammonia) to strip
anything that could run script or break the page."""

from __future__ import annotations

import nh3
from markdown_it import MarkdownIt

_md = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")

_ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"style"}, "td": {"style"}, "ol": {"start"}}

# GOV.UK Frontend styles elements by class, so we add the classes after sanitising.
_GOVUK_CLASSES = {
    "<p>": '<p class="govuk-body">',
    "<ul>": '<ul class="govuk-list govuk-list--bullet">',
    "<ol>": '<ol class="govuk-list govuk-list--number">',
    "<ol ": '<ol class="govuk-list govuk-list--number" ',
    "<h2>": '<h2 class="govuk-heading-m">',
    "<h3>": '<h3 class="govuk-heading-s">',
    "<table>": '<table class="govuk-table">',
    "<thead>": '<thead class="govuk-table__head">',
    "<tbody>": '<tbody class="govuk-table__body">',
    "<th>": '<th class="govuk-table__header">',
    "<th ": '<th class="govuk-table__header" ',  # an aligned column: <th style="...">
    "<td>": '<td class="govuk-table__cell">',
    "<td ": '<td class="govuk-table__cell" ',
    "<tr>": '<tr class="govuk-table__row">',
    "<a href": '<a class="govuk-link" href',
}


def render_markdown(text: str) -> str:
    """Sanitised HTML for user-written Markdown. `#` headings drop to h2: the page owns h1."""
    html = _md.render((text or "").replace("\r\n", "\n"))
    html = html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    clean = nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    for plain, styled in _GOVUK_CLASSES.items():
        clean = clean.replace(plain, styled)
    return clean
