"""Catalogue pages. Each view parses input, checks access through core.access, calls one
service or selector, and renders."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from townsquare.core import access
from townsquare.core.audit import Action, audit_record
from townsquare.core.uploads import upload_refused
from townsquare.governance import api as governance
from townsquare.governance import views as governance_views
from townsquare.search import api as search

from . import selectors, services
from .forms import DatasetForm, FileUploadForm, LinkForm
from .models import AccessLevel

PAGE_SIZE = 20


def home(request: HttpRequest) -> HttpResponse:
    recent = selectors.with_list_details(selectors.dataset_search(request.user, sort="recent"))
    return render(
        request,
        "catalogue/home.html",
        {"recent": recent[:5], "dataset_count": selectors.visible_count(request.user)},
    )


def dataset_list(request: HttpRequest) -> HttpResponse:
    # NUL characters are dropped: PostgreSQL refuses them in text, which would be a 500.
    q = request.GET.get("q", "").replace("\x00", "").strip()[:200]
    sort = request.GET.get("sort", "recent")
    filters = {
        name: [v.replace("\x00", "") for v in request.GET.getlist(name)]
        for name in selectors.FACET_FIELDS
    }
    results = selectors.dataset_search(request.user, q=q, filters=filters, sort=sort)
    page = Paginator(selectors.with_list_details(results), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    facets = selectors.dataset_facets(request.user, q=q, filters=filters)
    return render(
        request,
        "catalogue/dataset_list.html",
        {
            "page_obj": page,
            "q": q,
            "sort": sort,
            "facets": facets,
            "may_create": access.publishable_units(request.user).exists(),
        },
    )


def dataset_detail(request: HttpRequest, slug: str) -> HttpResponse:
    dataset = access.dataset_for_user(request.user, slug)
    _audit_read(request, dataset, Action.VIEW)
    may_edit = access.can(request.user, "edit", dataset)
    # A new draft: show its publisher what may already exist, before they publish a copy.
    similar = (
        search.similar_titles(request.user, dataset.title, exclude_key=str(dataset.pk))
        if may_edit and not dataset.is_published
        else []
    )
    may_publish = access.can(request.user, "publish", dataset)
    return render(
        request,
        "catalogue/dataset_detail.html",
        {
            "dataset": dataset,
            "resources": selectors.dataset_resources(dataset),
            "may_edit": may_edit,
            "similar": similar,
            "may_publish": may_publish,
            "may_manage_grants": access.can(request.user, "manage_grants", dataset),
            "whole_files": not access.columns_limited(request.user, dataset),
            # What the reviewer checks, shown to both sides until the dataset is published.
            "checklist": (
                governance.review_checklist(dataset)
                if (may_edit or may_publish) and not dataset.is_published
                else None
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def dataset_create(request: HttpRequest) -> HttpResponse:
    units = access.publishable_units(request.user)
    if not units.exists():
        raise Http404("You cannot publish datasets")
    form = DatasetForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {f: data[f] for f in services.EDITABLE_FIELDS if f not in ("title", "publisher")}
        dataset = services.dataset_create(
            actor=request.user,
            title=data["title"],
            publisher=data["publisher"],
            themes=data["themes"],
            keywords=form.keyword_list(),
            request=request,
            **fields,
        )
        messages.success(
            request, f"Dataset ‘{dataset.title}’ created as a draft. Now add its files."
        )
        return redirect(dataset)
    return render(request, "catalogue/dataset_form.html", {"form": form, "creating": True})


@login_required
@require_http_methods(["GET", "POST"])
def dataset_edit(request: HttpRequest, slug: str) -> HttpResponse:
    dataset = access.dataset_for_user(request.user, slug, "edit")
    form = DatasetForm(
        request.POST or None, instance=dataset, units=access.publishable_units(request.user)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.dataset_update(
                actor=request.user,
                dataset=dataset,
                data=data,
                themes=data["themes"],
                keywords=form.keyword_list(),
                request=request,
            )
        except governance.PublishBlocked as blocked:
            _explain_blocked_opening(form, blocked)
        else:
            messages.success(request, "Dataset updated")
            return redirect(dataset)
    # A failed save must not leave the in-memory instance half-changed for the template.
    dataset.refresh_from_db()
    return render(request, "catalogue/dataset_form.html", {"form": form, "dataset": dataset})


def _explain_blocked_opening(form: DatasetForm, blocked: governance.PublishBlocked) -> None:
    form.add_error(
        "access_level",
        "This dataset is published, so making it open would publish personal data. "
        "Move it back to draft first; a steward can then publish it with a reason.",
    )
    for b in blocked.blockers:
        form.add_error("access_level", f"{b.reason} {b.fix}")


# Each change of status: who may make it (an access action) and what to tell them.
TRANSITIONS = {
    "submit": (("edit",), services.dataset_submit_for_review,
               "Dataset sent for review. A data steward will check it and publish it."),
    "withdraw": (("edit",), services.dataset_unpublish, "Dataset moved back to draft."),
    "unpublish": (("edit", "publish"), services.dataset_unpublish,
                  "Dataset moved back to draft. Only its publishers and stewards can see it now."),
    "publish": (("publish",), services.dataset_publish, "Dataset published"),
}  # fmt: skip


@login_required
@require_POST
def dataset_publish(request: HttpRequest, slug: str) -> HttpResponse:
    """Move a dataset along draft -> ready for review -> published (or back)."""
    dataset = access.dataset_for_user(request.user, slug)
    transition = TRANSITIONS.get(request.POST.get("action", ""))
    if transition is None:
        return redirect(dataset)
    actions, service, message = transition
    if not any(access.can(request.user, a, dataset) for a in actions):
        raise Http404("No dataset found")
    try:
        service(actor=request.user, dataset=dataset, request=request)
    except governance.PublishBlocked as blocked:
        return governance_views.publish_blocked(request, dataset, blocked.blockers)
    messages.success(request, message)
    return redirect(dataset)


@login_required
@require_http_methods(["GET", "POST"])
def dataset_delete(request: HttpRequest, slug: str) -> HttpResponse:
    dataset = access.dataset_for_user(request.user, slug, "delete")
    if request.method == "POST":
        title = dataset.title
        services.dataset_delete(actor=request.user, dataset=dataset, request=request)
        messages.success(request, f"Dataset ‘{title}’ deleted")
        return redirect("catalogue:dataset-list")
    return render(request, "catalogue/dataset_delete.html", {"dataset": dataset})


@login_required
@require_http_methods(["GET", "POST"])
def file_upload(request: HttpRequest, slug: str) -> HttpResponse:
    dataset = access.dataset_for_user(request.user, slug, "edit")
    form = _upload_form(request)
    if request.method == "POST" and form.is_valid():
        services.resource_add_file(
            actor=request.user,
            dataset=dataset,
            title=form.cleaned_data["title"],
            description=form.cleaned_data["description"],
            upload=form.cleaned_data["file"],
            request=request,
        )
        messages.success(request, "File uploaded")
        return redirect(dataset)
    return render(request, "catalogue/file_upload.html", {"form": form, "dataset": dataset})


@login_required
@require_http_methods(["GET", "POST"])
def link_add(request: HttpRequest, slug: str) -> HttpResponse:
    dataset = access.dataset_for_user(request.user, slug, "edit")
    form = LinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.resource_add_link(
            actor=request.user,
            dataset=dataset,
            title=data["title"],
            url=data["url"],
            fmt=data["format"],
            description=data["description"],
            request=request,
        )
        messages.success(request, "Link added")
        return redirect(dataset)
    return render(request, "catalogue/link_add.html", {"form": form, "dataset": dataset})


def resource_detail(request: HttpRequest, slug: str, resource) -> HttpResponse:
    dataset = access.dataset_for_user(request.user, slug)
    res = _resource_or_404(dataset, resource)
    return render(
        request,
        "catalogue/resource_detail.html",
        {
            "dataset": dataset,
            "resource": res,
            "versions": selectors.resource_versions(res),
            "may_edit": access.can(request.user, "edit", dataset),
            "whole_files": not access.columns_limited(request.user, dataset),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def resource_replace(request: HttpRequest, slug: str, resource) -> HttpResponse:
    dataset = access.dataset_for_user(request.user, slug, "edit")
    res = _resource_or_404(dataset, resource)
    if res.kind != res.Kind.FILE:
        raise Http404("Only uploaded files can be replaced")
    form = _upload_form(request, with_title=False)
    if request.method == "POST" and form.is_valid():
        services.resource_replace_file(
            actor=request.user, resource=res, upload=form.cleaned_data["file"], request=request
        )
        messages.success(request, "New version uploaded. The earlier version is still available.")
        return redirect(res)
    return render(
        request,
        "catalogue/resource_replace.html",
        {"form": form, "dataset": dataset, "resource": res},
    )


def resource_download(request: HttpRequest, slug: str, resource, number: int | None = None):
    dataset = access.dataset_for_user(request.user, slug, "download")
    res = _resource_or_404(dataset, resource)
    if access.columns_limited(request.user, dataset):
        # The file holds every column; the grant gives only some. Its tables have just those.
        return render(
            request,
            "catalogue/download_refused.html",
            {"dataset": dataset, "resource": res},
            status=403,
        )
    if number is None:
        version = res.current_version
    else:
        version = selectors.resource_versions(res).filter(number=number).first()
    if version is None:
        raise Http404("No such file")
    _audit_read(request, dataset, Action.DOWNLOAD, details={"version": version.number})
    response = FileResponse(version.file.open("rb"), as_attachment=True, filename=version.filename)
    response["Content-Type"] = version.media_type or "application/octet-stream"
    if dataset.access_level != AccessLevel.OPEN or not dataset.is_published:
        response["Cache-Control"] = "private, no-store"
    return response


def _upload_form(request: HttpRequest, *, with_title: bool = True) -> FileUploadForm:
    if request.method != "POST":
        return FileUploadForm(with_title=with_title)
    return FileUploadForm(
        request.POST,
        request.FILES,
        with_title=with_title,
        upload_too_large=upload_refused(request),
    )


def _resource_or_404(dataset, resource_uuid):
    res = selectors.resource_in_dataset(dataset, resource_uuid)
    if res is None:
        raise Http404("No such file")
    return res


def _audit_read(request: HttpRequest, dataset, action: str, details: dict | None = None) -> None:
    """Record every view or download of data that is not open to everyone."""
    if dataset.access_level != AccessLevel.OPEN or not dataset.is_published:
        audit_record(
            actor=request.user, action=action, obj=dataset, request=request, details=details
        )
