"""Writes to the catalogue. Each service checks nothing about who the actor is (views and the
API do that through core.access); each records what it did in the audit log."""

from __future__ import annotations

import hashlib
import mimetypes
from collections.abc import Iterable
from pathlib import PurePath
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import get_valid_filename, slugify

from townsquare.core.audit import Action, audit_record
from townsquare.core.uploads import UploadRejected, check_upload
from townsquare.governance import api as governance
from townsquare.search import api as search_index

from .models import Dataset, Keyword, Licence, Resource, ResourceVersion, Theme

DEFAULT_LICENCE_ID = "OGL-UK-3.0"
INTERNAL_LICENCE_ID = "internal-use"

# Formats we name from a file's extension; anything else is shown by its extension in capitals.
FORMATS = {
    ".csv": "CSV", ".tsv": "TSV", ".txt": "TXT", ".xlsx": "XLSX", ".xls": "XLS", ".ods": "ODS",
    ".json": "JSON", ".jsonl": "JSON", ".ndjson": "JSON", ".geojson": "GeoJSON",
    ".parquet": "Parquet", ".pdf": "PDF", ".docx": "DOCX", ".zip": "ZIP", ".xml": "XML",
    ".kml": "KML", ".shp": "SHP", ".gpkg": "GeoPackage", ".html": "HTML", ".rdf": "RDF",
    ".ttl": "RDF", ".png": "PNG", ".jpg": "JPEG",
}  # fmt: skip
MEDIA_TYPES = {
    "GeoJSON": "application/geo+json",
    "Parquet": "application/vnd.apache.parquet",
    "JSON": "application/json",
    "CSV": "text/csv",
    "TSV": "text/tab-separated-values",
}
EDITABLE_FIELDS = (
    "title", "summary", "description", "publisher", "steward", "contact_name", "contact_email",
    "licence", "access_level", "security_classification", "contains_personal_data",
    "contains_special_category_data", "update_frequency", "temporal_start", "temporal_end",
    "spatial_coverage",
)  # fmt: skip


def format_for(filename: str) -> str:
    suffix = PurePath(filename).suffix.lower()
    return FORMATS.get(suffix, suffix.lstrip(".").upper()[:30])


def media_type_for(filename: str, fmt: str) -> str:
    return MEDIA_TYPES.get(fmt) or mimetypes.guess_type(filename)[0] or "application/octet-stream"


def safe_filename(name: str) -> str:
    """A file name that is safe in a path and a header: no directories, no odd characters."""
    base = PurePath(name.replace("\\", "/")).name
    stem, suffix = PurePath(base).stem, PurePath(base).suffix.lower()
    stem = get_valid_filename(stem.strip(". ")) if stem.strip(". ") else ""
    suffix = get_valid_filename(suffix) if suffix else ""
    return f"{(stem or 'file')[:150]}{suffix[:12]}"


def unique_slug(title: str) -> str:
    base = slugify(title)[:90] or "dataset"
    slug, n = base, 2
    while Dataset.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def default_licence_for(access_level: str) -> Licence:
    wanted = DEFAULT_LICENCE_ID if access_level == "open" else INTERNAL_LICENCE_ID
    return Licence.objects.get(pk=wanted)


@transaction.atomic
def dataset_create(
    *,
    actor,
    title: str,
    publisher,
    themes: Iterable[Theme] = (),
    keywords: Iterable[str] = (),
    slug: str = "",
    request=None,
    **fields: Any,
) -> Dataset:
    fields.setdefault("access_level", "open")
    if fields.get("licence") is None:
        fields["licence"] = default_licence_for(fields["access_level"])
    dataset = Dataset(title=title, publisher=publisher, slug=slug or unique_slug(title), **fields)
    dataset.full_clean()
    dataset.save()
    dataset.themes.set(themes)
    _set_keywords(dataset, keywords)
    audit_record(actor=actor, action=Action.CREATE, obj=dataset, request=request)
    search_index.index_object(dataset)
    return dataset


