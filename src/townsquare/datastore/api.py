"""The datastore's public functions: what other apps (pages, API, downloads, search) call.

Tables are made by ingest jobs. `ingest_version` runs one now (the command line);
`enqueue_ingest` queues one for the task worker (uploads). A job that fails leaves the live
table as it was: the new Parquet goes to a new file and the Table row is swapped only when
the file is complete, in one transaction."""

from __future__ import annotations

import copy
import logging
import re
import shutil
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePath

import duckdb
from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from townsquare.catalogue.models import Dataset, Resource, ResourceVersion
from townsquare.core import access
from townsquare.core.audit import Action, audit_record
from townsquare.core.uploads import UploadRejected, check_upload
from townsquare.governance import api as governance

from . import fingerprint, query, readers, sql
from .ingest import IngestError, TextTable, load, load_text
from .models import IngestJob, Table, TableFingerprint

log = logging.getLogger(__name__)


def is_tabular(resource_or_filename: Resource | ResourceVersion | str) -> bool:
    """Can this file become a table?"""
    if isinstance(resource_or_filename, Resource):
        version = resource_or_filename.current_version
        if version is None:
            return False
        resource_or_filename = version
    if isinstance(resource_or_filename, ResourceVersion):
        resource_or_filename = resource_or_filename.filename
    return readers.format_of(str(resource_or_filename)) is not None


def file_as_text(path: Path, filename: str, dest: Path, *, sheet: str = "") -> TextTable:
    """Write a CSV or spreadsheet to Parquet at `dest` with every cell as text and the
    file's own row numbers (`__row`), blank rows kept: for checks that report rows as the
    publisher sees them (the Transparency Code's validation). Raises IngestError."""
    return load_text(path, filename, dest, sheet=sheet)


class _System:
    def __repr__(self) -> str:
        return "SYSTEM"


# The platform itself (ingest, indexing, fingerprints): every column of every table. Pages,
# APIs and downloads pass the person reading instead, and get only the columns they may see.
SYSTEM = _System()


def for_reader(table: Table, reader, dataset: Dataset | None = None) -> Table | None:
    """The table as this reader may see it: itself, or an unsaved copy whose schema has only
    the columns a column-limited grant gives (`core.access.visible_columns`); None when it
    gives none of this table's columns."""
    if reader is SYSTEM:
        return table
    allowed = access.visible_columns(reader, table, dataset)
    if allowed is None:
        return table
    if not allowed:
        return None
    kept = [f for f in table.fields if f["name"] in allowed]
    narrowed = copy.copy(table)
    # Only the kept fields: keys such as primaryKey could name a hidden column.
    narrowed.table_schema = {
        "fields": kept,
        "missingValues": table.table_schema.get("missingValues", [""]),
    }
    narrowed.column_count = len(kept)
    narrowed.limited_to = frozenset(allowed)
    return narrowed


def _readable(tables, reader, dataset: Dataset | None = None) -> list[Table]:
    return [t for t in (for_reader(t, reader, dataset) for t in tables) if t is not None]


def tables_for_dataset(dataset: Dataset, *, reader=SYSTEM) -> list[Table]:
    tables = Table.objects.filter(resource__dataset=dataset).select_related("resource")
    return _readable(tables, reader, dataset)


def table_for_resource(resource: Resource, sheet: str = "", *, reader=SYSTEM) -> Table | None:
    table = Table.objects.filter(resource=resource, sheet=sheet).first()
    return None if table is None else for_reader(table, reader, resource.dataset)


def table_get(dataset: Dataset, name: str, *, reader=SYSTEM) -> Table | None:
    table = (
        Table.objects.filter(resource__dataset=dataset, name=name)
        .select_related("resource")
        .first()
    )
    return None if table is None else for_reader(table, reader, dataset)


def source(table: Table) -> query.Source:
    """What the query engine reads: the table's file, with the columns its schema (narrowed
    to a reader's, if it was) names."""
    return query.Source(parquet_path(table), table.table_schema)


