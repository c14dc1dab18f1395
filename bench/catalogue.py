"""The catalogue's page-speed benchmark.

Builds a realistic council catalogue (10,000 datasets by default) in a fresh, throw-away
database, then times the dataset list and dataset pages through Django's full request stack for
three viewers, next to a naive Django implementation of the same pages on the same data.

    .venv/bin/python bench/catalogue.py                      # SQLite in a temporary folder
    .venv/bin/python bench/catalogue.py --database-url postgres://postgres@127.0.0.1:5432/test

Exits 1 when any Townsquare median is over the target (150 ms), so `make bench` flags
regressions. See bench/README.md for what each number means.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import types
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

BENCH_DIR = Path(__file__).resolve().parent
DEFAULT_OUTPUT = BENCH_DIR / "results" / "catalogue.json"
BENCH_DATABASE = "townsquare_bench"
POSTGRES_SCHEMES = {"postgres", "postgresql", "pgsql", "postgis"}
TARGET_MS = 150.0
USERS = 200
ACTIVE_GRANTS = 500

# ---------------------------------------------------------------------------------------------
# Council vocabulary. Titles, summaries and descriptions are drawn from these with a seeded
# generator, so every run builds the same catalogue and text lengths resemble real portals.
# ---------------------------------------------------------------------------------------------

DIRECTORATES = {
    "Adults and Health": [
        "Adult Social Care",
        "Public Health",
        "Commissioning",
        "Safeguarding Adults",
    ],
    "Children and Families": [
        "Education and Skills",
        "Children's Social Care",
        "Early Help",
        "Special Educational Needs",
    ],
    "Place and Economy": [
        "Planning",
        "Highways and Transport",
        "Economic Development",
        "Housing",
    ],
    "Communities and Environment": [
        "Waste and Recycling",
        "Parks and Open Spaces",
        "Libraries and Culture",
        "Community Safety",
    ],
    "Resources": ["Finance", "Revenues and Benefits", "Human Resources", "Digital and ICT"],
}
TEAM_KINDS = ["Operations", "Performance and Insight", "Policy and Strategy"]

SUBJECTS = [
    "household waste collections", "fly-tipping incidents", "planning applications",
    "council tax bands", "business rates relief", "spend over £500", "parking fines",
    "road traffic collisions", "school admissions", "library loans", "street lighting faults",
    "air quality monitoring", "pothole repairs", "housing register", "homelessness approaches",
    "social care packages", "electoral register statistics", "public toilets", "allotments",
    "tree preservation orders", "licensed premises", "food hygiene inspections",
    "council land and assets", "grants to voluntary organisations", "procurement contracts",
    "senior salaries", "trade union facility time", "parking account", "recycling rates",
    "bus stop locations", "car park occupancy", "electric vehicle charge points",
    "town centre footfall", "complaints and compliments", "freedom of information requests",
    "staff headcount", "gender pay gap", "empty homes", "HMO licences",
    "building control applications", "noise complaints", "pest control requests",
    "free school meals eligibility", "children in care", "care home beds",
    "public rights of way", "flood risk areas", "conservation areas", "listed buildings",
    "ward boundaries", "polling stations", "councillor allowances", "gritting routes",
    "bin collection days", "planning enforcement cases", "local land charges",
    "market stall licences", "taxi and private hire licences", "playgrounds",
    "leisure centre attendance", "burial records", "housing benefit claims",
    "discretionary housing payments", "school transport", "youth service sessions",
]  # fmt: skip
QUALIFIERS = [
    "by ward", "by month", "by postcode sector", "by service area", "by school", "by LSOA",
    "summary", "quarterly return", "locations", "register", "performance", "",
]  # fmt: skip
PERIODS = [
    "2019/20", "2020/21", "2021/22", "2022/23", "2023/24", "2024/25", "2025/26", "2024", "2025",
    "Q3 2025", "Q1 2026", "",
]  # fmt: skip
SENTENCES = [
    "Figures are extracted from the service's case management system at the end of each month.",
    "Counts below five are suppressed to protect the privacy of the people involved.",
    "Ward boundaries are those in force from May 2023; earlier rows have been re-mapped.",
    "The data is published under the Local Government Transparency Code 2015.",
    "Locations are given as British National Grid eastings and northings and as latitude and longitude.",
    "Amounts are in pounds sterling and exclude VAT unless the column name says otherwise.",
    "Where a record was corrected after publication, the corrected value replaces the original.",
    "Blank cells mean the value was not recorded, not that it was zero.",
    "The planning team checks each release against the statutory return before it is published.",
    "Some historic records were digitised from paper files and may contain transcription errors.",
    "Addresses of private individuals are removed; business addresses are kept.",
    "Please contact the team before using this data for decisions about individual properties.",
    "The dataset supports the council's performance framework and the annual budget report.",
    "Categories follow the Local Government Association's service classification.",
    "Postcodes are truncated to the sector for residential addresses.",
    "This release replaces the interim figures published last quarter.",
    "Values are rounded to the nearest whole number, so totals may not add up exactly.",
    "The collection round and crew are recorded for each missed collection report.",
    "Coordinates are approximate for sites without a fixed address, such as lay-bys.",
    "The methodology changed in April 2022; see the notes file before comparing years.",
]
FIELD_NOTES = [
    "`ward_code`: the ONS nine-character code of the ward",
    "`date`: the date the record was created, in ISO 8601 format",
    "`amount`: the value in pounds, excluding VAT",
    "`category`: the service category",
    "`easting` and `northing`: the location on the British National Grid",
    "`status`: open, closed or withdrawn",
    "`uprn`: the Unique Property Reference Number, where known",
    "`reference`: the council's own case reference",
]
KEYWORDS = sorted(
    {word for subject in SUBJECTS for word in subject.split() if len(word) > 3}
    | {"transparency", "statistics", "geospatial", "budget", "performance", "open data"}
)
FORMATS = {  # format -> (weight, media type, file extension)
    "CSV": (45, "text/csv", "csv"),
    "XLSX": (20, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "PDF": (15, "application/pdf", "pdf"),
    "JSON": (12, "application/json", "json"),
    "GeoJSON": (8, "application/geo+json", "geojson"),
}
OPEN_LICENCES = {"OGL-UK-3.0": 80, "CC-BY-4.0": 8, "CC0-1.0": 5, "ODbL-1.0": 4, "OS-OpenData": 3}
FREQUENCIES = ["daily", "weekly", "monthly", "quarterly", "annual", "irregular", "not-planned"]

# ---------------------------------------------------------------------------------------------
# Command line and environment
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Options:
    database_url: str | None
    datasets: int
    requests: int
    baseline_requests: int
    warmup: int
    seed: int
    query: str
    theme: str
    target_ms: float
    output: Path
    keep: bool


def parse_args(argv: Sequence[str] | None = None) -> Options:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url",
        help="a PostgreSQL server to use instead of SQLite, e.g. "
        "postgres://postgres@127.0.0.1:5432/test (the benchmark creates and drops its own "
        f"database, {BENCH_DATABASE}, on that server)",
    )
    parser.add_argument("--datasets", type=int, default=10_000, help="default: %(default)s")
    parser.add_argument(
        "--requests", type=int, default=30, help="timed requests per page (default: %(default)s)"
    )
    parser.add_argument(
        "--baseline-requests",
        type=int,
        default=10,
        help="timed requests per page for the naive baseline; 0 skips it (default: %(default)s)",
    )
    parser.add_argument("--warmup", type=int, default=3, help="default: %(default)s")
    parser.add_argument("--seed", type=int, default=2026, help="default: %(default)s")
    parser.add_argument("--query", default="planning", help="search word (default: %(default)s)")
    parser.add_argument("--theme", default="environment", help="theme slug (default: %(default)s)")
    parser.add_argument("--target-ms", type=float, default=TARGET_MS, help="default: %(default)s")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="JSON results file")
    parser.add_argument(
        "--keep", action="store_true", help="keep the data folder (and database) for profiling"
    )
    args = parser.parse_args(argv)
    if args.database_url and urlsplit(args.database_url).scheme not in POSTGRES_SCHEMES:
        parser.error("--database-url must be a PostgreSQL URL; without it SQLite is used")
    if args.requests < 1 or args.warmup < 0 or args.baseline_requests < 0:
        parser.error("--requests must be at least 1; --warmup and --baseline-requests at least 0")
    return Options(**vars(args))


def postgres_url_for(url: str, database: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{database}"))


def postgres_database(server_url: str, *, create: bool) -> None:
    """Drop the benchmark's own database and, when `create`, make it afresh: every run starts
    from empty, so earlier runs cannot change the numbers. Connects to the database named in
    the URL only to do this; nothing in it is touched."""
    import psycopg
    from psycopg import sql

    # django-environ accepts pgsql:// and postgis:// too; libpq does not.
    libpq_url = urlunsplit(urlsplit(server_url)._replace(scheme="postgresql"))
    name = sql.Identifier(BENCH_DATABASE)
    with psycopg.connect(libpq_url, autocommit=True) as conn:
        # WITH (FORCE), PostgreSQL 13 and later: a crashed earlier run may still be connected.
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        if create:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(name))


def configure_django(data_dir: Path, database_url: str | None) -> None:
    """Point the settings at the throw-away data folder and database, then start Django."""
    os.environ["TOWNSQUARE_DATA_DIR"] = str(data_dir)
    os.environ.pop("DATABASE_URL", None)
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "townsquare.settings"
    # Production-like: no debug machinery, and the test client's host accepted.
    os.environ["DEBUG"] = "false"
    os.environ["ALLOWED_HOSTS"] = "testserver,localhost"
    import django

    django.setup()

    from django.conf import settings

    # Nothing is collected, so the manifest storage would fail on the first {% static %}.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # WhiteNoise warns about a missing STATIC_ROOT; an empty one is what a fresh deploy has.
    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)


def migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


# ---------------------------------------------------------------------------------------------
# Building the catalogue
# ---------------------------------------------------------------------------------------------


@dataclass
class Seeded:
    """What the timing needs to know about the catalogue it is timing."""

    datasets: int
    resources: int
    grants: int  # active ones; a fifth as many again are expired or revoked
    users: int
    viewers: dict[str, Any]  # name -> User, or None for anonymous


def weighted(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


@contextmanager
def explicit_timestamps(*models: type) -> Iterator[None]:
    """bulk_create runs pre_save, which stamps auto_now fields with the current time. A real
    catalogue has years of modification dates, and the list is ordered by them, so switch
    auto_now off while seeding and set the dates ourselves."""
    fields = [
        f
        for model in models
        for f in model._meta.concrete_fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


def build_org_tree() -> tuple[list[Any], list[Any], list[Any]]:
    """1 organisation, 5 directorates, 20 services, 60 teams. Returns (directorates, services,
    teams). Through treebeard, so paths are exactly what the application would write."""
    from django.utils.text import slugify

    from townsquare.accounts.models import OrgUnit

    def fields(name: str, kind: str) -> dict[str, str]:
        return {"name": name, "slug": slugify(name), "kind": kind}

    council = OrgUnit.objects.add_root(fields("Northbridge Borough Council", "organisation"))
    for directorate_name, service_names in DIRECTORATES.items():
        directorate = OrgUnit.objects.add_child(council, fields(directorate_name, "directorate"))
        for service_name in service_names:
            service = OrgUnit.objects.add_child(directorate, fields(service_name, "service"))
            for kind in TEAM_KINDS:
                OrgUnit.objects.add_child(service, fields(f"{service_name} {kind}", "team"))
    # Units are kept in name order, so adding one can move its earlier siblings' paths in the
    # database: read the tree back rather than trust the objects created above.
    units = list(OrgUnit.objects.order_by("path"))
    return tuple(
        [u for u in units if u.kind == kind] for kind in ("directorate", "service", "team")
    )


def build_people(
    rng: random.Random, seed: int, units: tuple[list[Any], list[Any], list[Any]], count: int
) -> tuple[list[Any], dict[str, list[Any]]]:
    """~200 staff, each with the staff role; some publishers and stewards for a service or a
    directorate. Returns (users, users by role kind)."""
    from django.contrib.auth.hashers import make_password
    from faker import Faker

    from townsquare.accounts.models import Role, User

    directorates, services, teams = units
    fake = Faker("en_GB")
    fake.seed_instance(seed)
    password = make_password("correct horse battery staple")  # hashing 200 times is slow
    users = User.objects.bulk_create(
        User(
            email=f"person{i}@northbridge.example",
            name=fake.name(),
            slug=f"person-{i}",
            job_title=fake.job()[:200],
            team=rng.choice(teams),
            password=password,
        )
        for i in range(count)
    )
    by_kind: dict[str, list[Any]] = {"staff": users, "publisher": [], "steward": []}
    roles = [Role(user=u, kind=Role.Kind.STAFF) for u in users]
    for user in rng.sample(users, count // 6):
        by_kind["publisher"].append(user)
        roles.append(Role(user=user, kind=Role.Kind.PUBLISHER, unit=_unit_above(user, services)))
    for user in rng.sample(users, count // 12):
        by_kind["steward"].append(user)
        scope = rng.choice(directorates) if rng.random() < 0.5 else _unit_above(user, services)
        roles.append(Role(user=user, kind=Role.Kind.STEWARD, unit=scope))
    Role.objects.bulk_create(roles, ignore_conflicts=True)
    return users, by_kind


def _unit_above(user: Any, candidates: list[Any]) -> Any:
    """The candidate unit that contains the user's team (publishers publish for their own area)."""
    return next(u for u in candidates if user.team.path.startswith(u.path))


