"""The chart page: a GET form of columns, a Vega-Lite spec built on the server from a grouped
query, the same figures as a table, and a Content Security Policy that allows only the page's
import map inline."""

import base64
import hashlib
import json
import re

import pytest
from factories import table_from_sql

ROWS = """SELECT * FROM (VALUES
    (DATE '2025-04-01', 'Housing', 100.0), (DATE '2025-04-01', 'Waste', 50.0),
    (DATE '2025-05-01', 'Housing', 25.5), (DATE '2025-05-01', 'Housing', 4.5)
) v(paid_on, department, amount)"""


@pytest.fixture
def table(world):
    return table_from_sql(world.datasets["open"], ROWS, name="spend")


def _chart_url(world):
    return f"/datasets/{world.datasets['open'].slug}/tables/spend/chart/"


def _spec(html: str) -> dict:
    return json.loads(
        re.search(r'<script id="chart-spec" type="application/json">(.*?)</script>', html, re.S)[1]
    )


def test_the_form_alone_until_columns_are_chosen(client, world, table):
    html = client.get(_chart_url(world)).content.decode()
    assert "Draw chart" in html and 'id="chart-spec"' not in html
    assert "vega.min.js" not in html


def test_a_bar_chart_of_totals_by_department(client, world, table):
    response = client.get(
        _chart_url(world), {"kind": "bar", "x": "department", "y": "amount", "aggregate": "sum"}
    )
    html = response.content.decode()
    spec = _spec(html)
    assert spec["mark"]["type"] == "bar"
    assert spec["data"]["values"] == [{"x": "Housing", "y": 130.0}, {"x": "Waste", "y": 50.0}]
    assert spec["encoding"]["x"]["type"] == "nominal"
    assert spec["description"] == "Total of amount by department"
    assert '<td class="govuk-table__cell">Housing</td>' in html  # the figures without JavaScript
    assert "vega-embed.min.js" in html and "datastore/table-chart.mjs" in html


def test_counting_rows_over_dates_with_the_tables_filters(client, world, table):
    response = client.get(
        _chart_url(world),
        {"kind": "line", "x": "paid_on", "y": "", "aggregate": "count", "department": "Housing"},
    )
    spec = _spec(response.content.decode())
    assert spec["encoding"]["x"]["type"] == "temporal"
    assert spec["data"]["values"] == [{"x": "2025-04-01", "y": 1}, {"x": "2025-05-01", "y": 2}]


def test_the_import_map_is_the_only_inline_script_allowed(client, world, table):
    response = client.get(
        _chart_url(world), {"kind": "bar", "x": "department", "aggregate": "count"}
    )
    html = response.content.decode()
    importmap = re.search(r'<script type="importmap">(.*?)</script>', html, re.S)[1]
    digest = base64.b64encode(hashlib.sha256(importmap.encode()).digest()).decode()
    policy = response["Content-Security-Policy"]
    assert f"script-src 'self' 'sha256-{digest}'" in policy
    assert "unsafe" not in policy
    imports = json.loads(importmap)["imports"]
    assert "vega-interpreter" in imports
    assert imports["townsquare-chart"].endswith("datastore/chart.mjs")  # the shared start-up


def test_a_sum_of_text_is_explained(client, world, table):
    response = client.get(
        _chart_url(world), {"kind": "bar", "x": "paid_on", "y": "department", "aggregate": "sum"}
    )
    assert response.status_code == 400
    assert "govuk-error-summary" in response.content.decode()
