"""The one access policy. Every read of a dataset, its files, its grants or its existence goes
through here: `datasets_visible_to` for lists and counts, `can` for a single object, and
`dataset_for_user` to fetch one (404 for what the user may not see, so existence is not leaked).

`visible_columns` says which columns of a table a reader may see: every column, except for a
restricted dataset read through grants that name only some of its columns.

The rule, in words:
Publishers edit and delete (and submit for review); stewards publish and manage grants.

- open and published: everyone;
- internal and published: every member of staff;
- restricted and published: people holding an active grant (to them, or to a unit they work in
  or one above it);
- any dataset, draft, ready for review or published: its publishers (a publisher role on its unit or a unit above),
  its stewards (the named steward, or a steward role on its unit or above) and administrators.

`can` evaluates the same rule in Python as `_dataset_q` does in SQL; a property test holds the
two together.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from django.db.models import Q, QuerySet
from django.http import Http404

from townsquare.accounts import selectors as people
from townsquare.accounts.models import OrgUnit, Role
from townsquare.catalogue.models import AccessLevel, Dataset, Resource, ResourceVersion
from townsquare.governance import selectors as grants

Action = Literal["view", "download", "edit", "publish", "delete", "manage_grants", "view_audit"]
READ_ACTIONS = frozenset({"view", "download"})
EDIT_ACTIONS = frozenset({"edit", "delete"})
# Publishers prepare a dataset and submit it for review; its stewards publish it.
STEWARD_ACTIONS = frozenset({"publish", "manage_grants", "view_audit"})


@dataclass(frozen=True)
class Principal:
    """What the policy needs to know about a user, loaded once per request."""

    user_id: int | None = None
    is_admin: bool = False
    is_staff: bool = False
    publisher_units: frozenset[int] = frozenset()
    steward_units: frozenset[int] = frozenset()
    granted_datasets: frozenset[int] = frozenset()
    # Datasets this person reads only through grants limited to some columns: the names given.
    column_limits: Mapping[int, frozenset[str]] = field(default_factory=dict, hash=False)


ANONYMOUS = Principal()


def principal_for(user) -> Principal:
    if user is None or not user.is_authenticated or not user.is_active:
        return ANONYMOUS
    cached = getattr(user, "_townsquare_principal", None)
    if cached is None:
        cached = _load_principal(user)
        user._townsquare_principal = cached
    return cached


def _load_principal(user) -> Principal:
    roles = people.roles_of(user)
    paths = people.unit_paths()

    def units_for(kind: str) -> frozenset[int]:
        scoped = [r for r in roles if r.kind == kind]
        if any(r.unit_id is None for r in scoped):
            return frozenset(paths)  # a role with no unit covers the whole organisation
        return people.unit_ids_with_descendants((r.unit_id for r in scoped), paths)

    member_units = people.unit_ids_with_ancestors(people.member_unit_ids(user), paths)
    granted, limits = grants.grant_scope(user_id=user.pk, unit_ids=member_units)
    return Principal(
        user_id=user.pk,
        is_admin=user.is_superuser,
        is_staff=user.is_superuser or bool(roles),
        publisher_units=units_for(Role.Kind.PUBLISHER),
        steward_units=units_for(Role.Kind.STEWARD),
        granted_datasets=granted,
        column_limits=limits,
    )


def is_staff(user) -> bool:
    """A member of the council's staff (any role), as opposed to a resident."""
    return principal_for(user).is_staff


def _dataset_q(p: Principal, action: str) -> Q | None:
    """The rule as a filter; None means everything."""
    if p.is_admin:
        return None
    nothing = Q(pk__in=[])
    publishers = Q(publisher_id__in=p.publisher_units)
    stewards = Q(publisher_id__in=p.steward_units)
    if p.user_id is not None:
        stewards |= Q(steward_id=p.user_id)
    if action in EDIT_ACTIONS:
        return publishers if p.publisher_units else nothing
    if action in STEWARD_ACTIONS:
        return stewards
    if action not in READ_ACTIONS:
        raise ValueError(f"Unknown action {action!r}")
    published = Q(status=Dataset.Status.PUBLISHED)
    readable = Q(access_level=AccessLevel.OPEN)
    if p.is_staff:
        readable |= Q(access_level=AccessLevel.INTERNAL)
    if p.granted_datasets:
        readable |= Q(pk__in=p.granted_datasets)
    return (published & readable) | publishers | stewards


def _dataset_allows(p: Principal, action: str, d: Dataset) -> bool:
    """The same rule as `_dataset_q`, for one dataset already in memory."""
    if p.is_admin:
        return True
    publisher = d.publisher_id in p.publisher_units
    steward = d.publisher_id in p.steward_units or (
        p.user_id is not None and d.steward_id == p.user_id
    )
    if action in EDIT_ACTIONS:
        return publisher
    if action in STEWARD_ACTIONS:
        return steward
    if action not in READ_ACTIONS:
        raise ValueError(f"Unknown action {action!r}")
    readable = (
        d.access_level == AccessLevel.OPEN
        or (p.is_staff and d.access_level == AccessLevel.INTERNAL)
        or d.pk in p.granted_datasets
    )
    return (d.status == Dataset.Status.PUBLISHED and readable) or publisher or steward


def datasets_visible_to(user, action: Action = "view") -> QuerySet[Dataset]:
    """Every dataset the user may act on: the base of every list, count, facet and feed."""
    q = _dataset_q(principal_for(user), action)
    return Dataset.objects.all() if q is None else Dataset.objects.filter(q)


