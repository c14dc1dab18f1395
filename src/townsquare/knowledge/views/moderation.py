"""The moderators' queue, hiding and restoring, and the code of conduct."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from townsquare.knowledge import permissions, targets
from townsquare.knowledge.forms.common import ModerationForm
from townsquare.knowledge.models import Hideable
from townsquare.knowledge.selectors import moderation as selectors
from townsquare.knowledge.selectors.reuses import reuse_get
from townsquare.knowledge.services import moderation as services
from townsquare.knowledge.services.reuses import reuse_review

from .helpers import safe_next


def code_of_conduct(request: HttpRequest) -> HttpResponse:
    return render(request, "knowledge/code_of_conduct.html")


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    if not permissions.can_moderate(request.user):
        raise PermissionDenied("Only moderators can see the moderation queue")
    return render(
        request,
        "knowledge/moderation_queue.html",
        {
            "reports": selectors.open_reports(request.user),
            "reuses": selectors.pending_reuses(request.user),
        },
    )


def _moderated_target(request: HttpRequest, label: str, pk: int):
    target = targets.target_for_user(request.user, label, pk, "view")
    if not isinstance(target, Hideable):
        raise Http404("This cannot be moderated")
    if not permissions.can_moderate(request.user, target):
        raise PermissionDenied("Only moderators can do that")
    return target


@login_required
@require_http_methods(["GET", "POST"])
def hide(request: HttpRequest, label: str, pk: int) -> HttpResponse:
    return _hide_or_restore(request, label, pk, hiding=True)


@login_required
@require_http_methods(["GET", "POST"])
def restore(request: HttpRequest, label: str, pk: int) -> HttpResponse:
    return _hide_or_restore(request, label, pk, hiding=False)


def _hide_or_restore(request: HttpRequest, label: str, pk: int, *, hiding: bool) -> HttpResponse:
    target = _moderated_target(request, label, pk)
    form = ModerationForm(request.POST or None, submit="Hide" if hiding else "Restore")
    if request.method == "POST" and form.is_valid():
        change = services.content_hide if hiding else services.content_restore
        change(
            target=target, actor=request.user, reason=form.cleaned_data["reason"], request=request
        )
        messages.success(request, "Content hidden" if hiding else "Content restored")
        return redirect(safe_next(request, _address(target)))
    return render(
        request,
        "knowledge/moderation_form.html",
        {"form": form, "target": target, "hiding": hiding, "next": request.GET.get("next", "")},
    )


@login_required
@require_POST
def report_dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_for_moderator(request.user, pk)
    if report is None:
        raise Http404("No such report")
    services.report_dismiss(report=report, actor=request.user)
    messages.success(request, "Report dismissed")
    return redirect("knowledge:moderation")


@login_required
@require_POST
def reuse_decide(request: HttpRequest, pk: int) -> HttpResponse:
    reuse = reuse_get(pk)
    if reuse is None or not permissions.can_moderate(request.user, reuse):
        raise Http404("No such reuse")
    approve = request.POST.get("decision") == "approve"
    reuse_review(reuse=reuse, actor=request.user, approve=approve)
    messages.success(request, f"‘{reuse.title}’ {'approved' if approve else 'rejected'}")
    return redirect("knowledge:moderation")


def _address(target) -> str:
    url = getattr(target, "get_absolute_url", None)
    return url() if url else "/moderation/"
