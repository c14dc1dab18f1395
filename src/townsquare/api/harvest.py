"""Harvesting: import datasets from another CKAN site or DCAT catalogue into one publisher.

`harvest(source)` reads every remote dataset (`harvest_ckan.read` or `harvest_dcat.read`, both
through the careful fetcher) and creates or updates local datasets through
`catalogue.services`, with the remote files as link resources. A HarvestedRecord maps each
remote identifier to its local dataset, with a digest of what was imported, so harvesting
again changes only what changed remotely and never duplicates.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import asdict, dataclass, field
from datetime import date
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.utils import timezone

from townsquare.accounts.models import OrgUnit
from townsquare.catalogue import services
from townsquare.catalogue.models import Licence, UpdateFrequency

from .fetch import FetchError
from .models import HarvestedRecord, HarvestSource

logger = logging.getLogger(__name__)
WITHDRAWN = ""  # the content digest of a record whose source stopped listing it
RDF_SUFFIXES = (".ttl", ".rdf", ".jsonld", ".xml", ".nt", ".n3")


@dataclass
class RemoteResource:
    title: str
    url: str
    fmt: str = ""
    description: str = ""


NOT_SPECIFIED = "not-specified"  # CKAN's "notspecified", in our id style


@dataclass
class RemoteDataset:
    remote_id: str
    title: str
    remote_url: str = ""
    summary: str = ""
    description: str = ""
    keywords: list[str] = field(default_factory=list)
    licence_url: str = ""
    licence_id: str = ""
    licence_title: str = ""
    licence_is_open: bool | None = None  # what the source says, where it says it
    update_frequency: str = ""
    temporal_start: date | None = None
    temporal_end: date | None = None
    spatial: str = ""
    contact_name: str = ""
    contact_email: str = ""
    resources: list[RemoteResource] = field(default_factory=list)

    def digest(self) -> str:
        text = json.dumps(asdict(self), sort_keys=True, default=str)
        return hashlib.sha256(text.encode()).hexdigest()


@dataclass
class HarvestSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    withdrawn: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return (
            f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged, "
            f"{self.withdrawn} withdrawn, {self.failed} failed"
        )


def detect_kind(url: str) -> str:
    """DCAT for RDF files, CKAN otherwise (a CKAN site's root or its action URL)."""
    path = urlsplit(url).path.lower()
    return HarvestSource.Kind.DCAT if path.endswith(RDF_SUFFIXES) else HarvestSource.Kind.CKAN


def source_for(url: str, *, publisher: OrgUnit | None = None, kind: str = "") -> HarvestSource:
    """The source for this URL, made on first use (which needs a publisher)."""
    source = HarvestSource.objects.filter(url=url).first()
    if source is None:
        if publisher is None:
            raise ValueError("Say which publisher the harvested datasets belong to")
        source = HarvestSource(url=url, publisher=publisher, kind=kind or detect_kind(url))
        source.full_clean()
        source.save()
        return source
    changed = []
    if publisher is not None and source.publisher_id != publisher.pk:
        source.publisher, changed = publisher, [*changed, "publisher"]
    if kind and source.kind != kind:
        source.kind, changed = kind, [*changed, "kind"]
    if changed:
        source.save(update_fields=changed)
    return source


def harvest(source: HarvestSource) -> HarvestSummary:
    """Import every dataset the source lists; record how it went on the source."""
    from . import harvest_ckan, harvest_dcat

    reader = harvest_ckan.read if source.kind == HarvestSource.Kind.CKAN else harvest_dcat.read
    summary, seen = HarvestSummary(), set()
    try:
        for remote in reader(source.url):
            seen.add(remote.remote_id[:500])
            _import_one(source, remote, summary)
    except (FetchError, ValueError) as error:
        summary.errors.append(str(error))
        _record_run(source, summary, status="failed", error=str(error))
        return summary
    # Only a harvest that read the whole source may conclude that a dataset has gone.
    _withdraw_missing(source, seen, summary)
    _record_run(source, summary, status="ok" if not summary.failed else "failed")
    return summary


def _withdraw_missing(source: HarvestSource, seen: set[str], summary: HarvestSummary) -> None:
    """Copies of datasets the source no longer lists go back to draft (not deleted: a
    publisher may have added to them, and the source may list them again)."""
    gone = source.records.exclude(remote_id__in=seen).select_related("dataset")
    for record in gone:
        if record.dataset.is_published:
            services.dataset_unpublish(actor=None, dataset=record.dataset)
            record.content_hash = WITHDRAWN  # listed again later, it is published again
            record.save(update_fields=["content_hash"])
            summary.withdrawn += 1


def _record_run(source: HarvestSource, summary: HarvestSummary, *, status: str, error: str = ""):
    source.last_run = timezone.now()
    source.last_status = status
    source.last_summary = asdict(summary)
    source.last_error = error or "\n".join(summary.errors[:20])
    source.save(update_fields=["last_run", "last_status", "last_summary", "last_error"])


def _import_one(source: HarvestSource, remote: RemoteDataset, summary: HarvestSummary) -> None:
    record = (
        HarvestedRecord.objects.select_related("dataset")
        .filter(source=source, remote_id=remote.remote_id[:500])
        .first()
    )
    digest = remote.digest()
    if record is not None and record.content_hash == digest:
        summary.unchanged += 1
        return
    try:
        with transaction.atomic():
            if record is None:
                _create(source, remote, digest)
                summary.created += 1
            else:
                _update(record, remote, digest)
                summary.updated += 1
    except (ValidationError, ValueError) as error:
        summary.failed += 1
        summary.errors.append(f"{remote.title or remote.remote_id}: {error}")
        logger.warning("Harvest of %s from %s failed: %s", remote.remote_id, source.url, error)


def _create(source: HarvestSource, remote: RemoteDataset, digest: str) -> None:
    dataset = services.dataset_create(
        actor=None,
        title=_title(remote),
        publisher=source.publisher,
        keywords=remote.keywords,
        access_level="open",
        **_fields(remote),
    )
    for resource in _valid_resources(remote):
        services.resource_add_link(
            actor=None,
            dataset=dataset,
            title=resource.title[:200],
            url=resource.url,
            fmt=resource.fmt[:30],
            description=resource.description,
        )
    services.dataset_publish(actor=None, dataset=dataset)
    HarvestedRecord.objects.create(
        source=source,
        remote_id=remote.remote_id[:500],
        remote_url=_valid_url(remote.remote_url),
        dataset=dataset,
        content_hash=digest,
    )


def _update(record: HarvestedRecord, remote: RemoteDataset, digest: str) -> None:
    dataset = record.dataset
    services.dataset_update(
        actor=None,
        dataset=dataset,
        data={"title": _title(remote), **_fields(remote)},
        keywords=remote.keywords,
    )
    if record.content_hash == WITHDRAWN and not dataset.is_published:
        # Withdrawn by an earlier harvest, listed again now. (A copy a publisher unpublished
        # by hand stays unpublished.)
        services.dataset_publish(actor=None, dataset=dataset)
    # Files are added, never removed: catalogue.services has no removal yet (see the report).
    held = {r.url for r in dataset.resources.all()}
    for resource in _valid_resources(remote):
        if resource.url not in held:
            services.resource_add_link(
                actor=None,
                dataset=dataset,
                title=resource.title[:200],
                url=resource.url,
                fmt=resource.fmt[:30],
                description=resource.description,
            )
    record.content_hash = digest
    record.remote_url = _valid_url(remote.remote_url)
    record.save(update_fields=["content_hash", "remote_url", "last_harvested"])


def _title(remote: RemoteDataset) -> str:
    title = " ".join(remote.title.split())[:200]
    if not title:
        raise ValueError("the remote dataset has no title")
    return title


def _fields(remote: RemoteDataset) -> dict:
    frequency = remote.update_frequency
    return {
        "summary": (remote.summary or _first_paragraph(remote.description))[:300],
        "description": remote.description,
        "licence": _licence(remote),
        "update_frequency": frequency if frequency in UpdateFrequency.values else "irregular",
        "temporal_start": remote.temporal_start,
        "temporal_end": remote.temporal_end,
        "spatial_coverage": remote.spatial[:200],
        "contact_name": remote.contact_name[:200],
        "contact_email": _valid_email(remote.contact_email),
    }


def _first_paragraph(text: str) -> str:
    return text.strip().split("\n\n", 1)[0].replace("\n", " ") if text else ""


def _licence(remote: RemoteDataset) -> Licence:
    """The local licence with the same URL or id. A licence we don't know is recorded as the
    source names it, and a missing one as "not specified": a harvested copy never claims the
    Open Government Licence (or any other) that its source did not give."""
    wanted = _normal_url(remote.licence_url)
    if wanted:
        for licence in Licence.objects.exclude(url=""):
            if _normal_url(licence.url) == wanted:
                return licence
    known = Licence.objects.filter(pk__iexact=remote.licence_id).first()
    if remote.licence_id and known:
        return known
    if not (wanted or remote.licence_id):
        return Licence.objects.get_or_create(
            id=NOT_SPECIFIED,
            defaults={"title": "Licence not specified by the source", "is_open": False},
        )[0]
    key = remote.licence_id or "harvested-" + hashlib.sha256(wanted.encode()).hexdigest()[:12]
    title = remote.licence_title or remote.licence_id or remote.licence_url
    return Licence.objects.get_or_create(
        id=key[:50],
        defaults={
            "title": " ".join(title.split())[:200],
            "url": _valid_url(remote.licence_url)[:200] if len(remote.licence_url) <= 200 else "",
            "is_open": bool(remote.licence_is_open),
        },
    )[0]


def _normal_url(url: str) -> str:
    return url.strip().lower().removeprefix("https://").removeprefix("http://").rstrip("/")


def _valid_resources(remote: RemoteDataset) -> list[RemoteResource]:
    return [r for r in remote.resources if _valid_url(r.url)]


def _valid_url(url: str) -> str:
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        return ""
    return url if len(url) <= 1000 else ""


def _valid_email(email: str) -> str:
    try:
        validate_email(email)
    except ValidationError:
        return ""
    return email