def run_sql(text: str, tables: Mapping[str, Table]) -> sql.SqlResult:
    """Read-only SQL over these tables (name in the query -> table, already narrowed for the
    reader): a narrowed table is a view with only the reader's columns."""
    paths = {name: parquet_path(t) for name, t in tables.items()}
    columns = {
        name: [f["name"] for f in t.fields]
        for name, t in tables.items()
        if t.limited_to is not None
    }
    return sql.execute(text, paths, columns=columns)


class TablesReader:
    """Read-only SQL written by another app's code (never typed by a person) over several
    tables at once: view "t" holds every table's rows, columns matched by name (a column one
    table lacks is NULL in its rows). Identifiers must be quoted with `quote`, values bound."""

    def __init__(self, cursor, columns: dict[str, str]):
        self._cursor = cursor
        self.columns = columns  # name -> DuckDB type of the combined view

    quote = staticmethod(query.quote)

    def fetch(self, sql: str, params: Sequence = ()) -> list[tuple]:
        """Every row of the query, stopped after the table pages' time limit."""
        return query.run(self._cursor, sql, params, seconds=query.QUERY_SECONDS).fetchall()


@contextmanager
def read_tables(tables: Sequence[Table]) -> Iterator[TablesReader]:
    """A sandboxed DuckDB database that may read these tables' Parquet files and nothing else
    (kept between requests, like the table pages'), for aggregate queries across them: a
    series' quarterly tables, say."""
    if not tables:
        raise query.QueryError("There are no tables to read.")
    db = query.combined_database([parquet_path(t) for t in tables])
    cur = db.connection.cursor()
    try:
        yield TablesReader(cur, dict(db.sql_types))
    finally:
        cur.close()


def latest_job(resource: Resource, sheet: str | None = None) -> IngestJob | None:
    jobs = IngestJob.objects.filter(version__resource=resource)
    if sheet is not None:
        jobs = jobs.filter(sheet=sheet)
    return jobs.select_related("version", "table").first()


def ingest_waiting(resource: Resource) -> bool:
    """Is a load of the resource's file still waiting for the task worker, or running?"""
    waiting = (IngestJob.Status.QUEUED, IngestJob.Status.RUNNING)
    return IngestJob.objects.filter(version__resource=resource, status__in=waiting).exists()


def job_get(resource: Resource, pk: int) -> IngestJob | None:
    return IngestJob.objects.filter(version__resource=resource, pk=pk).first()


def parquet_path(table: Table) -> Path:
    """A local file DuckDB can read: the stored file itself, or a cached copy of it."""
    try:
        return Path(default_storage.path(table.parquet))
    except NotImplementedError:
        cached = Path(settings.DATA_DIR) / "cache" / table.parquet
        if not cached.exists():
            cached.parent.mkdir(parents=True, exist_ok=True)
            partial = cached.with_suffix(".partial")
            with default_storage.open(table.parquet, "rb") as src, partial.open("wb") as out:
                shutil.copyfileobj(src, out, 4 * 1024 * 1024)
            partial.replace(cached)
        return cached


def sheets_of(version: ResourceVersion) -> list[str]:
    """Sheet names of a workbook (empty for other formats)."""
    fmt = readers.format_of(version.filename)
    if fmt not in ("xlsx", "xls", "ods"):
        return []
    with _local_copy(version) as path:
        try:
            return readers.sheet_names(path, fmt)
        except IngestError:
            return []


def enqueue_ingest(
    version: ResourceVersion, *, sheet: str = "", schema: dict | None = None, user=None
) -> IngestJob | None:
    """Queue an ingest for the task worker, once the current transaction commits. Files that
    cannot become tables are skipped (None)."""
    if not is_tabular(version):
        return None
    job = IngestJob.objects.create(
        version=version, sheet=sheet, requested_schema=schema, requested_by=_user(user),
        step="Waiting for the task worker",
    )  # fmt: skip
    transaction.on_commit(lambda: _enqueue(job.pk))
    return job


