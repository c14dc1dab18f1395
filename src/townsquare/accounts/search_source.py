"""How people appear in search (see `townsquare.search.registry`): members of staff, found by
name, job, team and skills, and seen by members of staff only.

People are created by administrators, the demo loader and (later) sign-up, not through one
service, so the index follows saves of users and their roles by signal. A signal handler runs in
the same transaction as the save that sent it.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.signals import post_delete, post_save

from townsquare.search.api import index_object, remove_object
from townsquare.search.registry import STAFF, SearchDocument, register_source

from .models import Role, User


class PersonSource:
    kind = "person"
    label = "People"
    label_one = "Person"
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


def _user_saved(sender, instance: User, raw: bool = False, **kwargs) -> None:
    if not raw:
        index_object(instance)


def _user_deleted(sender, instance: User, **kwargs) -> None:
    remove_object(instance)


def _role_changed(sender, instance: Role, raw: bool = False, **kwargs) -> None:
    # A role makes someone staff (or, removed, perhaps not): their entry may appear or go.
    if not raw and User.objects.filter(pk=instance.user_id).exists():
        index_object(instance.user)


def register() -> None:
    register_source(PersonSource())
    post_save.connect(_user_saved, sender=User, dispatch_uid="search-person-saved")
    post_delete.connect(_user_deleted, sender=User, dispatch_uid="search-person-deleted")
    post_save.connect(_role_changed, sender=Role, dispatch_uid="search-role-saved")
    post_delete.connect(_role_changed, sender=Role, dispatch_uid="search-role-deleted")
