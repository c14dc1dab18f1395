"""What other apps ask of governance: storing a personal-data scan (the datastore, on every
ingest) and whether a dataset may be published as open (the catalogue, before publishing)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction

from .models import ScanResult
from .personal_data import LABELS, Finding, scan_rows


@dataclass(frozen=True)
class Blocker:
    """One reason a dataset may not be published as open, and what would clear it."""

    reason: str
    fix: str


class PublishBlocked(Exception):
    def __init__(self, blockers: list[Blocker]):
        super().__init__("; ".join(b.reason for b in blockers))
        self.blockers = blockers


@transaction.atomic
def record_scan(version, results: Iterable[Finding | dict]) -> ScanResult:
    """Store what the scanner found in one resource version, replacing an earlier scan of it."""
    findings = [r.as_dict() if isinstance(r, Finding) else dict(r) for r in results]
    scan, _ = ScanResult.objects.update_or_create(version=version, defaults={"findings": findings})
    return scan


def latest_scans(dataset) -> list[tuple[object, ScanResult | None]]:
    """Each file of the dataset with the scan of its current version (None: not scanned yet)."""
    resources = dataset.resources.filter(current_version__isnull=False).select_related(
        "current_version__scan"
    )
    return [(r, getattr(r.current_version, "scan", None)) for r in resources]


def publish_blockers(dataset) -> list[Blocker]:
    """Why this dataset may not be published as open data; empty when it may."""
    if dataset.access_level != "open":
        return []
    blockers = []
    if dataset.contains_personal_data or dataset.contains_special_category_data:
        blockers.append(
            Blocker(
                "The dataset is marked as containing personal data.",
                "Remove the personal data from its files and untick ‘contains personal data’, "
                "or make the dataset internal or restricted.",
            )
        )
    for resource, scan in latest_scans(dataset):
        for f in scan.findings if scan else []:
            examples = ", ".join(f.get("examples") or [])
            blockers.append(
                Blocker(
                    f"‘{resource.title}’, column ‘{f['column']}’: {LABELS.get(f['kind'], f['kind'])}"
                    f" ({f['count']} found{f', for example {examples}' if examples else ''}).",
                    f"Remove or anonymise the column ‘{f['column']}’ and upload a new version "
                    f"of ‘{resource.title}’.",
                )
            )
    return blockers


OPEN_FORMATS = frozenset({"CSV", "TSV", "JSON", "GeoJSON", "ODS", "XML", "Parquet", "RDF", "TXT",
                          "KML", "GeoPackage"})  # fmt: skip
PASS, FAIL, NOT_CHECKED = "pass", "fail", "not-checked"


@dataclass(frozen=True)
class CheckItem:
    label: str
    status: str  # PASS, FAIL or NOT_CHECKED
    hint: str = ""


@dataclass(frozen=True)
class Checklist:
    """What a reviewer checks before publishing: metadata quality (a score like uData's),
    schema validation and the personal-data scan."""

    quality: list[CheckItem]
    schema: CheckItem
    scan: CheckItem
    blockers: list[Blocker]

    @property
    def score(self) -> int:
        """The share of metadata checks passed, as a percentage."""
        passed = sum(item.status == PASS for item in self.quality)
        return round(100 * passed / len(self.quality))


def _check(label: str, ok: bool, hint: str) -> CheckItem:
    return CheckItem(label, PASS if ok else FAIL, "" if ok else hint)


def review_checklist(dataset) -> Checklist:
    resources = list(dataset.resources.all())
    scans = latest_scans(dataset)
    quality = [
        _check("Licence", bool(dataset.licence_id), "Choose a licence"),
        _check("Description", len(dataset.description.strip()) >= 50,
               "Describe the data in at least a few sentences: what, why, how collected"),
        _check("Update frequency", dataset.update_frequency != "irregular",
               "Say how often the data is updated"),
        _check("Time period covered", bool(dataset.temporal_start or dataset.temporal_end),
               "Give the dates the data covers"),
        _check("Contact", bool(dataset.contact_email or dataset.contact_name),
               "Give a contact for questions about the data"),
        _check("Open format", any(r.format in OPEN_FORMATS for r in resources),
               "Add at least one file in an open format such as CSV or JSON"),
        CheckItem("Schema valid", NOT_CHECKED, "Checked when the datastore loads the file"),
    ]  # fmt: skip
    schema = CheckItem("Schema validation", NOT_CHECKED, "Not checked yet")
    unscanned = [r.title for r, scan in scans if scan is None]
    found = [r.title for r, scan in scans if scan is not None and scan.findings]
    if found:
        scan = CheckItem("Personal-data scan", FAIL, f"Personal data found in {', '.join(found)}")
    elif unscanned or not scans:
        scan = CheckItem("Personal-data scan", NOT_CHECKED,
                         f"Not scanned: {', '.join(unscanned)}" if unscanned else "No files")  # fmt: skip
    else:
        scan = CheckItem("Personal-data scan", PASS, "")
    return Checklist(quality, schema, scan, publish_blockers(dataset))


SCAN_ROWS = 5000
TEXT_TABLES = {"CSV": ",", "TSV": "\t"}


def scan_upload(version) -> ScanResult | None:
    """Scan an uploaded CSV or TSV file's first rows and store the result. Other formats wait
    for the datastore, which reads them and calls `record_scan` itself."""
    import csv
    import io
    from itertools import islice

    delimiter = TEXT_TABLES.get(version.resource.format)
    if delimiter is None:
        return None
    try:
        with version.file.open("rb") as raw:
            text = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace", newline="")
            rows = list(islice(csv.reader(text, delimiter=delimiter), SCAN_ROWS + 1))
    except csv.Error:
        return None  # not a table we can read: left "not scanned" on the checklist
    return record_scan(version, scan_rows(rows))
