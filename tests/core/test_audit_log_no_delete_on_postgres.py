"""On PostgreSQL the database refuses to delete audit events too (SQLite refuses updates only,
because Django's test flush deletes rows there; see decision 0024)."""

import pytest
from django.db import DatabaseError, connection, transaction
from factories import unit

from townsquare.core.audit import audit_record
from townsquare.core.models import AuditEvent


@pytest.mark.django_db
def test_the_database_refuses_deletes_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("the DELETE trigger is PostgreSQL only")
    event = audit_record(actor=None, action="view", obj=unit("Finance", "directorate"))
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk)._raw_delete(connection.alias)
    assert AuditEvent.objects.filter(pk=event.pk).exists()
