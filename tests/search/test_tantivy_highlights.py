"""On tantivy, titles and snippets are highlighted from the query's own stems (by the index's
analyzer), without reading each document again: every form of a query word is marked, and the
snippet is the part of the body where most of the query's words are."""

import pytest

from townsquare.search import tantivy_backend as tb

pytestmark = pytest.mark.engines_inside


def highlight(query: str) -> tb._Highlight:
    return tb._highlight(tb._tokens(query), query.split())


def shown(text: str) -> str:
    return text.replace(tb.MARK_START, "[").replace(tb.MARK_END, "]")


def test_every_form_of_a_query_word_is_marked_and_nothing_else():
    title = "Temporary accommodation: temporarily accommodated families, temple accounts"
    marked = tb._marked_words(title, tb._matches(title, highlight("temporary accommodation")))
    assert shown(marked) == (
        "[Temporary] [accommodation]: temporarily [accommodated] families, temple accounts"
    )


def test_an_irregular_form_is_marked_through_the_word_as_typed():
    body = "Dying trees on the ring road"
    assert shown(tb._snippet(body, highlight("dying"))) == "[Dying] trees on the ring road"


def test_the_snippet_is_where_most_query_words_are_cut_at_whole_words():
    body = (
        "Housing is mentioned here at the start. "
        + "Filler words follow for a good while. " * 10
        + "Temporary accommodation for housing applicants is arranged by the council team."
        + " Closing remarks follow after that, at the very end of the text." * 3
    )
    snippet = shown(tb._snippet(body, highlight("temporary accommodation housing")))
    assert snippet.startswith("…") and snippet.endswith("…")
    assert "[Temporary] [accommodation] for [housing] applicants" in snippet
    assert "at the start" not in snippet
    inner = snippet.strip("…")
    assert body.find(inner.replace("[", "").replace("]", "")) >= 0  # whole words, unaltered


def test_a_body_without_the_words_gives_its_opening():
    body = "A register of council land and buildings. " * 20
    assert tb._snippet(body, highlight("toilets")) == body[: tb.SNIPPET_CHARS]


def test_text_whose_lower_case_changes_length_is_still_marked():
    title = "İstanbul twinning: housing exchange"
    marked = tb._marked_words(title, tb._matches(title, highlight("housing")))
    assert shown(marked) == "İstanbul twinning: [housing] exchange"
