"""Communities of practice: people across directorates who share an interest, with their own
discussions, pinned links and events. A private community keeps its content to its members."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse

from .common import Hideable


class Community(models.Model):
    class Visibility(models.TextChoices):
        OPEN = "open", "Open to all staff"
        PRIVATE = "private", "Private: members join by request or invitation"

    name = models.CharField(max_length=150)
    slug = models.SlugField(max_length=100, unique=True)
    purpose = models.CharField(max_length=500)
    about = models.TextField(blank=True, help_text="Markdown, shown to members")
    visibility = models.CharField(
        max_length=10, choices=Visibility.choices, default=Visibility.OPEN
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="CommunityMembership", related_name="communities"
    )
    # Moderators are members too; the services keep both in step.
    moderators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="moderated_communities"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "communities"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("knowledge:community", kwargs={"slug": self.slug})

    @property
    def is_private(self) -> bool:
        return self.visibility == self.Visibility.PRIVATE


class CommunityMembership(models.Model):
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="community_memberships"
    )
    joined = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["community", "user"], name="knowledge_one_membership")
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.community}"


class JoinRequest(models.Model):
    """Someone asking to join a private community, or invited to by a moderator."""

    class Kind(models.TextChoices):
        REQUEST = "request", "Asked to join"
        INVITATION = "invitation", "Invited"

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="join_requests")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="community_join_requests"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    message = models.CharField(max_length=500, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created"]
        constraints = [
            models.UniqueConstraint(fields=["community", "user"], name="knowledge_one_join_request")
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_kind_display()} {self.community}"


class Discussion(Hideable):
    """A thread in a community; replies are comments on it."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="discussions")
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100)
    body = models.TextField(help_text="Markdown")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="discussions"
    )
    datasets = models.ManyToManyField("catalogue.Dataset", blank=True, related_name="discussions")
    reply_count = models.IntegerField(default=0)
    last_activity = models.DateTimeField(db_index=True)
    created = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-last_activity", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "knowledge:discussion",
            kwargs={"slug": self.community.slug, "pk": self.pk, "title": self.slug},
        )


class Pin(models.Model):
    """A link, guide or dataset a community keeps at the top of its page."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="pins")
    title = models.CharField(max_length=200, blank=True)
    url = models.URLField(blank=True, max_length=1000)
    guide = models.ForeignKey("knowledge.Guide", null=True, blank=True, on_delete=models.CASCADE)
    dataset = models.ForeignKey(
        "catalogue.Dataset", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created", "pk"]

    def __str__(self) -> str:
        return self.title or str(self.guide or self.dataset or self.url)


class Event(models.Model):
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="events")
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)  # iCalendar UID
    title = models.CharField(max_length=200)
    starts = models.DateTimeField(db_index=True)
    ends = models.DateTimeField()
    location = models.CharField(max_length=300, blank=True)
    online_url = models.URLField(blank=True, max_length=1000)
    description = models.TextField(blank=True, help_text="Markdown")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    sequence = models.PositiveIntegerField(default=0)  # iCalendar SEQUENCE: bumped on edits

    class Meta:
        ordering = ["starts", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("knowledge:event", kwargs={"slug": self.community.slug, "pk": self.pk})
