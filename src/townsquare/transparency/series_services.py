"""Writes for a dataset series: setting it up, taking a period's file, matching its columns,
checking it, redacting individuals' names and publishing it.

A period's file is checked before anyone sees it published. The upload is kept as a UTF-8
CSV (spreadsheets are converted cell for cell) in the storage's `transparency/pending/`
folder and described in `Period.report["upload"]`; the check's result is in
`report["validation"]` and the names that look like individuals in `report["redaction"]`.
Publishing writes the file again with the schema's column names, adds it to the dataset (or
adds a version of the period's file) through `catalogue.services`, loads its table now, and
rebuilds the series' combined table: one transaction, so a failure leaves everything as it was.
"""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path, PurePath

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from townsquare.catalogue import services as catalogue
from townsquare.core.audit import Action, audit_record
from townsquare.core.uploads import UploadRejected, check_upload
from townsquare.datastore import api as datastore

from . import periods as fy
from . import redaction
from .models import ColumnMapping, Period, Series

COMBINED_TABLE = "all_periods"
COMBINED_TITLE = "All periods combined"
PERIOD_COLUMN = {
    "name": "period",
    "title": "Period",
    "description": "The period whose file the row was published in.",
}
ACCEPTED = (".csv", ".xlsx", ".ods")


class SeriesError(Exception):
    """Something the publisher can fix, in words they can act on."""


# Setting a series up --------------------------------------------------------------------------


@transaction.atomic
def series_save(
    *, actor, dataset, schema: str, frequency: str, responsible_unit, first_period_start: date,
    code_dataset: str = "", request=None,
) -> Series:  # fmt: skip
    """Create or change the dataset's series. The first period starts where the period
    containing `first_period_start` starts."""
    series = Series.objects.filter(dataset=dataset).first() or Series(dataset=dataset)
    creating = series.pk is None
    series.schema, series.frequency, series.code_dataset = schema, frequency, code_dataset
    series.responsible_unit = responsible_unit
    series.first_period_start = fy.period_containing(first_period_start, frequency).start
    series.full_clean()
    series.save()
    audit_record(
        actor=actor, action=Action.CREATE if creating else Action.EDIT, obj=series,
        request=request, details={"schema": schema, "frequency": frequency},
    )  # fmt: skip
    return series


# Taking a period's file ----------------------------------------------------------------------


def period_upload(
    *, actor, series: Series, period: fy.Period, upload: UploadedFile, request=None
) -> Period:
    """Keep the file for `period` and check it (or ask for its columns to be matched first).
    An earlier file waiting for the same period is replaced; a published one stays published
    until this one is."""
    filename = catalogue.safe_filename(upload.name or "file.csv")
    if PurePath(filename).suffix.lower() not in ACCEPTED:
        raise SeriesError("The selected file must be a CSV, XLSX or ODS file")
    try:
        check_upload(upload, filename)
    except UploadRejected as e:
        raise SeriesError(str(e)) from e
    with tempfile.TemporaryDirectory(prefix="townsquare-period-") as tmp:
        original, as_csv = Path(tmp) / filename, Path(tmp) / "upload.csv"
        with original.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        try:
            datastore.file_to_csv(original, filename, as_csv)
        except datastore.IngestError as e:
            raise SeriesError(e.message) from e
        headers, count = _headers_and_count(as_csv)
        if not headers:
            raise SeriesError("The file has no heading row")
        stored = _store_pending(series, period.start, as_csv.read_bytes())
    try:
        with transaction.atomic():
            record = _period_record(series, period)
            old = (record.report.get("upload") or {}).get("file", "")
            mapping, needs_mapping = _initial_mapping(series, headers)
            record.report = {
                "upload": {"file": stored, "filename": filename, "headers": headers,
                           "rows": count},
                "mapping": mapping,
                "needs_mapping": needs_mapping,
            }  # fmt: skip
            record.uploaded_by = actor if actor and actor.is_authenticated else None
            record.uploaded = timezone.now()
            if not needs_mapping:
                _check(record)
            _save_record(record)
            audit_record(actor=actor, action=Action.UPLOAD, obj=series, request=request,
                         details={"period": period.start.isoformat(), "filename": filename})  # fmt: skip
            if old and old != stored:
                transaction.on_commit(lambda: default_storage.delete(old))
    except BaseException:
        default_storage.delete(stored)
        raise
    return record


def _period_record(series: Series, period: fy.Period) -> Period:
    record = Period.objects.filter(series=series, start=period.start).first()
    return record or Period(series=series, start=period.start, end=period.end)


def _save_record(record: Period) -> None:
    if record.status != Period.Status.PUBLISHED:
        ok = not record.report.get("needs_mapping") and record.report.get("validation", {}).get(
            "ok"
        )
        record.status = Period.Status.VALID if ok else Period.Status.INVALID
    record.full_clean()
    record.save()


