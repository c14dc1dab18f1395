"""Every search test runs on each engine: tantivy (the default) and the database's own full
text (FTS5 on SQLite, tsvector on PostgreSQL, whichever the suite runs on). Tests that load
the whole demo council are marked `engines_inside` and loop over `BACKENDS` themselves, so
the slow load happens once."""

import pytest

BACKENDS = ["tantivy", "database"]


def pytest_generate_tests(metafunc):
    if not metafunc.definition.get_closest_marker("engines_inside"):
        metafunc.parametrize("search_backend", BACKENDS, indirect=True)


@pytest.fixture(autouse=True)
def search_backend(request, settings):
    # Before any content is made: on tantivy each write also fills the outbox.
    name = getattr(request, "param", "tantivy")
    settings.SEARCH_BACKEND = name
    return name
