"""Ingest pages: progress (refreshing without JavaScript, polled by htmx), its JSON status,
and the data dictionary where a publisher corrects titles, types and descriptions."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render

from townsquare.catalogue import selectors
from townsquare.core import access

from . import api
from .already import already_exists
from .forms_ingest import TYPE_LABELS, DataDictionaryForm, ReingestForm


def _resource(request: HttpRequest, slug: str, resource_uuid, action: str = "view"):
    dataset = access.dataset_for_user(request.user, slug, action)
    resource = selectors.resource_in_dataset(dataset, resource_uuid)
    if resource is None or not api.is_tabular(resource):
        raise Http404
    return dataset, resource


def _whole_file_reader(request: HttpRequest, dataset) -> None:
    """How a file was loaded (its warnings and errors quote any column and value) is only for
    those who may see every column."""
    if access.columns_limited(request.user, dataset):
        raise Http404("Loading details are not shared with access to only some columns")


def ingest_progress(request: HttpRequest, slug: str, resource) -> HttpResponse:
    dataset, res = _resource(request, slug, resource)
    _whole_file_reader(request, dataset)
    may_edit = access.can(request.user, "edit", dataset)
    form = None
    if may_edit:
        data = request.POST if request.method == "POST" else None
        form = ReingestForm(data, sheets=api.sheets_of(res.current_version))
        if request.method == "POST" and form.is_valid():
            api.enqueue_ingest(
                res.current_version, sheet=form.cleaned_data.get("sheet", ""), user=request.user
            )
            messages.success(request, "The file will be loaded again")
            return redirect("datastore:ingest-progress", slug=dataset.slug, resource=res.uuid)
    elif request.method == "POST":
        raise Http404
    tables = api.tables_for_resource(res, reader=request.user)
    context = {
        "dataset": dataset,
        "resource": res,
        "job": api.latest_job(res),
        "tables": tables,
        "already": already_exists(request.user, tables, may_edit),
        "may_edit": may_edit,
        "tabular": True,
        "form": form,
    }
    if request.GET.get("panel"):
        return render(request, "datastore/_ingest_status.html", {**context, "polling": True})
    return render(request, "datastore/ingest_progress.html", context)


def ingest_status(request: HttpRequest, slug: str, resource) -> JsonResponse:
    dataset, res = _resource(request, slug, resource)
    _whole_file_reader(request, dataset)
    status = api.job_status(api.latest_job(res))
    return JsonResponse({"resource": str(res.uuid), **status})


def data_dictionary(request: HttpRequest, slug: str, resource) -> HttpResponse:
    dataset, res = _resource(request, slug, resource)
    table = api.table_for_resource(res, request.GET.get("sheet", ""), reader=request.user)
    if table is None:
        raise Http404
    form = None
    if access.can(request.user, "edit", dataset):
        form = DataDictionaryForm(request.POST or None, fields=table.fields)
        if request.method == "POST" and form.is_valid():
            retype = api.schema_update(
                table=table, fields=form.field_changes(), actor=request.user, request=request
            )
            if retype:
                messages.success(request, "Saved. The file is being loaded with the new types")
                return redirect("datastore:ingest-progress", slug=dataset.slug, resource=res.uuid)
            messages.success(request, "Data dictionary saved")
            return redirect("datastore:data-dictionary", slug=dataset.slug, resource=res.uuid)
    elif request.method == "POST":
        raise Http404
    fields = [
        {**f, "type_label": TYPE_LABELS.get(f.get("type"), f.get("type"))} for f in table.fields
    ]
    return render(
        request,
        "datastore/data_dictionary.html",
        {"dataset": dataset, "resource": res, "table": table, "fields": fields, "form": form},
    )
