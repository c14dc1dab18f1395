"""The spend pages in a browser: the charts drawn under the strict Content Security Policy,
the figures usable with JavaScript off, and no WCAG 2.2 AA problems axe-core can find."""

import sys
from pathlib import Path

import pytest
from browser_support import assert_no_axe_violations
from playwright.sync_api import expect

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "transparency"))
from spend_analysis_support import spend_series  # noqa: E402

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]


@pytest.fixture
def spend_url(live_server, live_world):
    spend_series(live_world.datasets["open"], live_world.payments)
    return f"{live_server.url}/transparency/spend/"


def test_the_charts_are_drawn_and_the_page_is_accessible(page, spend_url):
    page.goto(spend_url)
    for chart in ("#directorate-chart", "#category-chart", "#expense-type-chart"):
        expect(page.locator(chart)).to_have_attribute("data-drawn", "true")
        expect(page.locator(f"{chart} canvas")).to_have_count(1)
    assert_no_axe_violations(page)


def test_choose_a_quarter_and_a_supplier_without_javascript(no_js_page, spend_url):
    page = no_js_page
    page.goto(spend_url)
    page.get_by_label("Financial year").select_option("2025")
    page.get_by_label("Quarter", exact=True).select_option("1")
    page.get_by_role("button", name="Show").click()
    heading = page.get_by_role("heading", level=2, name="Payments in quarter 1 of 2025/26")
    expect(heading).to_be_visible()
    page.get_by_role("link", name="Acme Ltd").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Acme Ltd")
    expect(page.locator("#payments-caption")).to_contain_text("Payments to Acme Ltd")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Suppliers", exact=True).click()
    page.get_by_label("Search for a supplier by name").fill("sons")
    page.get_by_role("button", name="Search").click()
    expect(page.locator("tbody tr")).to_have_count(1)
    assert_no_axe_violations(page)
