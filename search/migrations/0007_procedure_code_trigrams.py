"""A trigram index on procedure codes (PostgreSQL), so that a code or a part of one ("1.0011")
is found without reading every procedure: 20 ms over 56,690 procedures became under 1 ms."""

from django.db import migrations

INDEX = "search_procedure_code_trgm"


def _run(create: bool):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        if create:
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {INDEX} ON catalogue_procedure "
                "USING gin (code gin_trgm_ops) WITH (fastupdate = off)"
            )
        else:
            schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0006_word_pairs"), ("catalogue", "0002_catalogue_and_procedures")]

    operations = [migrations.RunPython(_run(True), _run(False))]
