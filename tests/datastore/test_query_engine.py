"""The query engine over a small Parquet file built in code: filters, search, sort, paging by
offset and by cursor, distinct values, facets, aggregates, and plain-English errors."""

from datetime import date
from decimal import Decimal

import duckdb
import pytest

from townsquare.datastore import query as q
from townsquare.datastore.query import Filter, Measure, QueryError, QuerySpec, Sort

ROWS = """
SELECT * FROM (VALUES
    (1, DATE '2025-04-01', 'Housing',  'Acme Ltd',        120.50::DECIMAL(12,2), 'Boiler repairs', true),
    (2, DATE '2025-04-03', 'Highways', 'Roadworks plc',   5000.00,  'Pothole filling', false),
    (3, DATE '2025-05-10', 'Housing',  'acme ltd',        -75.25,   'Refund: boiler',  true),
    (4, DATE '2025-05-12', 'Waste',    '=HYPERLINK("x")', 999.99,   NULL,              NULL),
    (5, DATE '2025-06-01', 'Highways', 'Gritters & Co',   5000.00,  'Grit',            false),
    (6, NULL,              '',         'Zed Services',    NULL,     'Consultancy',     true)
) AS v(id, paid_on, department, supplier, amount, purpose, approved)
"""
SCHEMA = {
    "fields": [
        {"name": "id", "title": "ID", "type": "integer"},
        {"name": "paid_on", "title": "Date paid", "type": "date"},
        {"name": "department", "title": "Department", "type": "string"},
        {"name": "supplier", "title": "Supplier name", "type": "string"},
        {"name": "amount", "title": "Amount (£)", "type": "number"},
        {"name": "purpose", "title": "Purpose", "type": "string"},
        {"name": "approved", "title": "Approved", "type": "boolean"},
    ]
}


@pytest.fixture
def source(tmp_path):
    path = tmp_path / "spend.parquet"
    duckdb.execute(f"COPY ({ROWS}) TO '{path}' (FORMAT parquet)")
    return q.Source(path, SCHEMA)


def ids(source, spec):
    return [row[0] for row in q.rows(source, spec).rows]


def test_all_rows_in_file_order_with_the_schema_titles(source):
    result = q.rows(source, QuerySpec())
    assert [c.title for c in result.columns][:2] == ["ID", "Date paid"]
    assert [r[0] for r in result.rows] == [1, 2, 3, 4, 5, 6]
    assert result.rows[0][4] == Decimal("120.50")
    assert result.next_cursor is None


def test_selecting_columns(source):
    result = q.rows(source, QuerySpec(columns=("supplier", "id")))
    assert [c.name for c in result.columns] == ["supplier", "id"]
    assert result.rows[0] == ("Acme Ltd", 1)


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        (Filter("department", "eq", "Housing"), [1, 3]),
        (Filter("department", "ne", "Housing"), [2, 4, 5, 6]),
        (Filter("amount", "lt", "0"), [3]),
        (Filter("amount", "le", "999.99"), [1, 3, 4]),
        (Filter("amount", "gt", "£1,000"), [2, 5]),
        (Filter("amount", "ge", "5000"), [2, 5]),
        (Filter("paid_on", "ge", "10/05/2025"), [3, 4, 5]),
        (Filter("paid_on", "lt", "2025-05-01"), [1, 2]),
        (Filter("department", "in", ["Waste", "Highways"]), [2, 4, 5]),
        (Filter("id", "in", ["1", "6"]), [1, 6]),
        (Filter("supplier", "contains", "ACME"), [1, 3]),
        (Filter("supplier", "starts_with", "g"), [5]),
        (Filter("amount", "contains", "5000"), [2, 5]),
        (Filter("purpose", "is_empty", True), [4]),
        (Filter("department", "is_empty", "yes"), [6]),
        (Filter("department", "is_empty", "no"), [1, 2, 3, 4, 5]),
        (Filter("approved", "eq", "yes"), [1, 3, 6]),
        (Filter("approved", "eq", "false"), [2, 5]),
    ],
)
def test_filters(source, flt, expected):
    assert ids(source, QuerySpec(filters=(flt,))) == expected


