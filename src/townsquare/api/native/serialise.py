"""Townsquare's objects as the native API's JSON (see schemas.py for the shapes)."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse

from townsquare.catalogue.models import Dataset, Resource
from townsquare.datastore import api as datastore

from ..tables import refuses_files, table_csv_path


def dataset(request: HttpRequest, ds: Dataset) -> dict:
    absolute = request.build_absolute_uri
    return {
        "id": str(ds.uuid),
        "slug": ds.slug,
        "title": ds.title,
        "summary": ds.summary,
        "description": ds.description,
        "url": absolute(ds.get_absolute_url()),
        "api_url": absolute(f"/api/v1/datasets/{ds.slug}"),
        "publisher": {
            "slug": ds.publisher.slug,
            "name": ds.publisher.name,
            "url": absolute(ds.publisher.get_absolute_url()),
        },
        "licence": {
            "id": ds.licence.id,
            "title": ds.licence.title,
            "url": ds.licence.url,
            "is_open": ds.licence.is_open,
        },
        "access_level": ds.access_level,
        "security_classification": ds.security_classification,
        "contains_personal_data": ds.contains_personal_data,
        "contains_special_category_data": ds.contains_special_category_data,
        "update_frequency": ds.update_frequency,
        "temporal_start": ds.temporal_start,
        "temporal_end": ds.temporal_end,
        "spatial_coverage": ds.spatial_coverage,
        "contact_name": ds.contact_name,
        "contact_email": ds.contact_email,
        "themes": [{"slug": t.slug, "title": t.title} for t in ds.themes.all()],
        "keywords": sorted(k.name for k in ds.keywords.all()),
        "status": ds.status,
        "created": ds.created,
        "modified": ds.modified,
        "issued": ds.issued,
        "resources": [resource(request, r, ds) for r in ds.resources.all()],
    }


def resource(request: HttpRequest, res: Resource, ds: Dataset | None = None) -> dict:
    ds = ds or res.dataset
    version = res.current_version
    whole_file = version
    file_format, media_type = res.format, res.media_type
    if res.kind == Resource.Kind.FILE and refuses_files(ds, request.user):
        # Someone given only some columns may not have the file (decision 0044): its URL is
        # the CSV of its table with their columns (so the format is CSV), and its size and
        # hash are not shown.
        tables = datastore.tables_for_resource(res, reader=request.user)
        url = request.build_absolute_uri(
            table_csv_path(ds, tables[0]) if tables else res.get_absolute_url()
        )
        if tables:
            file_format, media_type = "CSV", "text/csv"
        whole_file = None
    elif res.kind == Resource.Kind.FILE:
        url = reverse("catalogue:resource-download", kwargs={"slug": ds.slug, "resource": res.uuid})
        url = request.build_absolute_uri(url)
    else:
        url = res.url
    return {
        "id": str(res.uuid),
        "title": res.title,
        "description": res.description,
        "kind": res.kind,
        "format": file_format,
        "media_type": media_type,
        "url": url,
        "page_url": request.build_absolute_uri(
            reverse("catalogue:resource", kwargs={"slug": ds.slug, "resource": res.uuid})
        ),
        "filename": version.filename if version else None,
        "size": whole_file.size if whole_file else None,
        "sha256": whole_file.sha256 if whole_file else None,
        "version": version.number if version else None,
        "created": res.created,
        "modified": res.modified,
    }
