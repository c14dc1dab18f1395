"""CKAN's write actions, through `catalogue.services`. Only publishers may write, as on the
site: a dataset the caller may not see is "Not Found"; one they see but may not change is an
"Authorization Error"; input that does not fit is a "Validation Error" naming CKAN's fields."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest

from townsquare.api import lookups
from townsquare.catalogue import services
from townsquare.catalogue.models import Dataset
from townsquare.core import access
from townsquare.core.uploads import max_upload_bytes, upload_refused
from townsquare.governance import api as governance

from . import serialise
from .params import as_bool, as_str, required
from .registry import Invalid, NotAuthorized, NotFound, action

# Townsquare's field -> CKAN's, for naming fields in validation errors.
CKAN_NAMES = {"slug": "name", "description": "notes", "licence": "license_id",
              "publisher": "owner_org", "title": "title", "keywords": "tags", "themes": "groups",
              "file": "upload"}  # fmt: skip
# Fields a full update (package_update) resets when they are not sent.
RESET = {"summary": "", "description": "", "contact_name": "", "contact_email": "",
         "spatial_coverage": "", "temporal_start": None, "temporal_end": None, "licence": None,
         "update_frequency": "irregular", "security_classification": "OFFICIAL",
         "contains_personal_data": False, "contains_special_category_data": False}  # fmt: skip


@contextmanager
def _ckan_field_names():
    try:
        yield
    except ValidationError as exc:
        errors = getattr(exc, "message_dict", {"message": exc.messages})
        raise Invalid(fields={CKAN_NAMES.get(k, k): v for k, v in errors.items()}) from None
    except governance.PublishBlocked as blocked:
        # Making a published dataset open would publish the personal data its files hold.
        raise Invalid(
            fields={"private": [f"{b.reason} {b.fix}" for b in blocked.blockers]}
        ) from None


@action("package_create", write=True)
def package_create(request: HttpRequest, data: dict[str, Any]) -> dict:
    """A dataset in `owner_org`, published unless `state` is "draft"."""
    fields, themes, keywords = _dataset_fields(data, current=None)
    unit = _unit_for_writing(request, required(data, "owner_org"))
    title = as_str(data, "title").strip() or as_str(data, "name").strip()
    if not title:
        raise Invalid(fields={"title": ["Missing value"]})
    with _ckan_field_names():
        ds = services.dataset_create(
            actor=request.user, title=title, publisher=unit, themes=themes or (),
            keywords=keywords or (), slug=as_str(data, "name").strip(), request=request, **fields,
        )  # fmt: skip
        _add_links(request, ds, data.get("resources") or [])
        _set_state(request, ds, as_str(data, "state") or "active")
    return serialise.package(request, lookups.dataset_by_ref(request.user, ds.slug))


@action("package_update", write=True)
def package_update(request: HttpRequest, data: dict[str, Any]) -> dict:
    """Replace the dataset's metadata: fields not sent go back to their defaults."""
    return _update(request, data, partial=False)


@action("package_patch", write=True)
def package_patch(request: HttpRequest, data: dict[str, Any]) -> dict:
    """Change only the fields sent."""
    return _update(request, data, partial=True)


def _update(request: HttpRequest, data: dict[str, Any], *, partial: bool) -> dict:
    ref = as_str(data, "id") or as_str(data, "name")
    if partial and set(data) <= {"id", "name", "state"} and "state" in data:
        # Only the state: a steward publishing or unpublishing, with no edit rights needed.
        ds = _dataset_for_writing(request, ref, "publish")
        _set_state(request, ds, as_str(data, "state"))
        return serialise.package(request, lookups.dataset_by_ref(request.user, ds.slug))
    ds = _dataset_for_writing(request, ref)
    fields, themes, keywords = _dataset_fields(data, current=ds)
    if not partial:
        fields = {**RESET, **fields}
        themes, keywords = themes or [], keywords or []
    if "owner_org" in data:
        fields["publisher"] = _unit_for_writing(request, required(data, "owner_org"))
    if title := as_str(data, "title").strip():
        fields["title"] = title
    with _ckan_field_names():
        services.dataset_update(actor=request.user, dataset=ds, data=fields, themes=themes,
                                keywords=keywords, request=request)  # fmt: skip
        if "state" in data:
            _set_state(request, ds, as_str(data, "state"))
    return serialise.package(request, lookups.dataset_by_ref(request.user, ds.slug))


