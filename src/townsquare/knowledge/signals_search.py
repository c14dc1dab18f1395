"""The one hook between knowledge and the search index. Every knowledge service that creates,
updates, hides or restores content calls `content_changed(obj)` after its write, inside its
transaction; deletes (which no service makes yet: the admin, cascades) arrive by signal. Either
way the index changes in the same transaction as the content.

An answer or a comment is part of its question's document, so changing one re-indexes the
question. Content the index does not hold (discussions, events, reuses) is ignored.
"""

from __future__ import annotations

from django.db import models
from django.db.models.signals import post_delete, post_save, pre_delete

from townsquare.search import api as search
from townsquare.search.registry import register_source, register_visibility

from . import search_source as sources
from .models import Answer, Comment, Community, DataRequest, Guide, Question

INDEXED = (Question, Guide, Community, DataRequest)


def content_changed(obj: models.Model) -> None:
    """Called after `obj` was created, edited, hidden, restored or deleted."""
    if isinstance(obj, Comment):
        _comment_changed(obj)
    elif isinstance(obj, Answer):
        _reindex_question(obj.question_id)
    elif isinstance(obj, INDEXED):
        if obj.pk is None:  # deleted: the delete signal has already removed it
            return
        search.index_object(obj)
        if isinstance(obj, Community):
            # Open or private decides who sees its questions.
            for question in Question.objects.filter(community=obj).only("pk"):
                search.index_object(question)


def _comment_changed(comment: Comment) -> None:
    model = comment.content_type.model_class()
    if model is Question:
        _reindex_question(comment.object_id)
    elif model is Answer:
        answer = Answer.objects.filter(pk=comment.object_id).values("question_id").first()
        _reindex_question(answer["question_id"] if answer else None)


def _reindex_question(question_id: int | None) -> None:
    question = Question.objects.filter(pk=question_id).first() if question_id else None
    if question is not None:
        search.index_object(question)


# Deletes that bypass the services (the admin, cascades), in the deleting transaction -----------


def _deleted(sender, instance: models.Model, **kwargs) -> None:
    search.remove_object(instance)


def _part_deleted(sender, instance: models.Model, **kwargs) -> None:
    content_changed(instance)


def _community_deleting(sender, instance: Community, **kwargs) -> None:
    # Its questions lose their community (SET_NULL, no save signal): note them to re-index.
    instance._search_question_ids = list(
        Question.objects.filter(community=instance).values_list("pk", flat=True)
    )


def _community_deleted(sender, instance: Community, **kwargs) -> None:
    search.remove_object(instance)
    for question_id in getattr(instance, "_search_question_ids", []):
        _reindex_question(question_id)


def _community_saved(sender, instance: Community, raw: bool = False, **kwargs) -> None:
    # Communities change visibility in the admin, not through a service.
    if not raw:
        content_changed(instance)


def register() -> None:
    """Called from `KnowledgeConfig.ready()`."""
    register_source(sources.QuestionSource())
    register_source(sources.GuideSource())
    register_source(sources.CommunitySource())
    register_source(sources.DataRequestSource())
    register_visibility(sources.COMMUNITY, sources.community_ids_visible_to)
    for model in (Question, Guide, DataRequest):
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"search-{model.__name__}-del")
    for model in (Answer, Comment):
        post_delete.connect(
            _part_deleted, sender=model, dispatch_uid=f"search-{model.__name__}-del"
        )
    pre_delete.connect(_community_deleting, sender=Community, dispatch_uid="search-community-pre")
    post_delete.connect(_community_deleted, sender=Community, dispatch_uid="search-community-del")
    post_save.connect(_community_saved, sender=Community, dispatch_uid="search-community-saved")
