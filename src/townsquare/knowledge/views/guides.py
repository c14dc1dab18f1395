"""Guides: knowledge articles for staff, with an owner, a review date, a verified stamp and an
edit history."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from townsquare.knowledge import limits, rules_content, visibility  # noqa: F401 - registers rules
from townsquare.knowledge.forms.guides import GuideForm
from townsquare.knowledge.guide_templates import DESCRIPTIONS, TEMPLATES
from townsquare.knowledge.models import Guide
from townsquare.knowledge.selectors import guides as selectors
from townsquare.knowledge.services import guides as services
from townsquare.knowledge.services.common import tags_from_text

from .helpers import staff_required

PAGE_SIZE = 25


@staff_required
def guide_list(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()[:200]
    kind = request.GET.get("kind", "")
    guides = selectors.guide_list(request.user, q=q, kind=kind, tag=request.GET.get("tag", ""))
    return render(
        request,
        "knowledge/guide_list.html",
        {
            "page_obj": Paginator(guides, PAGE_SIZE).get_page(request.GET.get("page")),
            "q": q,
            "kind": kind,
            "kinds": Guide.Kind.choices,
            "due_count": selectors.guides_due_for_review(request.user).count(),
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def guide_new(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind") or request.POST.get("kind", "")
    if kind not in TEMPLATES:
        choices = [(k, label, DESCRIPTIONS[k]) for k, label in Guide.Kind.choices]
        return render(request, "knowledge/guide_choose.html", {"choices": choices})
    initial = {"body": TEMPLATES[kind], "review_by": services.default_review_date()}
    if slug := request.GET.get("dataset", "")[:100]:
        initial["datasets_text"] = f"/datasets/{slug}/"
    form = GuideForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        if refused := limits.check_can_post(request.user):
            form.add_error(None, refused)
        else:
            guide = services.guide_create(owner=request.user, kind=kind, **_fields(form))
            messages.success(request, "Your guide has been published")
            return redirect(guide)
    return render(
        request, "knowledge/guide_form.html", {"form": form, "kind": kind, "editing": False}
    )


def _fields(form: GuideForm) -> dict:
    data = form.cleaned_data
    return {
        "title": data["title"],
        "summary": data["summary"],
        "body": data["body"],
        "review_by": data["review_by"],
        "tags": tags_from_text(data["tags_text"]),
        "datasets": data.get("datasets", []),
        "people": data.get("people", []),
    }


def _guide_or_404(request: HttpRequest, slug: str) -> Guide:
    guide = selectors.guide_get(slug)
    if guide is None:
        raise Http404("No such guide")
    if guide.is_hidden and not (
        visibility.can_edit_guide(request.user, guide) or request.user.is_superuser
    ):
        raise Http404("No such guide")
    return guide


@staff_required
def guide_detail(request: HttpRequest, slug: str) -> HttpResponse:
    guide = _guide_or_404(request, slug)
    return render(
        request,
        "knowledge/guide_detail.html",
        {
            "guide": guide,
            "may_edit": visibility.can_edit_guide(request.user, guide),
            "overdue": guide.review_by < timezone.localdate(),
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def guide_edit(request: HttpRequest, slug: str) -> HttpResponse:
    guide = _guide_or_404(request, slug)
    if not visibility.can_edit_guide(request.user, guide):
        raise PermissionDenied
    initial = {
        "title": guide.title,
        "summary": guide.summary,
        "body": guide.body,
        "review_by": guide.review_by,
        "tags_text": ", ".join(t.name for t in guide.tags.all()),
        "datasets_text": ", ".join(f"/datasets/{d.slug}/" for d in guide.datasets.all()),
        "people_text": ", ".join(p.email for p in guide.people.all()),
    }
    form = GuideForm(request.POST or None, user=request.user, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        services.guide_edit(
            guide=guide, editor=request.user, note=form.cleaned_data["note"], **_fields(form)
        )
        messages.success(request, "Your changes have been saved")
        return redirect(guide)
    return render(
        request, "knowledge/guide_form.html", {"form": form, "guide": guide, "editing": True}
    )


@staff_required
@require_POST
def guide_verify(request: HttpRequest, slug: str) -> HttpResponse:
    guide = _guide_or_404(request, slug)
    if not visibility.can_edit_guide(request.user, guide):
        raise PermissionDenied
    services.guide_verify(guide=guide, verifier=request.user)
    messages.success(request, "You have verified the guide. Its next review date has been set.")
    return redirect(guide)


@staff_required
def guide_history(request: HttpRequest, slug: str) -> HttpResponse:
    guide = _guide_or_404(request, slug)
    return render(
        request,
        "knowledge/guide_history.html",
        {"guide": guide, "changes": selectors.history(guide)},
    )


@staff_required
def guide_review(request: HttpRequest) -> HttpResponse:
    """The guides past their review date that this person owns (administrators: all)."""
    return render(
        request,
        "knowledge/guide_review.html",
        {"guides": selectors.guides_due_for_review(request.user)},
    )
