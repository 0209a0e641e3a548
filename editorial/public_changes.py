"""Whether a save or delete changes what the public can see.

Only published items (and the rows they are made of) are public, so a draft being written, imported
or deleted changes no public page: it must not retire every cached page or start work that public
pages read (safer moves), which at 20,000 roles costs seconds.
"""

from django.db.models.signals import post_delete, post_save, pre_save

from editorial.models import Publishable, Status, publishable_models


def remember_if_public(sender, instance, **kwargs):
    """Before a publishable item is saved: could the public see it until now, and on which pages
    (a role moved to another career leaves that career's page too)?"""
    before = sender.objects.filter(pk=instance.pk).first() if instance.pk else None
    instance._was_public = before is not None and before.status == Status.PUBLISHED
    instance._keys_before = before.surrogate_keys() if before is not None else set()


def keys_for(instance) -> set[str]:
    """The surrogate keys of the pages a change to this row retires: its item's, before and after."""
    if isinstance(instance, Publishable):
        return instance.surrogate_keys() | getattr(instance, "_keys_before", set())
    parent = parent_of(instance)
    if parent is None:
        return {"site"}  # a row we cannot place: every page, to be safe
    model, parent_id = parent
    return {f"{model.page_key}-{parent_id}"}


def parent_of(row) -> tuple[type, int] | None:
    """The publishable item a row belongs to (its model and id), from the item's own row lists."""
    for model in publishable_models():
        if type(row) in (*model.history_children, *model.public_children):
            return model, getattr(row, f"{model.history_parent_field}_id")
    return None


def changes_public_content(instance, deleted: bool = False) -> bool:
    if isinstance(instance, Publishable):
        return instance.is_published or (not deleted and getattr(instance, "_was_public", True))
    parent = parent_of(instance)
    if parent is None:
        return True
    model, parent_id = parent
    return model.objects.filter(pk=parent_id, status=Status.PUBLISHED).exists()


def connect(handler, models, uid: str) -> None:
    """Call handler(instance) after each save or delete of these models that the public can see."""

    def saved(sender, instance, **kwargs):
        if changes_public_content(instance):
            handler(instance)

    def deleted(sender, instance, **kwargs):
        if changes_public_content(instance, deleted=True):
            handler(instance)

    for model in models:
        post_save.connect(saved, sender=model, weak=False, dispatch_uid=f"{uid}-saved-{model._meta.label}")
        post_delete.connect(deleted, sender=model, weak=False, dispatch_uid=f"{uid}-deleted-{model._meta.label}")


def track_publishable_models() -> None:
    for model in publishable_models():
        pre_save.connect(remember_if_public, sender=model, dispatch_uid=f"was-public-{model._meta.label}")
