"""The publishing journey works with JavaScript switched off (progressive enhancement only):
a publisher creates a dataset, uploads a CSV and publishes it; a resident then finds it and
downloads the same bytes. Restricted data stays a 404 for staff without a grant."""

import re
from pathlib import Path

import pytest
from browser_support import sign_in, sign_out
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

CSV = "Supplier,Amount\nAcme Ltd,£1,250.00\nÉcole du Nord,499.99\n".encode()


def test_publish_a_dataset_then_download_it_anonymously(no_js_page, live_server, live_world):
    page = no_js_page
    sign_in(page, live_server, live_world.people["publisher"])
    # js-enabled.js would have marked the body if the page's scripts ran.
    expect(page.locator("body")).not_to_have_class(re.compile("js-enabled"))

    page.goto(f"{live_server.url}/datasets/")
    page.get_by_role("link", name="Create a dataset").click()
    page.get_by_label("Title").fill("Spending over £500")
    page.get_by_label("Summary").fill("Every payment to a supplier of £500 or more")
    page.get_by_label("Publisher").select_option(label="Payments (Team)")
    page.get_by_label("Open", exact=True).check()
    page.get_by_role("button", name="Save dataset").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Spending over £500")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("created as a draft")
    dataset_url = page.url

    page.get_by_role("link", name="Upload a file").click()
    page.get_by_label("Title").fill("Payments, April 2025")
    page.get_by_label("Upload a file").set_input_files(
        files=[{"name": "payments.csv", "mimeType": "text/csv", "buffer": CSV}]
    )
    page.get_by_role("button", name="Upload file").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("File uploaded")
    assert page.url == dataset_url

    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("sent for review")
    sign_out(page)

    # The data steward checks it and publishes it.
    sign_in(page, live_server, live_world.people["steward"])
    page.goto(dataset_url)
    expect(page.get_by_role("heading", name="Review checklist")).to_be_visible()
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Dataset published")
    sign_out(page)

    # A resident, not signed in, finds it and downloads the file.
    page.goto(f"{live_server.url}/datasets/")
    page.get_by_label("Search datasets").fill("spending")
    page.locator("#main-content").get_by_role("button", name="Search").click()
    page.get_by_role("link", name="Spending over £500").click()
    assert page.url == dataset_url
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download Payments, April 2025").click()
    download = download_info.value
    assert download.suggested_filename == "payments.csv"
    assert Path(download.path()).read_bytes() == CSV


def test_restricted_dataset_is_not_found_for_staff_without_a_grant(
    no_js_page, live_server, live_world
):
    page = no_js_page
    restricted = live_world.datasets["restricted"]
    sign_in(page, live_server, live_world.people["staff"])

    response = page.goto(f"{live_server.url}{restricted.get_absolute_url()}")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    assert restricted.title not in page.content()
