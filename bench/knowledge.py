"""The similar-questions benchmark.

Builds 50,000 council-style questions (by default) in a fresh, throw-away database, then times
the similar-questions lookup three ways, each with titles the generator has not used:

- `lookup`: `knowledge.similar.similar_question_ids` alone (the term-overlap query);
- `selector`: `selectors.questions.similar_questions` for a member of staff (the lookup plus
  the visibility rules and loading the questions shown);
- `page`: GET /questions/similar/?title=… through Django's full request stack, as htmx calls it
  while someone types.

    .venv/bin/python bench/knowledge.py                      # SQLite in a temporary folder
    .venv/bin/python bench/knowledge.py --database-url postgres://postgres@127.0.0.1:5432/test

Exits 1 when a median is over the target (50 ms). Results go to bench/results/knowledge.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

BENCH_DIR = Path(__file__).resolve().parent
DEFAULT_OUTPUT = BENCH_DIR / "results" / "knowledge.json"
BENCH_DATABASE = "townsquare_bench_knowledge"
TARGET_MS = 50.0

TOPICS = [
    "spend over £500", "council tax", "business rates", "housing benefit", "planning applications",
    "planning appeals", "Local Plan", "public toilets", "bin collections", "missed bins",
    "recycling rates", "fly-tipping", "air quality", "noise complaints", "food hygiene",
    "premises licences", "parking fines", "car parks", "road casualties", "traffic counts",
    "highway defects", "street lighting", "school admissions", "school place planning",
    "early years funding", "childcare sufficiency", "safeguarding referrals", "Section 42 enquiries",
    "care packages", "Care Act assessments", "homelessness", "temporary accommodation",
    "housing register", "choice-based lettings", "library visits", "library events",
    "parks", "allotments", "tree preservation orders", "play areas", "ward boundaries",
    "elections", "councillors", "committee papers", "freedom of information", "complaints",
    "data sharing agreements", "DPIAs", "records retention", "sickness absence",
    "workforce profile", "senior salaries", "pay multiple", "contracts register", "tenders",
    "supplier payments", "asset register", "building energy", "UPRNs", "leases",
    "fleet mileage", "CCTV", "anti-social behaviour", "domestic abuse", "population estimates",
    "health inequalities", "JSNA", "census data", "EV charge points", "grants to charities",
]  # fmt: skip
AREAS = [
    "Eastmere", "Marsh Lane", "Riverside", "Old Town", "Northgate", "Southfields", "Harbour",
    "Westbrook", "Kingsmead", "the town centre", "each ward", "the borough",
]  # fmt: skip
TEMPLATES = [
    "Where do I find {topic} data for {area}?",
    "Who owns the {topic} dataset?",
    "How often is {topic} updated?",
    "Why does the {topic} report not match the {other} figures?",
    "Can I get {topic} by ward for {year}?",
    "How do I join {topic} to {other}?",
    "Is there an API for {topic}?",
    "What does the status column mean in {topic}?",
    "Can {topic} be published as open data?",
    "How do I request access to {topic} for {area}?",
    "Which team answers questions about {topic} in {area}?",
    "Are the {topic} figures for {year} final?",
]


def title(rng: random.Random) -> str:
    topic, other = rng.sample(TOPICS, 2)
    return rng.choice(TEMPLATES).format(
        topic=topic, other=other, area=rng.choice(AREAS), year=rng.randint(2015, 2026)
    )


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--questions", type=int, default=50_000)
    parser.add_argument("--lookups", type=int, default=200, help="timed lookups per method")
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--database-url", default="", help="a PostgreSQL server URL")
    parser.add_argument("--target-ms", type=float, default=TARGET_MS)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--seed", default="eastmere-questions")
    return parser.parse_args(argv)


def postgres_database(server_url: str, *, create: bool) -> str:
    """A fresh database for this run; returns its URL."""
    import psycopg
    from psycopg import sql

    libpq_url = urlunsplit(urlsplit(server_url)._replace(scheme="postgresql"))
    name = sql.Identifier(BENCH_DATABASE)
    with psycopg.connect(libpq_url, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        if create:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(name))
    return urlunsplit(urlsplit(server_url)._replace(path=f"/{BENCH_DATABASE}"))


def configure_django(data_dir: Path, database_url: str) -> None:
    os.environ["TOWNSQUARE_DATA_DIR"] = str(data_dir)
    os.environ.pop("DATABASE_URL", None)
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "townsquare.settings"
    os.environ["DEBUG"] = "false"
    os.environ["ALLOWED_HOSTS"] = "testserver,localhost"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
    call_command("migrate", verbosity=0, interactive=False)


def build(opts: argparse.Namespace, rng: random.Random) -> Any:
    """Staff, then the questions and their title terms, in bulk."""
    from django.db import connection, transaction
    from django.utils.text import slugify

    from townsquare.accounts.models import Role, User
    from townsquare.knowledge.models import Question, QuestionTerm
    from townsquare.knowledge.similar import title_terms

    with transaction.atomic():
        people = User.objects.bulk_create(
            User(email=f"person{n}@bench.example", name=f"Person {n}", slug=f"person-{n}")
            for n in range(100)
        )
        Role.objects.bulk_create(Role(user=u, kind="staff") for u in people)
    batch = 5_000
    for start in range(0, opts.questions, batch):
        with transaction.atomic():
            titles = [title(rng) for _ in range(min(batch, opts.questions - start))]
            made = Question.objects.bulk_create(
                Question(
                    title=t,
                    slug=slugify(t)[:100],
                    body="Details of the question.",
                    author=rng.choice(people),
                    answer_count=rng.randint(0, 3),
                )  # fmt: skip
                for t in titles
            )
            QuestionTerm.objects.bulk_create(
                QuestionTerm(question=q, term=term) for q in made for term in title_terms(q.title)
            )
    with connection.cursor() as cursor:
        # What autovacuum does on a live database: statistics, and (on PostgreSQL) the
        # visibility map that lets the term index answer without reading the table.
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    return people[0]


def timed(fn, titles: list[str], warmup: int) -> dict[str, float]:
    for t in titles[:warmup]:
        fn(t)
    samples = []
    for t in titles:
        started = time.perf_counter()
        fn(t)
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return {
        "median_ms": round(statistics.median(samples), 2),
        "p95_ms": round(samples[int(len(samples) * 0.95) - 1], 2),
        "max_ms": round(samples[-1], 2),
        "n": len(samples),
    }


def measure(opts: argparse.Namespace, viewer, rng: random.Random) -> dict[str, dict]:
    from django.test import Client

    from townsquare.knowledge.selectors.questions import similar_questions
    from townsquare.knowledge.similar import similar_question_ids

    titles = [title(rng) for _ in range(opts.lookups)]
    client = Client()
    client.force_login(viewer)

    def page(t: str) -> None:
        response = client.get(f"/questions/similar/?{urlencode({'title': t})}")
        assert response.status_code == 200, response.status_code

    return {
        "lookup": timed(similar_question_ids, titles, opts.warmup),
        "selector": timed(lambda t: similar_questions(viewer, t), titles, opts.warmup),
        "page": timed(page, titles, opts.warmup),
    }


def main(argv: list[str] | None = None) -> int:
    opts = parse_args(argv)
    rng = random.Random(opts.seed)
    database_url = postgres_database(opts.database_url, create=True) if opts.database_url else ""
    try:
        with tempfile.TemporaryDirectory(prefix="townsquare-bench-knowledge-") as tmp:
            configure_django(Path(tmp), database_url)
            started = time.perf_counter()
            viewer = build(opts, rng)
            built = round(time.perf_counter() - started, 1)
            from django.db import connection

            from townsquare.knowledge.models import QuestionTerm

            vendor = f"{connection.vendor} {connection.Database.sqlite_version if connection.vendor == 'sqlite' else connection.pg_version}"
            terms = QuestionTerm.objects.count()
            print(
                f"built {opts.questions:,} questions ({terms:,} title terms) in {built} s on {vendor}"
            )
            results = measure(opts, viewer, rng)
            connection.close()
    finally:
        if opts.database_url:
            postgres_database(opts.database_url, create=False)
    print(
        f"milliseconds over {opts.lookups} new titles; target: median under {opts.target_ms:.0f} ms"
    )
    for name, r in results.items():
        print(
            f"  {name:<9} median {r['median_ms']:>7.2f}   p95 {r['p95_ms']:>7.2f}   max {r['max_ms']:>7.2f}"
        )
    report = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": vendor,
        "questions": opts.questions,
        "title_terms": terms,
        "build_seconds": built,
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "load": list(os.getloadavg()),
        },  # fmt: skip
        "results": results,
    }
    opts.output.parent.mkdir(parents=True, exist_ok=True)
    opts.output.write_text(json.dumps(report, indent=2) + "\n")
    print(f"results written to {opts.output}")
    over = [n for n, r in results.items() if r["median_ms"] > opts.target_ms]
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
