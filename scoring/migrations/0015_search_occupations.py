from django.db import migrations, models


def index_again(apps, schema_editor):
    """SOC unit groups join the index, roles are found by their group's official job titles and
    positions gain a kind rank: every public item is indexed again with the code of this version
    (so this stays the last migration that does; a later one that changes the index moves it there)."""
    from scoring.search.index import rebuild_published

    rebuild_published()


class Migration(migrations.Migration):

    dependencies = [
        ("careers", "0004_occupations"),
        ("scoring", "0014_drafts_from_occupations"),
    ]

    operations = [
        migrations.AlterField(
            model_name="searchentry",
            name="kind",
            field=models.CharField(max_length=10),
        ),
        migrations.RunPython(index_again, migrations.RunPython.noop),
    ]
