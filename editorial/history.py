"""Versions of assessments and careers: what changed between two, and going back to one.

A version is the parent record saved at the end of an edit plus its child rows as they stood at
that moment (django-simple-history keeps every row's history; children are saved before the
parent's final save, so "as of the parent's record" catches them all).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

IGNORED_FIELDS = {"updated", "created", "warnings", "warning_count", "import_warnings", "calculation_problem"}


def children_as_of(child_model, parent_field: str, parent_pk, when=None) -> list:
    """Rows as they stood at `when`; with no date, each row's last state before it was deleted."""
    records = child_model.history.filter(**{f"{parent_field}_id": parent_pk})
    records = records.filter(history_date__lte=when) if when else records.exclude(history_type="-")
    rows = (record.instance for record in records.latest_of_each() if record.history_type != "-")
    return sorted(rows, key=lambda row: (getattr(row, "order", 0), row.pk))


def versions(model, pk):
    """The saved versions of one item, newest first (quiet first saves are not versions)."""
    return model.history.filter(id=pk).select_related("history_user").order_by("-history_date", "-history_id")


@dataclass
class RowChange:
    kind: str  # added / removed / changed
    label: str
    details: list[tuple[str, object, object]]


def field_label(model, name: str) -> str:
    return str(model._meta.get_field(name).verbose_name)


def compare_versions(older, newer) -> dict:
    """Field-by-field differences between two historical records of one item, children included."""
    model = older.instance_type
    delta = newer.diff_against(older)
    fields = [
        (field_label(model, change.field), change.old, change.new)
        for change in delta.changes
        if change.field not in IGNORED_FIELDS
    ]
    rows = []
    for child in model.history_children:
        parent_field = model.history_parent_field
        before = {row.pk: row for row in children_as_of(child, parent_field, older.id, older.history_date)}
        after = {row.pk: row for row in children_as_of(child, parent_field, newer.id, newer.history_date)}
        name = child._meta.verbose_name
        for pk in before.keys() - after.keys():
            rows.append(RowChange("removed", f"{name}: {before[pk]}", []))
        for pk in after.keys() - before.keys():
            rows.append(RowChange("added", f"{name}: {after[pk]}", []))
        for pk in before.keys() & after.keys():
            details = [
                (field_label(child, f.name), getattr(before[pk], f.attname), getattr(after[pk], f.attname))
                for f in child._meta.concrete_fields
                if getattr(before[pk], f.attname) != getattr(after[pk], f.attname)
            ]
            if details:
                rows.append(RowChange("changed", f"{name}: {after[pk]}", details))
    return {"fields": fields, "rows": rows}


def clashes(record) -> list[str]:
    """What another item now holds that restoring `record` would take (e.g. its address), in words."""
    model = record.instance_type
    found = []
    for field in model._meta.concrete_fields:
        if field.unique and not field.primary_key:
            value = getattr(record, field.attname)
            other = model.objects.filter(**{field.attname: value}).exclude(pk=record.id).first()
            if other is not None:
                found.append(f"its {field.verbose_name} “{value}” now belongs to “{other}”")
    return found


def _existing_or_none(field, value):
    """A foreign key to something since deleted cannot be restored as it was."""
    if value is None or not field.is_relation:
        return value
    return value if field.related_model.objects.filter(pk=value).exists() else None


def _keep_creation_dates(obj, values: dict) -> None:
    """auto_now_add stamps "now" on insert; a restored row keeps the date it really had."""
    if values:
        type(obj).objects.filter(pk=obj.pk).update(**values)


def _creation_dates(obj) -> dict:
    return {f.name: getattr(obj, f.name) for f in obj._meta.concrete_fields if getattr(f, "auto_now_add", False)}


@transaction.atomic
def restore_version(record, reason: str, keep_status: str | None = None, extra_children=()):
    """Make the item and its rows look as they did in `record`; the restore is itself a new version.

    `extra_children` (an assessment's published-score history) come back as they last were, since
    they are added after a version is saved."""
    model = record.instance_type
    item = record.instance
    if keep_status is not None:
        item.status = keep_status
    for field in model._meta.concrete_fields:
        if field.is_relation:
            setattr(item, field.attname, _existing_or_none(field, getattr(item, field.attname)))
    dates = _creation_dates(item)
    item.skip_history_when_saving = True
    item.save()
    del item.skip_history_when_saving
    parent_field = model.history_parent_field
    for child in [*model.history_children, *extra_children]:
        for current in child.objects.filter(**{parent_field: item}):
            current._change_reason = reason
            current.delete()
        when = None if child in extra_children else record.history_date
        for old in children_as_of(child, parent_field, item.pk, when):
            for field in child._meta.concrete_fields:
                if field.is_relation and field.name != parent_field:
                    setattr(old, field.attname, _existing_or_none(field, getattr(old, field.attname)))
            old._change_reason = reason
            old_dates = _creation_dates(old)
            old.save(force_insert=True)
            _keep_creation_dates(old, old_dates)
    item._change_reason = reason
    item.save()
    _keep_creation_dates(item, dates)
    return item


def deleted_items(model):
    """The last record of each item that no longer exists."""
    gone = model.history.filter(history_type="-").exclude(id__in=model.objects.values("id"))
    return gone.order_by("-history_date").select_related("history_user")


def last_version_before_deletion(model, deletion):
    return (
        model.history.filter(id=deletion.id, history_date__lt=deletion.history_date)
        .exclude(history_type="-")
        .order_by("-history_date", "-history_id")
        .first()
    )