def _enqueue(job_pk: int) -> None:
    from .tasks import ingest_task

    ingest_task.enqueue(job_pk)


def ingest_version(
    version: ResourceVersion, *, sheet: str = "", schema: dict | None = None, user=None
) -> IngestJob:
    """Load a file version into its table now, and return the finished job."""
    job = IngestJob.objects.create(
        version=version, sheet=sheet, requested_schema=schema, requested_by=_user(user)
    )
    return run_job(job)


def run_job(job: IngestJob) -> IngestJob:
    """Run one queued job to success or failure (never raising for a bad file)."""
    version = job.version
    _progress(job, 1, "Starting", status=IngestJob.Status.RUNNING, started=timezone.now())
    schema = job.requested_schema or _previous_schema(version.resource, job.sheet)
    stored_name = ""
    try:
        with tempfile.TemporaryDirectory(prefix="townsquare-table-") as tmpdir:
            out = Path(tmpdir) / "table.parquet"
            with _local_copy(version) as path:
                _check_content(path, version.filename)
                loaded = load(
                    path, version.filename, out, sheet=job.sheet, schema=schema,
                    progress=lambda percent, step: _progress(job, percent, step),
                )  # fmt: skip
            if job.requested_schema and job.requested_schema.get("x-validate", True):
                loaded.report["validation"] = _validate(out, loaded, job.requested_schema)
            _progress(job, 88, "Comparing with the tables that already exist")
            fp = _fingerprint(out, loaded.fields)
            _progress(job, 90, "Storing the table")
            stored_name = _store(out, version, job)
            _progress(job, 92, "Checking for personal data")
            _scan_for_personal_data(out, loaded.fields, job)
        table = _swap(job, loaded, stored_name, fp)
    except IngestError as e:
        _fail(job, e.message, stored_name)
    except Exception as e:  # a bug or an unreadable file: say so plainly, keep the old table
        log.exception("Ingest job %s failed", job.pk)
        _fail(
            job,
            f"The file could not be loaded because of an unexpected problem ({type(e).__name__}).",
            stored_name,
        )
    else:
        job.table = table
    return job


# Rows of each table the personal-data scan reads: the first row group or two of the Parquet,
# so a table of millions of rows is checked in well under a second.
SCAN_ROWS = 5000


def sample_columns(parquet: Path, fields: list[dict], limit: int | None = None):
    """A table's headers (titles as published) and, for each, its first `limit` values as text
    (SCAN_ROWS by default)."""
    limit = limit or SCAN_ROWS
    con = duckdb.connect()
    try:
        rows = con.execute(
            "SELECT * FROM read_parquet(?) LIMIT ?", [str(parquet), limit]
        ).fetchall()
    finally:
        con.close()
    headers = [f.get("title") or f["name"] for f in fields]
    columns = [
        [None if v is None else readers.cell_text(v) for v in col]
        for col in zip(*rows, strict=True)
    ]
    return headers, columns or [[] for _ in headers]


def _scan_for_personal_data(out: Path, fields: list[dict], job: IngestJob) -> None:
    """Every table is scanned as it is loaded, whatever its format; governance stores what it
    finds and decides what it means for publishing. A failed scan leaves the file "not
    checked", which keeps it from being published as open data, so the ingest goes on."""
    try:
        headers, columns = sample_columns(out, fields)
        governance.scan_and_record(job.version, headers, columns, sheet=job.sheet)
    except Exception:
        log.exception("Could not scan ingest job %s for personal data", job.pk)


def _check_content(path: Path, filename: str) -> None:
    """Uploads are checked as they arrive; a version stored before those checks (or by other
    means) is checked again before anything reads it."""
    with path.open("rb") as f:
        try:
            check_upload(f, filename)
        except UploadRejected as e:
            raise IngestError(f"{e}, so it was not loaded.") from e


def _validate(out: Path, loaded, schema: dict) -> dict:
    from .validate import validate_parquet

    offset = int(loaded.report.get("header_row", 1))
    return validate_parquet(out, loaded.fields, schema, row_offset=offset)


