"""/api/v1/datasets/{slug}/resources: a dataset's files and links. Upload a file (multipart),
add a link (JSON), or upload a new version of a file; earlier versions stay downloadable."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import File, Form, Router, Status, UploadedFile

from townsquare.api import lookups
from townsquare.catalogue import selectors, services
from townsquare.core.uploads import max_upload_bytes, upload_refused

from . import serialise
from .common import dataset_or_404, dataset_to_change
from .problems import ApiProblem, Problem
from .schemas import LinkIn, ResourceOut

router = Router(tags=["resources"])
ERRORS = {400: Problem, 401: Problem, 403: Problem, 404: Problem, 413: Problem, 422: Problem,
          429: Problem}  # fmt: skip


@router.get("/{slug}/resources", response={200: list[ResourceOut], **ERRORS}, summary="List files")
def resource_list(request: HttpRequest, slug: str):
    ds = dataset_or_404(request, slug)
    return [serialise.resource(request, r, ds) for r in selectors.dataset_resources(ds)]


@router.get(
    "/{slug}/resources/{resource}",
    response={200: ResourceOut, **ERRORS},
    summary="Get a file or link",
)
def resource_get(request: HttpRequest, slug: str, resource: str):
    ds = dataset_or_404(request, slug)
    return serialise.resource(request, _resource(ds, resource), ds)


@router.post("/{slug}/resources", response={201: ResourceOut, **ERRORS}, summary="Upload a file")
def resource_upload(
    request: HttpRequest,
    response: HttpResponse,
    slug: str,
    title: Form[str] = "",
    file: File[UploadedFile | None] = None,
    description: Form[str] = "",
):
    """Send `multipart/form-data` with `file`, and if you like `title` (the file's name when
    not given) and `description`."""
    # Parameters are checked here, after access: input errors never come before a 404.
    ds = dataset_to_change(request, slug)
    file = _required_file(request, file)
    res = services.resource_add_file(
        actor=request.user,
        dataset=ds,
        # PostgreSQL cannot store NUL characters; they are never meant.
        title=title.replace("\x00", "").strip() or file.name or "File",
        description=description.replace("\x00", ""),
        upload=file,
        request=request,
    )
    return _created(request, response, ds, res)


@router.post("/{slug}/links", response={201: ResourceOut, **ERRORS}, summary="Add a link")
def resource_link(
    request: HttpRequest, response: HttpResponse, slug: str, payload: LinkIn | None = None
):
    """A link to data held elsewhere: a web page, an API or a file on another site."""
    ds = dataset_to_change(request, slug)
    if payload is None:
        raise ApiProblem(
            422,
            'Send the link as JSON: {"title": …, "url": "https://…"}.',
            errors=[{"field": "body", "message": "Send a JSON object with title and url"}],
        )
    if not payload.url.startswith(("https://", "http://")):
        raise ApiProblem(
            422,
            "Enter the link's full address, starting https://",
            errors=[{"field": "url", "message": "Enter an address starting https://"}],
        )
    res = services.resource_add_link(
        actor=request.user,
        dataset=ds,
        title=payload.title,
        url=payload.url,
        fmt=payload.format,
        description=payload.description,
        request=request,
    )
    return _created(request, response, ds, res)


@router.post(
    "/{slug}/resources/{resource}/versions",
    response={201: ResourceOut, **ERRORS},
    summary="Replace a file",
)
def resource_replace(
    request: HttpRequest,
    response: HttpResponse,
    slug: str,
    resource: str,
    file: File[UploadedFile | None] = None,
):
    """Upload a new version of a file. The earlier versions stay stored and downloadable."""
    ds = dataset_to_change(request, slug)
    res = _resource(ds, resource)
    if res.kind != res.Kind.FILE:
        raise ApiProblem(409, "This is a link, not a file, so it has no versions to replace.")
    file = _required_file(request, file)
    services.resource_replace_file(actor=request.user, resource=res, upload=file, request=request)
    return _created(request, response, ds, res)


def _resource(ds, resource_id: str):
    found = lookups.resource_in(ds, resource_id)
    if found is None:
        raise ApiProblem(
            404, f"‘{ds.title}’ has no file or link with id ‘{resource_id}’. List them first."
        )
    return found


def _required_file(request: HttpRequest, file: UploadedFile | None) -> UploadedFile:
    _refuse_large(request)
    if file is None:
        raise ApiProblem(
            422,
            "Send the file as multipart/form-data in a field called ‘file’.",
            errors=[{"field": "file", "message": "Choose a file to upload"}],
        )
    return file


def _refuse_large(request: HttpRequest) -> None:
    if upload_refused(request):
        limit = max_upload_bytes() // (1024 * 1024)
        raise ApiProblem(413, f"The file is larger than the {limit} MB limit. Split it, or "
                         "ask an administrator to raise TOWNSQUARE_MAX_UPLOAD_MB.")  # fmt: skip


def _created(request: HttpRequest, response: HttpResponse, ds, res):
    response["Location"] = request.build_absolute_uri(
        f"/api/v1/datasets/{ds.slug}/resources/{res.uuid}"
    )
    fresh = lookups.resource_in(ds, str(res.uuid))
    return Status(201, serialise.resource(request, fresh, ds))
