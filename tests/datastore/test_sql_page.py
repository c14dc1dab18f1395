"""The SQL page: results for people who may see the dataset, errors in the error summary, 404
for everyone else, and an audit entry for queries of data that is not open."""

import pytest
from factories import table_from_sql

from townsquare.core.models import AuditEvent

ROWS = "SELECT * FROM (VALUES (1, 'Housing', 10.5), (2, 'Waste', 20.0)) v(id, department, amount)"


@pytest.fixture
def tables(world):
    return {kind: table_from_sql(ds, ROWS, name="spend") for kind, ds in world.datasets.items()}


def _sql_url(world, kind):
    return f"/datasets/{world.datasets[kind].slug}/sql/"


def test_results_of_a_query(client, world, tables):
    response = client.get(
        _sql_url(world, "open"),
        {"sql": "SELECT department, amount * 2 AS doubled FROM spend ORDER BY id"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "doubled" in html and "Housing" in html and "21.0" in html
    assert "2 rows" in html


def test_a_refused_query_is_explained_in_the_error_summary(client, world, tables):
    response = client.get(_sql_url(world, "open"), {"sql": "SELECT * FROM read_csv('/etc/passwd')"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert "functions such as read_csv" in html
    assert "root:" not in html


def test_other_datasets_tables_cannot_be_named(client, world, tables):
    client.force_login(world.people["staff"])
    response = client.get(_sql_url(world, "open"), {"sql": "SELECT * FROM spend, restricted_spend"})
    assert "no table called &quot;restricted_spend&quot;" in response.content.decode()


@pytest.mark.parametrize(("who", "kind", "status"), [
    ("anonymous", "internal", 404), ("staff", "restricted", 404), ("staff", "draft", 404),
    ("grantee", "restricted", 200), ("publisher", "draft", 200),
])  # fmt: skip
def test_the_page_follows_the_access_policy(client, world, tables, who, kind, status):
    if world.people[who]:
        client.force_login(world.people[who])
    response = client.get(_sql_url(world, kind), {"sql": "SELECT count(*) AS n FROM spend"})
    assert response.status_code == status
    if status == 404:
        assert world.datasets[kind].title not in response.content.decode()


def test_queries_of_restricted_data_are_audited(client, world, tables):
    client.force_login(world.people["grantee"])
    client.get(_sql_url(world, "restricted"), {"sql": "SELECT count(*) FROM spend"})
    event = AuditEvent.objects.get(object_id=str(world.datasets["restricted"].pk), action="view")
    assert event.details["sql"] == "SELECT count(*) FROM spend"
