"""/api/v1/datasets/{slug}/tables…: the datastore's query engine through the native API —
filters, sort, cursor paging with next links, search, facets, aggregates, read-only SQL and
ingest status — following the access policy (404 for what the caller may not see), auditing
reads of data that is not open, and answering mistakes with problem+json."""

import pytest
from api_support import client_for
from factories import table_from_sql

from townsquare.core.models import AuditEvent

SPEND = """
SELECT * FROM (VALUES
    (1, DATE '2025-04-01', 'Housing',  'Acme Ltd',      120.50::DECIMAL(12,2)),
    (2, DATE '2025-04-03', 'Highways', 'Roadworks plc', 5000.00),
    (3, DATE '2025-05-10', 'Housing',  'Acme Ltd',      -75.25),
    (4, DATE '2025-05-12', 'Waste',    'Bins R Us',     999.99),
    (5, DATE '2025-06-01', 'Highways', 'Roadworks plc', 5000.00)
) AS v(id, paid_on, department, supplier, amount)
"""
VISIBLE = {
    "anonymous": {"open"},
    "staff": {"open", "internal"},
    "grantee": {"open", "internal", "restricted"},
    "publisher": {"open", "internal", "restricted", "draft"},
}


@pytest.fixture
def tables(world):
    return {kind: table_from_sql(ds, SPEND) for kind, ds in world.datasets.items()}


def _base(world, kind="open"):
    return f"/api/v1/datasets/{world.datasets[kind].slug}"


@pytest.mark.parametrize("who", VISIBLE)
def test_tables_rows_and_sql_follow_the_access_policy(world, tables, who):
    client = client_for(world, who, scope="read")
    for kind, dataset in world.datasets.items():
        base = _base(world, kind)
        answers = [
            client.get(f"{base}/tables"),
            client.get(f"{base}/tables/spend/rows"),
            client.post(
                f"{base}/sql",
                {"sql": "SELECT count(*) FROM spend"},
                content_type="application/json",
            ),  # fmt: skip
            client.get(f"{base}/resources/{dataset.resources.first().uuid}/ingest"),
        ]
        for response in answers:
            assert response.status_code == (200 if kind in VISIBLE[who] else 404), (kind, who)
            if kind not in VISIBLE[who]:
                assert response["Content-Type"] == "application/problem+json"
                assert dataset.title not in response.content.decode()


def test_the_table_list_gives_schema_and_row_count(client, world, tables):
    [table] = client.get(f"{_base(world)}/tables").json()
    assert table["name"] == "spend" and table["rows"] == 5
    assert [c["name"] for c in table["columns"]][:2] == ["id", "paid_on"]
    assert table["rows_url"].endswith(f"{_base(world)}/tables/spend/rows")


def test_filters_sort_and_cursor_paging_with_next_links(client, world, tables):
    url = f"{_base(world)}/tables/spend/rows?amount__gt=0&_sort=-amount&_size=2&_count=true"
    first = client.get(url)
    body = first.json()
    assert [r["id"] for r in body["rows"]] == [2, 5]
    assert body["rows"][0]["amount"] == 5000 and body["total"] == 4
    assert 'rel="next"' in first["Link"]
    second = client.get(body["next"]).json()
    assert [r["id"] for r in second["rows"]] == [4, 1]
    assert second["rows"][1]["amount"] == 120.5
    assert second["next"] is None


def test_search_facets_and_aggregates(client, world, tables):
    base = f"{_base(world)}/tables/spend/rows"
    found = client.get(f"{base}?_search=acme&_col=id").json()
    assert found["rows"] == [{"id": 1}, {"id": 3}]
    facets = client.get(f"{base}?_size=0&_facet=department").json()["facets"]
    assert facets["department"]["values"][0] == {"value": "Highways", "count": 2}
    figures = client.get(f"{base}?_group=department&_agg=sum:amount&_agg=count").json()
    assert figures["columns"] == ["department", "sum_amount", "count"]
    assert figures["rows"][0] == {"department": "Highways", "sum_amount": 10000, "count": 2}


def test_mistakes_are_problems_a_person_can_act_on(client, world, tables):
    base = f"{_base(world)}/tables/spend/rows"
    for query, words in [("nope=1", "no column called"), ("amount__gt=abc", "a number"),
                         ("_next=garbage", "page link")]:  # fmt: skip
        response = client.get(f"{base}?{query}")
        assert response.status_code == 400
        assert response["Content-Type"] == "application/problem+json"
        assert words in response.json()["detail"]
    refused = client.post(f"{_base(world)}/sql", {"sql": "SELECT * FROM read_csv('/etc/passwd')"},
                          content_type="application/json")  # fmt: skip
    assert refused.status_code == 400 and "read_csv" in refused.json()["detail"]
    missing = client.get(f"{_base(world)}/tables/nothing/rows")
    assert missing.status_code == 404


def test_sql_runs_in_the_sandbox(client, world, tables):
    answer = client.post(
        f"{_base(world)}/sql",
        {"sql": "SELECT department, sum(amount) AS total FROM spend GROUP BY 1 ORDER BY 1"},
        content_type="application/json",
    ).json()
    assert answer["columns"] == ["department", "total"]
    assert answer["rows"][0] == ["Highways", 10000] and answer["truncated"] is False


def test_ingest_status_of_a_file(client, world):
    from townsquare.datastore import api as datastore

    dataset = world.datasets["open"]
    resource = dataset.resources.first()
    url = f"{_base(world)}/resources/{resource.uuid}/ingest"
    assert client.get(url).json()["status"] == "queued"  # the upload queued it
    datastore.ingest_version(resource.current_version)
    status = client.get(url).json()
    assert status["status"] == "succeeded" and status["table"]


def test_reads_of_data_that_is_not_open_are_audited_and_not_cached(world, tables):
    client = client_for(world, "staff", scope="read")
    response = client.get(f"{_base(world, 'internal')}/tables/spend/rows?department=Waste")
    assert response["Cache-Control"] == "private, no-store"
    events = AuditEvent.objects.filter(object_id=str(world.datasets["internal"].pk), action="view")
    assert [(e.details.get("table"), e.details.get("query")) for e in events] == [
        ("spend", "department=Waste")
    ]
    before = AuditEvent.objects.count()
    client.get(f"{_base(world)}/tables/spend/rows")
    assert AuditEvent.objects.count() == before