def _user(user):
    return user if user is not None and user.is_authenticated else None


def _progress(job: IngestJob, percent: int, step: str, **extra) -> None:
    job.percent, job.step = percent, step[:200]
    for k, v in extra.items():
        setattr(job, k, v)
    job.save(update_fields=["percent", "step", *extra])


class _local_copy:
    """The version's file as a local path (the stored file itself on local storage)."""

    def __init__(self, version: ResourceVersion):
        self.version, self.tmp = version, None

    def __enter__(self) -> Path:
        storage = self.version.file.storage
        try:
            return Path(storage.path(self.version.file.name))
        except NotImplementedError:
            self.tmp = tempfile.TemporaryDirectory(prefix="townsquare-src-")
            path = Path(self.tmp.name) / PurePath(self.version.filename).name
            with storage.open(self.version.file.name, "rb") as src, path.open("wb") as out:
                shutil.copyfileobj(src, out, 4 * 1024 * 1024)
            return path

    def __exit__(self, *exc) -> None:
        if self.tmp is not None:
            self.tmp.cleanup()


def _store(out: Path, version: ResourceVersion, job: IngestJob) -> str:
    resource = version.resource
    sheet = f"-{slugify(job.sheet)}" if job.sheet else ""
    name = f"tables/{resource.dataset.uuid}/{resource.uuid}/{job.pk}{sheet}.parquet"
    with out.open("rb") as f:
        return default_storage.save(name, File(f))


def table_name_for(resource: Resource, sheet: str) -> str:
    existing = table_for_resource(resource, sheet)
    if existing:
        return existing.name
    base = re.sub(r"[^a-z0-9_]", "_", slugify(PurePath(resource.title).stem).replace("-", "_"))
    base = (base.strip("_") or "table")[:50]
    if sheet:
        base = f"{base}_{slugify(sheet).replace('-', '_')}"[:80]
    if base[0].isdigit():
        base = f"t_{base}"
    taken = set(
        Table.objects.filter(resource__dataset=resource.dataset).values_list("name", flat=True)
    )
    name, n = base, 2
    while name in taken:
        name, n = f"{base}_{n}", n + 1
    return name


def _fingerprint(out: Path, fields: list[dict]) -> fingerprint.Fingerprint | None:
    # A fingerprint is a help, not part of the table: a failure here must not fail the ingest.
    try:
        return fingerprint.compute(out, fields)
    except Exception:
        log.exception("Could not fingerprint %s", out)
        return None


def _swap(
    job: IngestJob, loaded, stored_name: str, fp: fingerprint.Fingerprint | None = None
) -> Table:
    version = job.version
    resource = version.resource
    old_parquet = ""
    with transaction.atomic():
        table = Table.objects.select_for_update().filter(resource=resource, sheet=job.sheet).first()
        if table is None:
            table = Table(
                resource=resource, sheet=job.sheet, name=table_name_for(resource, job.sheet)
            )
        else:
            old_parquet = table.parquet
        table.source_version = version
        table.parquet = stored_name
        table.table_schema = {"fields": loaded.fields, "missingValues": [""]}
        table.row_count = loaded.rows
        table.column_count = len(loaded.fields)
        table.save()
        job.status, job.percent, job.step = IngestJob.Status.SUCCEEDED, 100, "Loaded"
        job.warnings, job.report, job.table = loaded.warnings, loaded.report, table
        job.finished = timezone.now()
        job.save(
            update_fields=["status", "percent", "step", "warnings", "report", "table", "finished"]
        )
        audit_record(
            actor=job.requested_by, action=Action.EDIT, obj=resource,
            details={"ingest": job.pk, "table": table.name, "rows": loaded.rows, "version": version.number},
        )  # fmt: skip
        if fp is not None:
            TableFingerprint.objects.update_or_create(
                table=table,
                defaults={"columns": fp.columns, "content": fp.content,
                          "sample": fp.sample},
            )  # fmt: skip
        else:
            TableFingerprint.objects.filter(table=table).delete()
        _reindex(resource.dataset)
        if old_parquet and old_parquet != stored_name:
            transaction.on_commit(lambda: default_storage.delete(old_parquet))
    return table


