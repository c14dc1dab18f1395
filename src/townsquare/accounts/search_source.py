"""How people appear in search (see `townsquare.search.registry`): members of staff, found by
name, job, team and skills, and seen by members of staff only."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Exists, OuterRef, Q, QuerySet

from townsquare.search.registry import STAFF, SearchDocument, register_source

from .models import Role, User


class PersonSource:
    kind = "person"
    label = "People"
    model = User

    def _queryset(self) -> QuerySet[User]:
        # Staff only: people with a team, a role or the administrator flag (not residents).
        has_role = Exists(Role.objects.filter(user=OuterRef("pk")))
        staff = Q(team__isnull=False) | Q(is_superuser=True) | Q(has_role)
        return User.objects.filter(staff, is_active=True).select_related("team")

    def documents(self) -> Iterator[SearchDocument]:
        for user in self._queryset().order_by("pk").iterator(chunk_size=500):
            yield _document(user)

    def document_for(self, obj: User) -> SearchDocument | None:
        user = self._queryset().filter(pk=obj.pk).first()
        return _document(user) if user else None

    def key_for(self, obj: User) -> str:
        return str(obj.pk)


def _document(user: User) -> SearchDocument:
    team = user.team.name if user.team else ""
    skills = [str(s) for s in user.skills or []]
    return SearchDocument(
        kind="person",
        key=str(user.pk),
        title=user.name or user.email,
        keywords=" ".join([user.job_title, team, *skills]),
        body=user.bio,
        url=user.get_absolute_url(),
        updated=user.date_joined,
        facets={"tag": skills},
        visibility=STAFF,
    )


def register() -> None:
    register_source(PersonSource())
