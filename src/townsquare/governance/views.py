import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from townsquare.catalogue import services as catalogue
from townsquare.core import access
from townsquare.core.audit import events_for, events_search
from townsquare.core.exports import csv_text
from townsquare.core.models import AuditEvent

from . import api, requests, selectors, services
from .forms import (
    AccessRequestForm,
    AgreementForm,
    ApproveForm,
    AuditFilterForm,
    GrantForm,
    OverrideForm,
    RefuseForm,
)


@login_required
@require_http_methods(["GET", "POST"])
def dataset_sharing(request: HttpRequest, slug: str) -> HttpResponse:
    """Who has access to a dataset, and a form for its steward to give more."""
    dataset = access.dataset_for_user(request.user, slug, "manage_grants")
    form = GrantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.grant_create(
            dataset=dataset,
            approver=request.user,
            purpose=data["purpose"],
            expires=data["expires"],
            user=data["person_email"],
            unit=data["unit"],
            request=request,
        )
        messages.success(request, "Access given")
        return redirect("governance:dataset-sharing", slug=dataset.slug)
    return render(
        request,
        "governance/dataset_sharing.html",
        {
            "dataset": dataset,
            "form": form,
            "grants": selectors.grants_for_dataset(dataset),
            "events": events_for(dataset, limit=50),
            "request_link": (
                request.build_absolute_uri(
                    reverse(
                        "governance:request-create",
                        kwargs={"token": requests.request_link_token(dataset)},
                    )
                )
                if dataset.access_level == "restricted"
                else ""
            ),
        },
    )


@login_required
@require_POST
def grant_revoke(request: HttpRequest, slug: str, grant_id: int) -> HttpResponse:
    dataset = access.dataset_for_user(request.user, slug, "manage_grants")
    grant = selectors.grants_for_dataset(dataset).filter(pk=grant_id).first()
    if grant is None:
        raise Http404("No such grant")
    if grant.is_active:
        services.grant_revoke(grant=grant, actor=request.user, request=request)
        messages.success(request, f"Access for {grant.grantee} ended")
    return redirect(reverse("governance:dataset-sharing", kwargs={"slug": dataset.slug}))


def publish_blocked(request: HttpRequest, dataset, blockers, form=None) -> HttpResponse:
    """Why a dataset cannot be published as open, what to remove, and for its stewards the
    form to publish anyway with a reason (shown by the catalogue's publish view too)."""
    may_override = access.can(request.user, "manage_grants", dataset)
    if may_override and form is None:
        form = OverrideForm(
            action=reverse("governance:publish-override", kwargs={"slug": dataset.slug})
        )
    return render(
        request,
        "governance/publish_blocked.html",
        {"dataset": dataset, "blockers": blockers, "may_override": may_override, "form": form},
        status=409,
    )


@login_required
@require_http_methods(["GET", "POST"])
def publish_override(request: HttpRequest, slug: str) -> HttpResponse:
    """A steward publishes open data the personal-data rule would stop, giving a reason."""
    dataset = access.dataset_for_user(request.user, slug, "manage_grants")
    blockers = api.publish_blockers(dataset)
    if not blockers or dataset.is_published:
        return redirect(dataset)
    form = OverrideForm(request.POST or None, action=request.path)
    if request.method == "POST" and form.is_valid():
        catalogue.dataset_publish(
            actor=request.user,
            dataset=dataset,
            request=request,
            override_reason=form.cleaned_data["reason"],
        )
        messages.success(request, "Dataset published. Your reason is recorded in the audit trail.")
        return redirect(dataset)
    response = publish_blocked(request, dataset, blockers, form)
    if request.method == "GET":
        response.status_code = 200
    return response


def _staff_only(request: HttpRequest) -> None:
    if not access.is_staff(request.user):
        raise Http404("Staff only")