def _reindex(dataset: Dataset) -> None:
    """The dataset's search entry lists its tables' columns: refresh it in this transaction."""
    from townsquare.search import api as search_index

    # As stored: the personal-data scan may have just taken it back to review.
    search_index.index_object(Dataset.objects.get(pk=dataset.pk))


def _fail(job: IngestJob, message: str, stored_name: str) -> None:
    if stored_name:
        default_storage.delete(stored_name)
    job.status, job.error = IngestJob.Status.FAILED, message
    job.step, job.finished = "Failed", timezone.now()
    job.save(update_fields=["status", "error", "step", "finished"])


def _previous_schema(resource: Resource, sheet: str) -> dict | None:
    """Types, titles and descriptions a publisher set before carry over to a new version."""
    table = table_for_resource(resource, sheet)
    if table is None:
        return None
    edited = [f for f in table.fields if f.get("x-edited")]
    return {"fields": edited, "x-validate": False} if edited else None


def schema_update(*, table: Table, fields: list[dict], actor, request=None) -> bool:
    """Save a publisher's titles, descriptions and types. Titles and descriptions apply at
    once; a changed type queues the file to be loaded again (True when it does)."""
    by_name = {f["name"]: f for f in fields}
    merged, retype = [], False
    for f in table.fields:
        new = by_name.get(f["name"], {})
        changed = {
            k: v for k, v in new.items() if k in ("title", "description", "type") and v != f.get(k)
        }
        if "type" in changed:
            retype = True
            changed["format"] = "default"
        merged.append({**f, **changed, **({"x-edited": True} if changed else {})})
    with transaction.atomic():
        table.table_schema = {**table.table_schema, "fields": merged}
        table.save(update_fields=["table_schema", "modified"])
        # New titles change the column set (the rows' fingerprint is keyed by it too, so a
        # stale content print is dropped rather than kept wrong; the next ingest remakes it).
        TableFingerprint.objects.filter(table=table).exclude(
            columns=fingerprint.column_set(merged)
        ).delete()
        _reindex(table.resource.dataset)
        audit_record(actor=actor, action=Action.EDIT, obj=table.resource, request=request,
                     details={"data_dictionary": table.name, "retype": retype})  # fmt: skip
        if retype:
            enqueue_ingest(
                table.source_version, sheet=table.sheet, user=actor,
                schema={"fields": merged, "x-validate": False},
            )  # fmt: skip
    return retype


def tables_for_resource(resource: Resource, *, reader=SYSTEM) -> list[Table]:
    return _readable(Table.objects.filter(resource=resource), reader, resource.dataset)


@dataclass(frozen=True)
class SchemaCheck:
    """Whether one file loaded as a table that meets its schema: "pass", "fail" or
    "not-checked" (still loading, or never loaded), with a sentence for the reviewer."""

    resource: Resource
    status: str
    message: str


def schema_checks(dataset: Dataset) -> list[SchemaCheck]:
    """For each tabular file's current version: did its latest load succeed, and did the table
    meet the Table Schema it was checked against (if any)?"""
    checks = []
    for resource in dataset.resources.filter(current_version__isnull=False).select_related(
        "current_version"
    ):
        if not is_tabular(resource):
            continue
        job = IngestJob.objects.filter(version=resource.current_version).first()
        checks.append(_schema_check(resource, job))
    return checks


