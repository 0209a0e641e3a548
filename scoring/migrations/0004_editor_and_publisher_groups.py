"""The two staff groups: Editors write and edit; Publishers also publish, unpublish and delete."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDIT = {
    "scoring": ["assessment", "task", "evidencescore", "barrierscore", "notthisrole"],
    "careers": ["career", "entryroute", "payband"],
}
# Rows inside an assessment or career can be removed while editing it; the whole item cannot.
CHILD_DELETE = ["task", "evidencescore", "barrierscore", "notthisrole", "entryroute", "payband"]
PUBLISH_EXTRA = ["delete_assessment", "delete_career", "publish_assessment", "publish_career"]


def make_groups(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editor_codes = [f"{action}_{model}" for models in EDIT.values() for model in models for action in ("add", "change", "view")]
    editor_codes += [f"delete_{model}" for model in CHILD_DELETE] + ["view_scoresnapshot"]
    apps_used = list(EDIT)
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.set(Permission.objects.filter(content_type__app_label__in=apps_used, codename__in=editor_codes))
    publishers, _ = Group.objects.get_or_create(name="Publishers")
    publishers.permissions.set(
        Permission.objects.filter(content_type__app_label__in=apps_used, codename__in=editor_codes + PUBLISH_EXTRA)
    )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Editors", "Publishers"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("careers", "0002_editorial_history"),
        ("scoring", "0003_editorial_history"),
    ]

    operations = [migrations.RunPython(make_groups, remove_groups)]