def dataset_title(rng: random.Random) -> str:
    words = [rng.choice(SUBJECTS), rng.choice(QUALIFIERS), rng.choice(PERIODS)]
    text = " ".join(w for w in words if w)
    return text[0].upper() + text[1:]


def dataset_description(rng: random.Random) -> str:
    """Two to four paragraphs of Markdown and, often, a list of the columns: 0.3 to 2 KB,
    1 KB typically, like the descriptions on data.gov.uk."""
    paragraphs = [
        " ".join(rng.sample(SENTENCES, rng.randint(2, 5))) for _ in range(rng.randint(2, 4))
    ]
    if rng.random() < 0.6:
        columns = rng.sample(FIELD_NOTES, rng.randint(3, 6))
        paragraphs.append("The columns are:\n\n" + "\n".join(f"- {c}" for c in columns))
    return "\n\n".join(paragraphs)


def dataset_summary(rng: random.Random, title: str, team_name: str) -> str:
    text = f"{title} for the borough, from the {team_name} team. {rng.choice(SENTENCES)}"
    return text[:300]  # the field's limit


def access_and_status(rng: random.Random) -> tuple[str, str]:
    """70% open, 20% internal, 8% restricted (all published), 2% drafts at any level."""
    roll = rng.random()
    if roll < 0.70:
        return "open", "published"
    if roll < 0.90:
        return "internal", "published"
    if roll < 0.98:
        return "restricted", "published"
    return weighted(rng, {"open": 6, "internal": 3, "restricted": 1}), "draft"