@login_required
@require_http_methods(["GET", "POST"])
def request_create(request: HttpRequest, token: str) -> HttpResponse:
    """Ask for a restricted dataset, from the link its steward shared."""
    _staff_only(request)
    dataset = requests.dataset_for_token(token)
    if dataset is None:
        raise Http404("This link does not work")
    if access.can(request.user, "view", dataset):
        messages.info(request, "You can already see this dataset")
        return redirect(dataset)
    form = AccessRequestForm(
        request.POST or None, special_category=dataset.contains_special_category_data
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        requests.access_request_create(
            dataset=dataset,
            requester=request.user,
            purpose=data["purpose"],
            lawful_basis=data["lawful_basis"],
            special_category_condition=data.get("special_category_condition", ""),
            needed_until=data["needed_until"],
            agreement_reference=data["agreement_reference"],
            columns=form.column_list(),
            request=request,
        )
        messages.success(request, "Request sent. The data steward will decide and email you.")
        return redirect("governance:my-access")
    return render(request, "governance/request_form.html", {"dataset": dataset, "form": form})


@login_required
def my_access(request: HttpRequest) -> HttpResponse:
    """The restricted data a person holds or has asked for."""
    return render(
        request,
        "governance/my_access.html",
        {
            "grants": selectors.grants_held_by(request.user),
            "asked": selectors.requests_by(request.user),
        },
    )


@login_required
def request_queue(request: HttpRequest) -> HttpResponse:
    """Requests waiting for this steward or Caldicott Guardian, and ones decided lately."""
    _staff_only(request)
    mine = selectors.requests_for_datasets(
        access.datasets_visible_to(request.user, "manage_grants")
    )
    caldicott = requests.is_caldicott_guardian(request.user)
    return render(
        request,
        "governance/request_queue.html",
        {
            "pending": mine.filter(status="pending"),
            "to_review": access.datasets_visible_to(request.user, "publish").filter(
                status="review"
            ),
            "decided": mine.exclude(status="pending")[:50],
            "caldicott": selectors.requests_awaiting_caldicott() if caldicott else None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One request, with the decision forms for whoever may decide it."""
    ask = selectors.access_request_get(pk)
    if ask is None:
        raise Http404("No such request")
    as_steward = requests.may_decide_as_steward(request.user, ask)
    as_caldicott = requests.may_decide_as_caldicott(request.user, ask)
    if not (as_steward or as_caldicott or ask.requester_id == request.user.pk):
        raise Http404("No such request")
    decision = request.POST.get("decision") if request.method == "POST" else None
    approve = ApproveForm(
        request.POST if decision == "approve" else None,
        asked_columns=ask.columns,
        initial={"until": ask.needed_until, "columns": ask.columns},
    )
    refuse = RefuseForm(request.POST if decision == "refuse" else None)
    try:
        if decision == "approve" and as_steward and approve.is_valid():
            requests.access_request_approve(
                access_request=ask,
                steward=request.user,
                until=approve.cleaned_data["until"],
                columns=approve.cleaned_data.get("columns"),
                request=request,
            )
            return _decided(request, ask, "Approved")
        if decision == "sign_off" and as_caldicott:
            requests.access_request_sign_off(
                access_request=ask, guardian=request.user, request=request
            )
            return _decided(request, ask, "Signed off")
        if decision == "refuse" and (as_steward or as_caldicott) and refuse.is_valid():
            requests.access_request_refuse(
                access_request=ask, actor=request.user, reason=refuse.cleaned_data["reason"],
                request=request,
            )  # fmt: skip
            return _decided(request, ask, "Refused")
    except requests.DecisionError as error:
        messages.error(request, str(error))
        return redirect("governance:request-detail", pk=ask.pk)
    form = approve if decision == "approve" else refuse if decision == "refuse" else None
    return render(
        request,
        "governance/request_detail.html",
        {
            "ask": ask,
            "form": form,
            "approve_form": approve,
            "refuse_form": refuse,
            "as_steward": as_steward,
            "as_caldicott": as_caldicott,
        },
    )


def _decided(request: HttpRequest, ask, what: str) -> HttpResponse:
    messages.success(request, f"{what}: {ask.requester}’s request for {ask.dataset.title}")
    return redirect("governance:request-queue")


AUDIT_PAGE_SIZE = 50


def _audit_datasets(request: HttpRequest):
    """The datasets whose trail this person may read: a steward's own, and for a Caldicott
    Guardian every dataset holding personal data; administrators all. Anyone else: 404."""
    datasets = access.datasets_visible_to(request.user, "view_audit")
    if requests.is_caldicott_guardian(request.user):
        datasets = datasets | selectors.datasets_with_personal_data()
    if not datasets.exists():
        raise Http404("No audit trail for you")
    return datasets


def _audit_events(request: HttpRequest):
    datasets = _audit_datasets(request)
    # Administrators also see the trail of datasets since deleted.
    ids = None if request.user.is_superuser else list(datasets.values_list("pk", flat=True))
    form = AuditFilterForm(
        request.GET or None, datasets=datasets.order_by("title"), actions=AuditEvent.Action.choices
    )
    data = form.cleaned_data if form.is_valid() else {}
    events = events_search(
        object_type="catalogue.dataset",
        object_ids=[data["dataset"]] if data.get("dataset") else ids,
        actor_email=data.get("person", "").strip(),
        actions=[data["action"]] if data.get("action") else (),
        since=data.get("since"),
        until=data.get("until"),
    )
    return form, events


@login_required
def audit_trail(request: HttpRequest) -> HttpResponse:
    """Who viewed, queried or downloaded restricted data; grants made and ended; overrides."""
    form, events = _audit_events(request)
    page = Paginator(events, AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "governance/audit_trail.html",
        {"form": form, "page_obj": page, "query": query.urlencode()},
    )


@login_required
def audit_export(request: HttpRequest) -> HttpResponse:
    """The filtered trail as CSV, safe to open in a spreadsheet."""
    _, events = _audit_events(request)
    rows = (
        (e.at.isoformat(), e.actor_email, e.get_action_display(), e.object_repr, e.object_id,
         e.ip_address or "", json.dumps(e.details, ensure_ascii=False))
        for e in events.iterator()
    )  # fmt: skip
    header = ("When", "Who", "What", "Dataset", "Dataset id", "From", "Details")
    response = HttpResponse(csv_text(header, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="audit-trail.csv"'
    response["Cache-Control"] = "private, no-store"
    return response


REVIEW_SOON_DAYS = 30


def _may_edit_agreements(user) -> bool:
    return user.is_superuser or requests.is_caldicott_guardian(user) or access.datasets_visible_to(
        user, "manage_grants"
    ).exists() or requests.is_steward(user)  # fmt: skip


@login_required
def agreement_list(request: HttpRequest) -> HttpResponse:
    _staff_only(request)
    due = request.GET.get("due") == "1"
    return render(
        request,
        "governance/agreement_list.html",
        {
            "agreements": selectors.agreements(due_within_days=REVIEW_SOON_DAYS if due else None),
            "due": due,
            "soon_days": REVIEW_SOON_DAYS,
            "may_edit": _may_edit_agreements(request.user),
        },
    )


def _agreement_or_404(pk: int):
    agreement = selectors.agreement_get(pk)
    if agreement is None:
        raise Http404("No such agreement")
    return agreement


@login_required
def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _staff_only(request)
    agreement = _agreement_or_404(pk)
    # Linked datasets and grants only as far as this person may see them.
    datasets = agreement.datasets.filter(pk__in=access.datasets_visible_to(request.user))
    managed = access.datasets_visible_to(request.user, "manage_grants")
    return render(
        request,
        "governance/agreement_detail.html",
        {
            "agreement": agreement,
            "datasets": datasets,
            "grants": agreement.grants.filter(dataset__in=managed).select_related("dataset"),
            "may_edit": _may_edit_agreements(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def agreement_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Create (no pk) or edit an agreement: stewards, Caldicott Guardians, administrators."""
    if not _may_edit_agreements(request.user):
        raise Http404("No such page")
    agreement = _agreement_or_404(pk) if pk is not None else None
    managed = access.datasets_visible_to(request.user, "manage_grants")
    form = AgreementForm(
        request.POST or None,
        instance=agreement,
        datasets=access.datasets_visible_to(request.user).order_by("title"),
        grants=selectors.grants_managed_in(managed),
    )
    if request.method == "POST" and form.is_valid():
        saved = services.agreement_save(form=form, actor=request.user, request=request)
        messages.success(request, "Agreement saved")
        return redirect("governance:agreement-detail", pk=saved.pk)
    return render(request, "governance/agreement_form.html", {"form": form, "agreement": agreement})
