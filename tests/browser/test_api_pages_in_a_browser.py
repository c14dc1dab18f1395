"""The API's pages in a real browser: the reference page and the tokens page pass axe-core,
a new token is shown once, and Swagger UI loads from local files with nothing blocked by the
Content Security Policy (the `page` fixture fails on any CSP report or failed load)."""

import pytest
from browser_support import assert_no_axe_violations, sign_in
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]


def test_reference_page(page, live_server, live_world):
    page.goto(f"{live_server.url}/api/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Townsquare API")
    assert_no_axe_violations(page)


def test_make_and_revoke_a_token(page, live_server, live_world):
    sign_in(page, live_server, live_world.people["staff"])
    page.goto(f"{live_server.url}/people/me/tokens/")
    assert_no_axe_violations(page)
    page.get_by_label("Name").fill("Ward notebook")
    page.get_by_role("button", name="Create token").click()
    expect(page.locator("#new-token")).to_contain_text("ts_")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Revoke Ward notebook").click()
    expect(page.get_by_text("Revoked", exact=True)).to_have_count(1)


def test_swagger_ui_loads_under_the_csp(page, live_server, live_world):
    page.goto(f"{live_server.url}/api/v1/docs")
    expect(page.get_by_text("/api/v1/datasets/{slug}", exact=True).first).to_be_visible()
