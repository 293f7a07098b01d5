"""Seed the default working week and Vietnam's 2024–2027 public holidays and swaps."""

from django.db import migrations


def seed(apps, schema_editor):
    from addons.workcalendar.seed import calendar_seed

    calendar_seed(
        apps.get_model("workcalendar", "WorkingPeriod"),
        apps.get_model("workcalendar", "CalendarDay"),
    )


class Migration(migrations.Migration):
    dependencies = [("workcalendar", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
