"""Reads for questions and answers, already limited to what the person may see."""

from __future__ import annotations

import re

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from townsquare.accounts import selectors as people
from townsquare.knowledge import permissions
from townsquare.knowledge.diffs import revision_diff
from townsquare.knowledge.models import Answer, Community, CommunityMembership, Question
from townsquare.knowledge.similar import similar_question_ids

from .common import revisions_for

VIEWS = {
    "all": "All questions",
    "unanswered": "Unanswered",
    "unaccepted": "No accepted answer",
}
SORTS = {"newest": "Newest", "votes": "Most votes"}


def questions_in_reach(user) -> QuerySet[Question]:
    """Every question the person may open, hidden ones included: staff only, and a private
    community's questions only for its members."""
    if not permissions.can_use_questions(user):
        return Question.objects.none()
    if user.is_superuser:
        return Question.objects.all()
    member_of = CommunityMembership.objects.filter(user=user).values("community_id")
    return Question.objects.filter(
        Q(community__isnull=True)
        | Q(community__visibility=Community.Visibility.OPEN)
        | Q(community_id__in=member_of)
    )


def questions_visible_to(user) -> QuerySet[Question]:
    """Questions to list: moderators also see hidden ones (marked hidden), authors their own."""
    questions = questions_in_reach(user)
    if not permissions.can_use_questions(user):
        return questions
    if not permissions.can_moderate(user):
        questions = questions.filter(Q(is_hidden=False) | Q(author=user))
    return questions


def question_for_user(user, pk: int) -> Question:
    """One question, hidden ones included (their page says they were hidden); 404 otherwise."""
    question = (
        questions_in_reach(user)
        .select_related("author", "author__team", "duplicate_of", "community")
        .prefetch_related("tags", "datasets")
        .filter(pk=pk)
        .first()
    )
    if question is None:
        raise Http404("No such question")
    return question


def question_list(
    user,
    *,
    view: str = "all",
    sort: str = "newest",
    tag=None,
    directorate=None,
    community=None,
) -> QuerySet[Question]:
    questions = questions_visible_to(user)
    if view == "unanswered":
        questions = questions.filter(answer_count=0)
    elif view == "unaccepted":
        questions = questions.filter(accepted_answer__isnull=True)
    if tag is not None:
        questions = questions.filter(tags=tag)
    if community is not None:
        questions = questions.filter(community=community)
    if directorate is not None:
        questions = questions.filter(author__in=people.people_in_unit(directorate).values("pk"))
    order = ["-vote_count", "-created", "-pk"] if sort == "votes" else ["-created", "-pk"]
    return questions.order_by(*order).select_related("author").prefetch_related("tags")


def answers_for(question: Question) -> list[Answer]:
    """Accepted answer first, then by votes, then oldest first."""
    answers = list(question.answers.select_related("author").prefetch_related("datasets"))
    answers.sort(key=lambda a: (a.pk != question.accepted_answer_id, -a.vote_count, a.created))
    return answers


def answer_for_user(user, pk: int) -> Answer:
    answer = Answer.objects.select_related("question", "author").filter(pk=pk).first()
    if answer is None or not permissions.can_view_question(user, answer.question):
        raise Http404("No such answer")
    return answer


def similar_questions(
    user, title: str, *, exclude: int | None = None, limit: int = 5
) -> list[Question]:
    """Questions like this title that the person may see, best first."""
    ids = similar_question_ids(title, exclude=exclude)
    if not ids:
        return []
    rank = {pk: n for n, pk in enumerate(ids)}
    found = (
        questions_visible_to(user)
        .filter(pk__in=ids, is_hidden=False)
        .only("pk", "slug", "title", "answer_count", "accepted_answer", "created")
    )
    return sorted(found, key=lambda q: rank[q.pk])[:limit]


def questions_citing(dataset, user, *, limit: int = 10) -> QuerySet[Question]:
    """Questions that cite a dataset (the caller has already checked the dataset is visible)."""
    return (
        questions_visible_to(user)
        .filter(datasets=dataset, is_hidden=False)
        .order_by("-created")[:limit]
    )


def directorates() -> list:
    return [u for u in people.unit_tree() if u.kind == "directorate"]


def directorate_get(slug: str):
    unit = people.unit_get(slug)
    return unit if unit is not None and unit.kind == "directorate" else None


def directorate_of(user):
    """The directorate a person's team sits in, if any."""
    if user is None or not getattr(user, "team_id", None):
        return None
    team = user.team
    if team.kind == "directorate":
        return team
    return next((u for u in people.unit_ancestors(team) if u.kind == "directorate"), None)


def prefetch_answer_details() -> Prefetch:
    return Prefetch("answers", queryset=Answer.objects.select_related("author"))


def question_from_address(user, text: str) -> Question | None:
    """The visible question an address like /questions/12/slug/ (or a bare number) points to."""
    found = re.search(r"(?:/questions/)?(\d+)", text or "")
    if not found:
        return None
    return questions_visible_to(user).filter(pk=int(found.group(1))).first()


def history(obj) -> list[dict]:
    """Each revision, newest first, with what changed from the one before."""
    revisions = revisions_for(obj)
    changes = []
    for before, after in zip([None, *revisions], revisions, strict=False):
        changes.append(
            {
                "revision": after,
                "title_diff": revision_diff(before.title, after.title) if before else "",
                "body_diff": revision_diff(before.body, after.body) if before else "",
            }
        )
    return changes[::-1]


def community_for_user(user, slug: str):
    """A community whose questions this person may list; None when they may not."""
    community = Community.objects.filter(slug=slug).first()
    if community is None or not community.is_private or user.is_superuser:
        return community
    return community if community.memberships.filter(user=user).exists() else None