def restricted_dataset_ids_visible_to(user) -> frozenset[int] | None:
    """The datasets this user may view beyond the published open ones (everyone's) and, for
    staff, the published internal ones (all staff's): restricted datasets they hold a grant
    for, and drafts or restricted data of units they publish or steward. None means every
    dataset (an administrator). For search, which indexes the first two groups by audience
    and needs ids for these alone: for most people a handful, not thousands."""
    p = principal_for(user)
    if p.is_admin:
        return None
    if p.user_id is None:
        return frozenset()
    # `_dataset_q` for "view" without its open and internal branches, as separate indexed
    # lookups (the whole rule in one query would scan every dataset).
    plain = Q(status=Dataset.Status.PUBLISHED, access_level=AccessLevel.OPEN)
    if p.is_staff:
        plain |= Q(status=Dataset.Status.PUBLISHED, access_level=AccessLevel.INTERNAL)
    parts = [Q(steward_id=p.user_id)]
    if p.publisher_units or p.steward_units:
        parts.append(Q(publisher_id__in=p.publisher_units | p.steward_units))
    found: set[int] = set()
    for part in parts:
        rows = Dataset.objects.filter(part).exclude(plain).order_by()
        found.update(rows.values_list("pk", flat=True))
    if p.granted_datasets:  # by primary key, then the rule on the few rows found
        rows = Dataset.objects.filter(pk__in=p.granted_datasets).order_by()
        for pk, status, level in rows.values_list("pk", "status", "access_level"):
            plain_level = level == AccessLevel.OPEN or (
                p.is_staff and level == AccessLevel.INTERNAL
            )
            if status == Dataset.Status.PUBLISHED and not plain_level:
                found.add(pk)
    return frozenset(found)


def can(user, action: Action, obj) -> bool:
    """May this user do this to this object (a dataset, resource, version or org unit)?"""
    p = principal_for(user)
    if isinstance(obj, ResourceVersion):
        obj = obj.resource
    if isinstance(obj, Resource):
        obj = obj.dataset
    if isinstance(obj, Dataset):
        return _dataset_allows(p, action, obj)
    if isinstance(obj, OrgUnit):
        # Acting on a unit means creating and managing its datasets.
        return p.is_admin or obj.pk in p.publisher_units
    raise TypeError(f"No access rule for {type(obj).__name__}")


def dataset_for_user(user, slug: str, action: Action = "view") -> Dataset:
    """The dataset with this slug if the user may act on it; 404 otherwise (never 403)."""
    dataset = (
        Dataset.objects.select_related("publisher", "licence", "steward").filter(slug=slug).first()
    )
    if dataset is None or not can(user, action, dataset):
        raise Http404("No dataset found")
    return dataset


def publishable_units(user) -> QuerySet[OrgUnit]:
    """Units the user may create datasets in."""
    p = principal_for(user)
    units = OrgUnit.objects.all()
    return units if p.is_admin else units.filter(pk__in=p.publisher_units)


# --- Columns ---------------------------------------------------------------------------------


def _has_every_column(p: Principal, d: Dataset) -> bool:
    """Publishers, stewards and administrators see every column, as does anyone who may read
    the dataset without a grant (open data; internal data for staff) or holds a full grant."""
    if p.is_admin or d.pk not in p.column_limits:
        return True
    if d.publisher_id in p.publisher_units or d.publisher_id in p.steward_units:
        return True
    if p.user_id is not None and d.steward_id == p.user_id:
        return True
    return d.access_level == AccessLevel.OPEN or (
        p.is_staff and d.access_level == AccessLevel.INTERNAL
    )


def column_grant(user, dataset: Dataset) -> frozenset[str] | None:
    """The column names this user's grants on the dataset are limited to (as the grants give
    them), or None when the user may see every column of it. Nothing (an empty set) for a
    dataset the user may not see at all."""
    p = principal_for(user)
    if not _dataset_allows(p, "view", dataset):
        return frozenset()
    if _has_every_column(p, dataset):
        return None
    return p.column_limits[dataset.pk]


def column_key(name: str) -> str:
    """A column name as grants match it: any case, spaces or underscores ("Ward_name" is
    "ward name"), so a grant may name a column by its name or by its title."""
    return re.sub(r"[\s_]+", " ", str(name)).strip().casefold()


def visible_columns(user, table, dataset: Dataset | None = None) -> frozenset[str] | None:
    """Which columns of this datastore table the user may see: None for every column, or the
    names (Table Schema `name`s) of those a column-limited grant gives, matched by name or
    title. The one answer every page, download, API and SQL query over table data follows."""
    granted = column_grant(user, dataset or table.resource.dataset)
    if granted is None:
        return None
    keys = {column_key(c) for c in granted}
    return frozenset(
        f["name"]
        for f in table.fields
        if column_key(f["name"]) in keys or column_key(f.get("title") or "") in keys
    )


def column_limited_dataset_ids(user) -> frozenset[int]:
    """The datasets this user sees only some columns of (for search, whose entries list every
    column's name)."""
    p = principal_for(user)
    if not p.column_limits:
        return frozenset()
    datasets = Dataset.objects.filter(pk__in=list(p.column_limits))
    return frozenset(d.pk for d in datasets if not _has_every_column(p, d))


def columns_limited(user, dataset: Dataset) -> bool:
    """Does this user see only some columns of the dataset's tables (and so may not have the
    original files, which hold them all)?"""
    return column_grant(user, dataset) is not None and can(user, "view", dataset)
