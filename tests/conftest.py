"""Shared test set-up: uploads in a throwaway folder per test, plain static files, and a small
council (the `world` fixture) that the access tests and others build on. Data that is slow to
build and only read by a module's tests is built once per module (`module_data`,
`module_world`); the demo council likewise (`demo_council`)."""

import pytest

FAST_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]


@pytest.fixture(autouse=True)
def _plain_static_files(settings, tmp_path):
    # Tests render templates without running collectstatic first, and store files per test.
    (tmp_path / "static").mkdir()
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "files"},
        },
    }
    # Two-factor sign-in and rate limits have their own tests; elsewhere tests sign in with
    # force_login and post freely.
    # The tantivy search index: a folder per test (xdist workers never share one, and an index
    # written by one test never shows in another).
    settings.SEARCH_INDEX_DIR = tmp_path / "search-index"
    settings.REQUIRE_TWO_FACTOR = False
    settings.RATELIMIT_ENABLE = False
    # Fast hashing for users made in tests; the demo's real hashes still verify.
    settings.PASSWORD_HASHERS = FAST_HASHERS


@pytest.fixture
def world(db):
    from factories import build_world

    return build_world()


class ModuleData:
    """Data built once for a test module (see the `module_data` fixture)."""

    def __init__(self, blocker, folder) -> None:
        self._blocker = blocker
        self.files = folder / "files"  # the folder its stored files are in
        self._index = folder / "search-index"  # never written: the build is never committed

    def build(self, make):
        """`make()`, run inside the module's transaction with its file storage."""
        from django.test import override_settings

        # The per-test settings (the autouse fixture above) are not in force yet: the users
        # made here get the fast hasher too.
        with (
            self._blocker.unblock(),
            override_settings(
                STORAGES=_storages(self.files),
                PASSWORD_HASHERS=FAST_HASHERS,
                SEARCH_INDEX_DIR=self._index,
            ),
        ):
            return make()

    def use_files(self, settings) -> None:
        """Point this test's file storage at the module's files, so the files `build` stored
        are there to read (each test otherwise gets an empty folder of its own)."""
        settings.STORAGES = _storages(self.files)


def _storages(location) -> dict:
    return {
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": location},
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(scope="module")
def module_data(django_db_setup, django_db_blocker, tmp_path_factory):
    """For data that is slow to build and that many tests in a module only read: a transaction
    open for the whole module and rolled back after its last test, so `module_data.build(make)`
    runs once and its rows are seen by every test of the module. Each test runs in a savepoint
    inside it (as `db` always does), so what one test writes is undone before the next.
    Files written by a test are not undone: share data this way only with tests that do not
    change stored files. Not for a module with transactional tests (they commit)."""
    from django.db import transaction

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
    try:
        yield ModuleData(django_db_blocker, tmp_path_factory.mktemp("module-data"))
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture(scope="module")
def _world_once(module_data):
    from factories import build_world

    return module_data.build(build_world)


@pytest.fixture
def module_world(db, _world_once, module_data, settings):
    """The `world` council, built once for the test module (`module_data`): for tests that
    only read it. What a test writes is undone after it, stored files excepted."""
    module_data.use_files(settings)
    return _world_once


@pytest.fixture(scope="module")
def demo_council(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo council, loaded once for a test module inside a transaction that is rolled back
    afterwards, so nothing it made (audit events, knowledge content) leaks into other tests.
    Each test runs in a savepoint within it. Returns load_demo's counts."""
    from django.db import transaction
    from django.test import override_settings

    from townsquare.demo.loader import load_demo

    storage = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": tmp_path_factory.mktemp("demo-files")},
    }
    with django_db_blocker.unblock(), override_settings(STORAGES={"default": storage,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}):  # fmt: skip
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield load_demo()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Each test starts with an empty cache, so API rate-limit counts never carry over.
    from django.core.cache import cache

    cache.clear()