def new_dataset(rng: random.Random, i: int, team: Any, steward: Any, now: datetime) -> Any:
    from django.utils.text import slugify

    from townsquare.catalogue.models import Dataset

    title = dataset_title(rng)
    access, status = access_and_status(rng)
    modified = now - timedelta(minutes=rng.randint(0, 5 * 365 * 24 * 60))
    created = modified - timedelta(days=rng.randint(0, 3 * 365))
    start = date(rng.randint(2010, 2025), rng.choice([1, 4]), 1)
    return Dataset(
        slug=f"{slugify(title)[:90]}-{i}",
        title=title,
        summary=dataset_summary(rng, title, team.name),
        description=dataset_description(rng),
        publisher=team,
        steward=steward,
        contact_name=f"{team.name} team",
        contact_email=f"{team.slug}@northbridge.example",
        licence_id=weighted(rng, OPEN_LICENCES) if access == "open" else "internal-use",
        access_level=access,
        security_classification=(
            "OFFICIAL-SENSITIVE" if access == "restricted" and rng.random() < 0.5 else "OFFICIAL"
        ),
        contains_personal_data=access == "restricted" and rng.random() < 0.6,
        update_frequency=rng.choice(FREQUENCIES),
        temporal_start=start,
        temporal_end=start + timedelta(days=rng.choice([90, 365, 730])),
        spatial_coverage=rng.choice(["Northbridge", "Northbridge borough", "North ward", ""]),
        status=status,
        created=created,
        issued=created if status == "published" else None,
        modified=modified,
    )


