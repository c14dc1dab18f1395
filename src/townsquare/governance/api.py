"""What other apps ask of governance: storing a personal-data scan (the datastore, on every
ingest) and whether a dataset may be published as open (the catalogue, before publishing)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction

from .models import ScanResult
from .personal_data import LABELS, Finding


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
