"""Shared test set-up: a private data folder per test process, plain static files, and a small
council (the `world` fixture) that the access tests and others build on."""

import os
import tempfile

import pytest


def pytest_configure(config):
    # Before Django reads its settings: files and the secret key go to a throwaway folder.
    os.environ.setdefault("TOWNSQUARE_DATA_DIR", tempfile.mkdtemp(prefix="townsquare-test-"))


@pytest.fixture(autouse=True)
def _plain_static_files(settings, tmp_path):
    # Tests render templates without running collectstatic first.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "files"},
        },
    }
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db):
    from factories import build_world

    return build_world()