def test_filters_combine(source):
    spec = QuerySpec(filters=(Filter("department", "eq", "Housing"), Filter("amount", "gt", "0")))
    assert ids(source, spec) == [1]
    assert q.count(source, spec) == 1


def test_free_text_search_is_case_insensitive_over_text_columns_and_needs_every_word(source):
    assert ids(source, QuerySpec(search="BOILER")) == [1, 3]
    assert ids(source, QuerySpec(search="acme refund")) == [3]
    assert ids(source, QuerySpec(search="highways grit")) == [5]
    assert ids(source, QuerySpec(search="nothing-like-this")) == []


def test_sort_on_several_columns_with_nulls_last(source):
    spec = QuerySpec(sort=(Sort("amount", descending=True), Sort("paid_on", descending=True)))
    assert ids(source, spec) == [5, 2, 4, 1, 3, 6]
    spec = QuerySpec(sort=(Sort("department"), Sort("amount")))
    assert ids(source, spec) == [6, 2, 5, 3, 1, 4]


def test_limit_and_offset(source):
    assert ids(source, QuerySpec(limit=2, offset=2)) == [3, 4]
    assert ids(source, QuerySpec(sort=(Sort("amount"),), limit=2, offset=1)) == [1, 4]


@pytest.mark.parametrize(
    "sort",
    [
        (),
        (Sort("amount"),),
        (Sort("amount", descending=True),),
        (Sort("department"), Sort("amount", descending=True)),
        (Sort("approved", descending=True), Sort("paid_on")),
        (Sort("purpose"),),
    ],
)
def test_a_cursor_walks_every_row_once_in_the_same_order_as_offsets(source, sort):
    expected = ids(source, QuerySpec(sort=sort))
    walked, token = [], ""
    for _ in range(10):
        page = q.rows(source, QuerySpec(sort=sort, limit=2, cursor=token))
        walked += [r[0] for r in page.rows]
        if page.next_cursor is None:
            break
        token = page.next_cursor
    assert walked == expected


def test_a_cursor_respects_filters(source):
    spec = QuerySpec(filters=(Filter("department", "eq", "Highways"),), limit=1)
    first = q.rows(source, spec)
    second = q.rows(source, QuerySpec(filters=spec.filters, limit=1, cursor=first.next_cursor))
    assert [first.rows[0][0], second.rows[0][0]] == [2, 5]
    assert second.next_cursor is None


def test_a_cursor_for_another_sort_or_a_garbled_one_is_refused(source):
    token = q.rows(source, QuerySpec(sort=(Sort("amount"),), limit=2)).next_cursor
    with pytest.raises(QueryError, match="different sort order"):
        q.rows(source, QuerySpec(sort=(Sort("supplier"),), cursor=token))
    with pytest.raises(QueryError, match="not valid"):
        q.rows(source, QuerySpec(cursor="not-a-cursor!"))


def test_distinct_values(source):
    assert q.distinct(source, "department") == ["", "Highways", "Housing", "Waste"]
    spec = QuerySpec(filters=(Filter("amount", "ge", "999"),))
    assert q.distinct(source, "department", spec) == ["Highways", "Waste"]


def test_facet_counts_for_two_columns_under_the_filters(source):
    result = q.facets(source, ["department", "approved"])
    assert result[0].values == [("Highways", 2), ("Housing", 2), ("", 1), ("Waste", 1)]
    assert result[1].values == [("true", 3), ("false", 2), (None, 1)]
    narrowed = q.facets(source, ["department"], QuerySpec(search="boiler"), limit=1)
    assert narrowed[0].values == [("Housing", 2)]
    assert not narrowed[0].truncated
    assert q.facets(source, ["department"], limit=2)[0].truncated


