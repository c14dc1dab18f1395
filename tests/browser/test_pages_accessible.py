"""axe-core finds no WCAG 2.2 AA problems on the pages people use most, in the states they
meet them in (search results, form errors, not found), and the keyboard basics work."""

import re

import pytest
from browser_support import PASSWORD, assert_no_axe_violations, sign_in
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    # No collectstatic in tests, so WhiteNoise finds no STATIC_ROOT; that is expected here.
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

PAGES = [
    "/",
    "/datasets/",
    "/datasets/?q=zebra&access=open",
    "/search/?q=zebra",
    "/search/?q=zebre",
    "/organisation/",
    "/organisation/payments/",
    "/accounts/sign-in/",
    "/accessibility/",
    "/privacy/",
    "/cookies/",
]


def visit(page, url, status=200):
    response = page.goto(url)
    assert response.status == status, f"{url} answered {response.status}"
    page.wait_for_load_state("load")
    return response


@pytest.mark.parametrize("path", PAGES)
def test_page(page, live_server, live_world, path):
    visit(page, live_server.url + path)
    assert_no_axe_violations(page)


def test_dataset_and_resource_pages(page, live_server, live_world):
    visit(page, live_server.url + live_world.datasets["open"].get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("Zebra open ledger")
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Details of The data").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("The data")
    assert_no_axe_violations(page)


def test_not_found_page(page, live_server, live_world):
    visit(page, f"{live_server.url}/datasets/no-such-dataset/", status=404)
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    assert_no_axe_violations(page)


def test_sign_in_with_wrong_password(page, live_server, live_world):
    visit(page, f"{live_server.url}/accounts/sign-in/")
    page.get_by_label("Email address").fill(live_world.people["staff"].email)
    page.get_by_label("Password").fill(PASSWORD + " wrong")
    page.get_by_role("button", name="Sign in").click()

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter a correct email address and password")
    assert page.title().startswith("Error: ")
    expect(summary).to_be_focused()  # GOV.UK Frontend moves focus there
    assert_no_axe_violations(page)


def test_create_dataset_form_with_errors(page, live_server, live_world):
    sign_in(page, live_server, live_world.people["publisher"])
    visit(page, f"{live_server.url}/datasets/new/")
    page.get_by_role("button", name="Save dataset").click()

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter a title for the dataset")
    expect(summary).to_be_focused()
    # Each message in the summary links to its field.
    summary.get_by_role("link", name="Enter a title for the dataset").click()
    expect(page.get_by_label("Title")).to_be_focused()
    assert_no_axe_violations(page)


def test_sharing_page(page, live_server, live_world):
    sign_in(page, live_server, live_world.people["steward"])
    visit(page, f"{live_server.url}{live_world.datasets['restricted'].get_absolute_url()}")
    page.get_by_role("link", name="Who has access").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Who has access")
    expect(page.get_by_role("table").first).to_contain_text("Gita Grantee")
    assert_no_axe_violations(page)


def test_first_tab_reaches_the_skip_link(page, live_server, live_world):
    visit(page, f"{live_server.url}/datasets/")
    expect(page.locator("body")).to_have_class(re.compile("govuk-frontend-supported"))
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Skip to main content")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_visible()  # shown when focused

    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()  # GOV.UK Frontend's skip link moves focus


def test_forms_leave_checking_to_the_server(page, live_server, live_world):
    """GOV.UK asks services to switch off the browser's own validation, whose messages are
    not announced consistently and vanish, and to show the error summary instead."""
    sign_in(page, live_server, live_world.people["publisher"])
    visit(page, f"{live_server.url}{live_world.datasets['draft'].get_absolute_url()}links/new/")
    page.get_by_label("Title").fill("Payments API")
    page.get_by_label("Web address").fill("not a web address")
    page.get_by_role("button", name="Add link").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter a web address in the correct format", timeout=2_000
    )
