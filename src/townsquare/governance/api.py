"""What other apps ask of governance: storing a personal-data scan (the datastore, on every
ingest; the council's service contacts are not counted) and whether a dataset may be
published as open (the catalogue, before publishing)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import transaction

from .models import ScanResult
from .personal_data import LABELS, Finding, scan_rows, scan_table
from .selectors import service_contacts


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
def record_scan(
    version, results: Iterable[Finding | dict], *, sheet: str | None = None
) -> ScanResult:
    """Store what the scanner found in one resource version. With `sheet` (a workbook's sheet,
    "" for a file with one table) only that table's earlier findings are replaced, so each
    sheet loaded keeps its own; without it the whole scan is replaced."""
    findings = [r.as_dict() if isinstance(r, Finding) else dict(r) for r in results]
    if sheet is not None:
        findings = [{**f, "sheet": sheet} if sheet else f for f in findings]
        earlier = ScanResult.objects.filter(version=version).values_list("findings", flat=True)
        kept = [f for f in (earlier.first() or []) if f.get("sheet", "") != sheet]
        findings = kept + findings
    scan, _ = ScanResult.objects.update_or_create(version=version, defaults={"findings": findings})
    return scan


def scan_and_record(
    version, headers: Sequence[str], columns: Sequence[Sequence[object]], *, sheet: str = ""
) -> ScanResult:
    """The datastore's call after every ingest: scan a table (a bounded sample of its rows,
    as headers and one list of values per header), store the findings for the version's
    sheet, and withdraw the dataset from open publication if they are news to its steward."""
    contacts = service_contacts()
    scan = record_scan(version, scan_table(headers, columns, contacts=contacts), sheet=sheet)
    guard_publication(version)
    return scan


def latest_scans(dataset) -> list[tuple[object, ScanResult | None]]:
    """Each file of the dataset with the scan of its current version (None: not scanned yet)."""
    resources = dataset.resources.filter(current_version__isnull=False).select_related(
        "current_version__scan"
    )
    return [(r, getattr(r.current_version, "scan", None)) for r in resources]


def _is_tabular(version) -> bool:
    from townsquare.datastore.api import is_tabular  # the datastore calls us: import late

    return is_tabular(version)


def _where(resource, finding: dict) -> str:
    sheet = finding.get("sheet")
    return f"‘{resource.title}’{f', sheet ‘{sheet}’' if sheet else ''}"


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
        if scan is None and _is_tabular(resource.current_version):
            blockers.append(
                Blocker(
                    f"‘{resource.title}’ has not been checked for personal data yet.",
                    "Wait a minute while the file is loaded and checked. If loading failed, "
                    f"fix the file and upload a new version of ‘{resource.title}’.",
                )
            )
        for f in scan.findings if scan else []:
            examples = ", ".join(f.get("examples") or [])
            blockers.append(
                Blocker(
                    f"{_where(resource, f)}, column ‘{f['column']}’: "
                    f"{LABELS.get(f['kind'], f['kind'])}"
                    f" ({f['count']} found{f', for example {examples}' if examples else ''}).",
                    f"Remove or anonymise the column ‘{f['column']}’ and upload a new version "
                    f"of ‘{resource.title}’.",
                )
            )
    return blockers


# Keeping a published open dataset clean ----------------------------------------------------
# A new version of a file in a published open dataset must not go live holding personal data
# (decision 0032). CSV and TSV are scanned as they are uploaded; other tables only when the
# datastore has loaded them, so until then the dataset is held back for review, and released
# again by the scan if it is clean.

HELD_FOR_SCAN = "held_for_scan"


def version_uploaded(version) -> ScanResult | None:
    """The catalogue's call for every new file version: scan it if it can be read at once,
    then keep its dataset's open publication safe."""
    scan = scan_upload(version)
    guard_publication(version)
    return scan