def test_grouped_aggregates(source):
    result = q.aggregate(
        source,
        ["department"],
        [Measure("count"), Measure("sum", "amount"), Measure("max", "paid_on")],
        QuerySpec(filters=(Filter("department", "ne", ""),)),
    )
    assert result.columns == ["department", "count", "sum_amount", "max_paid_on"]
    assert result.rows == [
        ("Highways", 2, Decimal("10000.00"), date(2025, 6, 1)),
        ("Housing", 2, Decimal("45.25"), date(2025, 5, 10)),
        ("Waste", 1, Decimal("999.99"), date(2025, 5, 12)),
    ]
    whole = q.aggregate(source, [], [Measure("mean", "amount"), Measure("min", "amount")])
    assert whole.rows == [(pytest.approx(2209.048), Decimal("-75.25"))]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda s: q.rows(s, QuerySpec(columns=("nope",))), 'no column called "nope"'),
        (lambda s: q.rows(s, QuerySpec(sort=(Sort("x; drop"),))), 'no column called "x; drop"'),
        (
            lambda s: q.rows(s, QuerySpec(filters=(Filter("amount", "gt", "abc"),))),
            '"abc" is not a number for column amount',
        ),
        (
            lambda s: q.rows(s, QuerySpec(filters=(Filter("id", "eq", "1.5"),))),
            '"1.5" is not a whole number for column id',
        ),
        (
            lambda s: q.rows(s, QuerySpec(filters=(Filter("paid_on", "eq", "31/02/2025"),))),
            '"31/02/2025" is not a date',
        ),
        (
            lambda s: q.rows(s, QuerySpec(filters=(Filter("approved", "eq", "maybe"),))),
            '"maybe" is not yes or no',
        ),
        (
            lambda s: q.rows(s, QuerySpec(filters=(Filter("id", "like", "1"),))),
            '"like" is not a way to filter',
        ),
        (lambda s: q.rows(s, QuerySpec(limit=0)), "between 1 and"),
        (lambda s: q.aggregate(s, [], [Measure("sum", "supplier")]), "supplier is not one"),
        (lambda s: q.aggregate(s, [], [Measure("median", "amount")]), "not a calculation"),
        (lambda s: q.facets(s, ["ghost"]), 'no column called "ghost"'),
    ],
)
def test_mistakes_get_plain_english_errors(source, call, message):
    with pytest.raises(QueryError, match=message.replace("(", r"\(")):
        call(source)


def test_values_are_bound_not_pasted(source):
    hostile = "x' OR 1=1 --"
    assert ids(source, QuerySpec(filters=(Filter("supplier", "eq", hostile),))) == []
    assert ids(source, QuerySpec(search=hostile)) == []


def test_only_schema_fields_are_columns(tmp_path):
    path = tmp_path / "t.parquet"
    duckdb.execute(f"COPY (SELECT 1 AS shown, 2 AS hidden) TO '{path}' (FORMAT parquet)")
    source = q.Source(path, {"fields": [{"name": "shown"}]})
    assert q.rows(source, QuerySpec()).rows == [(1,)]
    with pytest.raises(QueryError):
        q.rows(source, QuerySpec(columns=("hidden",)))


def test_the_database_cannot_read_other_files(source, tmp_path):
    other = tmp_path / "other.csv"
    other.write_text("secret\n42\n")
    with q.cursor(source) as cur, pytest.raises(duckdb.PermissionException):
        cur.execute(f"SELECT * FROM read_csv('{other}')").fetchall()  # noqa: S608
    with q.cursor(source) as cur, pytest.raises(duckdb.Error):
        cur.execute("SET enable_external_access = true")


def test_a_replaced_file_is_read_afresh(source):
    assert q.count(source) == 6
    duckdb.execute(f"COPY (SELECT 1 AS id) TO '{source.path}' (FORMAT parquet)")
    assert q.count(q.Source(source.path, {"fields": [{"name": "id"}]})) == 1