def _headers_and_count(path: Path) -> tuple[list[str], int]:
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        headers = [h.strip() for h in next(reader, [])]
        count = sum(1 for row in reader if any(c.strip() for c in row))
    while headers and not headers[-1]:
        headers.pop()
    return headers, count


def _store_pending(series: Series, start: date, content: bytes) -> str:
    name = f"transparency/pending/{series.dataset.uuid}/{start.isoformat()}/{uuid.uuid4()}.csv"
    return default_storage.save(name, ContentFile(content))


@contextmanager
def _local(name: str) -> Iterator[Path]:
    """A stored file as a local path (a temporary copy where the storage is remote)."""
    try:
        yield Path(default_storage.path(name))
    except NotImplementedError:
        with tempfile.TemporaryDirectory(prefix="townsquare-period-") as tmp:
            path = Path(tmp) / PurePath(name).name
            with default_storage.open(name, "rb") as src, path.open("wb") as out:
                shutil.copyfileobj(src, out)
            yield path


# Matching the council's column names to the schema's -----------------------------------------


def schema_for(series: Series) -> dict:
    from . import schemas

    return schemas.load(series.schema)


def _initial_mapping(series: Series, headers: list[str]) -> tuple[dict[str, str], bool]:
    """{file heading: schema field, or "" to leave the column out} from the publisher's saved
    matching; and whether they must match columns themselves first: some heading is neither
    saved nor recognised (by the schema's names, titles and other spellings) while a required
    column is still missing."""
    from . import schemas

    saved = ColumnMapping.objects.filter(
        publisher=series.dataset.publisher, schema=series.schema
    ).first()
    names = set(field_names(schema_for(series)["fields"]))
    remembered = saved.mapping if saved else {}
    mapping = {
        h: remembered[h] for h in headers if h in remembered and remembered[h] in {*names, ""}
    }
    found = {mapping.get(h) or schemas.field_for_header(series.schema, h) for h in headers}
    unknown = [
        h
        for h in headers
        if h and h not in mapping and not schemas.field_for_header(series.schema, h)
    ]
    missing = [n for n in schemas.required_columns(series.schema) if n not in found]
    return mapping, bool(unknown and missing)


def field_names(fields: list[dict]) -> list[str]:
    return [f["name"] for f in fields]


def columns_of(record: Period) -> dict[str, str]:
    """{file heading: schema field} as the last check matched them (saved choices, then the
    schema's own spellings)."""
    return record.report.get("validation", {}).get("mapping") or {
        h: f for h, f in record.report.get("mapping", {}).items() if f
    }


def suggested_mapping(series: Series, record: Period) -> dict[str, str]:
    """{schema field: file heading} to pre-fill the matching form: what is already matched,
    then the schema's own suggestions for the rest."""
    from .validation import suggest_mapping

    headers = record.report["upload"]["headers"]
    chosen = {f: h for h, f in columns_of(record).items() if f}
    for header, field in suggest_mapping(headers, series.schema).items():
        if field not in chosen and header not in chosen.values():
            chosen[field] = header
    return chosen


def period_map_columns(*, actor, record: Period, field_to_header: dict[str, str], request=None):
    """Use the publisher's matching for this file, remember it for their next upload, and
    check the file."""
    series = record.series
    mapping = {h: f for f, h in field_to_header.items() if h}
    # Headings matched to nothing are left out of the check (and published as they are).
    mapping.update({h: "" for h in record.report["upload"]["headers"] if h and h not in mapping})
    with transaction.atomic():
        record = Period.objects.select_for_update().get(pk=record.pk)
        record.report = {**record.report, "mapping": mapping, "needs_mapping": False}
        _check(record)
        _save_record(record)
        saved = ColumnMapping.objects.filter(
            publisher=series.dataset.publisher, schema=series.schema
        ).first() or ColumnMapping(publisher=series.dataset.publisher, schema=series.schema)
        # Keep what the publisher matched before for headings this file does not have.
        saved.mapping = {**saved.mapping, **mapping}
        saved.save()
        audit_record(actor=actor, action=Action.EDIT, obj=series, request=request,
                     details={"period": record.start.isoformat(), "mapping": mapping})  # fmt: skip
    return record


# Checking -------------------------------------------------------------------------------------


def _check(record: Period) -> None:
    """Validate the waiting file and look for individuals' names, into `record.report`."""
    from .validation import validate_period

    series, upload = record.series, record.report["upload"]
    mapping = {h: f for h, f in record.report.get("mapping", {}).items() if h in upload["headers"]}
    with _local(upload["file"]) as path:
        report = validate_period(
            path, series.schema, start=record.start, end=record.end, mapping=mapping or None,
            other_periods=_other_periods(series, record), filename="upload.csv",
        )  # fmt: skip
        record.report["validation"] = report.as_dict()
        flagged = _flag_individuals(path, record)
    record.report["redaction"] = {**record.report.get("redaction", {}), "flagged": flagged}


