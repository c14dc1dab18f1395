"""The full-text half of the index, which Django's fields cannot describe: an FTS5 table kept
in step with search_document by triggers on SQLite; a generated, weighted tsvector column with
a GIN index on PostgreSQL."""

from django.db import migrations

SQLITE = [
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        title, keywords, body,
        content='search_document', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2'
    )""",
    """CREATE TRIGGER search_fts_insert AFTER INSERT ON search_document BEGIN
        INSERT INTO search_fts(rowid, title, keywords, body)
        VALUES (new.id, new.title, new.keywords, new.body);
    END""",
    """CREATE TRIGGER search_fts_delete AFTER DELETE ON search_document BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, keywords, body)
        VALUES ('delete', old.id, old.title, old.keywords, old.body);
    END""",
    """CREATE TRIGGER search_fts_update AFTER UPDATE ON search_document BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, keywords, body)
        VALUES ('delete', old.id, old.title, old.keywords, old.body);
        INSERT INTO search_fts(rowid, title, keywords, body)
        VALUES (new.id, new.title, new.keywords, new.body);
    END""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS search_fts_update",
    "DROP TRIGGER IF EXISTS search_fts_delete",
    "DROP TRIGGER IF EXISTS search_fts_insert",
    "DROP TABLE IF EXISTS search_fts",
]
POSTGRESQL = [
    """ALTER TABLE search_document ADD COLUMN vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A')
        || setweight(to_tsvector('english'::regconfig, coalesce(keywords, '')), 'B')
        || setweight(to_tsvector('english'::regconfig, coalesce(body, '')), 'D')
    ) STORED""",
    "CREATE INDEX search_document_vector ON search_document USING GIN (vector)",
]
POSTGRESQL_REVERSE = [
    "DROP INDEX IF EXISTS search_document_vector",
    "ALTER TABLE search_document DROP COLUMN IF EXISTS vector",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}),
        ),
    ]
