"""Writes for questions and answers. Every write keeps the edit history and tells the search
hook what changed."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.text import slugify

from townsquare.knowledge import permissions
from townsquare.knowledge.models import Answer, Question, Tag
from townsquare.knowledge.signals_search import content_changed
from townsquare.knowledge.similar import index_question

from .common import revision_record


def _slug(title: str) -> str:
    return slugify(title)[:100] or "question"


@transaction.atomic
def question_create(
    *,
    author,
    title: str,
    body: str,
    tags: Iterable[Tag] = (),
    datasets: Iterable = (),
    community=None,
) -> Question:
    question = Question(author=author, title=title.strip(), slug=_slug(title), body=body.strip())
    if community is not None:
        question.community = community
    question.full_clean()
    question.save()
    question.tags.set(tags)
    question.datasets.set(datasets)
    index_question(question)
    revision_record(target=question, editor=author, title=question.title, body=question.body)
    content_changed(question)
    return question


@transaction.atomic
def question_edit(
    *,
    question: Question,
    editor,
    title: str,
    body: str,
    tags: Iterable[Tag],
    datasets: Iterable,
    note: str = "",
) -> Question:
    title_changed = question.title != title.strip()
    question.title, question.body = title.strip(), body.strip()
    question.slug = _slug(question.title)
    question.full_clean()
    question.save(update_fields=["title", "slug", "body", "modified"])
    question.tags.set(tags)
    question.datasets.set(datasets)
    if title_changed:
        index_question(question)
    revision_record(
        target=question, editor=editor, title=question.title, body=question.body, note=note
    )
    content_changed(question)
    return question


@transaction.atomic
def answer_create(*, question: Question, author, body: str, datasets: Iterable = ()) -> Answer:
    answer = Answer(question=question, author=author, body=body.strip())
    answer.full_clean()
    answer.save()
    answer.datasets.set(datasets)
    Question.objects.filter(pk=question.pk).update(answer_count=F("answer_count") + 1)
    question.refresh_from_db(fields=["answer_count"])
    revision_record(target=answer, editor=author, title="", body=answer.body)
    content_changed(answer)
    return answer


@transaction.atomic
def answer_edit(*, answer: Answer, editor, body: str, note: str = "") -> Answer:
    answer.body = body.strip()
    answer.full_clean()
    answer.save(update_fields=["body", "modified"])
    revision_record(target=answer, editor=editor, title="", body=answer.body, note=note)
    content_changed(answer)
    return answer


def may_accept(user, question: Question) -> bool:
    return user.is_authenticated and (
        user.pk == question.author_id or permissions.can_moderate(user, question)
    )


def may_edit(user, obj: Question | Answer) -> bool:
    return user.is_authenticated and (
        user.pk == obj.author_id or permissions.can_moderate(user, obj)
    )


@transaction.atomic
def answer_accept(*, answer: Answer, actor) -> Question:
    """Mark the answer that solved the question; accepting the accepted one takes it back."""
    question = answer.question
    if not may_accept(actor, question):
        raise PermissionDenied("Only the person who asked or a moderator can accept an answer")
    question.accepted_answer = None if question.accepted_answer_id == answer.pk else answer
    question.save(update_fields=["accepted_answer", "modified"])
    content_changed(question)
    return question


@transaction.atomic
def question_mark_duplicate(*, question: Question, original: Question | None, actor) -> Question:
    """Point a question at the one it repeats (None clears it). Moderators only."""
    if not permissions.can_moderate(actor, question):
        raise PermissionDenied("Only moderators can mark duplicates")
    if original is not None and (
        original.pk == question.pk or original.duplicate_of_id == question.pk
    ):
        raise ValidationError("A question cannot be a duplicate of itself")
    question.duplicate_of = original
    question.save(update_fields=["duplicate_of", "modified"])
    content_changed(question)
    return question
