"""Pieces every kind of knowledge content shares: comments, votes, tags, edit history and the
fields moderation needs. Comments, votes and revisions point at their object generically
(content type + id) so questions, answers, guides, community posts, requests and datasets all
use the same tables."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models


class Hideable(models.Model):
    """Moderation fields for anything people write. A hidden item keeps its content (so it can be
    restored) but others see "This content was hidden by a moderator: <reason>".

    Subclasses name the field holding the person who wrote it in `AUTHOR_FIELD`; posting limits
    and the moderation queue use it."""

    AUTHOR_FIELD = "author"

    is_hidden = models.BooleanField(default=False, db_index=True)
    hidden_reason = models.CharField(max_length=500, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hidden_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True


class Tag(models.Model):
    name = models.CharField(max_length=50, unique=True)
    slug = models.SlugField(max_length=60, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Comment(Hideable):
    """A comment on any object: a question, an answer, a guide, a request or a dataset."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="knowledge_comments"
    )
    body = models.TextField(help_text="Markdown")
    created = models.DateTimeField(auto_now_add=True, db_index=True)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "created"])]

    def __str__(self) -> str:
        return f"Comment by {self.author} on {self.content_type.model} {self.object_id}"


class Vote(models.Model):
    """One up-vote per person per object."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="knowledge_votes"
    )
    value = models.SmallIntegerField(default=1)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "user"], name="knowledge_one_vote_each"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} +{self.value} on {self.content_type.model} {self.object_id}"


class Revision(models.Model):
    """One saved version of an edited object: what it said after the edit, who made it and why.
    Revision 1 is the text as first posted."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    number = models.PositiveIntegerField()
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(max_length=300, blank=True)
    body = models.TextField(blank=True)
    note = models.CharField(max_length=300, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["content_type", "object_id", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "number"], name="knowledge_revision_number"
            )
        ]

    def __str__(self) -> str:
        return f"Revision {self.number} of {self.content_type.model} {self.object_id}"
