"""The change form of a live page, for an Editor: it saves a pending revision instead of the page.

An Editor (someone who may change items but not publish them) opens a published assessment or career
as an ordinary, editable change form. On Save the form and its inline rows are validated exactly as
for a real save, then kept as the item's one pending revision (editorial.revisions); the live rows,
the public pages and their caches are not touched. Opening the page again, by the same or another
Editor, continues that revision: the form is filled from it.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.db import transaction
from django.forms.formsets import all_valid
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html

from editorial import line_endings, locking, revisions


def when(moment) -> str:
    return f"{moment:%H:%M on %d %b %Y}"


def revision_conflict(item, seen: int | None, post=None) -> str:
    """Why a save of a revision opened at version `seen` (None: there was none) must be refused, or ""."""
    current = revisions.of(item)
    if current is None or current.version == seen:
        return ""
    by = f" by {current.author}" if current.author else ""
    differs = sorted(
        key
        for key, values in current.data.items()
        if post is not None and [line_endings.normalised(value) for value in post.getlist(key)] != values
    )
    listed = f" Fields where their revision differs from your form: {', '.join(differs[:12])}." if differs else ""
    return (
        f"Someone else saved the pending revision of this page{by} at {when(current.updated)}, after you opened "
        f"it, so your changes were not saved (theirs are kept).{listed} Open the page again to continue from "
        "their revision."
    )


class RevisionEditing:
    """Mixed into EditorialAdmin: editing a live page without the right to publish makes a revision."""

    def revising(self, request, obj) -> bool:
        return obj is not None and getattr(request, "jobzone_revising", None) == obj.pk

    def may_revise(self, request, item) -> bool:
        """Whether this person edits `item` through a revision: it is live, and they may change but not publish."""
        codename = f"{self.opts.app_label}.change_{self.opts.model_name}"
        return item.is_published and not self.can_publish(request) and request.user.has_perm(codename)

    def revision_target(self, request, object_id):
        """The published item this Editor is about to edit through a revision, or None."""
        if object_id is None or self.can_publish(request):
            return None
        item = self.get_object(request, unquote(object_id))
        return item if item is not None and self.may_revise(request, item) else None

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        item = self.revision_target(request, object_id)
        if item is None:
            if object_id is not None and request.method == "GET":
                self.mention_revision(request, object_id)
            return super().changeform_view(request, object_id, form_url, extra_context)
        request.jobzone_revising = item.pk
        revision = revisions.of(item)
        if request.method == "POST":
            done = self.save_revision(request, item)
            if done is not None:
                return done
        else:
            self.open_revision(request, item, revision)
        context = {**(extra_context or {}), "revising": True, "revision": revision}
        return super().changeform_view(request, object_id, form_url, context)

    def mention_revision(self, request, object_id) -> None:
        """A Publisher opening a live page is told of its pending revision, with the way to review it."""
        if not self.can_publish(request):
            return
        revision = revisions.of(self.get_object(request, unquote(object_id)))
        if revision is not None:
            link = reverse("admin:editorial_pendingrevision_change", args=[revision.pk])
            note = 'There is a pending revision of this page by {}, saved at {}. <a href="{}">Review it</a>.'
            messages.info(request, format_html(note, revision.author or "an editor", when(revision.updated), link))

    def open_revision(self, request, item, revision) -> None:
        messages.info(
            request,
            "This page is live. Your changes are saved as a pending revision for a Publisher to review; the public "
            "page stays exactly as it is until the revision is published.",
        )
        if revision is None:
            return
        data = revision.form_data()
        data["opened_revision"] = str(revision.version)
        seen = locking.seen_version(data.get("opened_version"))
        if seen is not None and seen != item.edit_version:
            changes = locking.changes_since(type(item), item.pk, seen)
            listed = f": {'; '.join(changes[:12])}" if changes else ""
            messages.warning(
                request,
                f"The live page has changed since this revision was started{listed}. The form shows the revision; "
                "check those fields before you save, so the live change is kept where it should be.",
            )
            data["opened_version"] = str(item.edit_version)
        request.jobzone_revision_data = data
        by = revision.author or "an editor"
        messages.info(
            request,
            f"You are continuing the pending revision saved by {by} at {when(revision.updated)} "
            f"(reason: “{revision.reason}”). Saving updates it.",
        )
        if revision.state == revisions.PendingRevision.State.SENT_BACK:
            reviewer = revision.reviewer or "A Publisher"
            messages.warning(request, f"{reviewer} sent this revision back: “{revision.review_note}”")

    def revision_forms(self, request, item, data):
        """The item's change form and inline formsets bound to `data` (a posted form or a stored revision)."""
        request.jobzone_revision_data = data
        fields = flatten_fieldsets(self.get_fieldsets(request, item))
        form = self.get_form(request, item, change=True, fields=fields)(data, instance=item)
        formsets, _ = self._create_formsets(request, form.instance, change=True)
        return form, formsets

    def save_revision(self, request, item):
        """Keep a valid form as the item's revision; None sends an invalid one back to the form, with its errors."""
        posted = line_endings.normalised_post(request.POST)  # browsers post "\r\n"; stored text has "\n"
        form, formsets = self.revision_forms(request, item, posted)
        del request.jobzone_revision_data
        valid = form.is_valid()
        if not (all_valid(formsets) and valid):
            return None
        here = request.get_full_path()
        if not form.has_changed() and not any(formset.has_changed() for formset in formsets):
            if revisions.of(item) is not None:
                revisions.forget(type(item), item.pk)
                messages.info(request, "Your form matches the live page, so its pending revision was withdrawn.")
            else:
                messages.info(request, "Nothing was changed, so no revision was saved.")
            return redirect(here)
        seen = locking.seen_version(request.POST.get("opened_revision"))
        try:
            with transaction.atomic():
                revisions.store(item, posted, form.cleaned_data["change_reason"], request.user, seen)
        except revisions.RevisionConflict:  # saved by someone else between the check and now
            messages.error(
                request, revision_conflict(item, seen) or "The revision changed meanwhile; nothing was saved."
            )
            return redirect(here)
        messages.success(
            request,
            f"Saved your changes to “{item}” as a pending revision. The live page is unchanged until a Publisher "
            "publishes it.",
        )
        return redirect(here if "_continue" in request.POST else reverse(self.url_name("changelist")))

    def revision_outcome(self, item, data) -> dict | None:
        """What the revision would do to the item's headline figures (assessments: score and zone)."""
        return None

    # --- the form is filled from the revision, and checks the revision's own version --------------
    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if not self.revising(request, obj):
            return form
        extra = {"revision_item": obj, "revision_data": getattr(request, "jobzone_revision_data", None)}
        return type(form.__name__, (form,), extra)

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        data = getattr(request, "jobzone_revision_data", None)
        if data is not None:
            kwargs.update(data=data.copy(), files=None, save_as_new=False)
        return kwargs
