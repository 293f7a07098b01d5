"""An index for "the live children of a page" (`get_children()`: `depth = n AND path LIKE 'p%'`).

Every portal page draws its menu from the home page's children. Wagtail indexes `path` alone, and
every page lies under the home page, so PostgreSQL read the whole page table for it: 26 ms a page
at ten times the catalogue (56,693 pages), now an index scan. On SQLite the index narrows by depth.
"""

from django.db import migrations

NAME = "pages_page_depth_path"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        operator_class = " varchar_pattern_ops"  # LIKE 'prefix%' under any collation
    else:
        operator_class = ""
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {NAME} ON wagtailcore_page (depth, path{operator_class})"
    )


def drop(apps, schema_editor):
    schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0002_create_homepage"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create, drop)]
