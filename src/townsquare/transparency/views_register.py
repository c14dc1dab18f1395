"""The register's pages: the public compliance page (and its JSON), the staff dashboard and the
administrators' form to register a Code dataset."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from townsquare.core import access

from . import register as reg
from .code import BY_KEY
from .forms_register import RegisterCodeDatasetForm
from .services_register import register_code_dataset

STATE_ORDER = [
    reg.State.ON_TIME, reg.State.LATE, reg.State.DUE_SOON, reg.State.OVERDUE,
    reg.State.NOT_YET_DUE, reg.State.NOT_SET_UP, reg.State.NOT_PUBLISHED,
]  # fmt: skip


@require_GET
def compliance(request: HttpRequest) -> HttpResponse:
    """What the Code asks for, what the council publishes and what is late: for everyone."""
    today = timezone.localdate()
    entries = reg.register(request.user, today)
    counted = reg.counts(entries)
    return render(
        request,
        "transparency/register/compliance.html",
        {
            "entries": entries,
            "required": [e for e in entries if e.code.required],
            "incentive": [e for e in entries if not e.code.required],
            "late": [e for e in entries if e.state == reg.State.OVERDUE or e.missing],
            "counts": [(s, counted[s]) for s in STATE_ORDER if counted[s]],
            "total": len(entries),
            "last_updated": reg.last_updated(entries),
            "today": today,
        },
    )


@require_GET
def compliance_json(request: HttpRequest) -> JsonResponse:
    today = timezone.localdate()
    data = reg.as_json(reg.register(request.user, today), today)
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    """What each publishing team must do next: staff only."""
    if not access.is_staff(request.user):
        raise Http404("Staff only")
    today = timezone.localdate()
    entries = reg.register(request.user, today)
    teams = [
        (team, [(e, reg.next_step(e, today)) for e in team.entries])
        for team in reg.by_team(entries)
    ]
    return render(
        request,
        "transparency/register/dashboard.html",
        {
            "teams": teams,
            "today": today,
            "crumbs": [
                ("Transparency Code", reverse("transparency:compliance")),
                ("What each team must publish", ""),
            ],
            "is_admin": access.principal_for(request.user).is_admin,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def register_code(request: HttpRequest, code_key: str) -> HttpResponse:
    """Register the dataset that meets one Code dataset: administrators only."""
    code = BY_KEY.get(code_key)
    if code is None or not access.principal_for(request.user).is_admin:
        raise Http404("No such page")
    existing = reg.code_series().get(code.key)
    if existing is not None:
        return render(
            request, "transparency/register/register_done.html", {"code": code, "series": existing}
        )
    form = RegisterCodeDatasetForm(request.POST or None, code=code)
    if request.method == "POST" and form.is_valid():
        try:
            register_code_dataset(
                actor=request.user,
                code=code,
                dataset=form.cleaned_data["dataset"],
                responsible_unit=form.cleaned_data["responsible_unit"],
                first_period_start=form.cleaned_data["first_period_start"],
                request=request,
            )
        except IntegrityError:
            form.add_error(None, "Someone registered this Code dataset or dataset meanwhile")
        else:
            messages.success(request, f"{code.title} is now in the transparency register")
            return redirect(reverse("transparency:dashboard"))
    return render(request, "transparency/register/register_form.html", {"form": form, "code": code})
