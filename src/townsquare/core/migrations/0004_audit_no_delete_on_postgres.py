"""On PostgreSQL the audit log refuses DELETE as well as UPDATE, whatever the code does.

TRUNCATE is left alone: it is what the test suite's flush uses and what only a database owner
can run. SQLite keeps its UPDATE-only trigger, because Django's flush there deletes rows one
table at a time (see docs/decisions/0024-audit-trail.md)."""

from django.db import migrations

POSTGRES = """
CREATE OR REPLACE FUNCTION core_auditevent_refuse_delete() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION 'the audit log is append-only'; END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER core_auditevent_no_delete BEFORE DELETE ON core_auditevent
FOR EACH ROW EXECUTE FUNCTION core_auditevent_refuse_delete();
"""
DROP = (
    "DROP TRIGGER IF EXISTS core_auditevent_no_delete ON core_auditevent;"
    "DROP FUNCTION IF EXISTS core_auditevent_refuse_delete();"
)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("core", "0003_audit_actions")]
    operations = [migrations.RunPython(forwards, backwards)]
