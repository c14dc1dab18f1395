"""Submitting a reuse of a dataset."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from townsquare.core import access
from townsquare.knowledge import limits
from townsquare.knowledge.forms.reuses import ReuseForm
from townsquare.knowledge.services.reuses import reuse_submit


@login_required
@require_http_methods(["GET", "POST"])
def reuse_new(request: HttpRequest, slug: str) -> HttpResponse:
    dataset = access.dataset_for_user(request.user, slug)
    form = ReuseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if refused := limits.check_can_post(request.user):
            form.add_error(None, refused)
        else:
            reuse_submit(dataset=dataset, submitted_by=request.user, **form.cleaned_data)
            messages.success(
                request, "Thank you. Your reuse will appear once a moderator has checked it."
            )
            return redirect(f"{dataset.get_absolute_url()}#reuses")
    return render(request, "knowledge/reuse_form.html", {"form": form, "dataset": dataset})
