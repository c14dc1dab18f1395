"""The table-query benchmark: five typical queries over HTTP on a 1,000,000-row spend table.

Side by side, on the same data, in the same run, requests interleaved one for one:

- **Townsquare**: `townsquare serve` (gunicorn, one worker) in a throw-away data folder, asked
  through its JSON rows endpoint `/datasets/<slug>/tables/<name>.json`;
- **Datasette**: `datasette serve` on the same rows in SQLite (with indexes on the filtered,
  sorted and faceted columns), asked through its JSON API;
- **the floor**: the same queries run in this process by DuckDB on the Parquet file.

    .venv/bin/pip install -e '.[bench]'
    .venv/bin/python bench/query.py                  # 1,000,000 rows, about 2 minutes
    .venv/bin/python bench/query.py --rows 100000 --requests 5 --no-datasette

The table is generated with DuckDB (a fixed pattern, no randomness), registered as a datastore
table directly (`--ingest` loads the CSV through Townsquare's own ingest instead). Results are
printed and written to bench/results/query.json. See docs/performance.md for the figures.
"""

# ruff: noqa: S608 - the floor's SQL is written here from fixed values

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

import duckdb

BENCH_DIR = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent

SPEND_SQL = """
SELECT
    'TX' || lpad(i::VARCHAR, 8, '0') AS transaction_id,
    DATE '2024-04-01' + (i % 366)::INTEGER AS paid_on,
    ['Adults and Health', 'Children and Families', 'Place and Economy', 'Housing',
     'Communities and Environment', 'Resources', 'Chief Executive', 'Public Health'][1 + i % 8]
        AS department,
    ['Consultancy', 'Repairs and maintenance', 'Software licences', 'Agency staff', 'Fuel',
     'Printing', 'Catering', 'Legal fees', 'Equipment', 'Rents', 'Utilities', 'Grants',
     'Transport', 'Training', 'Waste disposal', 'Cleaning', 'Security', 'Insurance',
     'Postage', 'Telephones'][1 + (i * 7) % 20] AS expense_type,
    ['Acme', 'Bramble', 'Castle', 'Dale', 'Elm', 'Fenwick', 'Granite', 'Harbour', 'Ivy',
     'Juniper', 'Kestrel', 'Linden', 'Meadow', 'Northgate', 'Oakfield', 'Pennine', 'Quarry',
     'Riverside', 'Summit', 'Thistle', 'Upland', 'Valley', 'Willow', 'Yarrow', 'Zenith']
        [1 + (hash(i) % 25)::INTEGER] || ' ' ||
    ['Services', 'Civils', 'Care', 'Supplies', 'Consulting', 'Fleet', 'Facilities',
     'Digital', 'Builders', 'Partners'][1 + (hash(i * 3) % 10)::INTEGER] || ' Ltd' AS supplier,
    lpad(((hash(i) % 90000))::VARCHAR, 5, '0') || chr(65 + (i % 26)::INTEGER) AS supplier_code,
    round(500 + (hash(i * 11) % 2500000) / 100.0, 2)::DECIMAL(12, 2) AS amount,
    round((hash(i * 13) % 50000) / 100.0, 2)::DECIMAL(12, 2) AS irrecoverable_vat,
    'Order ' || (i % 9973)::VARCHAR || ' for ' || lower(
        ['Consultancy', 'Repairs', 'Licences', 'Staff', 'Fuel'][1 + i % 5]) AS purpose
FROM range({rows}) t(i)
"""
TEXT_COLUMNS = ["transaction_id", "department", "expense_type", "supplier", "supplier_code",
                "purpose"]  # fmt: skip
SEARCH_WORD = "bramble"


def queries(rows: int) -> list[dict]:
    """The five queries: Townsquare's parameters, Datasette's, and the SQL for the floor."""
    deep = rows // 2
    like = " or ".join(f"{c} like '%{SEARCH_WORD}%'" for c in TEXT_COLUMNS)
    search_sql = " OR ".join(f"contains(lower({c}), '{SEARCH_WORD}')" for c in TEXT_COLUMNS)
    return [
        {
            "name": "filtered sorted page",
            "townsquare": {"department": "Housing", "_sort": "-amount", "_size": 100},
            "datasette": ("table", {"department": "Housing", "_sort_desc": "amount", "_size": 100}),
            "floor": "SELECT * FROM spend WHERE department = 'Housing' "
            "ORDER BY amount DESC LIMIT 100",
        },
        {
            "name": "free-text search",
            "townsquare": {"_search": SEARCH_WORD, "_size": 100},
            "datasette": ("table", {"_where": like, "_size": 100}),
            "floor": f"SELECT * FROM spend WHERE {search_sql} LIMIT 100",
        },
        {
            "name": "facets on two columns",
            "townsquare": {"_facet": ["department", "expense_type"], "_size": 0},
            "datasette": ("table", {"_facet": ["department", "expense_type"], "_size": 0}),
            "floor": "SELECT 'department', department, count(*) FROM spend GROUP BY 2 "
            "UNION ALL SELECT 'expense_type', expense_type, count(*) FROM spend GROUP BY 2",
        },
        {
            "name": "grouped sum",
            "townsquare": {"_group": "department", "_agg": "sum:amount"},
            "datasette": (
                "sql",
                {"sql": "select department, sum(amount) from spend group by department"},
            ),
            "floor": "SELECT department, sum(amount) FROM spend GROUP BY department",
        },
        {
            "name": f"deep page (row {deep:,})",
            "townsquare": {"_offset": deep, "_size": 100},
            "datasette": ("table", {"_next": deep, "_size": 100}),
            "floor": f"SELECT * FROM spend LIMIT 100 OFFSET {deep}",
        },
    ]


