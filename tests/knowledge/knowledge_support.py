"""Small builders for knowledge tests (questions and answers made through the services)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from townsquare.knowledge.services import questions as qs
from townsquare.knowledge.services.common import tags_from_text


def ask(author, title="How do I find spend over £500 data?", body="Details", *, tags="",
        datasets=()):  # fmt: skip
    return qs.question_create(
        author=author, title=title, body=body, tags=tags_from_text(tags), datasets=datasets
    )


def answer(question, author, body="Look in the spend dataset", *, datasets=()):
    return qs.answer_create(question=question, author=author, body=body, datasets=datasets)


def age(user, *, hours: float) -> None:
    """Make an account this many hours old (posting limits apply to new accounts)."""
    user.date_joined = timezone.now() - timedelta(hours=hours)
    user.save(update_fields=["date_joined"])
