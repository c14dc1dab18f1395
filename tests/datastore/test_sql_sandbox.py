"""The read-only SQL sandbox: ordinary queries over a dataset's tables work; hostile ones (other
tables, file reads, several statements, changes, settings, the catalogue, endless joins) are
refused or stopped with a plain-English message."""

# ruff: noqa: S608 - the tests write hostile SQL on purpose

import duckdb
import pytest

from townsquare.datastore import sql
from townsquare.datastore.query import QueryError


@pytest.fixture
def tables(tmp_path):
    spend, suppliers = tmp_path / "spend.parquet", tmp_path / "suppliers.parquet"
    duckdb.execute(
        f"COPY (SELECT range AS id, range % 3 AS supplier_id, range * 10 AS amount "
        f"FROM range(5000)) TO '{spend}' (FORMAT parquet)"
    )
    duckdb.execute(
        f"COPY (SELECT * FROM (VALUES (0, 'Acme'), (1, 'Bolt'), (2, 'Crane')) v(id, name)) "
        f"TO '{suppliers}' (FORMAT parquet)"
    )
    return {"spend": spend, "suppliers": suppliers}


@pytest.fixture
def secret(tmp_path):
    path = tmp_path / "secret.csv"
    path.write_text("password\nhunter2\n")
    return path


def test_a_join_with_a_cte_and_an_aggregate(tables):
    result = sql.execute(
        "WITH totals AS (SELECT supplier_id, sum(amount) AS total FROM spend GROUP BY 1) "
        "SELECT s.name, t.total FROM totals t JOIN suppliers s ON s.id = t.supplier_id "
        "ORDER BY t.total DESC",
        tables,
    )
    assert result.columns == ["name", "total"]
    assert [r[0] for r in result.rows] == ["Bolt", "Acme", "Crane"]
    assert not result.truncated


def test_the_row_limit_keeps_the_order(tables):
    result = sql.execute("SELECT id FROM spend ORDER BY id DESC", tables, row_limit=3)
    assert result.rows == [(4999,), (4998,), (4997,)]
    assert result.truncated


def test_the_tables_have_no_hidden_columns(tables):
    assert sql.execute("SELECT * FROM suppliers LIMIT 1", tables).columns == ["id", "name"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Enter an SQL query"),
        ("SELECT * FROM payroll", 'no table called "payroll"'),
        ("SELECT * FROM main.spend", "no table called"),
        ("SELECT * FROM information_schema.tables", "no table called"),
        ("SELECT * FROM pg_catalog.pg_tables", "no table called"),
        ("SELECT * FROM duckdb_tables()", "functions such as read_csv"),
        ("SELECT * FROM read_csv('{secret}')", "functions such as read_csv"),
        ("SELECT * FROM read_parquet('{spend}')", "functions such as read_csv"),
        ("SELECT * FROM '{secret}'", "no table called|functions such as"),
        ('SELECT * FROM "{secret}"', "no table called"),
        ("SELECT * FROM glob('/etc/*')", "functions such as read_csv"),
        ("SELECT * FROM query('SELECT 1')", "functions such as read_csv"),
        ("SELECT content FROM read_text('{secret}')", "functions such as read_csv"),
        ("SELECT current_setting('allowed_paths')", "function current_setting"),
        ("SELECT getenv('HOME')", "function getenv|could not be read"),
        ("SELECT 1; SELECT 2", "exactly one SELECT"),
        ("SELECT 1; DROP TABLE spend", "exactly one SELECT"),
        ("DROP VIEW spend", "Only SELECT"),
        ("CREATE TABLE x AS SELECT 1", "Only SELECT"),
        ("INSERT INTO spend VALUES (1, 1, 1)", "Only SELECT"),
        ("DELETE FROM spend", "Only SELECT"),
        ("UPDATE spend SET amount = 0", "Only SELECT"),
        ("COPY spend TO '/tmp/out.csv'", "Only SELECT"),
        ("ATTACH '/tmp/x.db' AS x", "Only SELECT"),
        ("PRAGMA database_list", "Only SELECT"),
        ("SET enable_external_access = true", "Only SELECT"),
        ("INSTALL httpfs", "Only SELECT"),
        ("LOAD httpfs", "Only SELECT"),
        ("EXPORT DATABASE '/tmp/x'", "Only SELECT|could not be read"),
        ("CALL pragma_version()", "Only SELECT"),
        ("SELECT * FROM spend WHERE", "could not be read"),
        ("SELEC * FROM spend", "could not be read|Only SELECT"),
        ("WITH x AS (SELECT * FROM payroll) SELECT * FROM x", 'no table called "payroll"'),
        ("SELECT * FROM spend UNION ALL SELECT * FROM secrets", 'no table called "secrets"'),
        ("SELECT (SELECT count(*) FROM other) FROM spend", 'no table called "other"'),
        ("SELECT nope FROM spend", "nope"),
    ],
)
def test_hostile_or_mistaken_queries_are_refused_in_plain_english(tables, secret, query, message):
    query = query.format(secret=secret, spend=tables["spend"])
    with pytest.raises(QueryError, match=message) as caught:
        sql.execute(query, tables)
    assert "Error:" not in str(caught.value)
    if "spend.parquet" not in query:  # never where the dataset's files are kept
        assert "spend.parquet" not in str(caught.value)


def test_a_huge_cross_join_is_stopped_by_the_time_limit(tables):
    with pytest.raises(QueryError, match="longer than 0.5 seconds"):
        sql.execute(
            "SELECT sum(a.id * b.id - c.id) FROM spend a, spend b, spend c",
            tables,
            seconds=0.5,
        )


def test_even_a_query_that_slipped_past_the_check_could_not_read_files(tables, secret):
    con = sql.sandboxed_database(dict(tables), row_ids=False)
    with pytest.raises(duckdb.PermissionException):
        con.execute(f"SELECT * FROM read_csv('{secret}')").fetchall()
    with pytest.raises(duckdb.Error):
        con.execute("SET enable_external_access = true")
