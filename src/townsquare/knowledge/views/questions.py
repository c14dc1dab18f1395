"""Question and answer pages: lists, asking (with similar questions first), answering,
accepting, duplicates and edit history."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from townsquare.knowledge import limits, permissions
from townsquare.knowledge.forms.common import CommentForm
from townsquare.knowledge.forms.questions import (
    AnswerForm,
    DuplicateForm,
    QuestionForm,
    initial_for,
)
from townsquare.knowledge.models import Answer
from townsquare.knowledge.selectors import common as common_selectors
from townsquare.knowledge.selectors import questions as selectors
from townsquare.knowledge.services import questions as services
from townsquare.knowledge.services.common import tags_from_text

from .helpers import staff_required

PAGE_SIZE = 20


@staff_required
def question_list(
    request: HttpRequest,
    tag: str | None = None,
    directorate: str | None = None,
    community: str | None = None,
):
    view = request.GET.get("view", "all")
    view = view if view in selectors.VIEWS else "all"
    sort = request.GET.get("sort", "newest")
    sort = sort if sort in selectors.SORTS else "newest"
    tag_obj = _or_404(common_selectors.tag_get(tag)) if tag else None
    unit = _or_404(selectors.directorate_get(directorate)) if directorate else None
    group = _or_404(selectors.community_for_user(request.user, community)) if community else None
    questions = selectors.question_list(
        request.user, view=view, sort=sort, tag=tag_obj, directorate=unit, community=group
    )
    page = Paginator(questions, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "knowledge/question_list.html",
        {
            "page_obj": page,
            "view": view,
            "sort": sort,
            "views": selectors.VIEWS,
            "sorts": selectors.SORTS,
            "tag": tag_obj,
            "directorate": unit,
            "community": group,
            "directorates": selectors.directorates(),
        },
    )


def _or_404(obj):
    if obj is None:
        raise Http404("Not found")
    return obj


@staff_required
@require_http_methods(["GET", "POST"])
def question_ask(request: HttpRequest) -> HttpResponse:
    initial = {}
    if slug := request.GET.get("dataset", "")[:100]:
        initial["datasets_text"] = f"/datasets/{slug}/"
    form = QuestionForm(
        request.POST or None,
        user=request.user,
        initial=initial,
        similar_url=reverse("knowledge:question-similar"),
    )
    editing_again = request.POST.get("confirmed") == "edit"
    if request.method != "POST" or not form.is_valid() or editing_again:
        return render(request, "knowledge/question_ask.html", {"form": form})
    if refused := limits.check_can_post(request.user):
        form.add_error(None, refused)
        return render(request, "knowledge/question_ask.html", {"form": form})
    data = form.cleaned_data
    similar = selectors.similar_questions(request.user, data["title"])
    if similar and request.POST.get("confirmed") != "yes":
        return render(
            request, "knowledge/question_confirm.html", {"form": form, "similar": similar}
        )
    question = services.question_create(
        author=request.user,
        title=data["title"],
        body=data["body"],
        tags=tags_from_text(data["tags_text"]),
        datasets=data["datasets"],
        community=data.get("community"),
    )
    messages.success(request, "Your question has been posted")
    return redirect(question)


@staff_required
@require_GET
def question_similar(request: HttpRequest) -> HttpResponse:
    """The similar-questions panel for htmx, as the person types a title."""
    title = request.GET.get("title", "")[:200]
    similar = selectors.similar_questions(request.user, title) if len(title) >= 5 else []
    return render(request, "knowledge/includes/similar_questions.html", {"similar": similar})


@staff_required
def question_detail(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    question = selectors.question_for_user(request.user, pk)
    if slug != question.slug:
        return redirect(question, permanent=True)
    answers = selectors.answers_for(question)
    comments = common_selectors.comments_for_many(answers)
    for answer in answers:
        answer.comment_list = comments[answer.pk]
    user = request.user
    return render(
        request,
        "knowledge/question_detail.html",
        {
            "question": question,
            "answers": answers,
            "question_comments": common_selectors.comments_for(question),
            "voted_question": question.pk
            in common_selectors.voted_ids(user, type(question), [question.pk]),
            "voted_answers": common_selectors.voted_ids(user, Answer, [a.pk for a in answers]),
            "answer_form": AnswerForm(
                user=user, action=reverse("knowledge:answer-create", args=[question.pk])
            ),
            "comment_form": CommentForm(),
            "may_accept": services.may_accept(user, question),
            "may_edit": services.may_edit(user, question),
            "may_moderate": permissions.can_moderate(user, question),
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def question_edit(request: HttpRequest, pk: int) -> HttpResponse:
    question = selectors.question_for_user(request.user, pk)
    if not services.may_edit(request.user, question):
        raise PermissionDenied("Only the person who asked or a moderator can edit this")
    form = QuestionForm(
        request.POST or None, user=request.user, editing=True, initial=initial_for(question)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.question_edit(
            question=question,
            editor=request.user,
            title=data["title"],
            body=data["body"],
            tags=tags_from_text(data["tags_text"]),
            datasets=data["datasets"],
            note=data["note"],
        )
        messages.success(request, "Question updated")
        return redirect(question)
    return render(request, "knowledge/question_edit.html", {"form": form, "question": question})


@staff_required
@require_http_methods(["GET", "POST"])
def answer_create(request: HttpRequest, pk: int) -> HttpResponse:
    question = selectors.question_for_user(request.user, pk)
    if question.is_hidden:
        raise Http404("This question cannot be answered")
    form = AnswerForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        if refused := limits.check_can_post(request.user):
            form.add_error(None, refused)
        else:
            answer = services.answer_create(
                question=question,
                author=request.user,
                body=form.cleaned_data["body"],
                datasets=form.cleaned_data["datasets"],
            )
            messages.success(request, "Your answer has been posted")
            return redirect(answer.get_absolute_url())
    return render(request, "knowledge/answer_form.html", {"form": form, "question": question})


@staff_required
@require_http_methods(["GET", "POST"])
def answer_edit(request: HttpRequest, pk: int) -> HttpResponse:
    answer = selectors.answer_for_user(request.user, pk)
    if not services.may_edit(request.user, answer):
        raise PermissionDenied("Only the person who answered or a moderator can edit this")
    form = AnswerForm(
        request.POST or None, user=request.user, editing=True, initial={"body": answer.body}
    )
    if request.method == "POST" and form.is_valid():
        services.answer_edit(
            answer=answer, editor=request.user, body=form.cleaned_data["body"],
            note=form.cleaned_data["note"],
        )  # fmt: skip
        messages.success(request, "Answer updated")
        return redirect(answer.get_absolute_url())
    return render(
        request,
        "knowledge/answer_form.html",
        {"form": form, "question": answer.question, "answer": answer},
    )


@staff_required
@require_POST
def answer_accept(request: HttpRequest, pk: int) -> HttpResponse:
    answer = selectors.answer_for_user(request.user, pk)
    question = services.answer_accept(answer=answer, actor=request.user)
    if question.accepted_answer_id:
        messages.success(request, "Answer accepted")
    else:
        messages.success(request, "Answer no longer accepted")
    return redirect(answer.get_absolute_url())


@staff_required
@require_http_methods(["GET", "POST"])
def question_duplicate(request: HttpRequest, pk: int) -> HttpResponse:
    question = selectors.question_for_user(request.user, pk)
    if not permissions.can_moderate(request.user, question):
        raise PermissionDenied("Only moderators can mark duplicates")
    initial = {
        "original": question.duplicate_of.get_absolute_url() if question.duplicate_of else ""
    }
    form = DuplicateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        original = selectors.question_from_address(request.user, form.cleaned_data["original"])
        if form.cleaned_data["original"] and (original is None or original.pk == question.pk):
            form.add_error("original", "Enter the address of another question")
        else:
            services.question_mark_duplicate(
                question=question, original=original, actor=request.user
            )
            messages.success(request, "Saved")
            return redirect(question)
    return render(
        request, "knowledge/question_duplicate.html", {"form": form, "question": question}
    )


@staff_required
def question_history(request: HttpRequest, pk: int) -> HttpResponse:
    question = selectors.question_for_user(request.user, pk)
    return _history(request, question, question)


@staff_required
def answer_history(request: HttpRequest, pk: int) -> HttpResponse:
    answer = selectors.answer_for_user(request.user, pk)
    return _history(request, answer, answer.question)


def _history(request: HttpRequest, obj, question) -> HttpResponse:
    if obj.is_hidden and not permissions.can_moderate(request.user, obj):
        raise Http404("No history")
    return render(
        request,
        "knowledge/history.html",
        {"object": obj, "question": question, "changes": selectors.history(obj)},
    )
