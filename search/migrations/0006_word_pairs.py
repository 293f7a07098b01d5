"""Phrases matched through word pairs (PostgreSQL): no phrase query reads an entry's words again.

A phrase query (`so <-> do`) cannot be answered by the GIN index alone: PostgreSQL fetches every
entry holding all the words and reads its whole `tsvector` for their positions. Common words make
that thousands of entries ("khai tử": 40 ms over 56,690 entries). The document now also holds
each pair of neighbouring words as one lexeme (`so_do`), so a phrase is the pairs it is made of,
which the index answers without going back to the rows (under 1 ms for the same query).
"""

from django.db import migrations

NAME = "regexp_replace(search_fold(name), '[^a-z0-9]+', ' ', 'g')"

PAIRS = """
CREATE OR REPLACE FUNCTION search_pairs(text) RETURNS text[] AS $$
    SELECT coalesce(array_agg(DISTINCT word || '_' || next), '{}') FROM (
        SELECT word, lead(word) OVER (ORDER BY i) AS next
        FROM unnest(string_to_array($1, ' ')) WITH ORDINALITY AS words(word, i)
    ) pairs WHERE next IS NOT NULL AND word <> '' AND next <> ''
$$ LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
"""

WITH_PAIRS = f"""
    setweight(to_tsvector('simple'::regconfig, {NAME}), 'A')
    || setweight(to_tsvector('simple'::regconfig, body_folded), 'D')
    || array_to_tsvector(search_pairs({NAME}))
    || array_to_tsvector(search_pairs(body_folded))
"""
WORDS_ONLY = f"""
    setweight(to_tsvector('simple'::regconfig, {NAME}), 'A')
    || setweight(to_tsvector('simple'::regconfig, body_folded), 'D')
"""


def _document(expression: str) -> list[str]:
    return [
        "DROP INDEX IF EXISTS search_procedureentry_document",
        "ALTER TABLE search_procedureentry DROP COLUMN IF EXISTS document",
        f"ALTER TABLE search_procedureentry ADD COLUMN document tsvector "
        f"GENERATED ALWAYS AS ({expression}) STORED",
        "CREATE INDEX search_procedureentry_document ON search_procedureentry "
        "USING gin (document) WITH (fastupdate = off)",
    ]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0005_gin_without_pending_list")]

    operations = [
        migrations.RunPython(
            _run([PAIRS, *_document(WITH_PAIRS)]),
            _run([*_document(WORDS_ONLY), "DROP FUNCTION IF EXISTS search_pairs(text)"]),
        )
    ]
