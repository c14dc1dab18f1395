"""The APIs' speed benchmark: CKAN `package_search` with two facets against the native API's
dataset search (which always counts its five facets), over real HTTP.

Builds the demo council plus bench/catalogue.py's generated catalogue (10,000 datasets by
default) in a fresh, throw-away database, serves it with a threaded WSGI server on 127.0.0.1,
and times the same searches through both APIs, anonymously and with a publisher's API token
(who also sees internal, restricted and draft datasets).

    .venv/bin/python bench/api.py                    # SQLite in a temporary folder
    .venv/bin/python bench/api.py --database-url postgres://postgres@127.0.0.1:5432/test

It then times CKAN `datastore_search` against the native rows endpoint
(`/api/v1/datasets/{slug}/tables/{name}/rows`) on a 1,000,000-row table written by DuckDB
(`--rows`), attached to an open demo file without an ingest. `--datasets 100` makes a quick run
of the datastore comparison alone matter more than the catalogue's size.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))

import catalogue as generator  # noqa: E402 (bench/catalogue.py: the catalogue generator)

DEFAULT_OUTPUT = BENCH_DIR / "results" / "api.json"
FACETS = ["organization", "res_format"]


@dataclass(frozen=True)
class Search:
    name: str
    ckan: dict[str, str]
    native: dict[str, str]


def searches(query: str, publisher: str) -> list[Search]:
    facet_field = json.dumps(FACETS)
    return [
        Search("everything", {"facet.field": facet_field, "rows": "20"}, {"page_size": "20"}),
        Search(
            f"q={query}",
            {"q": query, "facet.field": facet_field, "rows": "20"},
            {"q": query, "page_size": "20"},
        ),
        Search(
            f"publisher={publisher}",
            {"fq": f"organization:{publisher}", "facet.field": facet_field, "rows": "20"},
            {"publisher": publisher, "page_size": "20"},
        ),
    ]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", help="a PostgreSQL server (see bench/catalogue.py)")
    parser.add_argument("--datasets", type=int, default=10_000, help="default: %(default)s")
    parser.add_argument("--requests", type=int, default=30, help="timed requests per search")
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--query", default="planning")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows in the datastore table")
    return parser.parse_args(argv)


def build(args: argparse.Namespace) -> dict[str, Any]:
    """The generated catalogue (its units' slugs prefixed, as the demo council uses some of
    the same names), then the demo council beside it."""
    from townsquare.accounts.models import OrgUnit
    from townsquare.demo.loader import load_demo

    options = generator.Options(
        database_url=None, datasets=args.datasets, requests=1, baseline_requests=0, warmup=0,
        seed=args.seed, query=args.query, theme="environment", target_ms=0, output=Path(),
        keep=False,
    )  # fmt: skip
    seeded = generator.build_catalogue(options)
    for unit in OrgUnit.objects.all():
        OrgUnit.objects.filter(pk=unit.pk).update(slug=f"nb-{unit.slug}")
    load_demo()
    generator.analyse_database()
    return {"generated": seeded, "publisher": seeded.viewers["publisher"]}


def busiest_unit() -> str:
    """The generated unit that publishes the most datasets: a realistic publisher filter."""
    from django.db.models import Count

    from townsquare.accounts.models import OrgUnit

    unit = OrgUnit.objects.annotate(n=Count("datasets")).order_by("-n").first()
    return unit.slug


def token_for(user) -> str:
    from django.utils import timezone

    from townsquare.accounts.services import token_create

    expires = timezone.now() + timedelta(days=1)
    return token_create(user=user, name="bench", scope="read", expires=expires)[1]


def serve() -> tuple[str, Any]:
    """A threaded WSGI server on a free loopback port, as `runserver` would start."""
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
    from django.core.wsgi import get_wsgi_application

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadedWSGIServer(("127.0.0.1", 0), QuietHandler, allow_reuse_address=False)
    server.set_app(get_wsgi_application())
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}", server


def time_get(session, url: str) -> tuple[float, dict]:
    started = time.perf_counter()
    response = session.get(url, timeout=60)
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise RuntimeError(f"GET {url} answered {response.status_code}: {response.text[:300]}")
    return elapsed, response.json()


def measure(base: str, token: str | None, search: Search, args) -> dict[str, Any]:
    import requests

    session = requests.Session()
    if token:
        session.headers["Authorization"] = f"Bearer {token}"
    urls = {
        "ckan": f"{base}/api/3/action/package_search?{urlencode(search.ckan)}",
        "native": f"{base}/api/v1/datasets?{urlencode(search.native)}",
    }
    counts = {
        "ckan": time_get(session, urls["ckan"])[1]["result"]["count"],
        "native": time_get(session, urls["native"])[1]["count"],
    }
    for _ in range(args.warmup):
        for url in urls.values():
            time_get(session, url)
    samples: dict[str, list[float]] = {"ckan": [], "native": []}
    for _ in range(args.requests):  # interleaved, so drift falls on both alike
        for name, url in urls.items():
            samples[name].append(time_get(session, url)[0])
    return {
        name: {
            "median_ms": round(statistics.median(s), 1),
            "p95_ms": round(generator.percentile(s, 95), 1),
            "count": counts[name],
        }
        for name, s in samples.items()
    }


def big_table(rows: int):
    """A `rows`-row table on an open demo file that has none, its Parquet written by DuckDB
    (as tests/factories.py: table_from_sql does): (dataset slug, resource id, table name)."""
    import duckdb
    from django.core.files.storage import default_storage

    from townsquare.catalogue.models import Resource
    from townsquare.datastore.models import Table

    resource = (
        Resource.objects.filter(
            kind=Resource.Kind.FILE, tables__isnull=True, current_version__isnull=False,
            dataset__access_level="open", dataset__status="published",
        )
        .select_related("dataset", "current_version")
        .first()
    )  # fmt: skip
    stored = f"tables/{resource.dataset.uuid}/bench.parquet"
    path = Path(default_storage.path(stored))
    path.parent.mkdir(parents=True, exist_ok=True)
    select = (
        "SELECT i AS id, DATE '2020-01-01' + (i % 1500)::INTEGER AS paid_on, "  # noqa: S608
        "'Ward ' || (i % 40) AS ward, 'Supplier ' || (i % 5000) AS supplier, "
        "round((i * 7919 % 1000000) / 100.0, 2)::DECIMAL(12,2) AS amount "
        f"FROM range({int(rows)}) t(i)"
    )
    duckdb.connect().execute(f"COPY ({select}) TO '{path}' (FORMAT parquet)")  # noqa: S608
    names = ["id", "paid_on", "ward", "supplier", "amount"]
    types = ["integer", "date", "string", "string", "number"]
    schema = {
        "fields": [{"name": n, "title": n, "type": t} for n, t in zip(names, types, strict=True)]
    }
    table = Table.objects.create(
        resource=resource, name="bench_payments", source_version=resource.current_version,
        parquet=stored, table_schema=schema, row_count=rows, column_count=len(names),
    )  # fmt: skip
    return resource.dataset.slug, str(resource.uuid), table.name


def datastore_queries(slug: str, resource_id: str, table: str) -> tuple[list[Search], str]:
    """The same questions of both APIs, each counting its matches (CKAN's include_total
    default; `_count=true` on the native side)."""
    rows_path = f"/api/v1/datasets/{slug}/tables/{table}/rows"
    ckan = {"resource_id": resource_id, "limit": "100"}
    native = {"_size": "100", "_count": "true"}
    return [
        Search("first page", ckan, native),
        Search(
            "filter + sort",
            {**ckan, "filters": json.dumps({"ward": "Ward 7"}), "sort": "amount desc"},
            {**native, "ward": "Ward 7", "_sort": "-amount"},
        ),
        Search("words", {**ckan, "q": "Supplier 4242"}, {**native, "_search": "Supplier 4242"}),
    ], rows_path


def measure_datastore(base: str, query: Search, rows_path: str, args) -> dict[str, Any]:
    import requests

    session = requests.Session()
    urls = {
        "ckan": f"{base}/api/3/action/datastore_search?{urlencode(query.ckan)}",
        "native": f"{base}{rows_path}?{urlencode(query.native)}",
    }
    counts = {
        "ckan": time_get(session, urls["ckan"])[1]["result"]["total"],
        "native": time_get(session, urls["native"])[1]["total"],
    }
    for _ in range(args.warmup):
        for url in urls.values():
            time_get(session, url)
    samples: dict[str, list[float]] = {"ckan": [], "native": []}
    for _ in range(args.requests):
        for name, url in urls.items():
            samples[name].append(time_get(session, url)[0])
    return {
        name: {"median_ms": round(statistics.median(s), 1),
               "p95_ms": round(generator.percentile(s, 95), 1), "count": counts[name]}
        for name, s in samples.items()
    }  # fmt: skip


def run(args: argparse.Namespace, data_dir: Path, database_url: str | None) -> int:
    os.environ["TOWNSQUARE_API_RATE_LIMIT"] = "0"
    os.environ["TOWNSQUARE_API_RATE_LIMIT_ANONYMOUS"] = "0"
    generator.configure_django(data_dir, database_url)
    from django.conf import settings

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "127.0.0.1"]
    generator.migrate()
    started = time.perf_counter()
    built = build(args)
    print(f"built in {time.perf_counter() - started:.0f} s; {generator.database_info()}")
    table_started = time.perf_counter()
    slug, resource_id, table = big_table(args.rows)
    print(f"{args.rows:,}-row table written in {time.perf_counter() - table_started:.0f} s")
    from django.db import connections

    connections.close_all()  # the server's threads open their own
    base, server = serve()
    viewers = {"anonymous": None, "publisher": token_for(built["publisher"])}
    publisher_slug = busiest_unit()
    results = []
    print(f"{'viewer':<10} {'search':<28} {'CKAN median':>12} {'native median':>14} {'count':>7}")
    for viewer, token in viewers.items():
        for search in searches(args.query, publisher_slug):
            timing = measure(base, token, search, args)
            results.append({"viewer": viewer, "search": search.name, **timing})
            print(f"{viewer:<10} {search.name:<28} {timing['ckan']['median_ms']:>9.1f} ms "
                  f"{timing['native']['median_ms']:>11.1f} ms {timing['native']['count']:>7}")  # fmt: skip
    queries, rows_path = datastore_queries(slug, resource_id, table)
    datastore_results = []
    print(f"{'datastore query':<28} {'datastore_search':>16} {'native rows':>12} {'total':>8}")
    for query in queries:
        timing = measure_datastore(base, query, rows_path, args)
        datastore_results.append({"query": query.name, **timing})
        print(f"{query.name:<28} {timing['ckan']['median_ms']:>13.1f} ms "
              f"{timing['native']['median_ms']:>9.1f} ms {timing['native']['count']:>8}")  # fmt: skip
    server.shutdown()
    report = {"datasets_generated": args.datasets, "requests": args.requests,
              "database": generator.database_info(), "machine": generator.machine(),
              "code": generator.code_version(), "results": results,
              "datastore_rows": args.rows, "datastore": datastore_results}  # fmt: skip
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2, default=str))
    print(f"results written to {args.output}")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="townsquare-bench-api-") as tmp:
        if not args.database_url:
            return run(args, Path(tmp), None)
        generator.postgres_database(args.database_url, create=True)
        try:
            url = generator.postgres_url_for(args.database_url, generator.BENCH_DATABASE)
            return run(args, Path(tmp), url)
        finally:
            from django.db import connections

            connections.close_all()
            generator.postgres_database(args.database_url, create=False)


if __name__ == "__main__":
    sys.exit(main())
