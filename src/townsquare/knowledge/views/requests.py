"""The data requests board: anyone reads public requests; anyone signed in (residents with a
confirmed email, and staff) asks, votes and comments; publishers and stewards move requests on."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from townsquare.knowledge import limits, rules_content, visibility  # noqa: F401 - registers rules
from townsquare.knowledge.forms.requests import AssignForm, DataRequestForm, StatusForm
from townsquare.knowledge.models import DataRequest
from townsquare.knowledge.selectors import requests as selectors
from townsquare.knowledge.services import requests as services

PAGE_SIZE = 20


def request_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    sort = request.GET.get("sort", "votes")
    mine = request.GET.get("mine") == "1"
    board = selectors.request_board(request.user, status=status, sort=sort, mine=mine)
    return render(
        request,
        "knowledge/request_list.html",
        {
            "page_obj": Paginator(board, PAGE_SIZE).get_page(request.GET.get("page")),
            "status": status if status in DataRequest.Status.values else "",
            "sort": sort if sort in selectors.SORTS else "votes",
            "mine": mine,
            "statuses": DataRequest.Status.choices,
            "counts": selectors.status_counts(request.user),
            "may_ask": visibility.can_make_request(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def request_new(request: HttpRequest) -> HttpResponse:
    initial = {}
    if slug := request.GET.get("dataset", "")[:100]:
        initial["datasets_text"] = f"/datasets/{slug}/"
    form = DataRequestForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        if refused := limits.check_can_post(request.user):
            form.add_error(None, refused)
        else:
            data = form.cleaned_data
            data_request = services.request_create(
                author=request.user, title=data["title"], body=data["body"], why=data["why"],
                who_it_helps=data["who_it_helps"], audience=form.audience_value(),
                datasets=data.get("datasets", []),
            )  # fmt: skip
            messages.success(
                request, "Your request has been sent. We will email you when it moves on."
            )
            return redirect(data_request)
    return render(request, "knowledge/request_form.html", {"form": form})


def _request_or_404(request: HttpRequest, pk: int) -> DataRequest:
    data_request = selectors.request_for_user(request.user, pk)
    if data_request is None:
        raise Http404("No such request")
    return data_request


def request_detail(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    data_request = _request_or_404(request, pk)
    if slug != data_request.slug:
        return redirect(data_request, permanent=True)
    manage = visibility.can_manage_request(request.user, data_request)
    return render(
        request,
        "knowledge/request_detail.html",
        {
            "data_request": data_request,
            "updates": selectors.request_updates(data_request),
            "voted": selectors.has_voted(request.user, data_request),
            "may_manage": manage,
            "status_form": _status_form(request, data_request) if manage else None,
            "assign_form": _assign_form(request, data_request) if manage else None,
        },
    )


def _status_form(request: HttpRequest, data_request: DataRequest, data=None) -> StatusForm:
    initial = {"status": data_request.status, "refusal_reason": data_request.refusal_reason}
    action = reverse("knowledge:request-status", kwargs={"pk": data_request.pk})
    return StatusForm(data, user=request.user, initial=initial, action=action)


def _assign_form(request: HttpRequest, data_request: DataRequest, data=None) -> AssignForm:
    units = visibility.assignable_units(request.user)
    action = reverse("knowledge:request-assign", kwargs={"pk": data_request.pk})
    return AssignForm(data, units=units, initial={"unit": data_request.unit_id}, action=action)


@login_required
@require_POST
def request_status(request: HttpRequest, pk: int) -> HttpResponse:
    data_request = _request_or_404(request, pk)
    if not visibility.can_manage_request(request.user, data_request):
        raise PermissionDenied
    form = _status_form(request, data_request, request.POST)
    if not form.is_valid():
        return render(
            request, "knowledge/request_status.html",
            {"form": form, "data_request": data_request}, status=400,
        )  # fmt: skip
    data = form.cleaned_data
    services.request_set_status(
        data_request=data_request, actor=request.user, status=data["status"], note=data["note"],
        refusal_reason=data["refusal_reason"], published_dataset=data["dataset"],
        site_url=request.build_absolute_uri("/").rstrip("/"),
    )  # fmt: skip
    messages.success(request, "The request has been updated and the requester told by email")
    return redirect(data_request)


@login_required
@require_POST
def request_assign(request: HttpRequest, pk: int) -> HttpResponse:
    data_request = _request_or_404(request, pk)
    if not visibility.can_manage_request(request.user, data_request):
        raise PermissionDenied
    form = _assign_form(request, data_request, request.POST)
    if not form.is_valid():
        return render(
            request, "knowledge/request_status.html",
            {"form": form, "data_request": data_request}, status=400,
        )  # fmt: skip
    services.request_assign(
        data_request=data_request, actor=request.user, unit=form.cleaned_data["unit"]
    )
    messages.success(request, "The request has been assigned")
    return redirect(data_request)