def build_datasets(rng: random.Random, teams: list[Any], stewards: list[Any], count: int) -> list:
    from django.utils import timezone

    from townsquare.catalogue.models import Dataset

    now = timezone.now()
    rows = [
        new_dataset(
            rng, i, rng.choice(teams), rng.choice(stewards) if rng.random() < 0.3 else None, now
        )
        for i in range(count)
    ]
    with explicit_timestamps(Dataset):
        return Dataset.objects.bulk_create(rows, batch_size=1000)


def build_vocabularies(rng: random.Random, datasets: list[Any]) -> None:
    """0-3 themes (seeded by migration) and 0-5 keywords per dataset."""
    from townsquare.catalogue.models import Dataset, Keyword, Theme

    themes = list(Theme.objects.all())
    keywords = Keyword.objects.bulk_create(Keyword(name=k) for k in KEYWORDS)
    theme_links, keyword_links = [], []
    for ds in datasets:
        for theme in rng.sample(themes, rng.randint(0, 3)):
            theme_links.append(Dataset.themes.through(dataset_id=ds.pk, theme_id=theme.pk))
        for keyword in rng.sample(keywords, rng.randint(0, 5)):
            keyword_links.append(Dataset.keywords.through(dataset_id=ds.pk, keyword_id=keyword.pk))
    Dataset.themes.through.objects.bulk_create(theme_links, batch_size=5000)
    Dataset.keywords.through.objects.bulk_create(keyword_links, batch_size=5000)


