"""The ingest benchmark: a generated spend-like CSV (UK dates, £ amounts, supplier codes with
leading zeros) loaded to something queryable, side by side on the same file in the same run:

- Townsquare end to end: `datastore.api.ingest_version` on an uploaded file (sniffing,
  type inference, typed Parquet, the Table row), in a throw-away SQLite database;
- the floor: DuckDB's own `read_csv` → Parquet with its automatic detection;
- `sqlite-utils insert --csv` (Datasette's path; version 4 detects types by default);
- PostgreSQL `COPY`, then the `tsvector` column and GIN index CKAN's datastore builds.

It also measures the peak memory (RSS) of the Townsquare ingest, in a child process.

    .venv/bin/python bench/ingest.py                    # 1,000,000 rows (about 130 MB)
    .venv/bin/python bench/ingest.py --rows 100000      # quicker
    .venv/bin/python bench/ingest.py --big              # also peak memory on a ~1 GB file
    .venv/bin/python bench/ingest.py --no-sqlite-utils --no-postgres

Exits 1 when Townsquare is slower than 1.5 x the floor. Results: docs/performance.md.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_RATIO = 1.5
COLUMNS = ["Body name", "Service area", "Expense type", "Date paid", "Transaction number",
           "Amount", "Supplier name", "Supplier ID", "Postcode", "VAT reclaimable"]  # fmt: skip


def generate(path: Path, rows: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    services = ["Adult Social Care", "Children's Services", "Highways", "Housing", "Waste",
                "Libraries", "Planning", "Parks and Open Spaces", "Finance", "Leisure"]  # fmt: skip
    expenses = ["Agency Staff", "Building Repairs", "Consultancy", "Equipment", "Grants",
                "IT Software", "Professional Fees", "Vehicle Hire", "Catering", "Utilities"]  # fmt: skip
    suppliers = [f"{w} {s}" for w in ("Acme", "Northgate", "Riverside", "Eastmere", "Castle",
                 "Oak", "Bridge", "Summit", "Meadow", "Harbour") for s in ("Ltd", "plc",
                 "Services Ltd", "& Sons", "Group", "LLP", "Contractors", "Trust", "CIC", "Co")]  # fmt: skip
    start = date(2024, 4, 1)
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(COLUMNS)
        for i in range(rows):
            day = start + timedelta(days=rng.randrange(730))
            pence = rng.randrange(50000, 5_000_000)
            amount = f"£{pence // 100:,}.{pence % 100:02d}"
            if rng.random() < 0.02:
                amount = f"-{amount}"
            w.writerow([
                "Eastmere Council", rng.choice(services), rng.choice(expenses),
                day.strftime("%d/%m/%Y"), f"TN{i:08d}", amount, rng.choice(suppliers),
                f"{rng.randrange(1, 99999):08d}", f"EM{rng.randrange(1, 30)} {rng.randrange(1, 9)}"
                f"{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}",
                rng.choice(("Yes", "No")),
            ])  # fmt: skip


def timed(fn) -> tuple[float, object]:
    t = time.perf_counter()
    result = fn()
    return time.perf_counter() - t, result


def duckdb_floor(csv_path: Path, out: Path) -> float:
    import duckdb

    con = duckdb.connect()
    seconds, _ = timed(
        lambda: con.execute(
            f"COPY (SELECT * FROM read_csv('{csv_path}')) TO '{out}' (FORMAT parquet)"  # noqa: S608
        )
    )
    con.close()
    return seconds


def townsquare_child(csv_path: Path, data_dir: Path) -> dict:
    """Run the end-to-end ingest in a child process, so its peak RSS is its own."""
    out = subprocess.run(  # noqa: S603
        [sys.executable, __file__, "--child", str(csv_path), "--data-dir", str(data_dir)],
        capture_output=True, text=True, check=True, env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def child(csv_path: Path, data_dir: Path) -> None:
    os.environ["TOWNSQUARE_DATA_DIR"] = str(data_dir)
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "townsquare.settings")
    import django

    django.setup()
    from django.core.files import File
    from django.core.management import call_command

    from townsquare.accounts.models import OrgUnit
    from townsquare.catalogue import services
    from townsquare.datastore import api

    call_command("migrate", verbosity=0)
    unit = OrgUnit.add_root(name="Finance", slug="finance", kind="organisation")
    ds = services.dataset_create(actor=None, title="Spend", publisher=unit)
    with csv_path.open("rb") as f:
        res = services.resource_add_file(actor=None, dataset=ds, title="Spend", upload=File(f, name="spend.csv"), ingest=False)  # fmt: skip
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    seconds, job = timed(lambda: api.ingest_version(res.current_version))
    table = job.table
    print(json.dumps({
        "seconds": seconds, "status": job.status, "error": job.error,
        "rows": table.row_count if table else 0,
        "types": {f["name"]: f["type"] for f in table.fields} if table else {},
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "rss_before_mb": rss_before / 1024,
    }))  # fmt: skip


def sqlite_utils(csv_path: Path, tmp: Path) -> float | None:
    exe = shutil.which("sqlite-utils", path=str(Path(sys.executable).parent)) or shutil.which(
        "sqlite-utils"
    )
    if exe is None:
        return None
    db = tmp / "spend.db"
    seconds, _ = timed(
        lambda: subprocess.run(  # noqa: S603 - our own arguments
            [exe, "insert", str(db), "spend", str(csv_path), "--csv"], check=True
        )
    )  # noqa: S603
    return seconds


def postgres(csv_path: Path, url: str) -> dict | None:
    try:
        import psycopg
    except ImportError:
        return None
    cols = ", ".join(f'"{c}" text' for c in COLUMNS)
    concat = ", ".join(f'"{c}"' for c in COLUMNS)
    try:
        conn = psycopg.connect(url, autocommit=True)
    except psycopg.Error as e:
        print(f"PostgreSQL not available: {e}", file=sys.stderr)
        return None
    with conn, conn.cursor() as cur:
        cur.execute("DROP TABLE IF EXISTS bench_ingest_spend")
        cur.execute(f"CREATE TABLE bench_ingest_spend (_id serial, {cols})")
        t = time.perf_counter()
        with csv_path.open("rb") as f, cur.copy(f"COPY bench_ingest_spend ({concat}) FROM STDIN WITH (FORMAT csv, HEADER true)") as copy:  # fmt: skip
            while chunk := f.read(1 << 20):
                copy.write(chunk)
        copied = time.perf_counter() - t
        cur.execute("ALTER TABLE bench_ingest_spend ADD COLUMN _full_text tsvector")
        cur.execute(
            f"UPDATE bench_ingest_spend SET _full_text = to_tsvector(concat_ws(' ', {concat}))"  # noqa: S608
        )
        cur.execute(
            "CREATE INDEX bench_ingest_spend_fts ON bench_ingest_spend USING gin(_full_text)"
        )
        total = time.perf_counter() - t
        cur.execute("DROP TABLE bench_ingest_spend")
    return {"copy": copied, "copy_and_index": total}


def main() -> None:
    p = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument("--rows", type=int, default=1_000_000)
    p.add_argument("--big", action="store_true", help="also peak memory on a ~1 GB CSV")
    p.add_argument("--no-sqlite-utils", action="store_true")
    p.add_argument("--no-postgres", action="store_true")
    p.add_argument("--postgres-url", default="postgres://postgres@127.0.0.1:5432/test")
    p.add_argument("--child", help=argparse.SUPPRESS)
    p.add_argument("--data-dir", help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.child:
        child(Path(args.child), Path(args.data_dir))
        return
    with tempfile.TemporaryDirectory(prefix="townsquare-bench-ingest-") as tmpdir:
        tmp = Path(tmpdir)
        csv_path = tmp / "spend.csv"
        gen, _ = timed(lambda: generate(csv_path, args.rows))
        size = csv_path.stat().st_size / 1e6
        print(f"Generated {args.rows:,} rows, {size:,.0f} MB in {gen:.1f} s")
        floor = duckdb_floor(csv_path, tmp / "floor.parquet")
        print(f"DuckDB read_csv -> Parquet (the floor): {floor:.2f} s")
        ts = townsquare_child(csv_path, tmp / "ts")
        print(f"Townsquare ingest_version: {ts['seconds']:.2f} s ({ts['seconds'] / floor:.2f} x the floor), "
              f"{ts['rows']:,} rows, status {ts['status']} {ts['error']}; peak RSS {ts['peak_rss_mb']:.0f} MB")  # fmt: skip
        print(f"  types: {ts['types']}")
        results = {"rows": args.rows, "mb": size, "floor": floor, "townsquare": ts}
        if not args.no_postgres:
            pg = postgres(csv_path, args.postgres_url)
            if pg:
                print(f"PostgreSQL COPY: {pg['copy']:.2f} s; with tsvector + GIN: {pg['copy_and_index']:.2f} s "
                      f"({pg['copy_and_index'] / ts['seconds']:.1f} x Townsquare)")  # fmt: skip
                results["postgres"] = pg
        if not args.no_sqlite_utils:
            su = sqlite_utils(csv_path, tmp)
            if su is not None:
                print(
                    f"sqlite-utils insert --csv (detecting types): {su:.2f} s ({su / ts['seconds']:.1f} x Townsquare)"
                )
                results["sqlite_utils"] = su
        if args.big:
            big = tmp / "big.csv"
            generate(big, args.rows * 8, seed=2)
            csv_path.unlink()
            bts = townsquare_child(big, tmp / "ts-big")
            print(f"Big file {big.stat().st_size / 1e9:.2f} GB: {bts['seconds']:.1f} s, peak RSS {bts['peak_rss_mb']:.0f} MB, "
                  f"{bts['rows']:,} rows")  # fmt: skip
            results["big"] = bts
        print(json.dumps(results))
        if ts["seconds"] > TARGET_RATIO * floor:
            print(f"Townsquare is over {TARGET_RATIO} x the floor", file=sys.stderr)
            sys.exit(1)


if __name__ == "__main__":
    main()