def _other_periods(series: Series, record: Period) -> list[tuple[str, Path]]:
    """The tables of the series' other published periods, so a transaction number published
    before is found: (the period's label, its Parquet file)."""
    out = []
    for p in published_periods(series).exclude(pk=record.pk).select_related("resource"):
        table = datastore.table_for_resource(p.resource) if p.resource else None
        if table is not None:
            label = fy.Period(p.start, p.end, series.frequency).label
            out.append((label, datastore.parquet_path(table)))
    return out


def published_periods(series: Series):
    return Period.objects.filter(series=series, status=Period.Status.PUBLISHED).order_by("start")


def _payee_indexes(record: Period) -> list[tuple[int, str]]:
    fields = schema_for(record.series)["fields"]
    payees = set(redaction.payee_columns(fields))
    headers = record.report["upload"]["headers"]
    columns = columns_of(record)
    return [(i, h) for i, h in enumerate(headers) if columns.get(h) in payees]


def _flag_individuals(path: Path, record: Period) -> list[dict]:
    columns = _payee_indexes(record)
    if not columns:
        return []
    flagged = []
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))[1:]
    for i, header in columns:
        values = [row[i] if i < len(row) else "" for row in rows]
        flagged += [{**hit, "column": header} for hit in redaction.flag_individuals(values)]
    return sorted(flagged, key=lambda hit: hit["row"])


def period_redact(*, actor, record: Period, rows: set[int], request=None) -> int:
    """Replace the flagged names on `rows` with "Redacted – personal data" in the waiting
    file, check it again and say how many cells changed. The unredacted file is deleted."""
    flagged = {
        (h["row"], h["column"]) for h in record.report.get("redaction", {}).get("flagged", [])
    }
    targets = {(row, column) for row, column in flagged if row in rows}
    if not targets:
        return 0
    upload = record.report["upload"]
    headers = upload["headers"]
    with default_storage.open(upload["file"], "rb") as f:
        table = list(csv.reader(io.StringIO(f.read().decode("utf-8"), newline="")))
    changed = 0
    for row, column in targets:
        i = headers.index(column)
        cells = table[row - 1]
        if i < len(cells) and not redaction.is_redacted(cells[i]):
            cells[i] = redaction.REDACTED
            changed += 1
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(table)
    stored = _store_pending(record.series, record.start, out.getvalue().encode("utf-8"))
    try:
        with transaction.atomic():
            record = Period.objects.select_for_update().get(pk=record.pk)
            old = record.report["upload"]["file"]
            record.report["upload"]["file"] = stored
            done = record.report.get("redaction", {}).get("redacted", 0)
            record.report["redaction"] = {"redacted": done + changed}
            _check(record)
            _save_record(record)
            audit_record(actor=actor, action=Action.EDIT, obj=record.series, request=request,
                         details={"period": record.start.isoformat(), "redacted": changed})  # fmt: skip
            transaction.on_commit(lambda: default_storage.delete(old))
    except BaseException:
        default_storage.delete(stored)
        raise
    return changed


# Publishing -----------------------------------------------------------------------------------


class PublishRefused(SeriesError):
    pass


def period_publish(*, actor, record: Period, request=None) -> Period:
    """Publish the waiting file of a checked period: its file (schema column names) into the
    dataset, its table loaded, the combined table rebuilt, the period marked published.
    Refused (`PublishRefused`) when the file has problems, checked again now against the
    periods published since; nothing changes unless everything succeeds."""
    created: list[str] = []
    try:
        with transaction.atomic():
            record = (
                Period.objects.select_for_update()
                .select_related("series__dataset")
                .get(pk=record.pk)
            )
            upload = record.report.get("upload") or {}
            if not upload.get("file"):
                raise PublishRefused("There is no file waiting to be published for this period")
            if record.report.get("needs_mapping"):
                raise PublishRefused("Match the file's columns to the schema first")
            _check(record)
            if not record.report["validation"].get("ok"):
                raise PublishRefused("The file has problems. Correct them and upload it again")
            record.resource = _publish_file(actor, record, created, request)
            _rebuild_combined(record.series, actor, publishing=record)
            record.status, record.published = Period.Status.PUBLISHED, timezone.now()
            record.report["upload"] = {**upload, "file": "", "published": True}
            record.full_clean()
            record.save()
            audit_record(actor=actor, action=Action.PUBLISH, obj=record.series, request=request,
                         details={"period": record.start.isoformat(),
                                  "resource": str(record.resource.uuid)})  # fmt: skip
            transaction.on_commit(lambda: default_storage.delete(upload["file"]))
    except BaseException:
        for name in created:
            default_storage.delete(name)
        if not record.report.get("validation", {}).get("ok", True):
            _persist_failed_check(record)
        raise
    return record


