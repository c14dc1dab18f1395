"""Read-only SQL over one dataset's tables.

A query is checked before it runs: sqlglot parses it (DuckDB dialect) and it must be exactly one
SELECT (WITH and UNION allowed) whose every table is one of the dataset's tables or a name the
query itself defines (a CTE). Table functions (read_csv, read_parquet, glob, query...), schema
or catalogue names (information_schema, duckdb_tables()), settings and anything else are refused
with a plain-English message. What runs is the SQL sqlglot wrote back from the checked tree.

It then runs in a fresh DuckDB database whose only views are the dataset's tables, which may
read those Parquet files and nothing else (external access off, configuration locked), with a
time limit (a timer interrupts it) and a row limit. For a reader with a column-limited grant
each view selects only the columns granted, so `SELECT *` gives those and a hidden column is
"not found", exactly like a column that does not exist.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb
import sqlglot
from sqlglot import exp
from sqlglot.errors import ParseError, TokenError

from .query import QueryError, sandboxed_database

TIME_LIMIT_SECONDS = 10.0
ROW_LIMIT = 1000
MAX_SQL_LENGTH = 20_000

# Scalar functions that read files, settings or the environment. Table functions are refused
# wherever they appear in FROM, so only scalars need naming.
REFUSED_FUNCTIONS = frozenset(
    {
        "current_setting",
        "getenv",
        "getvariable",
        "read_blob",
        "read_text",
        "sql_auto_complete",
        "query",
        "query_table",
        "which_secret",
    }
)


@dataclass
class SqlResult:
    columns: list[str]
    rows: list[tuple]
    truncated: bool  # more rows than the row limit
    sql: str  # what ran


def check(sql: str, tables: set[str]) -> str:
    """The SQL to run if `sql` is one SELECT over `tables`; QueryError saying why not."""
    if not sql.strip():
        raise QueryError("Enter an SQL query.")
    if len(sql) > MAX_SQL_LENGTH:
        raise QueryError(f"The query is too long: keep it under {MAX_SQL_LENGTH:,} characters.")
    try:
        statements = [s for s in sqlglot.parse(sql, dialect="duckdb") if s is not None]
    except (ParseError, TokenError) as error:
        raise QueryError(_parse_message(error)) from None
    if len(statements) != 1:
        raise QueryError("Enter exactly one SELECT statement (no semicolons between statements).")
    tree = statements[0]
    if not isinstance(tree, exp.Query):
        raise QueryError("Only SELECT queries can run here: this page cannot change data.")
    defined = {cte.alias_or_name.lower() for cte in tree.find_all(exp.CTE)}
    allowed = {t.lower() for t in tables}
    for node in tree.walk():
        _check_node(node, allowed, defined)
    return tree.sql(dialect="duckdb")


def _check_node(node: exp.Expression, allowed: set[str], defined: set[str]) -> None:
    if isinstance(node, exp.Table):
        _check_table(node, allowed, defined)
    elif isinstance(node, exp.Into | exp.Command | exp.Pragma | exp.Set | exp.Copy):
        raise QueryError("Only SELECT queries can run here: this page cannot change data.")
    elif isinstance(node, exp.Func):
        name = (node.sql_name() if not isinstance(node, exp.Anonymous) else node.name).lower()
        if name in REFUSED_FUNCTIONS or name.startswith(("duckdb_", "pragma_", "read_")):
            raise QueryError(f"The function {name} cannot be used here.")


def _check_table(node: exp.Table, allowed: set[str], defined: set[str]) -> None:
    if not isinstance(node.this, exp.Identifier):
        raise QueryError(
            "Only this dataset's tables can be queried: functions such as read_csv cannot be "
            "used in FROM."
        )
    if node.args.get("db") or node.args.get("catalog"):
        raise QueryError(
            f'There is no table called "{node.sql(dialect="duckdb")}" here. '
            f"You can query {_listed(allowed)}."
        )
    name = node.name.lower()
    if name not in allowed and name not in defined:
        raise QueryError(
            f'There is no table called "{node.name}" here. You can query {_listed(allowed)}.'
        )


def _listed(tables: set[str]) -> str:
    return ", ".join(sorted(tables)) if tables else "no tables (this dataset has none yet)"


def _parse_message(error: Exception) -> str:
    details = getattr(error, "errors", None) or []
    if details:
        first = details[0]
        where = f" at line {first.get('line')}, column {first.get('col')}"
        return f"The SQL could not be read{where}: {first.get('description')}."
    return "The SQL could not be read. Check it for typing mistakes."


def execute(
    sql: str,
    tables: Mapping[str, Path],
    *,
    seconds: float = TIME_LIMIT_SECONDS,
    row_limit: int = ROW_LIMIT,
    columns: Mapping[str, Sequence[str]] | None = None,
) -> SqlResult:
    """Check and run `sql` over `tables` (name -> local Parquet path). A table named in
    `columns` shows only those columns: any other is "not found", as if it did not exist."""
    checked = check(sql, set(tables))
    con = sandboxed_database(dict(tables), row_ids=False, columns=columns)
    timer = threading.Timer(seconds, con.interrupt)
    timer.start()
    try:
        # DuckDB streams the result, so only the rows fetched are ever built.
        result = con.execute(checked)
        columns = [d[0] for d in result.description or []]
        found = result.fetchmany(row_limit + 1)
    except duckdb.InterruptException:
        raise QueryError(
            f"The query took longer than {seconds:g} seconds and was stopped. "
            "Try filtering or aggregating more."
        ) from None
    except duckdb.Error as error:
        raise QueryError(_duckdb_message(error)) from None
    finally:
        timer.cancel()
        con.close()
    return SqlResult(columns, found[:row_limit], len(found) > row_limit, checked)


def _duckdb_message(error: duckdb.Error) -> str:
    """DuckDB's own message, minus its error class and anything naming files on disk."""
    text = str(error).split("\n", 1)[0]
    text = text.split(": ", 1)[1] if ": " in text[:40] else text
    if "/" in text and ("file" in text.lower() or "access" in text.lower()):
        return "The query tried to read something other than this dataset's tables."
    return text
