from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from townsquare.catalogue import services as catalogue
from townsquare.core import access
from townsquare.core.audit import events_for

from . import api, selectors, services
from .forms import GrantForm, OverrideForm


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