def _schema_check(resource: Resource, job: IngestJob | None) -> SchemaCheck:
    title = resource.title
    if job is None or job.status in (IngestJob.Status.QUEUED, IngestJob.Status.RUNNING):
        return SchemaCheck(resource, "not-checked", f"‘{title}’ is waiting to be loaded")
    if job.status == IngestJob.Status.FAILED:
        return SchemaCheck(resource, "fail", f"‘{title}’ could not be loaded: {job.error}")
    validation = (job.report or {}).get("validation")
    if validation and not validation.get("valid"):
        count = sum(p.get("count", 0) for p in validation.get("problems", []))
        places = f"{count:,} place{'' if count == 1 else 's'}"
        return SchemaCheck(resource, "fail", f"‘{title}’ does not meet its schema in {places}")
    what = "meets its schema" if validation else "loaded as a table with consistent types"
    return SchemaCheck(resource, "pass", f"‘{title}’ {what}")


def job_status(job: IngestJob | None) -> dict:
    """What the status endpoint (and the API) says about a job."""
    if job is None:
        return {"status": "none"}
    table = job.table
    return {
        "id": job.pk,
        "status": job.status,
        "percent": job.percent,
        "step": job.step,
        "error": job.error,
        "warnings": job.warnings,
        "version": job.version.number,
        "sheet": job.sheet,
        "table": table.name if table else None,
        "rows": table.row_count if table else None,
        "columns": [
            {"name": f["name"], "title": f.get("title", ""), "type": f.get("type", "string")}
            for f in (table.fields if table else [])
        ],
        "created": job.created.isoformat(),
        "finished": job.finished.isoformat() if job.finished else None,
    }


# Fingerprints: "does this table already exist?" ---------------------------------------------


@dataclass
class TableMatch:
    """An existing table like another one: the same rows, or mostly the same columns."""

    table: Table
    same_content: bool
    column_similarity: float  # Jaccard similarity of the normalised column sets, 0-1
    row_overlap: float  # estimated share of rows in common (bottom-k MinHash), 0-1

    @property
    def url(self) -> str:
        dataset = self.table.resource.dataset
        return reverse("datastore:table", kwargs={"slug": dataset.slug, "name": self.table.name})

    @property
    def dataset_title(self) -> str:
        return self.table.resource.dataset.title


MIN_COLUMNS_TO_COMPARE = 2  # one shared "id" column says nothing


def fingerprint_for(table: Table) -> TableFingerprint | None:
    return TableFingerprint.objects.filter(table=table).first()


def _match(a: TableFingerprint, b: TableFingerprint, threshold: float) -> TableMatch | None:
    same = a.content == b.content and not a.content.startswith("0:")
    similarity = fingerprint.jaccard(a.columns, b.columns)
    enough = min(len(a.columns), len(b.columns)) >= MIN_COLUMNS_TO_COMPARE
    if not same and not (enough and similarity >= threshold):
        return None
    return TableMatch(b.table, same, similarity, fingerprint.row_overlap(a.sample, b.sample))


def _prints(within: QuerySet[Dataset]) -> QuerySet[TableFingerprint]:
    return TableFingerprint.objects.filter(
        table__resource__dataset__in=within.values("pk")
    ).select_related("table__resource__dataset")


def tables_like(
    table: Table, *, within: QuerySet[Dataset], threshold: float = 0.8, limit: int = 10
) -> list[TableMatch]:
    """Tables in the datasets `within` (the caller's access filter) with the same content as
    `table`, or columns at least `threshold` alike: the same content first."""
    mine = fingerprint_for(table)
    if mine is None:
        return []
    found = [
        m for other in _prints(within).exclude(table=table) if (m := _match(mine, other, threshold))
    ]
    found.sort(key=lambda m: (not m.same_content, -m.column_similarity, -m.row_overlap))
    return found[:limit]


