"""Similar questions, found by the words their titles share.

A title is normalised into terms (lower case, common words dropped, a light plural strip) and
one `QuestionTerm` row is kept per term; a lookup counts shared terms through the
(term, question) index and ranks by how many matched, newest first on ties. It works the
same on SQLite and PostgreSQL. The search app may replace `similar_question_ids` with its own
index later; callers only use `title_terms`, `index_question` and `similar_question_ids`.
"""

from __future__ import annotations

import re

from django.db.models import Count

from .models import Question, QuestionTerm

MAX_TERMS = 12
CANDIDATES = 40

_WORD = re.compile(r"[a-z0-9]+")
_STOPWORD_TEXT = (
    "a about after all also am an and any anyone are as at be been but by can could did do does "
    "doing don find for from get gets got had has have how i if in into is isn it its know me my "
    "need of on or our should so some someone than that the their them then there these they "
    "this to us was way ways we were what when where which who whom why will with would you "
    "your"
)
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())


def title_terms(title: str) -> list[str]:
    """The distinct normalised terms of a title, in order, at most MAX_TERMS."""
    seen: dict[str, None] = {}
    for word in _WORD.findall((title or "").lower()):
        if word in _STOPWORDS or len(word) < 2:
            continue
        seen.setdefault(_stem(word)[:40], None)
    return list(seen)[:MAX_TERMS]


def _stem(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def index_question(question: Question) -> None:
    """Rewrite a question's terms after its title changes."""
    QuestionTerm.objects.filter(question=question).delete()
    QuestionTerm.objects.bulk_create(
        QuestionTerm(question=question, term=term) for term in title_terms(question.title)
    )


def similar_question_ids(title: str, *, exclude: int | None = None) -> list[int]:
    """Ids of questions sharing terms with `title`, best first (at most CANDIDATES)."""
    terms = title_terms(title)
    if not terms:
        return []
    rows = QuestionTerm.objects.filter(term__in=terms)
    if exclude is not None:
        rows = rows.exclude(question_id=exclude)
    # One shared word is enough for a short title; longer titles need two to count as similar.
    needed = 1 if len(terms) <= 2 else 2
    ranked = (
        rows.values("question_id")
        .annotate(shared=Count("*"))  # COUNT(*): answered from the index alone
        .filter(shared__gte=needed)
        .order_by("-shared", "-question_id")[:CANDIDATES]
    )
    return [row["question_id"] for row in ranked]