@transaction.atomic
def dataset_update(
    *,
    actor,
    dataset: Dataset,
    data: dict[str, Any],
    themes: Iterable[Theme] | None = None,
    keywords: Iterable[str] | None = None,
    request=None,
) -> Dataset:
    # Compare with what is stored: a bound ModelForm may already have changed `dataset`.
    stored = Dataset.objects.get(pk=dataset.pk)
    if "licence" in data and data["licence"] is None:
        # As on creation, a blank licence means the default for the access level.
        access_level = data.get("access_level") or stored.access_level
        data = {**data, "licence": default_licence_for(access_level)}
    changed = [f for f in EDITABLE_FIELDS if f in data and getattr(stored, f) != data[f]]
    for field in changed:
        setattr(dataset, field, data[field])
    # Opening a published dataset publishes it as open data: the same check as publishing.
    # A steward who must open it anyway unpublishes it and publishes it with a reason.
    opening = "access_level" in changed and dataset.status == Dataset.Status.PUBLISHED
    if opening and (blockers := governance.publish_blockers(dataset)):
        raise governance.PublishBlocked(blockers)
    dataset.full_clean()
    dataset.save()
    if themes is not None and set(themes) != set(dataset.themes.all()):
        dataset.themes.set(themes)
        changed.append("themes")
    if keywords is not None and _keyword_names(keywords) != _keyword_names(
        dataset.keywords.values_list("name", flat=True)
    ):
        _set_keywords(dataset, keywords)
        changed.append("keywords")
    audit_record(
        actor=actor, action=Action.EDIT, obj=dataset, request=request, details={"fields": changed}
    )
    search_index.index_object(dataset)
    return dataset


def _keyword_names(names: Iterable[str]) -> set[str]:
    return {n.strip().lower()[:100] for n in names if n and n.strip()}


def _set_keywords(dataset: Dataset, names: Iterable[str]) -> None:
    keywords = [Keyword.objects.get_or_create(name=n)[0] for n in sorted(_keyword_names(names))]
    dataset.keywords.set(keywords)


@transaction.atomic
def dataset_publish(*, actor, dataset: Dataset, request=None, override_reason: str = "") -> Dataset:
    """Publish. Open data holding personal data is refused (`governance.api.PublishBlocked`)
    unless `override_reason` is given: the caller must have checked the actor is a steward."""
    blockers = governance.publish_blockers(dataset)
    if blockers and not override_reason.strip():
        raise governance.PublishBlocked(blockers)
    dataset.status = Dataset.Status.PUBLISHED
    dataset.issued = dataset.issued or timezone.now()
    dataset.save(update_fields=["status", "issued", "modified"])
    details = {}
    if blockers:
        details = {"override": override_reason.strip(), "blockers": [b.reason for b in blockers]}
        audit_record(
            actor=actor, action=Action.OVERRIDE, obj=dataset, request=request, details=details
        )
    audit_record(actor=actor, action=Action.PUBLISH, obj=dataset, request=request, details=details)
    search_index.index_object(dataset)
    return dataset


@transaction.atomic
def dataset_submit_for_review(*, actor, dataset: Dataset, request=None) -> Dataset:
    """The publisher has finished: the dataset waits for a steward to check and publish it."""
    dataset.status = Dataset.Status.REVIEW
    dataset.save(update_fields=["status", "modified"])
    audit_record(actor=actor, action=Action.SUBMIT, obj=dataset, request=request)
    search_index.index_object(dataset)
    return dataset


@transaction.atomic
def dataset_hold_for_review(*, actor, dataset: Dataset, details: dict, request=None) -> Dataset:
    """Take a published dataset back to "ready for review" (governance does, when a new file may
    hold personal data): an `unpublish` event whose details say why."""
    dataset.status = Dataset.Status.REVIEW
    dataset.save(update_fields=["status", "modified"])
    audit_record(
        actor=actor, action=Action.UNPUBLISH, obj=dataset, request=request, details=details
    )
    search_index.index_object(dataset)
    return dataset


@transaction.atomic
def dataset_unpublish(*, actor, dataset: Dataset, request=None) -> Dataset:
    dataset.status = Dataset.Status.DRAFT
    dataset.save(update_fields=["status", "modified"])
    audit_record(actor=actor, action=Action.UNPUBLISH, obj=dataset, request=request)
    search_index.index_object(dataset)
    return dataset


def dataset_delete(*, actor, dataset: Dataset, request=None) -> None:
    stored = [v.file.name for r in dataset.resources.all() for v in r.versions.all()]
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=Action.DELETE,
            obj=dataset,
            request=request,
            details={"slug": dataset.slug},
        )
        search_index.remove_object(dataset)
        dataset.delete()
    storage = ResourceVersion._meta.get_field("file").storage
    for name in stored:
        storage.delete(name)


def resource_add_link(
    *, actor, dataset: Dataset, title: str, url: str, fmt: str = "", description: str = "",
    request=None,
) -> Resource:  # fmt: skip
    with transaction.atomic():
        resource = Resource(
            dataset=dataset,
            title=title,
            description=description,
            kind=Resource.Kind.LINK,
            url=url,
            format=fmt or format_for(url) or "HTML",
            position=_next_position(dataset),
        )
        resource.full_clean()
        resource.save()
        _touch(dataset)
        audit_record(
            actor=actor, action=Action.CREATE, obj=resource, request=request, details={"url": url}
        )
    return resource


