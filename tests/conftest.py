"""Shared test set-up: uploads in a throwaway folder per test, plain static files, and a small
council (the `world` fixture) that the access tests and others build on."""

import pytest


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
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]


@pytest.fixture
def world(db):
    from factories import build_world

    return build_world()


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
