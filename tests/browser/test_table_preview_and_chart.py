"""A table's rows sorted, filtered and paged with JavaScript off, and a chart drawn with it on
under the strict Content Security Policy; axe-core finds no WCAG 2.2 AA problems on either."""

import re

import pytest
from browser_support import assert_no_axe_violations
from factories import table_from_sql
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

ROWS = """SELECT i AS id, ['Housing', 'Waste', 'Highways'][1 + i % 3] AS department,
    (i * 37 % 1000)::DECIMAL(10, 2) AS amount, DATE '2025-04-01' + i::INTEGER AS paid_on
    FROM range(1, 121) t(i)"""


@pytest.fixture
def table_url(live_server, live_world):
    ds = live_world.datasets["open"]
    table_from_sql(ds, ROWS, name="spend")
    return f"{live_server.url}/datasets/{ds.slug}/tables/spend/"


def _first_cells(page, column=0):
    return page.locator("tbody tr").evaluate_all(
        f"rows => rows.map(r => r.cells[{column}].textContent.trim())"
    )


def test_sort_filter_and_page_without_javascript(no_js_page, table_url):
    page = no_js_page
    page.goto(table_url)
    expect(page.locator("#row-count")).to_contain_text("of 120")

    page.get_by_role("link", name=re.compile(r"^amount\W+sort ascending")).click()
    page.get_by_role("link", name=re.compile(r"^amount\W+sort descending")).click()
    assert _first_cells(page, 2)[0] == "999.00"

    page.locator(".govuk-pagination__next a").click()
    expect(page.locator("#row-count")).to_contain_text("Showing rows 51 to 100 of 120")

    page.get_by_text("Add a filter").click()
    page.get_by_label("Column").select_option("department")
    page.get_by_label("Condition").select_option("eq")
    page.get_by_label("Value").fill("Waste")
    page.get_by_role("button", name="Add filter").click()
    expect(page.locator("#active-filters")).to_contain_text("department is Waste")
    expect(page.locator("#row-count")).to_contain_text("Showing rows 1 to 40 of 40 matching")
    assert set(_first_cells(page, 1)) == {"Waste"}
    amounts = [float(a) for a in _first_cells(page, 2)]
    assert amounts == sorted(amounts, reverse=True)  # the sort is kept

    page.get_by_role("link", name=re.compile(r"Remove\W+filter: department is Waste")).click()
    expect(page.locator("#row-count")).to_contain_text("of 120")


def test_table_page_is_accessible(page, table_url):
    page.goto(table_url + "?department=Housing&_sort=-amount")
    assert_no_axe_violations(page)


def test_chart_is_drawn_under_the_content_security_policy(page, table_url):
    page.goto(table_url + "chart/")
    page.get_by_label("Line chart").check()
    page.get_by_label("Across the bottom (x axis)").select_option("paid_on")
    page.get_by_label("Up the side (y axis)").select_option("amount")
    page.get_by_label("Combine the rows for each x value by").select_option("sum")
    page.get_by_role("button", name="Draw chart").click()
    expect(page.locator("#chart")).to_have_attribute("data-drawn", "true")
    expect(page.locator("#chart canvas")).to_have_count(1)
    assert_no_axe_violations(page)
