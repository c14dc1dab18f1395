"""Remembering what a person may see between requests, without ever serving it stale
(decision 0048).

Loading someone's access (roles, units, grants, the restricted datasets they hold) costs a
handful of queries; search does it on every keystroke. `remember` keeps the answer in this
process, keyed by two counters that move whenever anything that decides access changes:

- the **epoch**, one row in the database, bumped after each such change commits, so every
  process sees it on its next read (one primary-key lookup per use);
- this process's own **generation**, bumped at once by the change itself, so a change made
  here is honoured even before it commits (and in tests, whose transactions never commit).

An answer is never remembered inside a transaction (it might rest on changes that are rolled
back), and never for longer than `TTL` seconds, so a grant that simply expires, and any change
made behind the ORM's back, is honoured within a minute.
"""

from __future__ import annotations

import contextlib
import itertools
import threading
import time
from collections.abc import Callable
from typing import TypeVar

from django.db import IntegrityError, connection, transaction
from django.db.models.signals import post_delete, post_save

T = TypeVar("T")
TTL = 60.0
MAX_ENTRIES = 5000
# What decides access (core.access and the search audiences): who works where in which role,
# grants, a dataset's level, status, unit and steward, and private communities' members.
WATCHED_MODELS = (
    "accounts.User",
    "accounts.OrgUnit",
    "accounts.Membership",
    "accounts.Role",
    "governance.Grant",
    "catalogue.Dataset",
    "knowledge.CommunityMembership",
)
# A user's row changes on every sign-in; only these fields of it decide access.
USER_ACCESS_FIELDS = frozenset({"is_active", "is_superuser"})

_lock = threading.Lock()
_generation = itertools.count(1)
_current_generation = 0
_entries: dict[tuple, tuple[int, int, float, object]] = {}


def epoch() -> int:
    """The database's access epoch (0 before the first change)."""
    from .models import AccessEpoch

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT value FROM {AccessEpoch._meta.db_table} WHERE id = 1")  # noqa: S608
        row = cursor.fetchone()
    return row[0] if row else 0


def remember(user, name: str, load: Callable[[], T]) -> T:
    """`load()`'s answer about `user`, reused while nothing that decides access has changed."""
    if connection.in_atomic_block or user is None or not getattr(user, "pk", None):
        return load()
    generation, database_epoch, now = _current_generation, epoch(), time.monotonic()
    key = (user.pk, name)
    entry = _entries.get(key)
    if entry and entry[:2] == (generation, database_epoch) and entry[2] > now:
        return entry[3]  # type: ignore[return-value]
    value = load()
    with _lock:
        if len(_entries) >= MAX_ENTRIES:
            _entries.clear()
        _entries[key] = (generation, database_epoch, now + TTL, value)
    return value


def access_changed() -> None:
    """Something that decides access changed: forget this process's answers now, and bump the
    database's epoch once the change commits (every other process then forgets theirs)."""
    global _current_generation
    with _lock:
        _current_generation = next(_generation)
    conn = transaction.get_connection()
    if conn.in_atomic_block:
        if not any(entry[1] is _bump_epoch for entry in conn.run_on_commit):
            transaction.on_commit(_bump_epoch)
    else:
        _bump_epoch()


def _bump_epoch() -> None:
    from .models import AccessEpoch

    table = AccessEpoch._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET value = value + 1 WHERE id = 1")  # noqa: S608
        if cursor.rowcount == 0:  # the row is made by the migration; a flush removes it
            with contextlib.suppress(IntegrityError):  # another process made it meanwhile
                cursor.execute(f"INSERT INTO {table} (id, value) VALUES (1, 1)")  # noqa: S608


def _on_change(sender, instance=None, update_fields=None, **kwargs) -> None:
    signing_in = (
        sender._meta.label == "accounts.User"
        and update_fields is not None
        and not USER_ACCESS_FIELDS & set(update_fields)
    )
    if not signing_in:
        access_changed()


def connect_signals() -> None:
    from django.apps import apps

    for label in WATCHED_MODELS:
        model = apps.get_model(label)
        post_save.connect(_on_change, sender=model, dispatch_uid=f"access-cache-save-{label}")
        post_delete.connect(_on_change, sender=model, dispatch_uid=f"access-cache-del-{label}")
