"""Browser journeys: Debian's Chromium driven by Playwright (sync API) against pytest-django's
live server, with axe-core checking pages against WCAG 2.2 AA.

No browser is downloaded: Playwright launches /usr/bin/chromium (the `chromium` package).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Playwright's sync API keeps an asyncio event loop in the test thread, and Django refuses
# database work from a thread with a running loop unless told that this is safe.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
VIEWPORT = {"width": 1280, "height": 900}


def pytest_collection_modifyitems(config, items):
    """Skip this folder's tests, saying why, when Debian's Chromium is not installed (CI
    installs it)."""
    if CHROMIUM.exists():
        return
    here = Path(__file__).parent
    skip = pytest.mark.skip(reason=f"browser tests need Debian's Chromium at {CHROMIUM}")
    for item in items:
        if here in item.path.parents:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser(django_db_setup):
    """Debian's Chromium, once per session. Set up after the test database, so it closes
    before the database goes."""
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # While Playwright runs, the test thread counts as having a running event loop, and
    # Django then keeps its connections per context rather than per thread: the tests get
    # new connection objects (to the same database) that lack the copy of the migrated data
    # taken at set-up, which serialized rollback restores after each flush. Hand it over.
    serialized = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    with sync_playwright() as playwright:
        for alias, contents in serialized.items():
            connections[alias]._test_serialized_contents = contents
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


def new_context(browser, **options):
    context = browser.new_context(viewport=VIEWPORT, **options)
    context.set_default_timeout(10_000)
    return context


def watch(page) -> list[str]:
    """Collect what would make a page check meaningless: a script error, a stylesheet,
    script, font or image that failed to load, or anything the CSP blocked."""
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))

    def console(message):  # the browser reports what the Content Security Policy blocked
        if "Content Security Policy" in message.text:
            problems.append(f"blocked by the Content Security Policy: {message.text}")

    page.on("console", console)

    def response(r):
        if r.status >= 400 and r.request.resource_type != "document":
            problems.append(f"{r.status} for {r.url}")

    def failed(r):  # a download ends its document request early; that is no problem
        if r.resource_type != "document":
            problems.append(f"{r.failure} for {r.url}")

    page.on("response", response)
    page.on("requestfailed", failed)
    return problems


def _page(browser, **options):
    context = new_context(browser, **options)
    page = context.new_page()
    problems = watch(page)
    yield page
    context.close()
    assert not problems, "The page's own files or scripts failed:\n" + "\n".join(problems)


@pytest.fixture
def page(browser):
    """A page in a fresh browser profile (no cookies), with JavaScript on."""
    yield from _page(browser)


@pytest.fixture
def no_js_page(browser):
    """A page in a fresh browser profile with JavaScript switched off."""
    yield from _page(browser, java_script_enabled=False)


@pytest.fixture
def live_world(transactional_db, django_db_serialized_rollback):
    """build_world() in a database the live server's thread can see. Each test's flush also
    empties the tables the migrations fill (licences, themes), so they are restored too."""
    from factories import build_world

    return build_world()
