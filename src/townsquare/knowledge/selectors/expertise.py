"""What the knowledge layer knows about people: evidence for "who knows about ..." (a source
for `accounts.expertise`) and the knowledge sections of a person's page.

Everything here honours the viewer's rights: hidden content is not evidence, and a private
community's members are listed only to its members."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from django.db.models import Q, QuerySet
from django.urls import NoReverseMatch, reverse

from townsquare.accounts.expertise import Evidence
from townsquare.core import topics
from townsquare.knowledge.models import Community, Guide, Question, Tag

from .communities import content_visible_q


def _questions_visible_to(viewer) -> QuerySet[Question]:
    qs = Question.objects.filter(is_hidden=False)
    if any(f.name == "community" for f in Question._meta.get_fields()):
        qs = qs.filter(Q(community__isnull=True) | content_visible_q(viewer, "community__"))
    return qs


def _tag_url(tag: Tag) -> str:
    try:
        return reverse("knowledge:question-tagged", kwargs={"tag": tag.slug})
    except NoReverseMatch:
        return ""


def accepted_answers_by_tag(viewer, person) -> list[tuple[Tag, int]]:
    """How many of a person's answers were accepted, per tag of the question, most first."""
    questions = _questions_visible_to(viewer).filter(
        accepted_answer__author=person, accepted_answer__is_hidden=False
    )
    counts = Counter(Tag.objects.filter(questions__in=questions).values_list("pk", flat=True))
    tags = Tag.objects.in_bulk(counts)
    return sorted(((tags[pk], n) for pk, n in counts.items()), key=lambda x: (-x[1], x[0].name))


def guides_owned(person) -> QuerySet[Guide]:
    return Guide.objects.filter(owner=person, is_hidden=False).order_by("title")


def communities_of(viewer, person) -> QuerySet[Community]:
    from .communities import communities_of as visible_communities

    return visible_communities(viewer, person)


def topic_evidence(viewer, query: frozenset[str], people) -> Iterable[Evidence]:
    """Accepted answers tagged with the topic, guides on it and communities about it."""
    fragments = topics.prefixes(query)
    yield from _answer_evidence(viewer, query, fragments)
    yield from _guide_evidence(query, fragments)
    yield from _community_evidence(viewer, query, fragments)


def _any_contains(field: str, fragments: list[str]) -> Q:
    match = Q(pk__in=[])
    for fragment in fragments:
        match |= Q(**{f"{field}__icontains": fragment})
    return match


def _answer_evidence(viewer, query, fragments) -> Iterable[Evidence]:
    tags = [t for t in Tag.objects.filter(_any_contains("name", fragments)) if
            topics.coverage(query, t.name) > 0]  # fmt: skip
    for tag in tags:
        rows = (
            _questions_visible_to(viewer)
            .filter(tags=tag, accepted_answer__is_hidden=False)
            .values_list("accepted_answer__author_id", flat=True)
        )
        for author_id, n in Counter(a for a in rows if a is not None).items():
            text = f"{n} accepted answer{'s' if n != 1 else ''} tagged {tag.name}"
            yield Evidence(author_id, "accepted_answer", text, _tag_url(tag),
                           topics.coverage(query, tag.name), min(n, 5))  # fmt: skip


def _guide_evidence(query, fragments) -> Iterable[Evidence]:
    guides = (
        Guide.objects.filter(is_hidden=False)
        .filter(_any_contains("title", fragments) | _any_contains("tags__name", fragments))
        .prefetch_related("tags", "people")
        .distinct()
    )
    for guide in guides:
        described = " ".join([guide.title, *(t.name for t in guide.tags.all())])
        c = topics.coverage(query, described)
        if c == 0:
            continue
        url = guide.get_absolute_url()
        if guide.owner_id:
            yield Evidence(guide.owner_id, "guide", f"Owns the guide “{guide.title}”", url, c)
        for person in guide.people.all():
            if person.pk != guide.owner_id:
                text = f"Named as a contact in the guide “{guide.title}”"
                yield Evidence(person.pk, "guide_contact", text, url, c)


def _community_evidence(viewer, query, fragments) -> Iterable[Evidence]:
    communities = (
        Community.objects.filter(_any_contains("name", fragments))
        .filter(content_visible_q(viewer))
        .prefetch_related("memberships", "moderators")
    )
    for community in communities:
        c = topics.coverage(query, community.name)
        if c == 0:
            continue
        url = community.get_absolute_url()
        moderators = {m.pk for m in community.moderators.all()}
        for membership in community.memberships.all():
            if membership.user_id in moderators:
                text, kind = f"Moderates the {community.name} community", "moderator"
            else:
                text, kind = f"Member of the {community.name} community", "member"
            yield Evidence(membership.user_id, kind, text, url, c)
