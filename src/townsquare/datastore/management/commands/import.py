"""`townsquare import FILE`: create or update a dataset from a file and load it as a table
now, printing what was loaded (or, with --json, one JSON object scripts can rely on)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError

from townsquare.accounts import selectors as people
from townsquare.catalogue import selectors as catalogue_selectors
from townsquare.catalogue import services as catalogue
from townsquare.catalogue.models import AccessLevel, Dataset
from townsquare.datastore import api
from townsquare.datastore.ingest import IngestError
from townsquare.datastore.validate import checker_for, resolve_schema
from townsquare.governance.api import PublishBlocked


class Command(BaseCommand):
    help = "Create or update a dataset from a file and load the file as a table now."

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV, TSV, XLSX, XLS, ODS, JSON, GeoJSON or Parquet")
        parser.add_argument("--dataset", default="", help="slug of the dataset to create or update")
        parser.add_argument(
            "--title", default="", help="title of a new dataset (default: the file name)"
        )
        parser.add_argument(
            "--publisher", default="", help="slug of the publishing organisational unit"
        )
        parser.add_argument("--access", choices=AccessLevel.values, default=None)
        parser.add_argument(
            "--schema", default="", help="a Table Schema: a JSON file or a registered name"
        )
        parser.add_argument(
            "--sheet", default="", help="the sheet of a workbook to load (default: the first)"
        )
        parser.add_argument(
            "--period-start", type=_iso_date, default=None,
            help="first day of the period the file covers (YYYY-MM-DD), for schemas that check "
            "dates, such as the Transparency Code's (default: worked out from the dates)",
        )  # fmt: skip
        parser.add_argument(
            "--period-end", type=_iso_date, default=None, help="last day of the period"
        )
        parser.add_argument("--json", action="store_true", help="print one JSON object")

    def handle(self, *args, file, dataset, title, publisher, access, schema, sheet, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"There is no file at {file}")
        try:
            table_schema = resolve_schema(schema) if schema else None
        except IngestError as e:
            raise CommandError(e.message) from e
        checker, check = checker_for(schema) if schema else None, None
        if checker is not None:
            # A named schema with its own check (the Transparency Code's): the file must pass
            # it, as an upload must, before anything is created or loaded.
            start, end = options["period_start"], options["period_end"]
            if (start is None) != (end is None):
                raise CommandError("Give both --period-start and --period-end, or neither.")
            check = checker(path, path.name, start=start, end=end, sheet=sheet)
            if not check["ok"]:
                self._refuse(check, as_json=options["json"])
                raise SystemExit(1)
            table_schema = {**table_schema, "x-validate": False, "x-rows-checked": True}
        ds = self._dataset(
            dataset, title or path.stem.replace("_", " ").replace("-", " "), publisher, access
        )
        resource = next(
            (r for r in catalogue_selectors.dataset_resources(ds)
             if r.current_version and r.current_version.filename == catalogue.safe_filename(path.name)),
            None,
        )  # fmt: skip
        with path.open("rb") as f:
            upload = File(f, name=path.name)
            try:
                if resource is None:
                    resource = catalogue.resource_add_file(
                        actor=None, dataset=ds, title=path.name, upload=upload, ingest=False
                    )
                else:
                    resource = catalogue.resource_replace_file(
                        actor=None, resource=resource, upload=upload, ingest=False
                    )
            except ValidationError as e:
                raise CommandError(" ".join(e.messages)) from e
        job = api.ingest_version(resource.current_version, sheet=sheet, schema=table_schema)
        summary = _summary(ds, resource, job)
        if check is not None:
            summary["check"] = check
            summary["warnings"] = [*summary["warnings"], *check["warnings"]]
        if options["json"]:
            self.stdout.write(_dumps(summary))
        else:
            self._print(summary)
        if job.status != job.Status.SUCCEEDED:
            raise SystemExit(1)

    def _refuse(self, check: dict, *, as_json: bool) -> None:
        if as_json:
            self.stdout.write(_dumps({"loaded": False, "valid": False, "check": check}))
            return
        self.stdout.write(self.style.ERROR(f"Not loaded: {check['summary']}"))
        for e in check["errors"]:
            self.stdout.write(self.style.ERROR(f"Error: {e['message']}"))
        for w in check["warnings"]:
            self.stdout.write(self.style.WARNING(f"Warning: {w['message']}"))

    def _dataset(self, slug: str, title: str, publisher: str, access: str | None):
        # The command line acts as the system, not as a user, so no access filter applies.
        existing = Dataset.objects.filter(slug=slug).first() if slug else None
        unit = None
        if publisher:
            unit = people.unit_get(publisher)
            if unit is None:
                raise CommandError(f"There is no organisational unit with the slug {publisher!r}")
        if existing is not None:
            changes = {}
            if access and access != existing.access_level:
                changes["access_level"] = access
            if unit and unit.pk != existing.publisher_id:
                changes["publisher"] = unit
            if changes:
                try:
                    existing = catalogue.dataset_update(actor=None, dataset=existing, data=changes)
                except PublishBlocked as e:
                    reasons = " ".join(f"{b.reason} {b.fix}" for b in e.blockers)
                    raise CommandError(f"The dataset cannot be made open: {reasons}") from e
            return existing
        if unit is None:
            raise CommandError(
                "A new dataset needs --publisher (the slug of an organisational unit)"
            )
        return catalogue.dataset_create(
            actor=None, title=title[:200], publisher=unit, slug=slug, access_level=access or "open"
        )

    def _print(self, s: dict) -> None:
        out = self.stdout
        if s["loaded"]:
            out.write(
                self.style.SUCCESS(f"Loaded {s['rows']:,} rows into {s['dataset']} / {s['table']}")
            )
            for c in s["columns"]:
                out.write(f"  {c['name']:<30} {c['type']:<10} {c['title']}")
        else:
            out.write(self.style.ERROR(f"Not loaded into {s['dataset']}"))
        for w in s["warnings"]:
            out.write(self.style.WARNING(f"Warning: {w['message']}"))
        for e in s["errors"]:
            out.write(self.style.ERROR(f"Error: {e['message']}"))


def _summary(ds, resource, job) -> dict:
    status = api.job_status(job)
    table = job.table
    errors = []
    if job.error:
        errors.append({"message": job.error, "row": None, "column": None})
    validation = (job.report or {}).get("validation")
    for p in (validation or {}).get("problems", []):
        first = p["examples"][0]["row"] if p["examples"] else None
        errors.append({
            "message": f"Column “{p['column']}”: {p['message']} in {p['count']:,} row(s)"
                       + (f", first at row {first:,}" if first else "") + ".",
            "row": first, "column": p["column"],
        })  # fmt: skip
    return {
        "dataset": ds.slug,
        "resource": str(resource.uuid),
        "version": resource.current_version.number,
        "loaded": job.status == job.Status.SUCCEEDED,
        "table": table.name if table else None,
        "rows": table.row_count if table else 0,
        "columns": status["columns"],
        "warnings": job.warnings if job.status == job.Status.SUCCEEDED else [],
        "errors": errors,
        "valid": validation["valid"] if validation else None,
    }


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as e:
        raise CommandError(f"{text!r} is not a date in the form YYYY-MM-DD") from e


def _dumps(obj: dict) -> str:
    return json.dumps(obj, ensure_ascii=False, default=str)
