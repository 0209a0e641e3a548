"""Pending revisions: an Editor's change to a live page, kept aside until a Publisher reviews it.

The revision is the change form exactly as the Editor posted it (every field and inline row), so the
Editor can reopen and continue it, a Publisher sees it as a field-by-field diff against the live item,
and publishing it runs the same admin save (locking, versions, public note) as any other change. Until
then nothing the public reads changes: the live rows are untouched and no cached page is retired.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import F
from django.http import QueryDict
from django.utils import timezone

# Form fields that belong to one submission, not to the content (the CSRF token, which button was pressed).
NOT_CONTENT = {"csrfmiddlewaretoken", "_save", "_continue", "_addanother", "_saveasnew", "opened_revision"}


class PendingRevision(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", "Waiting for review"
        SENT_BACK = "sent_back", "Sent back to the editor"

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    title = models.CharField("page", max_length=200)
    data = models.JSONField(default=dict)  # the change form as posted: every key with its list of values
    reason = models.CharField("editor's reason", max_length=100)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING, db_index=True)
    review_note = models.TextField("note from the publisher", blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name="last saved by"
    )
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+", verbose_name="sent back by")  # fmt: skip
    # Counts saves of the revision itself, so two Editors continuing it cannot undo each other either.
    version = models.PositiveIntegerField(default=1)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    staff_rights = {"Editors": ("view", "change"), "Publishers": ("view", "change", "delete")}

    class Meta:
        ordering = ["-updated"]
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="one_pending_revision_per_item")
        ]

    def __str__(self):
        return f"Revision of {self.title}"

    def form_data(self) -> QueryDict:
        data = QueryDict(mutable=True)
        for key, values in self.data.items():
            data.setlist(key, values)
        return data


def of(item) -> PendingRevision | None:
    if item is None or item.pk is None:
        return None
    kind = ContentType.objects.get_for_model(item)
    found = PendingRevision.objects.filter(content_type=kind, object_id=item.pk)
    return found.select_related("author", "reviewer").first()


def item_ids(model, state: str | None = None):
    """The ids of the model's items that have a revision (in that state, if given), as a subquery."""
    found = PendingRevision.objects.filter(content_type=ContentType.objects.get_for_model(model))
    return (found.filter(state=state) if state else found).values("object_id")


def content_of(post) -> dict[str, list[str]]:
    return {key: post.getlist(key) for key in post if key not in NOT_CONTENT}


class RevisionConflict(Exception):
    pass


def store(item, post, reason: str, user, seen: int | None) -> PendingRevision:
    """Create the item's revision, or update it if it is still at version `seen` (else RevisionConflict)."""
    kind = ContentType.objects.get_for_model(item)
    values = dict(title=str(item)[:200], data=content_of(post), reason=reason[:100], author=user,
                  state=PendingRevision.State.PENDING)  # fmt: skip
    existing = PendingRevision.objects.filter(content_type=kind, object_id=item.pk)
    if seen is None:
        if existing.exists():
            raise RevisionConflict("someone else started a revision of this page after you opened it")
        return PendingRevision.objects.create(content_type=kind, object_id=item.pk, **values)
    if not existing.filter(version=seen).update(version=F("version") + 1, updated=timezone.now(), **values):
        raise RevisionConflict("someone else saved this revision after you opened it")
    return existing.get()


def forget(model, pk) -> None:
    """An item that is gone takes its revision with it."""
    PendingRevision.objects.filter(content_type=ContentType.objects.get_for_model(model), object_id=pk).delete()


def follow_deletions() -> None:
    from django.db.models.signals import post_delete

    from editorial.models import publishable_models

    def deleted(sender, instance, **kwargs):
        forget(sender, instance.pk)

    for model in publishable_models():
        post_delete.connect(deleted, sender=model, weak=False, dispatch_uid=f"revision-gone-{model._meta.label}")
