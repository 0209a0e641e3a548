"""The two staff groups: Editors write and edit; Publishers also publish, unpublish and delete.

The rights follow the models: every publishable item and the rows it is made of, and any other model
that names its rights per group in `staff_rights` (e.g. visitors' job requests: Editors view them,
Publishers view and delete them)."""

from django.apps import apps

from editorial.models import publishable_models


def permission_codes() -> tuple[list[str], list[str], list[str]]:
    """(app labels, Editors' codenames, Publishers' extra codenames) for the installed content models."""
    labels, editor, publisher = set(), [], []
    for model in publishable_models():
        name = model._meta.model_name
        labels.add(model._meta.app_label)
        editor += [f"{action}_{name}" for action in ("add", "change", "view")]
        publisher += [f"delete_{name}", f"publish_{name}"]
        # Rows inside an item can be removed while editing it; the whole item cannot.
        for child in model.history_children:
            labels.add(child._meta.app_label)
            editor += [f"{action}_{child._meta.model_name}" for action in ("add", "change", "view", "delete")]
        for child in model.public_children:
            editor.append(f"view_{child._meta.model_name}")
            publisher.append(f"delete_{child._meta.model_name}")
    for model in apps.get_models():
        rights = getattr(model, "staff_rights", None) or {}
        if rights:
            labels.add(model._meta.app_label)
        editor += [f"{action}_{model._meta.model_name}" for action in rights.get("Editors", ())]
        publisher += [f"{action}_{model._meta.model_name}" for action in rights.get("Publishers", ())]
    return sorted(labels), editor, publisher


def define_groups(Group, Permission) -> None:
    """Create or repair both groups; takes the models so a data migration can pass its historical ones."""
    labels, editor_codes, publisher_extra = permission_codes()
    permissions = Permission.objects.filter(content_type__app_label__in=labels)
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.set(permissions.filter(codename__in=editor_codes))
    publishers, _ = Group.objects.get_or_create(name="Publishers")
    publishers.permissions.set(permissions.filter(codename__in=editor_codes + publisher_extra))


def ensure_groups(sender, **kwargs) -> None:
    """After every migrate (and after a test database flush) the groups exist with the right rights."""
    from django.contrib.auth.models import Group, Permission

    define_groups(Group, Permission)
