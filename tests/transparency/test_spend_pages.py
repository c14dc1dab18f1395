"""The public spend pages: the overview with its charts and their figures as tables, the
searchable list of suppliers, one supplier's payments, and every table as formula-safe CSV."""

import csv
import io
import json
import re

import pytest
from spend_analysis_support import FORMULA, ODD, spend_series

from townsquare.transparency import spend


@pytest.fixture
def series(world):
    return spend_series(world.datasets["open"], world.payments)


def _csv(response) -> list[list[str]]:
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_the_overview_shows_totals_top_suppliers_and_charts(client, series):
    response = client.get("/transparency/spend/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "£9,160.25" in html  # the total, net of the credit
    assert "\u2212£100.25" in html  # credits with a real minus sign
    big = spend.supplier_key("Big Co plc")
    assert f'href="/transparency/spend/suppliers/{big}/"' in html
    # Redacted lines count, as one line, but link nowhere.
    assert "Redacted – personal data" in html and "/suppliers/redacted" not in html
    # A chart per breakdown, its figures as JSON for Vega-Lite and as a table.
    specs = re.findall(r'<script id="([a-z-]+-spec)" type="application/json">', html)
    assert specs == ["directorate-spec", "category-spec", "expense-type-spec"]
    spec = json.loads(
        re.search(r'<script id="directorate-spec" type="application/json">(.*?)</script>',
                  html, re.S)[1]
    )  # fmt: skip
    housing = [v for v in spec["data"]["values"] if v["group"] == "Housing"]
    assert {v["quarter"]: v["amount"] for v in housing}["2025/26 Q2"] == -100.25
    assert 'data-chart-spec="directorate-spec"' in html and "spend-charts.mjs" in html
    assert '<th scope="row" class="govuk-table__header ts-row-header">Housing</th>' in html


def test_the_chart_script_is_allowed_by_its_hash_not_by_unsafe_inline(client, series):
    policy = client.get("/transparency/spend/")["Content-Security-Policy"]
    assert "'sha256-" in policy
    assert "unsafe-inline" not in policy.split("script-src", 1)[1].split(";")[0]
    assert "unsafe-eval" not in policy


def test_choosing_a_year_and_quarter(client, series):
    html = client.get("/transparency/spend/", {"year": "2025", "quarter": "2"}).content.decode()
    assert "£1,999.75" in html and "quarter 2 of 2025/26" in html
    assert "Big Co plc" not in html  # paid in Q4 and the next year only
    assert 'href="/transparency/spend/top-suppliers.csv?year=2025&amp;quarter=2"' in html


def test_a_year_not_in_the_data_is_explained(client, series):
    response = client.get("/transparency/spend/", {"year": "1999", "quarter": "2"})
    html = response.content.decode()
    assert response.status_code == 400
    assert '<a href="#spend-year">Choose a financial year from the list.</a>' in html
    assert 'aria-describedby="spend-year-error"' in html
    assert "<title>Error: " in html
    assert "£1,999.75" in html  # the quarter chosen still applies


def test_the_supplier_list_searches_and_pages(client, series, settings):
    html = client.get("/transparency/spend/suppliers/", {"q": "acme"}).content.decode()
    assert "1 supplier matching “acme”" in html
    assert f'href="/transparency/spend/suppliers/{spend.supplier_key("Acme Ltd")}/"' in html
    from townsquare.transparency import views_spend

    views_spend.PAGE_SIZE, old = 2, views_spend.PAGE_SIZE
    try:
        html = client.get("/transparency/spend/suppliers/", {"page": "2"}).content.decode()
    finally:
        views_spend.PAGE_SIZE = old
    assert "showing 3 to 4" in html and 'aria-label="Pagination"' in html
    assert "Suppliers by net amount paid, page 2 of" in html  # the table's caption names the page


def test_a_supplier_page_lists_its_payments_and_links_to_the_rows(client, series):
    key = spend.supplier_key("Acme Ltd")
    response = client.get(f"/transparency/spend/suppliers/{key}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="govuk-heading-xl">Acme Ltd</h1>' in html
    assert "£1,150.25" in html  # the supplier's total, net of the credit
    assert html.index(">T3<") < html.index(">T2<") < html.index(">T1<")  # latest first
    assert "2025/26 Q2" in html
    table = series.dataset.resources.get(title="spend.csv").tables.get()
    column = next(f["name"] for f in table.fields if f["name"].lower() == "beneficiaryname")
    assert f"/datasets/{series.dataset.slug}/tables/{table.name}/?{column}=Acme+Ltd" in html


def test_odd_supplier_names_are_escaped_and_found_by_a_stable_key(client, series):
    key = spend.supplier_key(ODD)
    assert re.fullmatch(r"[a-z0-9-]+", key)
    html = client.get(f"/transparency/spend/suppliers/{key}/").content.decode()
    assert "O&#x27;Brien &amp; Sons &lt;Ltd&gt; / Ünïcode" in html
    assert "<Ltd>" not in html
    # An old or mistyped slug before the same hash finds the supplier at its current address.
    hash_only = key.rsplit("-", 1)[1]
    response = client.get(f"/transparency/spend/suppliers/renamed-{hash_only}/", {"year": "2025"})
    assert response.status_code == 302
    assert response["Location"] == f"/transparency/spend/suppliers/{key}/?year=2025"


def test_no_page_for_redacted_lines_or_unknown_suppliers(client, series):
    for key in (spend.supplier_key(spend.REDACTED), "nobody-0123456789", "x"):
        assert client.get(f"/transparency/spend/suppliers/{key}/").status_code == 404
        assert client.get(f"/transparency/spend/suppliers/{key}/payments.csv").status_code == 404


def test_downloads_are_csv_with_formulas_neutralised_and_credits_as_numbers(client, series):
    rows = _csv(client.get("/transparency/spend/suppliers.csv"))
    assert rows[0] == ["Supplier", "Payments", "Net amount (£)"]
    assert ["'" + FORMULA, "1", "600.00"] in rows
    assert ["Redacted – personal data", "2", "1700.00"] in rows
    quarters = _csv(client.get("/transparency/spend/quarters.csv", {"year": "2025"}))
    assert quarters[2] == ["2025/26 Q2", "4", "1999.75"]
    directorates = _csv(client.get("/transparency/spend/directorates.csv"))
    assert directorates[0] == ["Directorate", "2025/26 Q1", "2025/26 Q2", "2025/26 Q4",
                               "2026/27 Q1", "Total (£)", "Payments"]  # fmt: skip
    assert ["Housing", "1250.50", "-100.25", "0.00", "0.00", "1150.25", "3"] in directorates
    payments = _csv(
        client.get(f"/transparency/spend/suppliers/{spend.supplier_key(FORMULA)}/payments.csv")
    )
    assert payments[1][0] == "'" + FORMULA and payments[1][1] == "2025-08-01"
    response = client.get("/transparency/spend/top-suppliers.csv", {"year": "2025", "quarter": "1"})
    assert 'filename="spend-top-suppliers-2025-26-q1.csv"' in response["Content-Disposition"]


def test_without_a_spend_series_the_pages_are_not_found(client, world):
    for url in ("/transparency/spend/", "/transparency/spend/suppliers/",
                "/transparency/spend/quarters.csv"):  # fmt: skip
        assert client.get(url).status_code == 404


def test_a_series_with_nothing_published_says_so(client, world):
    from spend_analysis_support import register

    register(world.datasets["open"], world.payments)
    html = client.get("/transparency/spend/").content.decode()
    assert "No payments have been published yet." in html
    assert "vega" not in html
