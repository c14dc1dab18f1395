"""A Frictionless Data Package (v1) describing one dataset's files: each with its absolute
download URL, format, media type, size and SHA-256, and each table's Table Schema
(`tables.table_schemas_for`). Links to other websites are left out: the package lists the
data Townsquare holds and can vouch for, byte for byte."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from django.urls import reverse
from django.utils.text import slugify

from townsquare.catalogue.models import Dataset, Resource
from townsquare.datastore.api import SYSTEM

from .dcat import Site
from .tables import schemas_by_resource


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
    schemas = schemas_by_resource(dataset, reader=reader)
    names = _unique_names(files)
    resources = [_resource(r, names[r.pk], dataset, site, schemas.get(str(r.uuid))) for r in files]
    descriptor: dict[str, Any] = {
        "profile": "tabular-data-package" if schemas else "data-package",
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


def _unique_names(resources: list[Resource]) -> dict[int, str]:
    """Data Package resource names: lower-case, unique within the package."""
    names: dict[int, str] = {}
    taken: set[str] = set()
    for position, resource in enumerate(resources, start=1):
        base = slugify(resource.title) or f"file-{position}"
        name, n = base, 2
        while name in taken:
            name, n = f"{base}-{n}", n + 1
        taken.add(name)
        names[resource.pk] = name
    return names
