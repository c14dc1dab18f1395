"""The spend overview in a browser: the charts drawn under the strict Content Security Policy,
and no WCAG 2.2 AA problems axe-core can find."""

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