def duplicate_table_pairs(
    *, within: QuerySet[Dataset], threshold: float = 0.8
) -> list[tuple[TableMatch, TableMatch]]:
    """Pairs of tables in different files that look like copies: the same content, or (in
    different datasets, since a dataset's quarterly files share their columns by design)
    columns at least `threshold` alike."""
    prints = list(_prints(within).order_by("table_id"))
    by_column: dict[str, list[int]] = {}
    for i, p in enumerate(prints):
        for column in p.columns:
            by_column.setdefault(column, []).append(i)
    by_content: dict[str, list[int]] = {}
    for i, p in enumerate(prints):
        by_content.setdefault(p.content, []).append(i)
    pairs = []
    for i, a in enumerate(prints):
        candidates = {j for c in a.columns for j in by_column[c]} | set(by_content[a.content])
        for j in sorted(c for c in candidates if c > i):
            b = prints[j]
            if a.table.resource_id == b.table.resource_id:
                continue
            match = _match(a, b, threshold)
            same_dataset = a.table.resource.dataset_id == b.table.resource.dataset_id
            if match and (match.same_content or not same_dataset):
                pairs.append((TableMatch(a.table, match.same_content, 1.0, 1.0), match))
    pairs.sort(key=lambda p: (not p[1].same_content, -p[1].column_similarity, p[0].table.name))
    return pairs


# Files as plain CSV, and tables made of other tables -----------------------------------------


def file_to_csv(path: Path, filename: str, dest: Path) -> None:
    """A tabular file (CSV or TSV in any common encoding, XLSX, XLS or ODS: the first sheet)
    written cell for cell as a UTF-8 CSV at `dest`, nothing skipped or typed, so checks of the
    file's own rows (totals, titles) still see them. Raises `IngestError` for what cannot be read.
    """
    fmt = readers.format_of(filename)
    if fmt not in ("csv", "xlsx", "xls", "ods"):
        raise IngestError(f"“{filename}” is not a CSV, XLSX or ODS file.")
    if path.stat().st_size == 0:
        raise IngestError("The file is empty.")
    if fmt != "csv":
        readers.to_csv(path, fmt, "", dest)
        return
    from .sniff import detect_encoding, transcode_to_utf8

    with path.open("rb") as f:
        encoding = detect_encoding(f.read(1024 * 1024))
    if encoding in ("utf-8", "utf-8-sig"):
        with path.open(encoding="utf-8-sig", newline="") as src:
            dest.write_text(src.read(), encoding="utf-8", newline="")
    else:
        transcode_to_utf8(path, dest, encoding)


@dataclass(frozen=True)
class CombinedPart:
    """One table in a combined table, and the value of the added column for its rows."""

    table: Table
    value: str


def build_combined_table(
    dataset: Dataset,
    name: str,
    parts: list[CombinedPart],
    extra_column: dict,
    *,
    title: str,
    description: str = "",
    actor=None,
) -> Table | None:
    """One table holding every row of `parts`, each with `extra_column` (a Table Schema
    field: name, title, description) set to its part's value: for example every published
    quarter of a spend series, with the quarter. Columns are matched by name; a column whose
    type differs between parts is kept as text. The rows are also stored as a CSV file, the
    resource `title` of the dataset (added the first time, a new version afterwards), so the
    table has a file to download like any other. Rebuilt whole each time; call it inside the
    caller's transaction, which then commits or rolls back the file and the table together.
    With no parts nothing changes (None)."""
    from townsquare.catalogue import services as catalogue

    if not parts:
        return None
    resource = Resource.objects.filter(dataset=dataset, tables__name=name).first()
    with tempfile.TemporaryDirectory(prefix="townsquare-combined-") as tmpdir:
        out, csv_out = Path(tmpdir) / "combined.parquet", Path(tmpdir) / f"{name}.csv"
        fields, rows = _union_parquet(parts, extra_column, out, csv_out)
        with csv_out.open("rb") as f:
            upload = File(f, name=f"{name}.csv")
            if resource is None:
                resource = catalogue.resource_add_file(
                    actor=actor, dataset=dataset, title=title, description=description,
                    upload=upload, ingest=False,
                )  # fmt: skip
            else:
                resource = catalogue.resource_replace_file(
                    actor=actor, resource=resource, upload=upload, ingest=False
                )
        version = resource.current_version
        stored = _store_combined(out, resource, version)
    try:
        return _swap_combined(resource, version, name, stored, fields, rows, actor)
    except BaseException:
        default_storage.delete(stored)
        raise


