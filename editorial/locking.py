"""No staff edit is silently lost: each write says which version of the item it was based on.

A form carries the item's `edit_version` from when it was opened. Saving checks it twice: the form
refuses at once, with the changes made since, when the item has moved on (the usual case: someone
saved while this person was typing); and the save itself claims the row with one conditional UPDATE,
which holds it until the transaction ends, so of two saves sent at the same moment one waits and is
then refused too (PostgreSQL and SQLite alike).
"""

from __future__ import annotations

from django.db.models import F

from editorial import history


class EditConflict(Exception):
    pass


def _short(value, limit: int = 80) -> str:
    text = " ".join(str(value if value is not None else "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def changes_since(model, pk, seen: int) -> list[str]:
    """What has changed since version `seen`, field by field (rows included), newest state last."""
    versions = model.history.filter(id=pk).order_by("-history_date", "-history_id")
    newer = versions.first()
    older = versions.filter(edit_version__lte=seen).first()
    if newer is None or older is None or older.history_id == newer.history_id:
        return []
    diff = history.compare_versions(older, newer)
    found = [f"{label}: “{_short(old)}” → “{_short(new)}”" for label, old, new in diff["fields"]]
    found += [f"{row.label} ({row.kind})" for row in diff["rows"]]
    return found


def refusal(model, pk, seen: int) -> str:
    latest = model.history.filter(id=pk).order_by("-history_date", "-history_id").select_related("history_user")
    latest = latest.first()
    by = f" by {latest.history_user}" if latest and latest.history_user else ""
    when = f" at {latest.history_date:%H:%M on %d %b %Y}" if latest else ""
    changes = changes_since(model, pk, seen)
    more = "; …" if len(changes) > 12 else ""
    listed = f" What changed: {'; '.join(changes[:12])}{more}." if changes else ""
    return (
        f"Someone else saved this {model._meta.verbose_name}{by}{when}, after you opened it, so your changes "
        f"were not saved (theirs are kept).{listed} Open it again to see their version, then make your "
        "changes again."
    )


def is_current(model, pk, seen: int) -> bool:
    return model.objects.filter(pk=pk, edit_version=seen).exists()


def claim(model, pk, seen: int) -> None:
    """Inside the saving transaction: go on only if the item is still at version `seen`."""
    if not model.objects.filter(pk=pk, edit_version=seen).update(edit_version=F("edit_version")):
        raise EditConflict(refusal(model, pk, seen))


def seen_version(raw) -> int | None:
    """The version a form or button says it was based on (absent or unreadable: None)."""
    text = str(raw or "").strip()
    return int(text) if text.isdigit() and len(text) < 10 else None