# --- Data ------------------------------------------------------------------------------------


def generate(folder: Path, rows: int) -> tuple[Path, Path]:
    parquet, csv = folder / "spend.parquet", folder / "spend.csv"
    select = SPEND_SQL.format(rows=int(rows))
    con = duckdb.connect()
    con.execute(f"COPY ({select}) TO '{parquet}' (FORMAT parquet)")
    con.execute(f"COPY (SELECT * FROM '{parquet}') TO '{csv}' (FORMAT csv, HEADER true)")
    return parquet, csv


def build_sqlite(parquet: Path, target: Path) -> None:
    """The same rows in SQLite for Datasette, with the indexes a publisher would add."""
    import sqlite_utils

    con = duckdb.connect()
    result = con.execute(f"SELECT * FROM '{parquet}'")
    columns = [d[0] for d in result.description]
    db = sqlite_utils.Database(target)
    types = {c: str for c in columns} | {"amount": float, "irrecoverable_vat": float}
    db["spend"].create(types)
    sql = f"INSERT INTO spend VALUES ({', '.join('?' for _ in columns)})"
    raw = sqlite3.connect(target)
    while batch := result.fetchmany(50_000):
        raw.executemany(sql, [tuple(_plain(v) for v in row) for row in batch])
    raw.commit()
    raw.close()
    for column in ("department", "expense_type", "amount"):
        db["spend"].create_index([column])
    db.vacuum()


def _plain(value):
    if value is None or isinstance(value, int | float | str):
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return float(value)


def register_table(data_dir: Path, parquet: Path, csv: Path, *, ingest: bool) -> str:
    """A published open dataset with the CSV as its file and the table live. Returns the
    table's URL path."""
    import django

    django.setup()
    from django.core.files import File
    from django.core.files.storage import default_storage
    from django.core.management import call_command

    from townsquare.accounts.models import OrgUnit
    from townsquare.catalogue import services
    from townsquare.datastore import api
    from townsquare.datastore.models import Table

    call_command("migrate", verbosity=0)
    unit = OrgUnit.objects.add_root({"name": "Finance", "slug": "finance", "kind": "organisation"})
    ds = services.dataset_create(actor=None, title="Spend over 500", publisher=unit)
    with csv.open("rb") as handle:
        services.resource_add_file(
            actor=None, dataset=ds, title="Spend", upload=File(handle, "spend.csv")
        )
    services.dataset_publish(actor=None, dataset=ds)
    resource = ds.resources.get()
    if ingest:
        job = api.ingest_version(resource.current_version)
        if job.status != "succeeded":
            raise SystemExit(f"Ingest failed: {job.error}")
        table = job.table
    else:
        stored = default_storage.save(f"tables/{ds.uuid}/spend.parquet", File(parquet.open("rb")))
        described = duckdb.execute(f"DESCRIBE SELECT * FROM '{parquet}'").fetchall()
        table = Table.objects.create(
            resource=resource, name="spend", source_version=resource.current_version,
            parquet=stored, table_schema={"fields": [{"name": r[0], "title": r[0]} for r in described]},
            row_count=duckdb.execute(f"SELECT count(*) FROM '{parquet}'").fetchone()[0],
            column_count=len(described),
        )  # fmt: skip
    return f"/datasets/{ds.slug}/tables/{table.name}.json"


