"""The search's GIN indexes without a pending list (PostgreSQL).

With `fastupdate` on, PostgreSQL queues new entries in a pending list that every search reads
linearly until a vacuum merges it: after a rebuild the whole catalogue sat there and a full-text
match took 20-30 ms instead of under 1 ms. Entries change one procedure at a time (or in a rebuild,
rarely), so writing straight into the index costs little and keeps every search on the index.
"""

from django.db import migrations

INDEXES = ("search_procedureentry_document", "search_procedureentry_name_trgm")


def _fastupdate(value: str):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for index in INDEXES:
            schema_editor.execute(f"ALTER INDEX {index} SET (fastupdate = {value})")
            if value == "off":
                schema_editor.execute(f"SELECT gin_clean_pending_list('{index}'::regclass)")

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0004_dossier_search_indexes")]

    operations = [migrations.RunPython(_fastupdate("off"), _fastupdate("on"))]
