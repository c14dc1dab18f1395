"""Comments, votes and reports on any registered kind of content (see knowledge/targets.py)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from townsquare.knowledge import limits, targets
from townsquare.knowledge.forms.common import CommentForm, ReportForm
from townsquare.knowledge.models import Hideable
from townsquare.knowledge.services import common as services
from townsquare.knowledge.services.moderation import report_create

from .helpers import safe_next


def _back(request: HttpRequest, obj, anchor: str = "") -> str:
    return safe_next(request, f"{obj.get_absolute_url()}{anchor}")


@login_required
@require_POST
def comment_add(request: HttpRequest, label: str, pk: int) -> HttpResponse:
    target = targets.target_for_user(request.user, label, pk, "comment")
    form = CommentForm(request.POST)
    if refused := limits.check_can_post(request.user):
        messages.error(request, refused)
    elif form.is_valid():
        services.comment_add(target=target, author=request.user, body=form.cleaned_data["body"])
        messages.success(request, "Your comment has been added")
    else:
        return render(
            request, "knowledge/comment_form.html", {"form": form, "target": target}, status=400
        )
    return redirect(_back(request, target, "#comments"))


@login_required
@require_POST
def vote_toggle(request: HttpRequest, label: str, pk: int) -> HttpResponse:
    target = targets.target_for_user(request.user, label, pk, "vote")
    voted = services.vote_toggle(target=target, user=request.user)
    messages.success(request, "Thank you for your vote" if voted else "Your vote was taken back")
    return redirect(_back(request, target))


@login_required
@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, label: str, pk: int) -> HttpResponse:
    target = targets.target_for_user(request.user, label, pk, "view")
    if not isinstance(target, Hideable) or target.is_hidden:
        raise Http404("This cannot be reported")
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        report_create(
            target=target,
            reporter=request.user,
            reason=form.cleaned_data["reason"],
            details=form.cleaned_data["details"],
        )
        messages.success(request, "Thank you. A moderator will look at your report.")
        return redirect(_back(request, target))
    return render(
        request,
        "knowledge/report_form.html",
        {"form": form, "target": target, "next": request.GET.get("next", "")},
    )
