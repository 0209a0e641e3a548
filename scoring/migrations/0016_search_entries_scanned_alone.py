from django.db import migrations


FORWARD = [
    "ALTER TABLE scoring_searchentry SET (parallel_workers = 0)",
    # The nearest words to a misspelling by trigram distance, read in order from a GiST index
    # (about 2 ms), where the GIN index made PostgreSQL score every word (about 7 ms).
    "CREATE INDEX search_word_trigram_distance ON scoring_searchword USING gist (word gist_trgm_ops)",
    "DROP INDEX IF EXISTS search_word_trigram",
]
BACKWARD = [
    "ALTER TABLE scoring_searchentry RESET (parallel_workers)",
    "CREATE INDEX search_word_trigram ON scoring_searchword USING gin (word gin_trgm_ops)",
    "DROP INDEX IF EXISTS search_word_trigram_distance",
]


def run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    """PostgreSQL plans a parallel scan of the search entries when it overestimates how many entries
    hold a word in their title (weights are not in the GIN index, so it cannot tell); starting the
    workers then costs more than the whole scan. A search reads few rows, so it reads them alone.
    Misspellings are corrected from a GiST trigram index, read nearest first."""

    dependencies = [
        ("scoring", "0015_search_occupations"),
    ]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
