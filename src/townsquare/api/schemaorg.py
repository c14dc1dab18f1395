"""schema.org `Dataset` descriptions (JSON-LD) for the pages of open datasets, as search
engines such as Google Dataset Search read them."""

from __future__ import annotations

import json
from typing import Any

from django.urls import reverse

from townsquare.catalogue.models import AccessLevel, Dataset, Resource

from .dcat import Site
from .tables import table_schemas_for

# What json_script escapes: nothing in the data can close the <script> element early.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def describes_publicly(dataset: Dataset) -> bool:
    """Only open, published datasets are described to search engines."""
    return dataset.access_level == AccessLevel.OPEN and dataset.is_published


def dataset_jsonld(dataset: Dataset, site: Site) -> dict[str, Any]:
    page = f"{site.base}{dataset.get_absolute_url()}"
    publisher = {
        "@type": "Organization",
        "name": dataset.publisher.name,
        "url": f"{site.base}{dataset.publisher.get_absolute_url()}",
    }
    described: dict[str, Any] = {
        "@context": "https://schema.org/",
        "@type": "Dataset",
        "@id": f"{page}#dataset",
        "name": dataset.title,
        "description": _description(dataset),
        "url": page,
        "identifier": str(dataset.uuid),
        "keywords": [k.name for k in dataset.keywords.all()],
        "isAccessibleForFree": True,
        "creator": publisher,
        "publisher": publisher,
        "dateModified": dataset.modified.isoformat(),
        "inLanguage": "en-GB",
    }
    if dataset.licence.url:
        described["license"] = dataset.licence.url
    if dataset.issued:
        described["datePublished"] = dataset.issued.isoformat()
    if dataset.temporal_start or dataset.temporal_end:
        start = dataset.temporal_start.isoformat() if dataset.temporal_start else ".."
        end = dataset.temporal_end.isoformat() if dataset.temporal_end else ".."
        described["temporalCoverage"] = f"{start}/{end}"
    if dataset.spatial_coverage:
        described["spatialCoverage"] = {"@type": "Place", "name": dataset.spatial_coverage}
    downloads = [_download(r, dataset, site) for r in dataset.resources.all()]
    if downloads := [d for d in downloads if d]:
        described["distribution"] = downloads
    if variables := _variables(dataset):
        described["variableMeasured"] = variables
    return described


def as_script_text(described: dict[str, Any]) -> str:
    """JSON for a `<script type="application/ld+json">` data block, escaped like json_script."""
    return json.dumps(described, ensure_ascii=False).translate(_SCRIPT_ESCAPES)


def _description(dataset: Dataset) -> str:
    # Google asks for 50 to 5,000 characters.
    text = dataset.description or dataset.summary or dataset.title
    return text[:5000]


def _download(resource: Resource, dataset: Dataset, site: Site) -> dict[str, Any] | None:
    version = resource.current_version if resource.kind == Resource.Kind.FILE else None
    if version is not None:
        url = reverse(
            "catalogue:resource-download", kwargs={"slug": dataset.slug, "resource": resource.uuid}
        )
        content_url, media_type = f"{site.base}{url}", version.media_type
    elif resource.kind == Resource.Kind.LINK and resource.url:
        content_url, media_type = resource.url, resource.media_type
    else:
        return None
    download = {
        "@type": "DataDownload",
        "name": resource.title,
        "contentUrl": content_url,
        "encodingFormat": media_type or resource.format,
    }
    if version is not None:
        download["contentSize"] = f"{version.size} B"
    return download


def _variables(dataset: Dataset) -> list[dict[str, Any]]:
    seen: dict[str, dict[str, Any]] = {}
    for table in table_schemas_for(dataset):
        for field in table["schema"].get("fields", []):
            name = field.get("name")
            if not name or name in seen:
                continue
            variable = {"@type": "PropertyValue", "name": name}
            if field.get("title") or field.get("description"):
                variable["description"] = field.get("description") or field.get("title")
            seen[name] = variable
    return list(seen.values())
