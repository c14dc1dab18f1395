"""How knowledge content appears in search (see `townsquare.search.registry`): questions with
their answers, guides, communities and data requests.

Who sees what follows the knowledge rules (docs/decisions/0012, 0014):
- questions, guides and communities are staff knowledge; a private community's questions are for
  its members (and administrators) only, through the "community" visibility resolver;
- a community's document holds only its name and purpose, which every member of staff may see
  even of a private one;
- data requests are public, or staff only when they ask for internal data;
- hidden (moderated) content is not in the index at all.

Text is indexed as readers see it: Markdown with every link to a dataset that is not open (its
link text too, where authors write the title) replaced by "a restricted dataset", and never the
titles of cited datasets. The requester's name is not indexed: the public board does not show it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime
from html import unescape

from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.html import strip_tags

from townsquare.accounts.models import OrgUnit
from townsquare.core import access
from townsquare.search.registry import ALL, PUBLIC, STAFF, SearchDocument

from .citations import render_cited_markdown
from .models import Answer, Comment, Community, CommunityMembership, DataRequest, Guide, Question

COMMUNITY = "community"  # the visibility of a private community's questions

# Ranking, as `SearchDocument.boost` (a factor of 1 + boost on relevance). Questions and guides
# talk *about* data, at length, so a topic word hits them often; on their own terms they would
# crowd out the dataset that is the answer. They (and communities, whose short name and purpose
# score high) count half as much as a dataset; an accepted answer or a verified, in-date guide
# lifts them by half again (0.75 of a dataset). Data requests rank like drafts (see below).
KNOWLEDGE_BOOST = -0.5
TRUSTED_BOOST = -0.25


def indexable_text(markdown: str) -> str:
    """Plain text of user-written Markdown as anyone may read it: dataset links that are not
    open to everyone are masked, so no restricted title or address reaches the index."""
    html = render_cited_markdown(markdown or "", AnonymousUser())
    return unescape(strip_tags(html)).strip()


def _directorates() -> dict[str, str]:
    return dict(OrgUnit.objects.filter(kind=OrgUnit.Kind.DIRECTORATE).values_list("path", "name"))


def _directorate(unit: OrgUnit | None, directorates: dict[str, str]) -> str:
    if unit is None:
        return ""
    for path, name in directorates.items():
        if unit.path.startswith(path):
            return name
    return ""


def _latest(*moments: datetime | None) -> datetime:
    return max((m for m in moments if m is not None), default=timezone.now())


# Questions -------------------------------------------------------------------------------------


class QuestionSource:
    kind = "question"
    label = "Questions"
    label_one = "Question"
    model = Question

    def _queryset(self) -> QuerySet[Question]:
        visible_answers = Answer.objects.filter(is_hidden=False).order_by("created", "pk")
        return (
            Question.objects.filter(is_hidden=False)
            .select_related("community", "author__team", "accepted_answer")
            .prefetch_related("tags", Prefetch("answers", queryset=visible_answers))
        )

    def documents(self) -> Iterator[SearchDocument]:
        directorates = _directorates()
        for question in self._queryset().order_by("pk").iterator(chunk_size=200):
            yield _question_document(question, directorates)

    def document_for(self, obj: Question) -> SearchDocument | None:
        question = self._queryset().filter(pk=obj.pk).first()
        return _question_document(question, _directorates()) if question else None

    def key_for(self, obj: Question) -> str:
        return str(obj.pk)


def _comment_bodies(model: type, ids: Iterable[int]) -> list[str]:
    ids = list(ids)
    if not ids:
        return []
    comments = Comment.objects.filter(
        content_type=ContentType.objects.get_for_model(model), object_id__in=ids, is_hidden=False
    ).order_by("created", "pk")
    return list(comments.values_list("body", flat=True))


def _question_document(question: Question, directorates: dict[str, str]) -> SearchDocument:
    answers = list(question.answers.all())  # visible ones, prefetched
    texts = [question.body, *(a.body for a in answers)]
    texts += _comment_bodies(Question, [question.pk])
    texts += _comment_bodies(Answer, [a.pk for a in answers])
    tags = [t.name for t in question.tags.all()]
    accepted = question.accepted_answer
    community = question.community
    private = community is not None and community.is_private
    return SearchDocument(
        kind="question",
        key=str(question.pk),
        title=question.title,
        keywords=" ".join(tags),
        body="\n".join(indexable_text(t) for t in texts),
        url=question.get_absolute_url(),
        updated=_latest(question.modified, *(a.modified for a in answers)),
        boost=TRUSTED_BOOST if accepted is not None and not accepted.is_hidden else KNOWLEDGE_BOOST,
        facets={
            "tag": tags,
            "community": [community.name] if community else [],
            "directorate": [_directorate(question.author.team, directorates)],
        },
        visibility=COMMUNITY if private else STAFF,
        scope_id=community.pk if private else None,
    )


# Guides ----------------------------------------------------------------------------------------


class GuideSource:
    kind = "guide"
    label = "Guides"
    label_one = "Guide"
    model = Guide

    def _queryset(self) -> QuerySet[Guide]:
        return (
            Guide.objects.filter(is_hidden=False)
            .select_related("owner__team")
            .prefetch_related("tags")
        )

    def documents(self) -> Iterator[SearchDocument]:
        directorates = _directorates()
        for guide in self._queryset().order_by("pk").iterator(chunk_size=200):
            yield _guide_document(guide, directorates)

    def document_for(self, obj: Guide) -> SearchDocument | None:
        guide = self._queryset().filter(pk=obj.pk).first()
        return _guide_document(guide, _directorates()) if guide else None

    def key_for(self, obj: Guide) -> str:
        return str(obj.pk)


def _guide_document(guide: Guide, directorates: dict[str, str]) -> SearchDocument:
    tags = [t.name for t in guide.tags.all()]
    # A guide past its review date may be out of date: it loses its boost until checked again.
    trusted = guide.verified_at is not None and guide.review_by >= timezone.localdate()
    owner_team = guide.owner.team if guide.owner else None
    return SearchDocument(
        kind="guide",
        key=str(guide.pk),
        title=guide.title,
        keywords=" ".join(tags),
        body=f"{indexable_text(guide.summary)}\n{indexable_text(guide.body)}",
        url=guide.get_absolute_url(),
        updated=guide.modified,
        boost=TRUSTED_BOOST if trusted else KNOWLEDGE_BOOST,
        facets={"tag": tags, "directorate": [_directorate(owner_team, directorates)]},
        visibility=STAFF,
    )


# Communities -----------------------------------------------------------------------------------


class CommunitySource:
    kind = "community"
    label = "Communities"
    label_one = "Community"
    model = Community

    def documents(self) -> Iterator[SearchDocument]:
        for community in Community.objects.order_by("pk").iterator(chunk_size=200):
            yield _community_document(community)

    def document_for(self, obj: Community) -> SearchDocument | None:
        community = Community.objects.filter(pk=obj.pk).first()
        return _community_document(community) if community else None

    def key_for(self, obj: Community) -> str:
        return str(obj.pk)


def _community_document(community: Community) -> SearchDocument:
    # Name and purpose only, for open and private alike: that is what every member of staff may
    # see of any community (decision 0014). "About" and discussions stay with the members.
    return SearchDocument(
        kind="community",
        key=str(community.pk),
        title=community.name,
        body=community.purpose,
        url=community.get_absolute_url(),
        updated=community.created,
        boost=KNOWLEDGE_BOOST,  # a place to find people, not the answer itself
        facets={"community": [community.name]},
        visibility=STAFF,
    )


# Data requests ---------------------------------------------------------------------------------


class DataRequestSource:
    kind = "request"
    label = "Data requests"
    label_one = "Data request"
    model = DataRequest

    def _queryset(self) -> QuerySet[DataRequest]:
        return DataRequest.objects.filter(is_hidden=False).select_related("unit")

    def documents(self) -> Iterator[SearchDocument]:
        directorates = _directorates()
        for data_request in self._queryset().order_by("pk").iterator(chunk_size=200):
            yield _request_document(data_request, directorates)

    def document_for(self, obj: DataRequest) -> SearchDocument | None:
        data_request = self._queryset().filter(pk=obj.pk).first()
        return _request_document(data_request, _directorates()) if data_request else None

    def key_for(self, obj: DataRequest) -> str:
        return str(obj.pk)


def _request_document(data_request: DataRequest, directorates: dict[str, str]) -> SearchDocument:
    public = data_request.audience == DataRequest.Audience.PUBLIC
    return SearchDocument(
        kind="request",
        key=str(data_request.pk),
        title=data_request.title,
        body=f"{indexable_text(data_request.body)}\n{indexable_text(data_request.why)}",
        url=data_request.get_absolute_url(),
        updated=data_request.modified,
        # A request is a question for data, not an answer: it ranks like a draft, below the
        # datasets that do answer the search, until the data it asked for is published.
        published=data_request.status == DataRequest.Status.PUBLISHED,
        facets={"directorate": [_directorate(data_request.unit, directorates)]},
        visibility=PUBLIC if public else STAFF,
    )


# Who may see a private community's questions ---------------------------------------------------


def community_ids_visible_to(user) -> QuerySet | Iterable[int] | object:
    """The private communities whose content this user may see: their own, as a member of staff;
    every one, as an administrator; none, for residents and anyone signed out."""
    if not access.is_staff(user):
        return []
    if user.is_superuser:
        return ALL
    return CommunityMembership.objects.filter(user=user).values("community_id")
