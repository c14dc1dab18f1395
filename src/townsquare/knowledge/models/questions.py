"""Questions and answers. Questions are staff knowledge (docs/decisions/0012): residents ask for
data through data requests instead."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from .common import Hideable, Tag


class Question(Hideable):
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100)
    body = models.TextField(help_text="Markdown")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="questions"
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="questions")
    datasets = models.ManyToManyField("catalogue.Dataset", blank=True, related_name="questions")
    accepted_answer = models.OneToOneField(
        "Answer", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    community = models.ForeignKey(
        "knowledge.Community",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questions",
    )
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="duplicates"
    )
    # Kept by the services so lists sort and filter without counting on every page.
    vote_count = models.IntegerField(default=0)
    answer_count = models.IntegerField(default=0)
    created = models.DateTimeField(auto_now_add=True, db_index=True)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created", "-pk"]
        indexes = [
            models.Index(fields=["-vote_count", "-created"]),
            models.Index(fields=["answer_count", "-created"]),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("knowledge:question", kwargs={"pk": self.pk, "slug": self.slug})


class QuestionTerm(models.Model):
    """One normalised word of a question's title: the index behind "similar questions".
    See knowledge/similar.py; the search app may replace it."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="terms")
    term = models.CharField(max_length=40)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["term", "question"], name="knowledge_question_term")
        ]

    def __str__(self) -> str:
        return self.term


class Answer(Hideable):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    body = models.TextField(help_text="Markdown")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="answers"
    )
    datasets = models.ManyToManyField("catalogue.Dataset", blank=True, related_name="answers")
    vote_count = models.IntegerField(default=0)
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created", "pk"]

    def __str__(self) -> str:
        return f"Answer by {self.author} to “{self.question}”"

    def get_absolute_url(self) -> str:
        return f"{self.question.get_absolute_url()}#answer-{self.pk}"
