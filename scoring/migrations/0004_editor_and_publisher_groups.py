from django.contrib.auth.management import create_permissions
from django.db import migrations

from editorial.groups import define_groups


def make_groups(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    define_groups(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Editors", "Publishers"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("careers", "0002_editorial_history"),
        ("scoring", "0003_editorial_history"),
    ]

    operations = [migrations.RunPython(make_groups, remove_groups)]
