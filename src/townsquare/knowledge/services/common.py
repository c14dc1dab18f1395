"""Writes shared by every kind of knowledge content: comments, votes, tags and revisions."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import F
from django.utils.text import slugify

from townsquare.knowledge.models import Comment, Revision, Tag, Vote
from townsquare.knowledge.signals_search import content_changed

MAX_TAGS = 5


@transaction.atomic
def comment_add(*, target: models.Model, author, body: str) -> Comment:
    comment = Comment(
        content_type=ContentType.objects.get_for_model(target),
        object_id=target.pk,
        author=author,
        body=body.strip(),
    )
    comment.full_clean()
    comment.save()
    content_changed(comment)
    return comment


@transaction.atomic
def vote_toggle(*, target: models.Model, user) -> bool:
    """Add the person's up-vote, or take it back if they had voted. Returns whether it is on now.
    Objects with a `vote_count` field keep it in step."""
    ct = ContentType.objects.get_for_model(target)
    existing = Vote.objects.filter(content_type=ct, object_id=target.pk, user=user)
    if existing.exists():
        existing.delete()
        change, voted = -1, False
    else:
        Vote.objects.create(content_type=ct, object_id=target.pk, user=user, value=1)
        change, voted = 1, True
    if any(f.name == "vote_count" for f in target._meta.fields):
        type(target).objects.filter(pk=target.pk).update(vote_count=F("vote_count") + change)
        target.refresh_from_db(fields=["vote_count"])
    return voted


def tags_from_text(text: str) -> list[Tag]:
    """Tags named in comma-separated text, made when new. Names are lower case and short."""
    names: dict[str, str] = {}
    for raw in (text or "").split(","):
        name = " ".join(raw.strip().lower().split())[:50]
        slug = slugify(name)[:60]
        if name and slug:
            names.setdefault(slug, name)
    tags = []
    for slug, name in list(names.items())[:MAX_TAGS]:
        tag, _ = Tag.objects.get_or_create(slug=slug, defaults={"name": name})
        tags.append(tag)
    return tags


def revision_record(
    *, target: models.Model, editor, title: str, body: str, note: str = ""
) -> Revision:
    """Keep the text as it now stands as the object's next revision."""
    ct = ContentType.objects.get_for_model(target)
    last = (
        Revision.objects.filter(content_type=ct, object_id=target.pk)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    return Revision.objects.create(
        content_type=ct,
        object_id=target.pk,
        number=(last or 0) + 1,
        editor=editor,
        title=title[:300],
        body=body,
        note=note[:300],
    )