def _union_parquet(
    parts: list[CombinedPart], extra: dict, out: Path, csv_out: Path
) -> tuple[list[dict], int]:
    from .infer import DUCKDB_TYPES, quote, sql_literal

    # SQL here is built from quote()d names and sql_literal() values only.
    columns: dict[str, dict] = {}
    for part in parts:
        for f in part.table.fields:
            known = columns.setdefault(f["name"], {**f})
            if known.get("type") != f.get("type"):
                known.update(type="string", format="default")
    columns.pop(extra["name"], None)  # the added column wins over a file's own
    selects = []
    for part in parts:
        have = {f["name"]: f for f in part.table.fields}
        cells = [f"{sql_literal(part.value)} AS {quote(extra['name'])}"]
        for col, f in columns.items():
            sql_type = DUCKDB_TYPES.get(f.get("type", "string"), "VARCHAR")
            if col not in have:
                cells.append(f"CAST(NULL AS {sql_type}) AS {quote(col)}")
            else:
                cells.append(f"CAST({quote(col)} AS {sql_type}) AS {quote(col)}")
        source = sql_literal(str(parquet_path(part.table)))
        selects.append(f"SELECT {', '.join(cells)} FROM read_parquet({source})")  # noqa: S608
    union = " UNION ALL ".join(selects)
    fields = [{"type": "string", "format": "default", "description": "", **extra}]
    fields += columns.values()
    # The file has the columns' titles (the headings people know), the table their names.
    titles = [f.get("title") or f["name"] for f in fields]
    if len(set(titles)) < len(titles):
        titles = [f["name"] for f in fields]
    headed = ", ".join(
        f"{quote(f['name'])} AS {quote(t)}" for f, t in zip(fields, titles, strict=True)
    )
    parquet, csv_file = sql_literal(str(out)), sql_literal(str(csv_out))
    with tempfile.TemporaryDirectory(prefix="townsquare-union-") as tmp:
        from .ingest import connect

        con = connect(Path(tmp))
        try:
            con.execute(f"COPY ({union}) TO {parquet} (FORMAT parquet)")
            con.execute(
                f"COPY (SELECT {headed} FROM read_parquet({parquet})) "  # noqa: S608
                f"TO {csv_file} (FORMAT csv, HEADER true)"
            )
            rows = con.execute(f"SELECT count(*) FROM read_parquet({parquet})").fetchone()[0]  # noqa: S608
        finally:
            con.close()
    return fields, rows


def _store_combined(out: Path, resource: Resource, version: ResourceVersion) -> str:
    name = f"tables/{resource.dataset.uuid}/{resource.uuid}/combined-{version.uuid}.parquet"
    with out.open("rb") as f:
        return default_storage.save(name, File(f))


def _swap_combined(
    resource: Resource, version: ResourceVersion, name: str, stored: str, fields: list[dict],
    rows: int, actor,
) -> Table:  # fmt: skip
    with transaction.atomic():
        clash = Table.objects.filter(resource__dataset=resource.dataset, name=name)
        if clash.exclude(resource=resource).exists():
            raise ValueError(f"The dataset already has another table called {name}")
        table = Table.objects.select_for_update().filter(resource=resource, sheet="").first()
        old = table.parquet if table else ""
        table = table or Table(resource=resource, sheet="", name=name)
        table.name, table.source_version, table.parquet = name, version, stored
        table.table_schema = {"fields": fields, "missingValues": [""]}
        table.row_count, table.column_count = rows, len(fields)
        table.save()
        # The rows are copies of the parts' rows by design: no fingerprint, so the
        # duplicates report does not list every combined table against its own parts.
        TableFingerprint.objects.filter(table=table).delete()
        audit_record(actor=_user(actor), action=Action.EDIT, obj=resource,
                     details={"combined": name, "rows": rows, "version": version.number})  # fmt: skip
        _reindex(resource.dataset)
        if old and old != stored:
            transaction.on_commit(lambda: default_storage.delete(old))
    return table
