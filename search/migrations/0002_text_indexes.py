"""The database backend's text indexes, per vendor.

PostgreSQL: `unaccent` and `pg_trgm`, an immutable `search_fold(text)` (lower case, no diacritics,
đ → d), a generated `tsvector` of the entry (name through `search_fold`, weight A; the folded body,
weight D) with a GIN index, and a trigram index on the folded name for typos.
SQLite: an FTS5 table over the folded name and body, kept in step by triggers.
Other databases: nothing (the backend then matches with LIKE).
"""

from django.db import migrations

POSTGRES = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """
    CREATE OR REPLACE FUNCTION search_fold(text) RETURNS text AS $$
        SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1))
    $$ LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    """,
    """
    ALTER TABLE search_procedureentry ADD COLUMN document tsvector GENERATED ALWAYS AS (
        setweight(
            to_tsvector('simple'::regconfig, regexp_replace(search_fold(name), '[^a-z0-9]+', ' ', 'g')),
            'A'
        ) || setweight(to_tsvector('simple'::regconfig, body_folded), 'D')
    ) STORED
    """,
    "CREATE INDEX search_procedureentry_document ON search_procedureentry USING gin (document)",
    "CREATE INDEX search_procedureentry_name_trgm ON search_procedureentry "
    "USING gin (name_folded gin_trgm_ops)",
]
POSTGRES_REVERSE = [
    "DROP INDEX IF EXISTS search_procedureentry_name_trgm",
    "DROP INDEX IF EXISTS search_procedureentry_document",
    "ALTER TABLE search_procedureentry DROP COLUMN IF EXISTS document",
    "DROP FUNCTION IF EXISTS search_fold(text)",
]

SQLITE = [
    """
    CREATE VIRTUAL TABLE search_procedure_fts USING fts5(
        name_folded, body_folded, content='search_procedureentry', content_rowid='procedure_id'
    )
    """,
    """
    CREATE TRIGGER search_procedureentry_fts_insert AFTER INSERT ON search_procedureentry BEGIN
        INSERT INTO search_procedure_fts(rowid, name_folded, body_folded)
        VALUES (new.procedure_id, new.name_folded, new.body_folded);
    END
    """,
    """
    CREATE TRIGGER search_procedureentry_fts_delete AFTER DELETE ON search_procedureentry BEGIN
        INSERT INTO search_procedure_fts(search_procedure_fts, rowid, name_folded, body_folded)
        VALUES ('delete', old.procedure_id, old.name_folded, old.body_folded);
    END
    """,
    """
    CREATE TRIGGER search_procedureentry_fts_update AFTER UPDATE ON search_procedureentry BEGIN
        INSERT INTO search_procedure_fts(search_procedure_fts, rowid, name_folded, body_folded)
        VALUES ('delete', old.procedure_id, old.name_folded, old.body_folded);
        INSERT INTO search_procedure_fts(rowid, name_folded, body_folded)
        VALUES (new.procedure_id, new.name_folded, new.body_folded);
    END
    """,
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS search_procedureentry_fts_update",
    "DROP TRIGGER IF EXISTS search_procedureentry_fts_delete",
    "DROP TRIGGER IF EXISTS search_procedureentry_fts_insert",
    "DROP TABLE IF EXISTS search_procedure_fts",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES, "sqlite": SQLITE}),
            _run({"postgresql": POSTGRES_REVERSE, "sqlite": SQLITE_REVERSE}),
        )
    ]
