"""The audit log only grows: events cannot be changed through the model or behind its back in
SQL, and a person's history outlives their account."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.test import RequestFactory
from factories import person, unit

from townsquare.accounts.models import OrgUnit
from townsquare.core.audit import audit_record, events_for
from townsquare.core.models import AuditEvent


@pytest.fixture
def event(db):
    finance = unit("Finance", "directorate")
    actor = person("Pat Publisher", team=finance)
    request = RequestFactory().get("/", REMOTE_ADDR="198.51.100.4", HTTP_USER_AGENT="Firefox")
    return audit_record(actor=actor, action="edit", obj=finance, request=request,
                        details={"fields": ["name"]})  # fmt: skip


def _unchanged(event):
    stored = AuditEvent.objects.get(pk=event.pk)
    assert (stored.action, stored.details, stored.actor_email) == (
        "edit", {"fields": ["name"]}, "pat-publisher@council.example",
    )  # fmt: skip


def test_an_event_records_who_what_and_where(event):
    assert event.object_type == "accounts.orgunit"
    assert event.object_repr == "Finance"
    assert event.ip_address == "198.51.100.4"
    assert event.user_agent == "Firefox"
    _unchanged(event)


def test_saving_an_existing_event_is_refused(event):
    event.action = "delete"
    with pytest.raises(ValueError, match="append-only"):
        event.save()
    _unchanged(event)


def test_deleting_an_event_through_the_model_is_refused(event):
    with pytest.raises(ValueError, match="append-only"):
        event.delete()
    _unchanged(event)


@pytest.mark.parametrize(
    "change",
    [
        lambda: AuditEvent.objects.filter(pk__isnull=False).update(action="view"),
        lambda: AuditEvent.objects.update(actor_email="someone-else@council.example"),
    ],
)
def test_the_database_refuses_updates(event, change):
    # SQLite's RAISE(ABORT) surfaces as IntegrityError, PostgreSQL's RAISE EXCEPTION as
    # InternalError: both are DatabaseErrors. The savepoint keeps PostgreSQL's transaction usable.
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        change()
    _unchanged(event)


def test_the_database_refuses_raw_sql_updates(event):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditevent SET action = %s", ["view"])
    _unchanged(event)


def test_deleting_a_person_keeps_their_history(event):
    actor = event.actor
    actor_id = actor.pk
    actor.delete()

    stored = AuditEvent.objects.get(pk=event.pk)
    assert stored.actor_email == "pat-publisher@council.example"
    assert stored.actor_id == actor_id  # no cascade, no SET NULL: the row is untouched
    [listed] = events_for(OrgUnit.objects.get(slug="finance"))
    assert listed.pk == event.pk
    assert listed.actor is None  # the account is gone; the email says who it was


def test_anonymous_events_have_no_actor(db):
    finance = unit("Finance", "directorate")
    event = audit_record(actor=None, action="view", obj=finance)
    assert (event.actor_id, event.actor_email, event.ip_address) == (None, "", None)
