from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from townsquare.core import access
from townsquare.core.audit import events_for

from . import selectors, services
from .forms import GrantForm


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