@action("package_delete", write=True)
def package_delete(request: HttpRequest, data: dict[str, Any]) -> None:
    """Delete the dataset and its files. (CKAN keeps a deleted dataset; Townsquare does not.)"""
    ds = _dataset_for_writing(request, required(data, "id"), "delete")
    services.dataset_delete(actor=request.user, dataset=ds, request=request)
    return None


@action("resource_create", write=True)
def resource_create(request: HttpRequest, data: dict[str, Any]) -> dict:
    """A file (multipart `upload`) or a link (`url`) in the dataset `package_id`."""
    ds = _dataset_for_writing(request, required(data, "package_id"))
    upload = data.get("upload")
    name = as_str(data, "name").strip()
    description = as_str(data, "description")
    with _ckan_field_names():
        if isinstance(upload, UploadedFile):
            _refuse_large(request)
            res = services.resource_add_file(
                actor=request.user, dataset=ds, title=name or upload.name, upload=upload,
                description=description, request=request,
            )  # fmt: skip
        else:
            url = required(data, "url")
            res = services.resource_add_link(
                actor=request.user, dataset=ds, title=name or url, url=url,
                fmt=as_str(data, "format"), description=description, request=request,
            )  # fmt: skip
    return serialise.resource(request, lookups.resource_by_id(request.user, str(res.uuid)))


@action("resource_patch", write=True)
def resource_patch(request: HttpRequest, data: dict[str, Any]) -> dict:
    """Change a resource's name, description, format or (for a link) url; a new `upload`
    replaces a file's content and keeps the earlier version."""
    res = lookups.resource_by_id(request.user, required(data, "id"))
    if res is None:
        raise NotFound("Resource was not found.")
    if not access.can(request.user, "edit", res):
        raise NotAuthorized(f"Only publishers for {res.dataset.publisher.name} may change this.")
    changes = {"title": data.get("name"), "description": data.get("description"),
               "format": data.get("format"), "url": data.get("url")}  # fmt: skip
    with _ckan_field_names():
        upload = data.get("upload")
        if isinstance(upload, UploadedFile):
            _refuse_large(request)
            services.resource_replace_file(actor=request.user, resource=res, upload=upload,
                                           request=request)  # fmt: skip
        changes = {k: str(v) for k, v in changes.items() if v is not None}
        if changes:
            services.resource_update(actor=request.user, resource=res, data=changes,
                                     request=request)  # fmt: skip
    return serialise.resource(request, lookups.resource_by_id(request.user, str(res.uuid)))


def _dataset_for_writing(request: HttpRequest, ref: str, act: access.Action = "edit") -> Dataset:
    ds = lookups.dataset_by_ref(request.user, ref) if ref else None
    if ds is None:
        raise NotFound("Dataset not found")
    if not access.can(request.user, act, ds):
        raise NotAuthorized(
            f"User not authorized to {act} this dataset: only publishers for "
            f"{ds.publisher.name} may."
        )
    return ds


def _unit_for_writing(request: HttpRequest, slug: str):
    unit = lookups.unit_get(slug)
    if unit is None:
        raise Invalid(fields={"owner_org": [f"Organization ‘{slug}’ does not exist"]})
    if not access.can(request.user, "edit", unit):
        raise NotAuthorized(f"User not authorized to add datasets to {unit.name}.")
    return unit


def _extras(data: dict[str, Any]) -> dict[str, Any]:
    """The UK fields, from `extras` (a list of {key, value} or an object) or the top level."""
    extras = data.get("extras") or []
    if isinstance(extras, list):
        found = {e.get("key"): e.get("value") for e in extras if isinstance(e, dict)}
    elif isinstance(extras, dict):
        found = dict(extras)
    else:
        raise Invalid(fields={"extras": ['Send a list of {"key": …, "value": …}']})
    for key in serialise.EXTRA_KEYS:
        if key in data:
            found[key] = data[key]
    return found