# --- Servers and timing ----------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(command: list[str], port: int, env: dict, path: str = "/") -> subprocess.Popen:
    process = subprocess.Popen(  # noqa: S603 - our own commands
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    for _ in range(600):
        try:
            status, _ = get(port, path)
            if status < 500:
                return process
        except OSError:
            pass
        time.sleep(0.1)
    process.terminate()
    raise SystemExit(f"{command[0]} did not start on port {port}")


_connections: dict[int, http.client.HTTPConnection] = {}


def get(port: int, path: str) -> tuple[int, bytes]:
    """One GET over a kept-alive connection, the whole body read."""
    con = _connections.get(port) or http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    _connections[port] = con
    try:
        con.request("GET", path)
        response = con.getresponse()
        return response.status, response.read()
    except (http.client.HTTPException, OSError):
        con.close()
        _connections.pop(port, None)
        raise


def http_timer(port: int, path: str):
    def once() -> float:
        started = time.perf_counter()
        status, body = get(port, path)
        elapsed = time.perf_counter() - started
        if status != 200:
            raise SystemExit(f"GET {path} on port {port}: {status} {body[:300]!r}")
        return elapsed

    return once


def floor_timer(con: duckdb.DuckDBPyConnection, sql: str):
    def once() -> float:
        started = time.perf_counter()
        con.execute(sql).fetchall()
        return time.perf_counter() - started

    return once


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=15, help="timed requests per query")
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--no-datasette", action="store_true")
    parser.add_argument("--ingest", action="store_true", help="load through Townsquare's ingest")
    parser.add_argument("--output", type=Path, default=BENCH_DIR / "results" / "query.json")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="townsquare-bench-query-"))
    data_dir = folder / "data"
    data_dir.mkdir()
    env = {
        **os.environ,
        "TOWNSQUARE_DATA_DIR": str(data_dir),
        "DJANGO_SETTINGS_MODULE": "townsquare.settings",
    }
    env.pop("DATABASE_URL", None)
    os.environ.update(env)
    os.environ.pop("DATABASE_URL", None)
    processes: list[subprocess.Popen] = []
    try:
        print(f"Generating {args.rows:,} rows in {folder} ...", flush=True)
        parquet, csv = generate(folder, args.rows)
        table_path = register_table(data_dir, parquet, csv, ingest=args.ingest)
        ts_port = free_port()
        processes.append(start([str(BIN / "townsquare"), "serve", f"--port={ts_port}",
                                "--workers=1", "--no-worker"], ts_port, env, f"{table_path}?_size=1"))  # fmt: skip
        ds_port = None
        if not args.no_datasette:
            print("Building the SQLite copy for Datasette ...", flush=True)
            build_sqlite(parquet, folder / "spend.db")
            ds_port = free_port()
            processes.append(start([
                str(BIN / "datasette"), "serve", str(folder / "spend.db"), f"--port={ds_port}",
                "--setting", "sql_time_limit_ms", "60000",
                "--setting", "facet_time_limit_ms", "60000",
                "--setting", "max_returned_rows", "1000",
            ], ds_port, env, "/spend.json"))  # fmt: skip
        floor = duckdb.connect()
        floor.execute(f"CREATE VIEW spend AS SELECT * FROM read_parquet('{parquet}')")
        results = run_all(args, queries(args.rows), table_path, ts_port, ds_port, floor)
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=30)
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    report(args, results)


def run_all(args, plan, table_path, ts_port, ds_port, floor) -> list[dict]:
    results = []
    for q in plan:
        timers = {
            "floor": floor_timer(floor, q["floor"]),
            "townsquare": http_timer(ts_port, f"{table_path}?{urlencode(q['townsquare'], doseq=True)}"),
        }  # fmt: skip
        if ds_port:
            kind, params = q["datasette"]
            path = "/spend/spend.json" if kind == "table" else "/spend.json"
            timers["datasette"] = http_timer(ds_port, f"{path}?{urlencode(params, doseq=True)}")
        times: dict[str, list[float]] = {name: [] for name in timers}
        for i in range(args.warmup + args.requests):
            for name, timer in timers.items():  # interleaved, one for one
                elapsed = timer()
                if i >= args.warmup:
                    times[name].append(elapsed * 1000)
        medians = {name: statistics.median(t) for name, t in times.items()}
        results.append(
            {
                "query": q["name"],
                "median_ms": medians,
                "min_ms": {n: min(t) for n, t in times.items()},
            }
        )
        print(
            f"  {q['name']}: " + ", ".join(f"{n} {m:.1f} ms" for n, m in medians.items()),
            flush=True,
        )
    return results


def report(args, results: list[dict]) -> None:
    print()
    print(
        f"{'query':<30}{'floor':>9}{'townsquare':>12}{'datasette':>11}{'ts/floor':>10}{'ds/ts':>8}"
    )
    for r in results:
        m = r["median_ms"]
        ds = m.get("datasette")
        ts = m["townsquare"]
        ds_text = f"{ds:.1f}" if ds else "-"
        ratio_text = f"{ds / ts:.1f}" if ds else "-"
        print(
            f"{r['query']:<30}{m['floor']:>9.1f}{ts:>12.1f}"
            f"{ds_text:>11}{ts / m['floor']:>10.2f}{ratio_text:>8}"
        )
        r["townsquare_over_floor"] = m["townsquare"] / m["floor"]
        if ds:
            r["datasette_over_townsquare"] = ds / m["townsquare"]
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,  # noqa: S607
                            cwd=BENCH_DIR, check=False).stdout.strip()  # fmt: skip
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps({
        "rows": args.rows, "requests": args.requests, "warmup": args.warmup, "commit": commit,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "duckdb": duckdb.__version__, "load": os.getloadavg()},
        "results": results,
    }, indent=2))  # fmt: skip
    print(f"\nWritten to {args.output}")


if __name__ == "__main__":
    main()
