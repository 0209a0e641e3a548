from django.db import migrations


def scan_alone(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE scoring_searchentry SET (parallel_workers = 0)")


def scan_as_planned(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE scoring_searchentry RESET (parallel_workers)")


class Migration(migrations.Migration):
    """PostgreSQL plans a parallel scan of the search entries when it overestimates how many entries
    hold a word in their title (weights are not in the GIN index, so it cannot tell); starting the
    workers then costs more than the whole scan. A search reads few rows, so it reads them alone."""

    dependencies = [
        ("scoring", "0015_search_occupations"),
    ]

    operations = [migrations.RunPython(scan_alone, scan_as_planned)]
