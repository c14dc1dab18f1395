"""CKAN's DataStore actions through the real `ckanapi` client against a live Townsquare:
`datastore_search` (filters, q, fields, sort, paging, totals, record formats) and
`datastore_search_sql` over tables named by resource id; resources with a table say
`datastore_active`; and tables of datasets the caller may not see are simply not found."""

# The SQL here is test input sent to the sandbox, built from resource ids.
# ruff: noqa: S608

import ckanapi
import pytest
from api_support import token_for
from factories import table_from_sql

from townsquare.core.models import AuditEvent

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SPEND = """
SELECT * FROM (VALUES
    (1, DATE '2025-04-01', 'Housing',  'Acme Ltd',      120.50::DECIMAL(12,2)),
    (2, DATE '2025-04-03', 'Highways', 'Roadworks plc', 5000.00),
    (3, DATE '2025-05-10', 'Housing',  'Acme Ltd',      -75.25),
    (4, DATE '2025-05-12', 'Waste',    'Bins R Us',     999.99),
    (5, DATE '2025-06-01', 'Highways', 'Roadworks plc', 5000.00)
) AS v(id, paid_on, department, supplier, amount)
"""


@pytest.fixture
def tables(world):
    return {kind: table_from_sql(ds, SPEND) for kind, ds in world.datasets.items()}


def _ckan(live_server, world, who=None):
    key = token_for(world.people[who], "read") if who else None
    return ckanapi.RemoteCKAN(live_server.url, apikey=key, user_agent="townsquare-tests")


def _rid(world, kind="open") -> str:
    return str(world.datasets[kind].resources.first().uuid)


def test_datastore_search(live_server, world, tables):
    ckan = _ckan(live_server, world)
    found = ckan.action.datastore_search(
        resource_id=_rid(world), filters={"department": ["Housing", "Highways"]},
        sort="amount desc, id", fields=["id", "amount"], limit=2, offset=1,
    )  # fmt: skip
    assert found["fields"] == [{"id": "id", "type": "int"}, {"id": "amount", "type": "numeric"}]
    assert found["records"] == [{"id": 5, "amount": 5000}, {"id": 1, "amount": 120.5}]
    assert found["total"] == 4
    assert "offset=3" in found["_links"]["next"]
    words = ckan.action.datastore_search(resource_id=_rid(world), q="acme", include_total=False)
    assert [r["id"] for r in words["records"]] == [1, 3] and "total" not in words
    by_field = ckan.action.datastore_search(resource_id=_rid(world), q={"supplier": "bins"})
    assert [r["id"] for r in by_field["records"]] == [4]
    lists = ckan.action.datastore_search(
        resource_id=_rid(world), filters={"id": 2}, fields="id,department", records_format="lists"
    )
    assert lists["records"] == [[2, "Highways"]]
    text = ckan.action.datastore_search(
        resource_id=_rid(world), filters={"id": 3}, fields=["id", "paid_on"], records_format="csv"
    )
    assert text["records"] == "3,2025-05-10\r\n"


def test_datastore_search_mistakes_are_validation_errors(live_server, world, tables):
    ckan = _ckan(live_server, world)
    with pytest.raises(ckanapi.ValidationError) as raised:
        ckan.action.datastore_search(resource_id=_rid(world), filters={"nope": 1})
    assert "no column called" in str(raised.value)
    with pytest.raises(ckanapi.NotFound):
        ckan.action.datastore_search(resource_id="00000000-0000-0000-0000-000000000000")


def test_datastore_search_sql_over_resource_ids(live_server, world, tables):
    ckan = _ckan(live_server, world)
    found = ckan.action.datastore_search_sql(
        sql=f'SELECT department, sum(amount) AS total FROM "{_rid(world)}" '
        "GROUP BY department ORDER BY department"
    )
    assert found["records"][0] == {"department": "Highways", "total": 10000}
    assert found["fields"][0] == {"id": "department", "type": "text"}
    with pytest.raises(ckanapi.ValidationError):
        ckan.action.datastore_search_sql(sql="SELECT * FROM read_csv('/etc/passwd')")


def test_resources_with_a_table_are_datastore_active(live_server, world, tables):
    from factories import dataset

    ckan = _ckan(live_server, world)
    assert ckan.action.resource_show(id=_rid(world))["datastore_active"] is True
    shown = ckan.action.package_show(id=world.datasets["open"].slug)
    assert [r["datastore_active"] for r in shown["resources"]] == [True]
    plain = dataset("No table", publisher=world.payments, access_level="open")
    resource = ckan.action.package_show(id=plain.slug)["resources"][0]
    assert resource["datastore_active"] is False


@pytest.mark.parametrize("who", [None, "staff", "other_publisher"])
def test_restricted_tables_are_invisible_without_access(live_server, world, tables, who):
    ckan = _ckan(live_server, world, who)
    restricted = _rid(world, "restricted")
    with pytest.raises(ckanapi.NotFound):
        ckan.action.datastore_search(resource_id=restricted)
    with pytest.raises(ckanapi.ValidationError) as raised:
        ckan.action.datastore_search_sql(sql=f'SELECT count(*) FROM "{restricted}"')
    assert "no table called" in str(raised.value)
    assert world.datasets["restricted"].title not in str(raised.value)


def test_a_grantee_reads_the_restricted_table_and_is_audited(live_server, world, tables):
    ckan = _ckan(live_server, world, "grantee")
    restricted = _rid(world, "restricted")
    assert ckan.action.datastore_search(resource_id=restricted)["total"] == 5
    found = ckan.action.datastore_search_sql(sql=f'SELECT count(*) AS n FROM "{restricted}"')
    assert found["records"] == [{"n": 5}]
    events = AuditEvent.objects.filter(object_id=str(world.datasets["restricted"].pk))
    assert {e.details.get("via") for e in events.filter(action="view")} >= {"ckan"}
