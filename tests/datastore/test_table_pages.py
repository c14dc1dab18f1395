"""The table page (sorting, filters and pages as plain links and GET forms), the JSON rows
endpoint and the downloads: who may reach them, what they show, and the audit trail."""

import csv
import io
import json

import duckdb
import pytest
from factories import table_from_sql

from townsquare.core.models import AuditEvent

SPEND = """
SELECT * FROM (VALUES
    (1, DATE '2025-04-01', 'Housing',  'Acme Ltd',          120.50::DECIMAL(12,2)),
    (2, DATE '2025-04-03', 'Highways', 'Roadworks plc',     5000.00),
    (3, DATE '2025-05-10', 'Housing',  '=cmd|'' /C calc''!A0', -75.25),
    (4, DATE '2025-05-12', 'Waste',    '+44 1632 960000',   999.99),
    (5, DATE '2025-06-01', 'Highways', '@SUM(A1)',          5000.00),
    (6, DATE '2025-06-02', 'Waste',    '-2+3',              10.00)
) AS v(id, paid_on, department, supplier, amount)
"""
SCHEMA = {
    "fields": [
        {"name": "id", "title": "ID", "type": "integer"},
        {"name": "paid_on", "title": "Date paid", "type": "date"},
        {"name": "department", "title": "Department", "type": "string"},
        {"name": "supplier", "title": "Supplier name", "type": "string"},
        {"name": "amount", "title": "Amount", "type": "number"},
    ]
}
VISIBLE = {
    "anonymous": {"open"},
    "staff": {"open", "internal"},
    "grantee": {"open", "internal", "restricted"},
    "publisher": {"open", "internal", "restricted", "draft"},
}


@pytest.fixture
def tables(world):
    return {kind: table_from_sql(ds, SPEND, schema=SCHEMA) for kind, ds in world.datasets.items()}


def _login(client, world, who):
    if world.people[who] is not None:
        client.force_login(world.people[who])
    return client


def _url(world, kind, suffix="/"):
    return f"/datasets/{world.datasets[kind].slug}/tables/spend{suffix}"


SUFFIXES = ["/", ".json", "/download.csv", "/download.json", "/download.parquet", "/chart/"]


@pytest.mark.parametrize("who", VISIBLE)
def test_only_people_who_may_see_the_dataset_reach_its_table(client, world, tables, who):
    client = _login(client, world, who)
    for kind in ("open", "internal", "restricted", "draft"):
        for suffix in SUFFIXES:
            response = client.get(_url(world, kind, suffix))
            expected = 200 if kind in VISIBLE[who] else 404
            assert response.status_code == expected, (kind, suffix)
            if expected == 404:
                assert world.datasets[kind].title.encode() not in response.content


def test_an_unknown_table_is_not_found(client, world, tables):
    slug = world.datasets["open"].slug
    assert client.get(f"/datasets/{slug}/tables/nothing/").status_code == 404


def test_reads_of_data_that_is_not_open_are_audited(client, world, tables):
    client.force_login(world.people["grantee"])
    client.get(_url(world, "restricted") + "?department=Housing")
    client.get(_url(world, "restricted", "/download.csv"))
    client.get(_url(world, "open"))
    events = list(AuditEvent.objects.filter(object_id=str(world.datasets["restricted"].pk)))
    assert {(e.action, e.details.get("table")) for e in events} >= {
        ("view", "spend"),
        ("download", "spend"),
    }
    assert any("department=Housing" in e.details["query"] for e in events)
    assert not AuditEvent.objects.filter(
        object_id=str(world.datasets["open"].pk), action="view"
    ).exists()


def _cells(html: str, column: int) -> list[str]:
    import re

    rows = re.findall(r"<tr class=\"govuk-table__row\">(.*?)</tr>", html, re.S)
    cells = [re.findall(r"<td class=\"govuk-table__cell\">(.*?)</td>", r, re.S) for r in rows]
    return [c[column] for c in cells if c]


def test_the_page_shows_titles_rows_and_counts(client, world, tables):
    html = client.get(_url(world, "open")).content.decode()
    assert "Supplier name" in html and "Date paid" in html
    assert _cells(html, 0) == ["1", "2", "3", "4", "5", "6"]
    assert "of <strong>6</strong>" in html


def test_sorting_by_a_column_heading_link(client, world, tables):
    html = client.get(_url(world, "open") + "?_sort=-amount&_sort=id").content.decode()
    assert _cells(html, 0) == ["2", "5", "4", "1", "6", "3"]
    assert 'aria-sort="descending"' in html
    assert "?_sort=amount" in html  # the heading now sorts the other way


def test_filtering_and_searching_with_get_parameters(client, world, tables):
    html = client.get(_url(world, "open") + "?department=Housing").content.decode()
    assert _cells(html, 0) == ["1", "3"]
    assert "Department is Housing" in html
    html = client.get(_url(world, "open") + "?amount__ge=999&_search=roadworks").content.decode()
    assert _cells(html, 0) == ["2"]
    assert "of <strong>1</strong> matching" in html


def test_the_add_filter_form_redirects_to_the_filter_as_a_parameter(client, world, tables):
    response = client.get(
        _url(world, "open"),
        {"_search": "a", "add-column": "department", "add-op": "in", "add-value": "Waste, Housing"},
    )
    assert response.status_code == 302
    assert response["Location"].endswith("?_search=a&department__in=Waste%2C+Housing")
    html = client.get(response["Location"]).content.decode()
    assert _cells(html, 0) == ["1", "3", "4", "6"]