def _persist_failed_check(record: Period) -> None:
    """The new check's problems are kept (outside the rolled-back publish) so the page shows them."""
    Period.objects.filter(pk=record.pk).update(
        report=record.report,
        status=record.status if record.status == Period.Status.PUBLISHED else Period.Status.INVALID,
    )


def _normalised_csv(record: Period) -> bytes:
    """The waiting file with the schema's column names, in the schema's order (every field,
    blank where the file has none), then the file's other columns as they are."""
    fields = field_names(schema_for(record.series)["fields"])
    headers = record.report["upload"]["headers"]
    columns = columns_of(record)
    index = {columns[h]: i for i, h in enumerate(headers) if columns.get(h)}
    extras = [(h, i) for i, h in enumerate(headers) if h and not columns.get(h)]
    with default_storage.open(record.report["upload"]["file"], "rb") as f:
        rows = list(csv.reader(io.StringIO(f.read().decode("utf-8"), newline="")))[1:]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(fields + [h for h, _ in extras])
    for row in rows:
        if not any(c.strip() for c in row):
            continue
        writer.writerow(
            [_cell(row, index.get(f)) for f in fields] + [_cell(row, i) for _, i in extras]
        )
    return out.getvalue().encode("utf-8")


def _cell(row: list[str], i: int | None) -> str:
    return row[i] if i is not None and i < len(row) else ""


def period_file_title(record: Period, frequency: str) -> str:
    # No "/" in a title: table names are made from titles as if they were file names.
    label = fy.Period(record.start, record.end, frequency).label.replace("/", "-")
    return f"Period {label}"


def _publish_file(actor, record: Period, created: list[str], request):
    series = record.series
    name = f"{series.dataset.slug}-{record.start.isoformat()}.csv"
    upload = ContentFile(_normalised_csv(record), name=name)
    if record.resource_id:
        resource = catalogue.resource_replace_file(
            actor=actor, resource=record.resource, upload=upload, request=request, ingest=False
        )
    else:
        resource = catalogue.resource_add_file(
            actor=actor, dataset=series.dataset, title=period_file_title(record, series.frequency),
            upload=upload, request=request, ingest=False,
            description=f"Checked against the {series.schema} schema before publishing.",
        )  # fmt: skip
    version = resource.current_version
    created.append(version.file.name)
    schema = {**schema_for(series), "x-validate": False}
    job = datastore.ingest_version(version, schema=schema, user=actor)
    if job.status != job.Status.SUCCEEDED:
        raise PublishRefused(f"The file could not be loaded as a table: {job.error}")
    created.append(job.table.parquet)
    return resource


@transaction.atomic
def combined_table_rebuild(*, series: Series, actor=None) -> None:
    """Build the series' combined table again from its published periods (publishing a period
    does this itself; for periods published another way, such as the demo's)."""
    _rebuild_combined(series, actor)


def combined_tables_rebuild_when_loaded(*, series: Iterable[Series]) -> None:
    """Rebuild these series' combined tables once the task worker has loaded their published
    periods' files: for periods recorded while their files are still queued to load, as the
    demo's are. Queued when the current transaction commits, after the loads it queued."""
    from .tasks import combined_tables_task

    pks = [s.pk for s in series]
    if pks:
        transaction.on_commit(lambda: combined_tables_task.enqueue(pks))


def files_loading(series: Series) -> bool:
    """Is a published period's file of the series still waiting to be loaded as a table?"""
    records = published_periods(series).filter(resource__isnull=False).select_related("resource")
    return any(datastore.ingest_waiting(p.resource) for p in records)


def _rebuild_combined(series: Series, actor, *, publishing: Period | None = None) -> None:
    """Every published period's table, and the one being published now, as one table."""
    records = list(published_periods(series).select_related("resource"))
    if publishing is not None:
        records = [r for r in records if r.pk != publishing.pk] + [publishing]
    parts = []
    for p in sorted(records, key=lambda r: r.start):
        table = datastore.table_for_resource(p.resource) if p.resource_id else None
        if table is not None:
            label = fy.Period(p.start, p.end, series.frequency).label
            parts.append(datastore.CombinedPart(table=table, value=label))
    datastore.build_combined_table(
        series.dataset, COMBINED_TABLE, parts, PERIOD_COLUMN, title=COMBINED_TITLE, actor=actor,
        description="Every published period of this series in one table, with the period "
        "each row comes from. Rebuilt each time a period is published.",
    )  # fmt: skip