def _dataset_fields(data: dict[str, Any], current: Dataset | None):
    """(fields for the service, themes or None, keywords or None) from CKAN's fields."""
    extras = _extras(data)
    fields: dict[str, Any] = {}
    text = {"notes": "description", "summary": "summary", "spatial_coverage": "spatial_coverage",
            "security_classification": "security_classification",
            "update_frequency": "update_frequency"}  # fmt: skip
    for key, name in text.items():
        source = extras if key in extras else data
        if key in source and source[key] is not None:
            fields[name] = str(source[key])
    contact = extras.get("contact_name") or data.get("maintainer") or data.get("author")
    email = extras.get("contact_email") or data.get("maintainer_email") or data.get("author_email")
    if contact is not None:
        fields["contact_name"] = str(contact)
    if email is not None:
        fields["contact_email"] = str(email)
    for key in ("contains_personal_data", "contains_special_category_data"):
        if key in extras:
            fields[key] = as_bool(extras, key)
    for key, name in (("temporal_coverage_from", "temporal_start"),
                      ("temporal_coverage_to", "temporal_end")):  # fmt: skip
        if key in extras:
            fields[name] = _date(extras, key)
    if "license_id" in data:
        fields["licence"] = _licence(as_str(data, "license_id"))
    level = _access_level(data, extras, current)
    if level:
        fields["access_level"] = level
    return fields, _themes(data), _keywords(data)


def _access_level(data: dict[str, Any], extras: dict[str, Any], current: Dataset | None) -> str:
    if extras.get("access_level"):
        return str(extras["access_level"])
    if "private" not in data:
        return "" if current else "open"
    if not as_bool(data, "private"):
        return "open"
    # Private keeps a restricted dataset restricted; otherwise it means staff only.
    return "restricted" if current and current.access_level == "restricted" else "internal"


def _date(extras: dict[str, Any], key: str) -> date | None:
    value = str(extras.get(key) or "").strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        raise Invalid(fields={key: ["Enter a date as YYYY-MM-DD"]}) from None


def _licence(licence_id: str):
    if not licence_id:
        return None
    found = lookups.licence_get(licence_id)
    if found is None:
        raise Invalid(fields={"license_id": [f"No licence ‘{licence_id}’: see license_list"]})
    return found


def _keywords(data: dict[str, Any]) -> list[str] | None:
    if "tags" in data:
        tags = data["tags"] or []
        if not isinstance(tags, list):
            raise Invalid(fields={"tags": ['Send a list of {"name": …}']})
        return [t.get("name", "") if isinstance(t, dict) else str(t) for t in tags]
    if "tag_string" in data:
        return [t for t in as_str(data, "tag_string").split(",") if t.strip()]
    return None


def _themes(data: dict[str, Any]):
    if "groups" not in data:
        return None
    groups = data["groups"] or []
    if not isinstance(groups, list):
        raise Invalid(fields={"groups": ['Send a list of {"name": …}']})
    slugs = [g.get("name") or g.get("id") if isinstance(g, dict) else str(g) for g in groups]
    found = {t.slug: t for t in lookups.themes().filter(slug__in=slugs)}
    missing = [s for s in slugs if s not in found]
    if missing:
        raise Invalid(fields={"groups": [f"Group ‘{s}’ does not exist" for s in missing]})
    return list(found.values())


def _add_links(request: HttpRequest, ds: Dataset, resources: list) -> None:
    for item in resources:
        if not isinstance(item, dict) or not item.get("url"):
            raise Invalid(fields={"resources": ["Each resource needs a url"]})
        services.resource_add_link(
            actor=request.user, dataset=ds, title=item.get("name") or item["url"],
            url=item["url"], fmt=item.get("format", ""), description=item.get("description", ""),
            request=request,
        )  # fmt: skip


def _set_state(request: HttpRequest, ds: Dataset, state: str) -> None:
    if state == "active" and not ds.is_published:
        _publish_or_submit(request, ds)
    elif state == "draft" and ds.is_published:
        services.dataset_unpublish(actor=request.user, dataset=ds, request=request)
    elif state not in ("active", "draft"):
        raise Invalid(fields={"state": ["Use active or draft"]})


def _publish_or_submit(request: HttpRequest, ds: Dataset) -> None:
    """Stewards publish; a publisher's "active" waits for a steward's review, as on the site."""
    if not access.can(request.user, "publish", ds):
        services.dataset_submit_for_review(actor=request.user, dataset=ds, request=request)
        return
    try:
        services.dataset_publish(actor=request.user, dataset=ds, request=request)
    except governance.PublishBlocked as blocked:
        raise Invalid(fields={"state": [b.reason for b in blocked.blockers]}) from blocked


def _refuse_large(request: HttpRequest) -> None:
    if upload_refused(request):
        limit = max_upload_bytes() // (1024 * 1024)
        raise Invalid(fields={"upload": [f"The file is larger than the {limit} MB limit"]})
