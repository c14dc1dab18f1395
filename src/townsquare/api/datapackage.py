"""A Frictionless Data Package (v1) describing one dataset's files: each with its absolute
download URL, format, media type, size and SHA-256, and each table's Table Schema
(`tables.table_schemas_for`). Links to other websites are left out: the package lists the
data Townsquare holds and can vouch for, byte for byte.

Someone whose grant gives only some columns may not have the original files, which hold them
all (decision 0030): their package lists instead each table they may read, as its CSV download
with only their columns, and neither the size nor the hash of any original file (decision
0044)."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from django.urls import reverse
from django.utils.text import slugify

from townsquare.catalogue.models import Dataset, Resource
from townsquare.datastore.api import SYSTEM

from .dcat import Site
from .tables import (
    narrowed_tables_by_resource,
    published_schema,
    refuses_files,
    schemas_by_resource,
    table_csv_path,
)


def package_for(dataset: Dataset, site: Site, *, reader=SYSTEM) -> dict[str, Any] | None:
    """The dataset's Data Package descriptor, or None when it has no files to package. The
    schemas have only the columns the `reader` may see."""
    files = [
        r
        for r in dataset.resources.all()
        if r.kind == Resource.Kind.FILE and r.current_version is not None
    ]
    if not files:
        return None
    if refuses_files(dataset, reader):
        resources = _narrowed_tables(files, dataset, site, reader)
        if not resources:
            return None
        tabular = True
    else:
        schemas = schemas_by_resource(dataset, reader=reader)
        names = _unique_names([r.title for r in files])
        resources = [
            _resource(r, names[i], dataset, site, schemas.get(str(r.uuid)))
            for i, r in enumerate(files)
        ]
        tabular = bool(schemas)
    descriptor: dict[str, Any] = {
        "profile": "tabular-data-package" if tabular else "data-package",
        "name": slugify(dataset.slug) or "dataset",
        "id": f"{site.base}{dataset.get_absolute_url()}",
        "title": dataset.title,
        "description": dataset.description or dataset.summary,
        "homepage": f"{site.base}{dataset.get_absolute_url()}",
        "keywords": [k.name for k in dataset.keywords.all()],
        "contributors": [
            {
                "title": dataset.publisher.name,
                "role": "publisher",
                "path": f"{site.base}{dataset.publisher.get_absolute_url()}",
            }
        ],
        "resources": resources,
    }
    if dataset.licence.url:
        descriptor["licenses"] = [
            {
                "name": dataset.licence.id,
                "title": dataset.licence.title,
                "path": dataset.licence.url,
            }
        ]
    if dataset.issued:
        descriptor["created"] = dataset.issued.isoformat()
    return descriptor


def _resource(
    resource: Resource, name: str, dataset: Dataset, site: Site, schema: dict[str, Any] | None
) -> dict[str, Any]:
    version = resource.current_version
    download = reverse(
        "catalogue:resource-download", kwargs={"slug": dataset.slug, "resource": resource.uuid}
    )
    described: dict[str, Any] = {
        "name": name,
        "path": f"{site.base}{download}",
        "title": resource.title,
        "format": PurePath(version.filename).suffix.lstrip(".").lower() or resource.format.lower(),
        "mediatype": version.media_type or "application/octet-stream",
        "bytes": version.size,
        "hash": f"sha256:{version.sha256}",
    }
    if resource.description:
        described["description"] = resource.description
    if schema is not None:
        described["profile"] = "tabular-data-resource"
        described["schema"] = schema
    return described


def _narrowed_tables(
    files: list[Resource], dataset: Dataset, site: Site, reader
) -> list[dict[str, Any]]:
    """For a reader refused the original files: each table of theirs as a CSV download with
    their columns only. Nothing is said of the size or hash of a file they may not have."""
    tables = narrowed_tables_by_resource(dataset, reader)
    chosen = [(r, t) for r in files for t in tables.get(r.pk, [])]
    names = _unique_names([f"{r.title} {t.sheet}".strip() for r, t in chosen])
    described = []
    for i, (resource, table) in enumerate(chosen):
        entry: dict[str, Any] = {
            "name": names[i],
            "path": f"{site.base}{table_csv_path(dataset, table)}",
            "title": f"{resource.title} ({table.sheet})" if table.sheet else resource.title,
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "profile": "tabular-data-resource",
            "schema": published_schema(table.table_schema or {}),
        }
        if resource.description:
            entry["description"] = resource.description
        described.append(entry)
    return described


def _unique_names(titles: list[str]) -> list[str]:
    """Data Package resource names, one per title in order: lower-case, unique within the
    package."""
    names: list[str] = []
    taken: set[str] = set()
    for position, title in enumerate(titles, start=1):
        base = slugify(title) or f"file-{position}"
        name, n = base, 2
        while name in taken:
            name, n = f"{base}-{n}", n + 1
        taken.add(name)
        names.append(name)
    return names