def test_a_removed_filter_keeps_the_others(client, world, tables):
    html = client.get(_url(world, "open") + "?department=Housing&amount__gt=0").content.decode()
    assert 'href="?amount__gt=0"' in html
    assert 'href="?department=Housing"' in html


def test_paging_without_javascript(client, world, tables):
    html = client.get(_url(world, "open") + "?_size=2&page=2").content.decode()
    assert _cells(html, 0) == ["3", "4"]
    assert "Showing rows 3 to 4 of <strong>6</strong>" in html
    assert "page=3" in html and "page=1" in html


def test_a_mistake_shows_in_the_error_summary(client, world, tables):
    response = client.get(_url(world, "open") + "?amount__gt=lots")
    assert response.status_code == 400
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert "&quot;lots&quot; is not a number for column amount" in html
    assert "<title>Error: " in html


def test_the_resource_page_links_to_its_tables(client, world, tables):
    resource = world.datasets["open"].resources.get()
    html = client.get(resource.get_absolute_url()).content.decode()
    assert _url(world, "open") in html
    assert _url(world, "open", "/download.csv") in html


def test_json_rows_with_a_cursor_to_the_next_page(client, world, tables):
    body = client.get(_url(world, "open", ".json") + "?_sort=-amount&_size=4").json()
    assert [r["id"] for r in body["rows"]] == [2, 5, 4, 1]
    assert body["rows"][0]["paid_on"] == "2025-04-03"
    assert body["rows"][3]["amount"] == 120.5
    following = client.get(body["next"]).json()
    assert [r["id"] for r in following["rows"]] == [6, 3]
    assert following["next"] is None


def test_json_facets_figures_and_counts(client, world, tables):
    url = _url(world, "open", ".json")
    body = client.get(url + "?_facet=department&_size=0&amount__gt=0").json()
    assert body["facets"]["department"]["values"][0] == {"value": "Highways", "count": 2}
    assert "rows" not in body
    body = client.get(url + "?_group=department&_agg=sum:amount&_agg=count").json()
    assert body["rows"][0] == {"department": "Highways", "sum_amount": 10000, "count": 2}
    assert client.get(url + "?_count=1&department=Waste").json()["total"] == 2


def test_json_errors_are_plain_english(client, world, tables):
    response = client.get(_url(world, "open", ".json") + "?_sort=nope")
    assert response.status_code == 400
    assert response.json() == {
        "ok": False,
        "error": 'There is no column called "nope" in this table.',
    }


def _csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8"))))


def test_csv_download_neutralises_formulas_unless_raw(client, world, tables):
    response = client.get(_url(world, "open", "/download.csv"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="spend.csv"' in response["Content-Disposition"]
    rows = _csv(response)
    assert rows[0] == ["id", "paid_on", "department", "supplier", "amount"]
    suppliers = [r[3] for r in rows[1:]]
    assert suppliers == [
        "Acme Ltd",
        "Roadworks plc",
        "'=cmd|' /C calc'!A0",
        "'+44 1632 960000",
        "'@SUM(A1)",
        "'-2+3",
    ]
    assert [r[4] for r in rows[1:]][2] == "-75.25"  # numbers are left alone
    raw = [r[3] for r in _csv(client.get(_url(world, "open", "/download.csv") + "?raw=1"))[1:]]
    assert raw[2] == "=cmd|' /C calc'!A0"


def test_csv_is_rfc_4180(client, world, tables):
    body = b"".join(client.get(_url(world, "open", "/download.csv")).streaming_content)
    assert body.startswith(b"id,paid_on,department,supplier,amount\r\n")
    assert b"\"'=cmd|' /C calc'!A0\"" not in body or b'"' in body  # quoted only when needed
    assert body.count(b"\r\n") == 7


def test_filtered_and_sorted_downloads(client, world, tables):
    response = client.get(_url(world, "open", "/download.csv") + "?department=Waste&_sort=-id")
    assert 'filename="spend-filtered.csv"' in response["Content-Disposition"]
    assert [r[0] for r in _csv(response)[1:]] == ["6", "4"]
    body = b"".join(
        client.get(_url(world, "open", "/download.json") + "?amount__lt=0").streaming_content
    )
    assert json.loads(body) == [
        {
            "id": 3,
            "paid_on": "2025-05-10",
            "department": "Housing",
            "supplier": "=cmd|' /C calc'!A0",
            "amount": -75.25,
        }
    ]


def test_parquet_download(client, world, tables, tmp_path):
    response = client.get(_url(world, "open", "/download.parquet") + "?_col=id&_col=amount")
    out = tmp_path / "out.parquet"
    out.write_bytes(b"".join(response.streaming_content))
    rows = duckdb.execute(f"SELECT * FROM read_parquet('{out}')").fetchall()  # noqa: S608
    assert len(rows) == 6 and len(rows[0]) == 2


def test_a_download_with_a_mistake_says_what_is_wrong(client, world, tables):
    response = client.get(_url(world, "open", "/download.csv") + "?paid_on__gt=yesterday")
    assert response.status_code == 400
    assert "is not a date" in response.content.decode()
