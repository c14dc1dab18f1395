"""What people type: English stemming, "phrases", -exclusions, prefixes; and anything at all,
however hostile, gives a page rather than an error."""

import pytest
from factories import org_units

from townsquare.catalogue import services as catalogue
from townsquare.search import api
from townsquare.search.query import parse, to_fts5, to_websearch

every_engine = pytest.mark.every_engine


@pytest.fixture
def library(db):
    units = org_units()
    for title, summary in [
        ("Public toilets", "Where the public toilets are and when they open."),
        ("Parks", "Play areas, toilets and parking in every park."),
        ("Planning applications", "Every application decided by the planning committee."),
        ("Toilet twinning", "A charity scheme twinning public conveniences."),
    ]:
        ds = catalogue.dataset_create(actor=None, title=title, summary=summary,
                                      publisher=units["payments"])  # fmt: skip
        catalogue.dataset_publish(actor=None, dataset=ds)


def titles(query: str) -> list[str]:
    return [h.title for h in api.search(None, query).hits]


@every_engine
def test_stemming_finds_other_forms_of_a_word(library):
    assert set(titles("toilet")) == {"Public toilets", "Parks", "Toilet twinning"}
    assert titles("planned") == ["Planning applications"]


@every_engine
def test_a_phrase_in_quotes_matches_only_those_words_together(library):
    assert titles('"public toilets"') == ["Public toilets"]


@every_engine
def test_minus_leaves_a_word_out(library):
    assert set(titles("toilets -public")) == {"Parks"}


@every_engine
def test_a_star_matches_the_start_of_a_word(library):
    assert titles("applic*") == ["Planning applications"]
    assert [h.title for h in api.suggest(None, "plann")] == ["Planning applications"]


@every_engine
def test_title_matches_rank_above_body_matches(library):
    found = titles("toilets")
    assert set(found[:2]) == {"Public toilets", "Toilet twinning"}
    assert found[2] == "Parks"  # "toilets" in its summary only


@every_engine
@pytest.mark.parametrize(
    "query",
    ['"', '""', "*", "-", "- -", "AND", "OR NOT", "NEAR(a b)", "title:toilets", "toilets)",
     "(", "^toilets", "col:*", "a\x00b", "'; DROP TABLE search_document; --", "%", "\\",
     "<script>alert(1)</script>", "toilets" * 80, " ".join(["toilets"] * 100), "ünïcödé", "💩"],
)  # fmt: skip
def test_hostile_queries_give_a_page_not_an_error(client, library, query):
    assert client.get("/search/", {"q": query}).status_code == 200
    assert client.get("/search.json", {"q": query}).status_code == 200
    assert client.get("/search/suggest/", {"q": query}).status_code == 200


def test_user_text_is_rebuilt_not_passed_through():
    parsed = parse('toilets "public conveniences" -parks applic* NEAR(x)')
    assert to_fts5(parsed) == (
        '("toilets" AND "public conveniences" AND "applic"* AND "near x") NOT ("parks")'
    )
    assert to_websearch(parsed) == ('toilets "public conveniences" -parks "near x"', ["applic:*"])
    assert not parse("-only -exclusions")


@every_engine
def test_a_bad_page_number_is_not_an_error(client, library):
    assert client.get("/search/", {"q": "toilets", "page": "x"}).status_code == 200
    assert client.get("/search/", {"q": "toilets", "page": "9999"}).status_code == 200