def guard_publication(version) -> None:
    """Withdraw a published open dataset whose current file has personal data its steward has
    not seen, or that cannot be checked yet; republish one held only until this check."""
    from townsquare.catalogue.models import Dataset

    dataset = Dataset.objects.get(pk=version.resource.dataset_id)
    resource = version.resource
    resource.refresh_from_db(fields=["current_version"])
    if dataset.access_level != "open" or resource.current_version_id != version.pk:
        return
    scan = ScanResult.objects.filter(version=version).first()
    if dataset.status == Dataset.Status.PUBLISHED:
        if scan is None and _is_tabular(version):
            _withdraw(dataset, version, {HELD_FOR_SCAN: version.pk,
                      "reason": f"‘{resource.title}’ v{version.number} is being checked "
                                "for personal data"})  # fmt: skip
        elif scan is not None and scan.findings and not _steward_saw(dataset, version):
            _withdraw(dataset, version, {
                "reason": f"Personal data found in ‘{resource.title}’ v{version.number}",
                "findings": _reasons(dataset),
            })  # fmt: skip
    elif dataset.status == Dataset.Status.REVIEW and scan is not None:
        _release(dataset, version, scan)


def _reasons(dataset) -> list[str]:
    return [b.reason for b in publish_blockers(dataset)]


def _last_status_event(dataset):
    from townsquare.core.audit import Action, events_search

    return events_search(
        object_type="catalogue.dataset", object_ids=[dataset.pk],
        actions=[Action.PUBLISH, Action.UNPUBLISH, Action.SUBMIT],
    ).first()  # fmt: skip


def _steward_saw(dataset, version) -> bool:
    """Did a steward publish this dataset anyway, knowing of personal data, after this version
    arrived? Then a later scan repeating it is no news."""
    event = _last_status_event(dataset)
    return bool(
        event is not None and event.action == "publish" and event.details.get("override")
        and event.at >= version.created
    )  # fmt: skip


def _withdraw(dataset, version, details: dict) -> None:
    from townsquare.catalogue import services as catalogue  # catalogue calls us: import late

    from .requests import notify_stewards

    catalogue.dataset_hold_for_review(actor=None, dataset=dataset, details=details)
    if details.get("findings"):
        subject = f"Withdrawn from publication: {dataset.title}"
        body = (
            f"A new version of ‘{version.resource.title}’ holds personal data, so "
            f"‘{dataset.title}’ is no longer published as open data. It is waiting for your "
            "review.\n\n" + "\n".join(details["findings"])
        )
        # After the commit, and a mail server that is down never undoes the withdrawal.
        transaction.on_commit(lambda: notify_stewards(dataset, subject, body), robust=True)


def _release(dataset, version, scan: ScanResult) -> None:
    from townsquare.catalogue import services as catalogue

    event = _last_status_event(dataset)
    held = event is not None and event.action == "unpublish" and event.details.get(HELD_FOR_SCAN)
    if held != version.pk:
        return
    if scan.findings or publish_blockers(dataset):
        # Still held: the steward decides, having been told what was found.
        _withdraw(dataset, version, {"reason": f"Personal data found in "
                  f"‘{version.resource.title}’ v{version.number}", "findings": _reasons(dataset)})  # fmt: skip
        return
    catalogue.dataset_publish(actor=None, dataset=dataset)


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


def _schema_item(dataset) -> CheckItem:
    """The datastore's word on each table: loaded, and meeting its schema where it has one."""
    from townsquare.datastore.api import schema_checks  # the datastore calls us: import late

    checks = schema_checks(dataset)
    if not checks:
        return CheckItem("Schema validation", NOT_CHECKED, "No files that load as tables")
    for status in (FAIL, NOT_CHECKED):
        if problems := [c.message for c in checks if c.status == status]:
            return CheckItem("Schema validation", status, "; ".join(problems))
    return CheckItem("Schema validation", PASS, "; ".join(c.message for c in checks))


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
    ]  # fmt: skip
    schema = _schema_item(dataset)
    quality.append(
        CheckItem("Schema valid", schema.status, "" if schema.status == PASS else schema.hint)
    )
    scans = [(r, scan) for r, scan in scans if scan is not None or _is_tabular(r.current_version)]
    unscanned = [r.title for r, scan in scans if scan is None]
    found = [r.title for r, scan in scans if scan is not None and scan.findings]
    if found:
        scan = CheckItem("Personal-data scan", FAIL, f"Personal data found in {', '.join(found)}")
    elif unscanned or not scans:
        scan = CheckItem("Personal-data scan", NOT_CHECKED,
                         f"Not scanned: {', '.join(unscanned)}" if unscanned
                         else "No files that can be scanned")  # fmt: skip
    else:
        scan = CheckItem("Personal-data scan", PASS,
                         f"No personal data found in the first {SCAN_ROWS:,} rows of each table")  # fmt: skip
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
    return record_scan(version, scan_rows(rows, contacts=service_contacts()))
