"""Indexes of the staff's dossier search (OSS-4) on PostgreSQL: the folded applicant name (trigram,
for names typed with or without diacritics) and the identity number (exact). The search owns them,
as it owns `search_fold`; other databases search without them.
"""

from django.db import migrations

POSTGRES = [
    "CREATE INDEX IF NOT EXISTS search_dossier_applicant_trgm ON dossiers_dossier "
    "USING gin (search_fold(applicant_name) gin_trgm_ops) WITH (fastupdate = off)",
    "CREATE INDEX IF NOT EXISTS search_dossier_identity ON dossiers_dossier "
    "(applicant_identity_number) WHERE applicant_identity_number <> ''",
]
POSTGRES_REVERSE = [
    "DROP INDEX IF EXISTS search_dossier_identity",
    "DROP INDEX IF EXISTS search_dossier_applicant_trgm",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_seed_synonyms"),
        ("dossiers", "0003_drop_due_at_index"),
    ]

    operations = [migrations.RunPython(_run(POSTGRES), _run(POSTGRES_REVERSE))]