def build_resources(rng: random.Random, datasets: list[Any]) -> int:
    """1-4 links per dataset. Links need no files, and the pages render links and uploads alike
    except for the size column."""
    from townsquare.catalogue.models import Resource

    weights = {fmt: spec[0] for fmt, spec in FORMATS.items()}
    rows = []
    for ds in datasets:
        for position in range(rng.randint(1, 4)):
            fmt = weighted(rng, weights)
            _, media_type, ext = FORMATS[fmt]
            rows.append(
                Resource(
                    dataset_id=ds.pk,
                    title=f"{ds.title} ({fmt})" if position == 0 else f"Supporting data {position}",
                    kind=Resource.Kind.LINK,
                    url=f"https://data.northbridge.example/{ds.slug}/{position}.{ext}",
                    format=fmt,
                    media_type=media_type,
                    position=position,
                    created=ds.created,
                    modified=ds.modified,
                )
            )
    with explicit_timestamps(Resource):
        Resource.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def build_grants(
    rng: random.Random,
    datasets: list[Any],
    users: list[Any],
    units: list[Any],
    approvers: list[Any],
    holder: Any,
    active: int,
) -> int:
    """~500 active grants to restricted datasets (three quarters to people, the rest to teams or
    services), plus some expired and revoked ones the policy must skip. `holder` gets eight
    direct grants outside their own area, so their grants change what they can see."""
    from django.utils import timezone

    from townsquare.accounts.models import OrgUnit
    from townsquare.governance.models import Grant

    now = timezone.now()
    restricted = [d for d in datasets if d.access_level == "restricted"]
    holder_directorate = holder.team.path[: 2 * OrgUnit.steplen]
    outside = [d for d in restricted if not d.publisher.path.startswith(holder_directorate)]
    rows = [_grant(rng, d, approvers, now, user=holder) for d in rng.sample(outside, 8)]
    for _ in range(active - len(rows)):
        to_user = rng.random() < 0.75
        rows.append(
            _grant(
                rng,
                rng.choice(restricted),
                approvers,
                now,
                user=rng.choice(users) if to_user else None,
                unit=None if to_user else rng.choice(units),
            )
        )
    for i in range(active // 5):  # inactive: every other one expired, the rest revoked
        grant = _grant(rng, rng.choice(restricted), approvers, now, user=rng.choice(users))
        if i % 2:
            grant.expires_at = now - timedelta(days=rng.randint(1, 400))
        else:
            grant.revoked_at, grant.revoked_by = now - timedelta(days=3), grant.approved_by
        rows.append(grant)
    Grant.objects.bulk_create(rows)
    return active


def _grant(rng: random.Random, dataset: Any, approvers: list, now: datetime, **grantee) -> Any:
    from townsquare.governance.models import Grant

    return Grant(
        dataset=dataset,
        purpose=rng.choice(["Audit", "Service review", "Joint commissioning", "Research"]),
        approved_by=rng.choice(approvers),
        expires_at=now + timedelta(days=rng.randint(7, 365)),
        **grantee,
    )


def pick_viewers(users: list[Any], by_kind: dict[str, list[Any]]) -> dict[str, Any]:
    """Anonymous; a member of staff with no other role; a publisher (who will hold grants)."""
    special = {u.pk for kind in ("publisher", "steward") for u in by_kind[kind]}
    staff = next(u for u in users if u.pk not in special)
    stewards = {u.pk for u in by_kind["steward"]}
    publisher = next(u for u in by_kind["publisher"] if u.pk not in stewards)
    return {"anonymous": None, "staff": staff, "publisher": publisher}


def build_catalogue(opts: Options) -> Seeded:
    rng = random.Random(opts.seed)
    directorates, services, teams = build_org_tree()
    users, by_kind = build_people(rng, opts.seed, (directorates, services, teams), count=USERS)
    viewers = pick_viewers(users, by_kind)
    datasets = build_datasets(rng, teams, by_kind["steward"], opts.datasets)
    build_vocabularies(rng, datasets)
    resources = build_resources(rng, datasets)
    grants = build_grants(
        rng,
        datasets,
        users,
        teams + services,
        by_kind["steward"],
        holder=viewers["publisher"],
        active=ACTIVE_GRANTS,
    )
    analyse_database()
    return Seeded(len(datasets), resources, grants, len(users), viewers)


def analyse_database() -> None:
    """PostgreSQL's autovacuum would analyse freshly loaded tables within a minute or so; do it
    now so the planner has statistics, as it would in service. SQLite gathers none unless told,
    and nothing in Townsquare tells it, so it is left as deployed."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


# ---------------------------------------------------------------------------------------------
# The naive baseline: the same pages, written the way a first version of a Django portal often
# is. Same access rule, same templates, same middleware; only the queries differ. It keeps its
# own copy of the facet fields so that changes to Townsquare's selectors never change it.
# ---------------------------------------------------------------------------------------------

NAIVE_FACET_FIELDS = {
    "publisher": "publisher__slug",
    "theme": "themes__slug",
    "format": "resources__format",
    "licence": "licence_id",
    "access": "access_level",
}


def naive_dataset_list(request: Any) -> Any:
    from django.core.paginator import Paginator
    from django.db.models import Q
    from django.shortcuts import render

    from townsquare.core import access

    q = request.GET.get("q", "").strip()[:200]
    filters = {name: request.GET.getlist(name) for name in NAIVE_FACET_FIELDS}
    base = access.datasets_visible_to(request.user)
    for word in q.split()[:20]:
        base = base.filter(
            Q(title__icontains=word)
            | Q(summary__icontains=word)
            | Q(description__icontains=word)
            | Q(keywords__name__icontains=word)
        )
    results = _naive_apply(base, filters).distinct().order_by("-modified", "pk")
    # No select_related or prefetch: the template loads each row's publisher and resources.
    page = Paginator(results, 20).get_page(request.GET.get("page"))
    context = {
        "page_obj": page,
        "q": q,
        "sort": "recent",
        "facets": naive_facets(base, filters),
        "may_create": access.publishable_units(request.user).exists(),
    }
    return render(request, "catalogue/dataset_list.html", context)


def _naive_apply(qs: Any, filters: dict[str, list[str]], skip: str = "") -> Any:

    for name, values in filters.items():
        if values and name != skip:
            qs = qs.filter(**{f"{NAIVE_FACET_FIELDS[name]}__in": values})
    return qs


def naive_facets(base: Any, filters: dict[str, list[str]]) -> list[Any]:
    """One COUNT per facet value: the obvious loop over every publisher, theme, format, licence
    and access level."""
    from townsquare.catalogue import selectors

    facets = []
    for name, title, candidates in _naive_facet_candidates():
        scoped = _naive_apply(base, filters, skip=name)
        chosen = set(filters.get(name, []))
        field_name = NAIVE_FACET_FIELDS[name]
        values = []
        for value, label in candidates:
            count = scoped.filter(**{field_name: value}).distinct().count()
            if count:
                values.append(selectors.FacetValue(value, label, count, value in chosen))
        values.sort(key=lambda v: (-v.count, v.label))
        facets.append(selectors.Facet(name, title, values))
    return facets


def _naive_facet_candidates() -> list[tuple[str, str, list[tuple[str, str]]]]:
    from townsquare.accounts.models import OrgUnit
    from townsquare.catalogue.models import AccessLevel, Licence, Resource, Theme

    formats = Resource.objects.exclude(format="").values_list("format", flat=True).distinct()
    return [
        ("publisher", "Publisher", list(OrgUnit.objects.values_list("slug", "name"))),
        ("theme", "Theme", list(Theme.objects.values_list("slug", "title"))),
        ("format", "Format", [(f, f) for f in formats.order_by("format")]),
        ("licence", "Licence", list(Licence.objects.values_list("id", "title"))),
        ("access", "Access", list(AccessLevel.choices)),
    ]


def naive_dataset_detail(request: Any, slug: str) -> Any:
    from django.http import Http404
    from django.shortcuts import get_object_or_404, render

    from townsquare.catalogue.models import Dataset
    from townsquare.core import access
    from townsquare.core.audit import Action, audit_record

    dataset = get_object_or_404(Dataset, slug=slug)  # publisher, licence, steward load lazily
    if not access.can(request.user, "view", dataset):
        raise Http404("No dataset found")
    if dataset.access_level != "open" or not dataset.is_published:
        audit_record(actor=request.user, action=Action.VIEW, obj=dataset, request=request)
    context = {
        "dataset": dataset,
        "resources": dataset.resources.all(),
        "may_edit": access.can(request.user, "edit", dataset),
        "may_manage_grants": access.can(request.user, "manage_grants", dataset),
    }
    return render(request, "catalogue/dataset_detail.html", context)


def install_baseline_urls() -> None:
    """Serve the naive pages under /naive/ beside the real site, in the same process, so both
    run through the same middleware, templates and database connection."""
    from django.conf import settings
    from django.urls import clear_url_caches, include, path

    module = types.ModuleType("bench_catalogue_urls")
    module.urlpatterns = [  # type: ignore[attr-defined]
        path("naive/datasets/", naive_dataset_list),
        path("naive/datasets/<slug:slug>/", naive_dataset_detail),
        path("", include(settings.ROOT_URLCONF)),
    ]
    sys.modules[module.__name__] = module
    settings.ROOT_URLCONF = module.__name__
    clear_url_caches()


# ---------------------------------------------------------------------------------------------
# Timing
# ---------------------------------------------------------------------------------------------


@dataclass
class Page:
    """One row of the report: a page as seen by one viewer. `urls` are visited round-robin."""

    viewer: str
    name: str
    urls: list[str]


@dataclass
class Timing:
    samples_ms: list[float]
    queries: list[int]

    @property
    def median(self) -> float:
        return statistics.median(self.samples_ms)

    @property
    def p95(self) -> float:
        return percentile(self.samples_ms, 95)

    def summary(self) -> dict[str, Any]:
        return {
            "requests": len(self.samples_ms),
            "median_ms": round(self.median, 2),
            "p95_ms": round(self.p95, 2),
            "min_ms": round(min(self.samples_ms), 2),
            "queries_median": statistics.median(self.queries),
            "queries_min": min(self.queries),
            "queries_max": max(self.queries),
        }


def percentile(samples: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile: a value that was actually observed."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(pct / 100 * len(ordered)) - 1)]


def client_for(user: Any) -> Any:
    from django.test import Client

    client = Client()
    if user is not None:
        client.force_login(user)  # a real session row, read on every request as in service
    return client


def fetch(client: Any, url: str) -> tuple[float, int]:
    """One request through the full stack: (milliseconds, SQL queries)."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    reset_queries()  # the log is capped at 9,000 entries, after which counts read as 0
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(url)
        elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise RuntimeError(f"GET {url} answered {response.status_code}")
    return elapsed, len(queries)


def measure(
    client: Any, variants: dict[str, tuple[list[str], int]], warmup: int
) -> dict[str, Timing]:
    """Time each variant (name -> (urls, request count)), interleaving them request by request
    so that drift in the machine's speed falls on all of them alike."""
    timings = {name: Timing([], []) for name in variants}
    for i in range(warmup):  # compile templates, fill caches, open the connection
        for urls, _ in variants.values():
            fetch(client, urls[i % len(urls)])
    rounds = max(count for _, count in variants.values())
    for i in range(rounds):
        for name, (urls, count) in variants.items():
            if i < count:
                ms, queries = fetch(client, urls[(warmup + i) % len(urls)])
                timings[name].samples_ms.append(ms)
                timings[name].queries.append(queries)
    return timings


def pages_for(viewer: str, user: Any, opts: Options) -> list[Page]:
    """The five pages: the list, a search, a filtered list, a deep page, and dataset pages."""
    return [
        Page(viewer, "list", ["/datasets/"]),
        Page(viewer, f"search ?q={opts.query}", [f"/datasets/?q={opts.query}"]),
        Page(viewer, "filter theme+open", [f"/datasets/?theme={opts.theme}&access=open"]),
        Page(viewer, "list ?page=50", ["/datasets/?page=50"]),
        Page(viewer, "dataset page", dataset_urls(user, opts)),
    ]


def dataset_urls(user: Any, opts: Options) -> list[str]:
    """Different datasets, each visible to the viewer, in the proportions they can see them (so
    staff also open internal datasets, whose views are written to the audit log)."""
    from townsquare.core.access import datasets_visible_to

    slugs = list(datasets_visible_to(user).order_by("pk").values_list("slug", flat=True))
    count = min(len(slugs), opts.warmup + max(opts.requests, opts.baseline_requests))
    return [f"/datasets/{slug}/" for slug in random.Random(opts.seed).sample(slugs, count)]


def naive_urls(urls: list[str]) -> list[str]:
    return [f"/naive{url}" for url in urls]


@dataclass
class Row:
    viewer: str
    page: str
    url: str
    townsquare: dict[str, Any]
    naive: dict[str, Any] | None

    @property
    def ratio(self) -> float | None:
        if not self.naive:
            return None
        return round(self.townsquare["median_ms"] / self.naive["median_ms"], 3)


def run_benchmarks(seeded: Seeded, opts: Options) -> list[Row]:
    rows = []
    for viewer, user in seeded.viewers.items():
        client = client_for(user)
        for page in pages_for(viewer, user, opts):
            variants = {"townsquare": (page.urls, opts.requests)}
            if opts.baseline_requests:
                variants["naive"] = (naive_urls(page.urls), opts.baseline_requests)
            timings = measure(client, variants, opts.warmup)
            naive = timings.get("naive")
            row = Row(
                viewer,
                page.name,
                page.urls[0] if len(page.urls) == 1 else "/datasets/<slug>/ (round-robin)",
                timings["townsquare"].summary(),
                naive.summary() if naive else None,
            )
            print_row(row, opts.target_ms)
            rows.append(row)
    return rows


# ---------------------------------------------------------------------------------------------
# Reporting
# ---------------------------------------------------------------------------------------------

HEADER = (
    f"{'viewer':<10} {'page':<20} {'median':>8} {'p95':>8} {'queries':>8}   "
    f"{'naive':>8} {'n.queries':>9} {'ratio':>6}"
)


def _queries(summary: dict[str, Any]) -> str:
    low, high = summary["queries_min"], summary["queries_max"]
    return str(low) if low == high else f"{low}-{high}"


def print_row(row: Row, target_ms: float) -> None:
    ts = row.townsquare
    flag = " !" if ts["median_ms"] > target_ms else ""
    naive = row.naive
    tail = (
        f"{naive['median_ms']:>8.1f} {_queries(naive):>9} {row.ratio:>6.2f}"
        if naive
        else f"{'-':>8} {'-':>9} {'-':>6}"
    )
    print(
        f"{row.viewer:<10} {row.page:<20} {ts['median_ms']:>8.1f} {ts['p95_ms']:>8.1f} "
        f"{_queries(ts):>8}   {tail}{flag}",
        flush=True,
    )


def machine() -> dict[str, Any]:
    import django

    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    meminfo = Path("/proc/meminfo").read_text() if Path("/proc/meminfo").exists() else ""
    cpu = next((line.split(":", 1)[1].strip() for line in cpuinfo.splitlines()
                if line.startswith("model name")), platform.processor())  # fmt: skip
    mem_kb = next((int(line.split()[1]) for line in meminfo.splitlines()
                   if line.startswith("MemTotal")), 0)  # fmt: skip
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "ram_gib": round(mem_kb / 1024 / 1024, 1),
        "python": platform.python_version(),
        "django": django.get_version(),
        "platform": platform.platform(),
    }