def resource_add_file(
    *, actor, dataset: Dataset, title: str, upload: UploadedFile, description: str = "",
    request=None, ingest: bool = True,
) -> Resource:  # fmt: skip
    """A new file in a dataset. If anything fails, nothing is left behind. A tabular file is
    queued to become a table unless `ingest` is False (the caller loads it itself)."""
    fmt = format_for(upload.name or "")
    resource = Resource(
        dataset=dataset,
        title=title,
        description=description,
        kind=Resource.Kind.FILE,
        format=fmt,
        media_type=media_type_for(upload.name or "", fmt),
        position=_next_position(dataset),
    )
    return _store_version(
        actor=actor, resource=resource, upload=upload, request=request, ingest=ingest
    )


def resource_replace_file(
    *, actor, resource: Resource, upload: UploadedFile, request=None, ingest: bool = True
):
    """A new version of a file; the earlier versions stay stored and downloadable."""
    resource.format = format_for(upload.name or "")
    resource.media_type = media_type_for(upload.name or "", resource.format)
    return _store_version(
        actor=actor, resource=resource, upload=upload, request=request, ingest=ingest
    )


def _store_version(
    *, actor, resource: Resource, upload: UploadedFile, request, ingest: bool = True
) -> Resource:
    filename = safe_filename(upload.name or "file")
    _check_content(upload, filename)
    digest, size = _sha256(upload)
    version = None
    try:
        with transaction.atomic():
            resource.full_clean()
            resource.save()
            number = (resource.versions.aggregate(n=Max("number"))["n"] or 0) + 1
            version = ResourceVersion(
                resource=resource,
                number=number,
                filename=filename,
                size=size,
                sha256=digest,
                media_type=resource.media_type,
                uploaded_by=actor if actor and actor.is_authenticated else None,
            )
            version.file.save(filename, upload, save=False)
            version.save()
            resource.current_version = version
            resource.save(update_fields=["current_version", "format", "media_type", "modified"])
            # Scanned for personal data now if it can be; its open publication kept safe.
            governance.version_uploaded(version)
            _touch(resource.dataset)
            audit_record(
                actor=actor,
                action=Action.UPLOAD,
                obj=resource,
                request=request,
                details={"version": number, "filename": filename, "sha256": digest, "size": size},
            )
            if ingest:
                # The task is queued when this transaction commits (datastore.api).
                from townsquare.datastore.api import enqueue_ingest

                enqueue_ingest(version, user=actor)
    except BaseException:
        if version is not None:
            # The storage may have written some or all of the file before failing, in which
            # case the field holds no name yet: remove whatever is at the name it was given.
            name = version.file.name or version.file.field.generate_filename(version, filename)
            version.file.storage.delete(name)
        raise
    return resource


def _check_content(upload, filename: str) -> None:
    """Every route that stores a file (pages, both APIs, `townsquare import`, the demo) comes
    here: a program, a file that is not what its name says or a spreadsheet that would unpack
    too large is refused before anything is stored."""
    try:
        check_upload(upload, filename)
    except UploadRejected as e:
        raise ValidationError({"file": [f"{e}. Check the file and upload it again."]}) from e


def _sha256(upload: UploadedFile) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
        size += len(chunk)
    upload.seek(0)
    return digest.hexdigest(), size


def _next_position(dataset: Dataset) -> int:
    return (dataset.resources.aggregate(n=Max("position"))["n"] or 0) + 1


def _touch(dataset: Dataset) -> None:
    dataset.save(update_fields=["modified"])
    # A new file can bring a new format; indexed as stored, since governance may just have
    # taken the dataset back to review (an in-memory copy would still say "published").
    search_index.index_object(Dataset.objects.get(pk=dataset.pk))


RESOURCE_EDITABLE_FIELDS = ("title", "description", "format", "url")


@transaction.atomic
def resource_update(*, actor, resource: Resource, data: dict[str, Any], request=None) -> Resource:
    """Change a file's or link's description (and a link's address); a file's content changes
    only through `resource_replace_file`, which keeps the earlier version."""
    changed = [f for f in RESOURCE_EDITABLE_FIELDS if f in data and getattr(resource, f) != data[f]]
    if "url" in changed and resource.kind != Resource.Kind.LINK:
        changed.remove("url")
    for field in changed:
        setattr(resource, field, data[field])
    resource.full_clean()
    resource.save(update_fields=[*changed, "modified"])
    _touch(resource.dataset)
    audit_record(
        actor=actor, action=Action.EDIT, obj=resource, request=request, details={"fields": changed}
    )
    return resource
