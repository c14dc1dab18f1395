"""What search remembers about a person's access between requests is forgotten the moment
anything deciding it changes: here at once, in other processes as soon as the change commits
(the database's epoch), and in any case within a minute. These commit for real."""

import pytest
from django.db import connection, transaction
from factories import build_world

from townsquare.core import access_cache
from townsquare.governance import services as governance
from townsquare.governance.models import Grant
from townsquare.search import api

# Restored from the migrated state after each test, as the other committing suites are (a plain
# flush would let the next of those clash with the content types it re-creates).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
MARKER = "quokkaveil"


@pytest.fixture
def world(settings):
    settings.SEARCH_BACKEND = "tantivy"
    built = build_world()
    restricted = built.datasets["restricted"]
    restricted.description = f"The {MARKER} figures."
    restricted.save()
    api.index_object(restricted)
    return built


def finds_restricted(user) -> bool:
    fresh = type(user).objects.get(pk=user.pk)  # as each request loads the user anew
    return [h.title for h in api.search(fresh, MARKER).hits] == ["Zebra restricted ledger"]


def remembered(user) -> object | None:
    entry = access_cache._entries.get((user.pk, "search"))
    return entry[3] if entry else None


def test_a_revoked_grant_stops_finding_the_dataset_on_the_next_search(world):
    grantee = world.people["grantee"]
    assert finds_restricted(grantee)
    assert remembered(grantee) is not None  # the access was remembered
    grant = Grant.objects.get(user=grantee)
    governance.grant_revoke(grant=grant, actor=world.people["steward"])
    assert not finds_restricted(grantee)


def test_a_change_committed_by_another_process_is_seen_through_the_epoch(world):
    grantee = world.people["grantee"]
    assert finds_restricted(grantee)
    before = access_cache.epoch()
    # Another process revokes the grant: no signal here, only its commit and the epoch.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM governance_grant WHERE user_id = %s", [grantee.pk])
        cursor.execute("UPDATE core_accessepoch SET value = value + 1 WHERE id = 1")
    assert access_cache.epoch() == before + 1
    assert not finds_restricted(grantee)


def test_a_committed_change_moves_the_epoch_once(world):
    before = access_cache.epoch()
    with transaction.atomic():
        governance.grant_create(dataset=world.datasets["restricted"],
                                approver=world.people["steward"], purpose="Audit",
                                expires=Grant.objects.first().expires_at,
                                user=world.people["staff"])  # fmt: skip
        assert access_cache.epoch() == before  # not before the commit
    assert access_cache.epoch() == before + 1


def test_a_rolled_back_change_leaves_nothing_remembered_from_it(world):
    staff = world.people["staff"]
    with pytest.raises(RuntimeError), transaction.atomic():
        governance.grant_create(dataset=world.datasets["restricted"],
                                approver=world.people["steward"], purpose="Audit",
                                expires=Grant.objects.first().expires_at, user=staff)  # fmt: skip
        assert finds_restricted(staff)  # inside its own transaction, the grant counts
        raise RuntimeError("the request failed after the write")
    assert not finds_restricted(staff)


def test_a_remembered_answer_lasts_a_minute_at_most(world, monkeypatch):
    grantee = world.people["grantee"]
    assert finds_restricted(grantee)
    # A change behind the ORM's back with no epoch bump: honoured once the minute is up.
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM governance_grant WHERE user_id = %s", [grantee.pk])
    now = access_cache.time.monotonic()
    monkeypatch.setattr(access_cache.time, "monotonic", lambda: now + access_cache.TTL + 1)
    assert not finds_restricted(grantee)


def test_signing_in_does_not_forget_what_is_remembered(world):
    grantee = world.people["grantee"]
    assert finds_restricted(grantee)
    before = access_cache.epoch()
    grantee.save(update_fields=["last_login"])
    assert access_cache.epoch() == before
    grantee.is_active = False
    grantee.save(update_fields=["is_active"])
    assert access_cache.epoch() == before + 1


def test_nothing_is_remembered_inside_a_transaction(world):
    grantee = world.people["grantee"]
    access_cache._entries.clear()
    with transaction.atomic():
        assert finds_restricted(grantee)
    assert remembered(grantee) is None