def code_version() -> dict[str, Any]:
    """The commit measured, and any files under src/ changed since it: others edit the working
    tree while benchmarks run, and the numbers belong to the code they were taken on."""
    git = shutil.which("git")
    if git is None:
        return {}

    def run(*args: str) -> str:
        done = subprocess.run(  # noqa: S603 - fixed arguments, no shell
            [git, "-C", str(BENCH_DIR.parent), *args], capture_output=True, text=True, check=False
        )
        return done.stdout

    # Porcelain lines are "XY path": two status letters (either may be a space), then a space.
    changed = [line[3:] for line in run("status", "--porcelain", "--", "src").splitlines()]
    return {"commit": run("rev-parse", "--short", "HEAD").strip(), "src_changed": changed}


def load_average() -> list[float]:
    """1, 5 and 15 minute load. Other work on the machine slows every request, so the report
    says how much there was, before and after the timing."""
    return [round(x, 2) for x in os.getloadavg()]


def database_info() -> dict[str, str]:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT sqlite_version()")
        else:
            cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
    return {"vendor": connection.vendor, "version": version}


def write_report(path: Path, opts: Options, seeded: Seeded, rows: list[Row], run: dict) -> None:
    """`run` holds what was observed around the timing: build time and load averages."""
    report = {
        "benchmark": "catalogue",
        "run_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "database": database_info(),
        "code": run.pop("code"),
        "run": run,
        "target_ms": opts.target_ms,
        "target_met": all(r.townsquare["median_ms"] <= opts.target_ms for r in rows),
        "catalogue": {
            "datasets": seeded.datasets,
            "resources": seeded.resources,
            "active_grants": seeded.grants,
            "users": seeded.users,
            "seed": opts.seed,
        },
        "settings": {
            "requests": opts.requests,
            "baseline_requests": opts.baseline_requests,
            "warmup": opts.warmup,
            "query": opts.query,
            "theme": opts.theme,
        },
        "results": [{**asdict(r), "ratio": r.ratio} for r in rows],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")


def warn_if_busy(load: list[float]) -> None:
    cpus = os.cpu_count() or 1
    if load[0] > cpus / 2:
        print(
            f"note: load average {load[0]} on {cpus} CPUs; other work is competing with the "
            "benchmark and the times will be higher than on a quiet machine"
        )


def describe(seeded: Seeded, opts: Options) -> None:
    from townsquare.catalogue.selectors import dataset_search

    print(
        f"catalogue: {seeded.datasets} datasets, {seeded.resources} resources, "
        f"{seeded.users} users, {seeded.grants} active grants"
    )
    for viewer, user in seeded.viewers.items():
        visible = dataset_search(user).count()
        matching = dataset_search(user, q=opts.query).count()
        print(f"  {viewer:<10} sees {visible} datasets; {matching} match ‘{opts.query}’")


# ---------------------------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------------------------


def bench(opts: Options, data_dir: Path) -> int:
    server_url = opts.database_url
    database_url = None
    if server_url:
        postgres_database(server_url, create=True)
        database_url = postgres_url_for(server_url, BENCH_DATABASE)
    try:
        return _bench_in(opts, data_dir, database_url)
    finally:
        if server_url and not opts.keep:
            from django.db import connections

            connections.close_all()
            postgres_database(server_url, create=False)


def _bench_in(opts: Options, data_dir: Path, database_url: str | None) -> int:
    configure_django(data_dir, database_url)
    # Read before anything is timed: Python has imported the code it will run by now.
    code = code_version()
    started = time.perf_counter()
    migrate()
    seeded = build_catalogue(opts)
    run: dict[str, Any] = {"build_seconds": round(time.perf_counter() - started, 1), "code": code}
    db = database_info()
    print(f"built in {run['build_seconds']} s on {db['vendor']} {db['version']}")
    dirty = f" with changes to {', '.join(code['src_changed'])}" if code.get("src_changed") else ""
    print(f"code: {code.get('commit', 'unknown')}{dirty}")
    describe(seeded, opts)
    install_baseline_urls()
    run["load_before"] = load_average()
    warn_if_busy(run["load_before"])
    print(f"\nmilliseconds; target: median under {opts.target_ms:.0f} ms; ratio = Townsquare/naive")
    print(HEADER)
    rows = run_benchmarks(seeded, opts)
    run["load_after"] = load_average()
    write_report(opts.output, opts, seeded, rows, run)
    print(f"\nload average before {run['load_before']}, after {run['load_after']}")
    print(f"results written to {opts.output}")
    over = [r for r in rows if r.townsquare["median_ms"] > opts.target_ms]
    for r in over:
        print(f"OVER TARGET: {r.viewer} {r.page}: median {r.townsquare['median_ms']:.1f} ms")
    return 1 if over else 0


def main(argv: Sequence[str] | None = None) -> int:
    opts = parse_args(argv)
    if opts.keep:
        data_dir = Path(tempfile.mkdtemp(prefix="townsquare-bench-"))
        print(f"data folder (kept): {data_dir}")
        return bench(opts, data_dir)
    with tempfile.TemporaryDirectory(prefix="townsquare-bench-") as tmp:
        return bench(opts, Path(tmp))


if __name__ == "__main__":
    sys.exit(main())
