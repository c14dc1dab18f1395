"""Reads about people and the organisation tree."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from .models import ApiToken, Membership, OrgUnit, Role, User


def unit_paths() -> dict[int, str]:
    """Every unit's id and tree path: small, and enough to answer "above" and "below"."""
    return dict(OrgUnit.objects.values_list("id", "path"))


def unit_ids_with_descendants(
    unit_ids: Iterable[int], paths: dict[int, str] | None = None
) -> frozenset[int]:
    """The given units and every unit beneath them."""
    paths = unit_paths() if paths is None else paths
    roots = [paths[i] for i in unit_ids if i in paths]
    return frozenset(i for i, p in paths.items() if any(p.startswith(r) for r in roots))


def unit_ids_with_ancestors(
    unit_ids: Iterable[int], paths: dict[int, str] | None = None
) -> frozenset[int]:
    """The given units and every unit above them."""
    paths = unit_paths() if paths is None else paths
    by_path = {p: i for i, p in paths.items()}
    step = OrgUnit.steplen
    found: set[int] = set()
    for unit_id in unit_ids:
        path = paths.get(unit_id, "")
        found.update(by_path[path[:n]] for n in range(step, len(path) + 1, step))
    return frozenset(found)


def roles_of(user: User) -> list[Role]:
    return list(Role.objects.filter(user=user))


def people_with_role(kind: str, *, over_unit: OrgUnit | None = None) -> QuerySet[User]:
    """Active people holding a role: with `over_unit`, only those whose role covers that unit
    (a role on it, on a unit above it, or on the whole organisation)."""
    roles = Role.objects.filter(kind=kind)
    if over_unit is not None:
        above = unit_ids_with_ancestors([over_unit.pk])
        roles = roles.filter(Q(unit__isnull=True) | Q(unit_id__in=above))
    return User.objects.filter(is_active=True, pk__in=roles.values("user_id")).order_by("name")


def has_role(user: User, kind: str) -> bool:
    return user.is_authenticated and Role.objects.filter(user=user, kind=kind).exists()


def member_unit_ids(user: User) -> frozenset[int]:
    """The units a person works in: their team and any other memberships."""
    ids = set(Membership.objects.filter(user=user).values_list("unit_id", flat=True))
    if user.team_id:
        ids.add(user.team_id)
    return frozenset(ids)


def unit_get(slug: str) -> OrgUnit | None:
    return OrgUnit.objects.filter(slug=slug).first()


def unit_tree() -> list[OrgUnit]:
    """Every unit in tree order, with its number of people, for the organisation page."""
    return list(OrgUnit.objects.annotate(people_count=Count("people")).order_by("path"))


def unit_children(unit: OrgUnit) -> QuerySet[OrgUnit]:
    return OrgUnit.objects.get_children(unit)


def unit_ancestors(unit: OrgUnit) -> QuerySet[OrgUnit]:
    return OrgUnit.objects.get_ancestors(unit)


def people_in_unit(unit: OrgUnit) -> QuerySet[User]:
    """Everyone whose team is this unit or below it, or who is a member of it."""
    within = OrgUnit.objects.filter(path__startswith=unit.path)
    ids = Membership.objects.filter(unit=unit).values("user_id")
    return User.objects.filter(Q(team__in=within) | Q(pk__in=ids), is_active=True).order_by("name")


def person_get(slug: str) -> User | None:
    return (
        User.objects.filter(slug=slug, is_active=True)
        .select_related("team")
        .prefetch_related(
            Prefetch("roles", queryset=Role.objects.select_related("unit")),
            Prefetch("memberships", queryset=Membership.objects.select_related("unit")),
        )
        .first()
    )


def staff_people() -> QuerySet[User]:
    """Everyone in the people directory: active accounts holding a role, and administrators.
    Residents (no role) are not listed."""
    with_roles = Role.objects.values("user_id")
    return (
        User.objects.filter(Q(is_superuser=True) | Q(pk__in=with_roles), is_active=True)
        .select_related("team")
        .order_by("name", "pk")
    )


def publisher_roles() -> list[Role]:
    """Publisher roles scoped to a part of the organisation, with the unit's path."""
    return list(
        Role.objects.filter(kind=Role.Kind.PUBLISHER, unit__isnull=False).select_related("unit")
    )


def units_by_id() -> dict[int, OrgUnit]:
    return {u.pk: u for u in OrgUnit.objects.only("id", "path", "name", "kind", "slug", "depth")}


def directorate_of(unit: OrgUnit | None) -> OrgUnit | None:
    """The directorate a unit sits in (or is), if any."""
    if unit is None:
        return None
    if unit.kind == OrgUnit.Kind.DIRECTORATE:
        return unit
    return unit_ancestors(unit).filter(kind=OrgUnit.Kind.DIRECTORATE).first()


def tokens_of(user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("-created")


def token_of(user: User, token_id: int) -> ApiToken | None:
    return ApiToken.objects.filter(user=user, pk=token_id).first()


def token_for_digest(digest: str) -> ApiToken | None:
    """The usable token with this digest: not revoked, not expired, its owner still active."""
    return (
        ApiToken.objects.select_related("user")
        .filter(
            digest=digest, revoked__isnull=True, expires__gt=timezone.now(), user__is_active=True
        )
        .first()
    )
