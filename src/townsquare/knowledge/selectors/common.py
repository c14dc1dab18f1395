"""Reads shared by every kind of knowledge content."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet

from townsquare.knowledge.models import Comment, Revision, Tag, Vote


def comments_for(target: models.Model) -> QuerySet[Comment]:
    return Comment.objects.filter(
        content_type=ContentType.objects.get_for_model(target), object_id=target.pk
    ).select_related("author")


def comments_for_many(targets: Iterable[models.Model]) -> dict[int, list[Comment]]:
    """Comments of several objects of one model in one query, by object id."""
    targets = list(targets)
    found: dict[int, list[Comment]] = {t.pk: [] for t in targets}
    if not targets:
        return found
    ct = ContentType.objects.get_for_model(targets[0])
    for comment in Comment.objects.filter(
        content_type=ct, object_id__in=list(found)
    ).select_related("author"):
        found[comment.object_id].append(comment)
    return found


def voted_ids(user, model: type[models.Model], ids: Iterable[int]) -> set[int]:
    """Which of these objects the person has up-voted."""
    if user is None or not user.is_authenticated:
        return set()
    return set(
        Vote.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_id__in=list(ids),
            user=user,
        ).values_list("object_id", flat=True)
    )


def revisions_for(target: models.Model) -> list[Revision]:
    return list(
        Revision.objects.filter(
            content_type=ContentType.objects.get_for_model(target), object_id=target.pk
        ).select_related("editor")
    )


def tag_get(slug: str) -> Tag | None:
    return Tag.objects.filter(slug=slug).first()
