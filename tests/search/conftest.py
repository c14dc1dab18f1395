"""Search tests run on the default engine, tantivy. Tests of what an engine itself does
(relevance, query syntax, the access filter inside the engine, snippets, counts and facets,
"did you mean", similar titles) are marked `every_engine` and run once per engine: tantivy and
the database's own full text (FTS5 on SQLite, tsvector on PostgreSQL, whichever the suite runs
on). Pages, wiring and things search only passes through (duplicate tables, knowledge content
reaching the index) are the same code on every engine, so they run once. Tests that load the
whole demo council are marked `engines_inside` and loop over `BACKENDS` themselves, so the slow
load happens once."""

import pytest

BACKENDS = ["tantivy", "database"]


def pytest_generate_tests(metafunc):
    if metafunc.definition.get_closest_marker("every_engine"):
        metafunc.parametrize("search_backend", BACKENDS, indirect=True)


@pytest.fixture(autouse=True)
def search_backend(request, settings):
    # Before any content is made: on tantivy each write also fills the outbox.
    name = getattr(request, "param", "tantivy")
    settings.SEARCH_BACKEND = name
    return name
