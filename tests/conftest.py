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
