from django.db import migrations

# Every word of an entry, and each word of its title, other names and SOC title again marked with
# its column ("a.nurse"); the same lexemes as index.VECTOR_SQL at the time of writing.
VECTOR_SQL = (
    "array_to_tsvector(ARRAY(SELECT DISTINCT w FROM ("
    "SELECT unnest(string_to_array(concat_ws(' ', terms_title, terms_alt, terms_soc, terms_body), ' ')) "
    "UNION ALL SELECT 'a.' || unnest(string_to_array(terms_title, ' ')) "
    "UNION ALL SELECT 'b.' || unnest(string_to_array(terms_alt, ' ')) "
    "UNION ALL SELECT 'c.' || unnest(string_to_array(terms_soc, ' '))"
    ") lexemes(w) WHERE w NOT IN ('', 'a.', 'b.', 'c.')))"
)
WEIGHTED_SQL = (
    "setweight(to_tsvector('simple', terms_title), 'A') || setweight(to_tsvector('simple', terms_alt), 'B') || "
    "setweight(to_tsvector('simple', terms_soc), 'C') || setweight(to_tsvector('simple', terms_body), 'D')"
)


def write(vector_sql):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"UPDATE scoring_searchentry SET vector = {vector_sql}")

    return operation


class Migration(migrations.Migration):
    """Search vectors without weights: a tier is a match of column-marked lexemes, which the GIN index
    answers without rereading each matching row's vector (SQLite's index is unchanged)."""

    dependencies = [
        ("scoring", "0017_public_notes"),
    ]

    operations = [migrations.RunPython(write(VECTOR_SQL), write(WEIGHTED_SQL))]
