"""Townsquare's objects in CKAN's shapes (CKAN 2.10's package, resource, organization, group,
tag and user dictionaries). The UK metadata CKAN has no field for travels in `extras`."""

from __future__ import annotations

from datetime import UTC, date, datetime

from django.http import HttpRequest
from django.urls import reverse

from townsquare.catalogue.models import AccessLevel, Dataset, Resource
from townsquare.datastore import api as datastore

from ..tables import refuses_files, table_csv_path

# The UK fields carried as extras, in this order.
EXTRA_KEYS = (
    "access_level", "security_classification", "update_frequency", "temporal_coverage_from",
    "temporal_coverage_to", "spatial_coverage", "contact_name", "contact_email",
    "contains_personal_data", "contains_special_category_data", "summary",
)  # fmt: skip


def ckan_time(value: datetime | None) -> str | None:
    """CKAN's timestamps: ISO 8601 in UTC, without an offset."""
    if value is None:
        return None
    return value.astimezone(UTC).replace(tzinfo=None).isoformat()


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


def package(request: HttpRequest, ds: Dataset) -> dict:
    resources = [resource(request, r, ds) for r in ds.resources.all()]
    tags = sorted(k.name for k in ds.keywords.all())
    return {
        "id": str(ds.uuid),
        "name": ds.slug,
        "title": ds.title,
        "notes": ds.description or ds.summary,
        "type": "dataset",
        "state": "active" if ds.is_published else "draft",
        "private": ds.access_level != AccessLevel.OPEN,
        "license_id": ds.licence.id,
        "license_title": ds.licence.title,
        "license_url": ds.licence.url,
        "isopen": ds.licence.is_open and ds.access_level == AccessLevel.OPEN,
        "owner_org": ds.publisher.slug,
        "organization": organization(request, ds.publisher),
        "author": ds.contact_name,
        "author_email": ds.contact_email,
        "maintainer": ds.contact_name,
        "maintainer_email": ds.contact_email,
        "url": request.build_absolute_uri(ds.get_absolute_url()),
        "version": None,
        "metadata_created": ckan_time(ds.created),
        "metadata_modified": ckan_time(ds.modified),
        "num_resources": len(resources),
        "num_tags": len(tags),
        "resources": resources,
        "tags": [tag(name) for name in tags],
        "groups": [group(request, t) for t in ds.themes.all()],
        "extras": [{"key": k, "value": v} for k, v in _extras(ds).items()],
        "relationships_as_object": [],
        "relationships_as_subject": [],
    }


def _extras(ds: Dataset) -> dict[str, str]:
    values = {
        "access_level": ds.access_level,
        "security_classification": ds.security_classification,
        "update_frequency": ds.update_frequency,
        "temporal_coverage_from": _day(ds.temporal_start),
        "temporal_coverage_to": _day(ds.temporal_end),
        "spatial_coverage": ds.spatial_coverage,
        "contact_name": ds.contact_name,
        "contact_email": ds.contact_email,
        "contains_personal_data": str(ds.contains_personal_data).lower(),
        "contains_special_category_data": str(ds.contains_special_category_data).lower(),
        "summary": ds.summary,
    }
    return {k: values[k] for k in EXTRA_KEYS}


def resource(request: HttpRequest, res: Resource, ds: Dataset | None = None) -> dict:
    ds = ds or res.dataset
    uploaded = res.kind == Resource.Kind.FILE
    if uploaded and refuses_files(ds, request.user):
        return {**_resource_fields(res, ds), **_narrowed_file(request, res, ds)}
    version = res.current_version
    if uploaded:
        url = request.build_absolute_uri(
            reverse("catalogue:resource-download", kwargs={"slug": ds.slug, "resource": res.uuid})
        )
    else:
        url = res.url
    return {
        **_resource_fields(res, ds),
        "mimetype": res.media_type or None,
        "url": url,
        "url_type": "upload" if uploaded else None,
        "size": version.size if version else None,
        "hash": version.sha256 if version else "",
        "datastore_active": _has_table(res),
    }


def _resource_fields(res: Resource, ds: Dataset) -> dict:
    """What CKAN says of any resource, whoever asks."""
    return {
        "id": str(res.uuid),
        "package_id": str(ds.uuid),
        "name": res.title,
        "description": res.description,
        "format": res.format,
        "created": ckan_time(res.created),
        "last_modified": ckan_time(res.modified),
        "metadata_modified": ckan_time(res.modified),
        "position": res.position,
        "state": "active",
    }


def _narrowed_file(request: HttpRequest, res: Resource, ds: Dataset) -> dict:
    """A file shown to someone whose grant gives only some of its columns (decision 0044):
    its URL is the CSV of its table with their columns (the resource's page when they may
    see none), and nothing describes the whole file, which they may not have: no size or
    hash. `datastore_active` says whether `datastore_search` has a table for them."""
    tables = datastore.tables_for_resource(res, reader=request.user)
    if tables:
        url, mimetype, file_format = table_csv_path(ds, tables[0]), "text/csv", "CSV"
    else:
        url, mimetype, file_format = res.get_absolute_url(), "text/html", res.format
    return {
        "format": file_format,  # of what the URL gives
        "mimetype": mimetype,
        "url": request.build_absolute_uri(url),
        "url_type": None,
        "size": None,
        "hash": "",
        "datastore_active": bool(tables),
    }


def _has_table(res: Resource) -> bool:
    count = getattr(res, "table_count", None)  # annotated by lookups.with_table_count
    if count is None:
        return bool(datastore.tables_for_resource(res))
    return count > 0


def organization(request: HttpRequest, unit, package_count: int | None = None) -> dict:
    found = {
        "id": unit.slug,
        "name": unit.slug,
        "title": unit.name,
        "display_name": unit.name,
        "description": unit.description,
        "type": "organization",
        "is_organization": True,
        "state": "active",
        "approval_status": "approved",
        "image_url": "",
        "image_display_url": "",
        "created": None,
    }
    if package_count is not None:
        found["package_count"] = package_count
    return found


def group(request: HttpRequest, theme, package_count: int | None = None) -> dict:
    found = {
        "id": theme.slug,
        "name": theme.slug,
        "title": theme.title,
        "display_name": theme.title,
        "description": "",
        "type": "group",
        "is_organization": False,
        "state": "active",
        "approval_status": "approved",
        "image_url": "",
        "image_display_url": "",
    }
    if package_count is not None:
        found["package_count"] = package_count
    return found


def tag(name: str) -> dict:
    return {"id": name, "name": name, "display_name": name, "state": "active",
            "vocabulary_id": None}  # fmt: skip


def licence(item) -> dict:
    return {
        "id": item.id,
        "title": item.title,
        "url": item.url,
        "is_okd_compliant": item.is_open,
        "is_generic": False,
        "status": "active",
        "od_conformance": "approved" if item.is_open else "not reviewed",
    }


def user(request: HttpRequest, person) -> dict:
    """Public fields only, as CKAN shows another user: no email, no role flags."""
    return {
        "id": person.slug,
        "name": person.slug,
        "fullname": person.name,
        "display_name": person.name,
        "about": person.bio,
        "job_title": person.job_title,
        "created": ckan_time(person.date_joined),
        "state": "active",
        "image_display_url": "",
    }
