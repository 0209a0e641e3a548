"""The two staff groups: Editors write and edit; Publishers also publish, unpublish and delete."""

EDIT = {
    "scoring": ["assessment", "task", "evidencescore", "barrierscore", "notthisrole"],
    "careers": ["career", "entryroute", "payband"],
}
# Rows inside an assessment or career can be removed while editing it; the whole item cannot.
CHILD_DELETE = ["task", "evidencescore", "barrierscore", "notthisrole", "entryroute", "payband"]
PUBLISH_EXTRA = ["delete_assessment", "delete_career", "publish_assessment", "publish_career", "delete_scoresnapshot"]
EDITOR_CODES = [
    f"{action}_{model}" for models in EDIT.values() for model in models for action in ("add", "change", "view")
]
EDITOR_CODES += [f"delete_{model}" for model in CHILD_DELETE] + ["view_scoresnapshot"]


def define_groups(Group, Permission) -> None:
    """Create or repair both groups; takes the models so a data migration can pass its historical ones."""
    permissions = Permission.objects.filter(content_type__app_label__in=list(EDIT))
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.set(permissions.filter(codename__in=EDITOR_CODES))
    publishers, _ = Group.objects.get_or_create(name="Publishers")
    publishers.permissions.set(permissions.filter(codename__in=EDITOR_CODES + PUBLISH_EXTRA))


def ensure_groups(sender, **kwargs) -> None:
    """After every migrate (and after a test database flush) the groups exist with the right rights."""
    from django.contrib.auth.models import Group, Permission

    define_groups(Group, Permission)
