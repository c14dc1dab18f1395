"""Differences between two revisions of a text, as accessible HTML: one list item per changed or
context line, additions in <ins> and removals in <del>, each with visually hidden words so a
screen reader says what changed (colour alone must not carry meaning)."""

from __future__ import annotations

import difflib

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

CONTEXT_LINES = 2


def revision_diff(old: str, new: str, *, context: int = CONTEXT_LINES) -> SafeString:
    """An HTML-safe line diff of `old` to `new` (every line escaped). Empty when they match."""
    old_lines = (old or "").replace("\r\n", "\n").splitlines()
    new_lines = (new or "").replace("\r\n", "\n").splitlines()
    if old_lines == new_lines:
        return SafeString("")
    rows: list[tuple[str, str, str]] = []
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    for group in matcher.get_grouped_opcodes(context):
        if rows:
            rows.append(("ts-diff__gap", "", "…"))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                rows += [("ts-diff__same", "", line) for line in old_lines[i1:i2]]
                continue
            rows += [("ts-diff__removed", "Removed: ", line) for line in old_lines[i1:i2]]
            rows += [("ts-diff__added", "Added: ", line) for line in new_lines[j1:j2]]
    return format_html(
        '<ol class="ts-diff">{}</ol>',
        format_html_join("", "{}", ((_row(*row),) for row in rows)),
    )


def _row(css: str, spoken: str, line: str) -> SafeString:
    if css == "ts-diff__removed":
        body = format_html(
            '<del><span class="govuk-visually-hidden">{}</span>{}</del>', spoken, line
        )
    elif css == "ts-diff__added":
        body = format_html(
            '<ins><span class="govuk-visually-hidden">{}</span>{}</ins>', spoken, line
        )
    else:
        body = format_html("{}", line)
    return format_html('<li class="{}">{}</li>', css, body)
