from django.db import migrations, models


def index_again(apps, schema_editor):
    """Moved to 0019: the live index code reads today's models, which have columns added after this."""


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
