"""Descriptions are written in Markdown by publishers and shown to everyone: the useful parts
come through in GOV.UK style, and nothing that could run script or restyle the page does."""

import re

import pytest

from townsquare.core.markdown import render_markdown


def test_headings_start_at_h2_because_the_page_owns_h1():
    html = render_markdown("# About\n\n## Method\n\n### Limits")
    assert "<h1" not in html
    assert '<h2 class="govuk-heading-m">About</h2>' in html
    assert '<h2 class="govuk-heading-m">Method</h2>' in html
    assert '<h3 class="govuk-heading-s">Limits</h3>' in html


def test_paragraphs_and_emphasis():
    html = render_markdown("Some **bold** and _soft_ words with `code`.")
    assert html.strip() == (
        '<p class="govuk-body">Some <strong>bold</strong> and <em>soft</em> words with '
        "<code>code</code>.</p>"
    )


def test_lists_keep_their_numbering():
    html = render_markdown("- one\n- two\n\n3. three\n4. four")
    assert '<ul class="govuk-list govuk-list--bullet">\n<li>one</li>' in html
    assert '<ol class="govuk-list govuk-list--number" start="3">' in html


def test_tables_are_govuk_tables():
    html = render_markdown("| Ward | Homes |\n|:-----|------:|\n| Abbey | 1,204 |\n| Bank | 87 |")
    assert '<table class="govuk-table">' in html
    assert '<thead class="govuk-table__head">' in html
    assert '<tbody class="govuk-table__body">' in html
    assert html.count('<tr class="govuk-table__row">') == 3
    # Aligned columns keep their alignment and their GOV.UK class.
    assert '<th class="govuk-table__header" style="text-align:left">Ward</th>' in html
    assert '<td class="govuk-table__cell" style="text-align:right">1,204</td>' in html
    assert not re.search(r"<t[hd](?![^>]*govuk-table__)[^>]*>", html)


def test_links_are_govuk_links_that_do_not_pass_on_the_page():
    html = render_markdown('[Data](https://data.example.gov.uk/x "The data") [Ask](mailto:a@b.uk)')
    assert (
        '<a class="govuk-link" href="https://data.example.gov.uk/x" title="The data" '
        'rel="noopener noreferrer nofollow">Data</a>'
    ) in html
    assert '<a class="govuk-link" href="mailto:a@b.uk"' in html


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "Hello <script>alert(1)</script> there",
        '<img src="x" onerror="alert(1)">',
        '<a href="https://example.org" onclick="alert(1)">click</a>',
        '<div style="position:fixed;inset:0">cover the page</div>',
        '<iframe src="https://evil.example"></iframe>',
        "<style>body{display:none}</style>",
        '<form action="https://evil.example"><input name="password"></form>',
        "<svg onload=alert(1)>",
        "<!-- a comment --><b>bold</b>",
    ],
)
def test_raw_html_is_shown_as_text_never_run(text):
    html = render_markdown(text)
    for tag in ("<script", "<img", "<div", "<iframe", "<style", "<form", "<input", "<svg", "<b>",
                "<!--"):  # fmt: skip
        assert tag not in html.lower(), tag
    assert not re.search(r"<[^>]+\son\w+=", html, re.I)  # no event handler attributes


@pytest.mark.parametrize(
    "text",
    [
        "[click](javascript:alert(1))",
        "[click](JavaScript:alert(1))",
        "[click](jav&#x61;script:alert(1))",
        "[click](  javascript:alert(1))",
        "<javascript:alert(1)>",
        "[click](vbscript:msgbox(1))",
        "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[click][ref]\n\n[ref]: javascript:alert(1)",
    ],
)
def test_script_links_are_removed(text):
    html = render_markdown(text)
    assert "<a" not in html
    assert "href" not in html


def test_images_are_removed():
    html = render_markdown("![A chart](https://example.org/chart.png)\n\nAfter")
    assert "<img" not in html
    assert "chart.png" not in html
    assert '<p class="govuk-body">After</p>' in html


def test_empty_and_missing_text():
    assert render_markdown("") == ""
    assert render_markdown(None) == ""


def test_windows_line_endings():
    assert render_markdown("- a\r\n- b\r\n").count("<li>") == 2
