"""Publishers review pending revisions: a field-by-field diff against the live page, then publish or send back."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.forms.formsets import all_valid
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path

from editorial import locking, revisions
from editorial.error_links import error_links
from editorial.history import RowChange
from editorial.revisions import PendingRevision

# Form fields about the save itself, not the content, and row fields that only tie a row to its item.
NOT_SHOWN = {"change_reason", "opened_version", "opened_revision", "public_note", "DELETE", "id"}


def shown(field, value) -> str:
    """A form value as staff read it: choice labels, related items by name, yes/no, a dash for nothing."""
    if value in (None, "", []):
        return "–"
    if isinstance(field, forms.ModelChoiceField):
        try:
            value = field.to_python(value) if not hasattr(value, "pk") else value
        except forms.ValidationError:
            pass
        return str(value) if value is not None else "–"
    if isinstance(field, forms.BooleanField):
        return "Yes" if value else "No"
    choices = {str(key): label for key, label in getattr(field, "choices", ()) if not isinstance(label, (list, tuple))}
    return str(choices.get(str(value), value))


def changed_fields(form) -> list[tuple[str, str, str]]:
    found = []
    for name in form.changed_data:
        if name in NOT_SHOWN:
            continue
        field = form.fields[name]
        before = form.get_initial_for_field(field, name)
        found.append((str(field.label or name), shown(field, before), shown(field, form.cleaned_data.get(name))))
    return found


def describe(form, formsets) -> dict:
    """What publishing the bound form would change on the live item, in the shape of a version compare."""
    rows = []
    for formset in formsets:
        kind = str(formset.model._meta.verbose_name)
        for row in formset.forms:
            if row in formset.deleted_forms:
                if row.instance.pk:
                    rows.append(RowChange("removed", f"{kind}: {row.instance}", []))
            elif row.has_changed():
                changed = "changed" if row.instance.pk else "added"
                rows.append(RowChange(changed, f"{kind}: {row.instance}", changed_fields(row)))
    return {"fields": changed_fields(form), "rows": rows}


class PublishForm(forms.Form):
    public_note = forms.CharField(
        label="Public note (shown in the page's score history if the score moves)",
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class SendBackForm(forms.Form):
    note = forms.CharField(label="Note for the editor (what to change)", max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip


class RevisionStateFilter(admin.SimpleListFilter):
    """On the assessment and career lists: which items have a revision waiting, or sent back."""

    title = "pending revision"
    parameter_name = "revision"

    def lookups(self, request, model_admin):
        return [("pending", "Waiting for review"), ("sent_back", "Sent back to the editor"), ("none", "None")]

    def queryset(self, request, queryset):
        if self.value() in ("pending", "sent_back"):
            return queryset.filter(pk__in=revisions.item_ids(queryset.model, self.value()))
        if self.value() == "none":
            return queryset.exclude(pk__in=revisions.item_ids(queryset.model))
        return queryset


@admin.register(PendingRevision)
class PendingRevisionAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "state", "author", "updated", "reason"]
    list_filter = ["state", "content_type"]
    search_fields = ["title", "reason"]
    list_select_related = ["author", "content_type"]
    actions = None

    @admin.display(description="kind", ordering="content_type")
    def kind(self, revision):
        return revision.content_type.model_class()._meta.verbose_name.capitalize()

    def has_add_permission(self, request):
        return False

    def item_admin(self, revision):
        return self.admin_site._registry[revision.content_type.model_class()]

    def get_urls(self):
        own = [
            path(f"<int:pk>/{action}/", self.admin_site.admin_view(getattr(self, f"{action}_view")),
                 name=f"editorial_pendingrevision_{action}")
            for action in ("publish", "send_back", "discard")
        ]  # fmt: skip
        return own + super().get_urls()

    def revision_and_item(self, request, pk):
        revision = get_object_or_404(PendingRevision.objects.select_related("author", "reviewer"), pk=pk)
        item = revision.item
        if item is None:  # the item has gone (deleting it normally takes its revision too)
            revision.delete()
            raise PermissionDenied("That page no longer exists.")
        if not self.has_view_permission(request, revision):
            raise PermissionDenied
        return revision, item

    def bound(self, request, revision, item, **extra):
        """The item's admin form and rows filled from the revision, as a Publisher would save them."""
        data = revision.form_data()
        data["status"] = item.status  # Editors never post the status; a revision keeps the live one
        data["opened_revision"] = str(revision.version)  # this very revision, so its own check passes
        for key, value in extra.items():
            data[key] = value
        return self.item_admin(revision).revision_forms(request, item, data)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if not object_id.isdigit():
            return redirect("admin:editorial_pendingrevision_changelist")
        revision, item = self.revision_and_item(request, int(object_id))
        item_admin = self.item_admin(revision)
        request.jobzone_revising = item.pk  # every row of the revision is read, whatever the viewer may change
        form, formsets = self.bound(request, revision, item)
        valid = all_valid(formsets) & form.is_valid()
        del request.jobzone_revising
        seen = locking.seen_version(revision.data.get("opened_version", [""])[0])
        can_publish = item_admin.can_publish(request)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"Pending revision of {item}",
            "revision": revision,
            "item": item,
            "item_opts": item_admin.opts,
            "diff": describe(form, formsets) if valid else None,
            "problems": [] if valid else self.problems(form, formsets),
            "outcome": item_admin.revision_outcome(item, revision.form_data()),
            "changed_live": locking.changes_since(type(item), item.pk, seen) if seen != item.edit_version else [],
            "can_publish": can_publish,
            "can_discard": can_publish or revision.author_id == request.user.pk,
            "publish_form": PublishForm(),
            "send_back_form": SendBackForm(),
        }
        return TemplateResponse(request, "admin/editorial/pending_revision.html", context)

    def problems(self, form, formsets) -> list[str]:
        found = [f"{label}: {message}" for label, message, _ in error_links(form, formsets)]
        return found or ["The revision no longer fits the live page."]

    def back(self, pk):
        return redirect("admin:editorial_pendingrevision_change", pk)

    def publish_view(self, request, pk):
        revision, item = self.revision_and_item(request, pk)
        item_admin = self.item_admin(revision)
        if request.method != "POST" or not item_admin.can_publish(request):
            raise PermissionDenied
        note = PublishForm(request.POST)
        public_note = note.cleaned_data["public_note"] if note.is_valid() else ""
        by = f" (revision by {revision.author})" if revision.author else " (revision)"
        reason = revision.reason[: 100 - len(by)] + by
        form, formsets = self.bound(request, revision, item, public_note=public_note, change_reason=reason)
        valid = all_valid(formsets) & form.is_valid()
        if not valid:
            messages.error(request, "The revision was not published: " + " ".join(self.problems(form, formsets)))
            return self.back(pk)
        try:
            with transaction.atomic():
                saved = item_admin.save_form(request, form, change=True)
                item_admin.save_model(request, saved, form, True)
                item_admin.save_related(request, form, formsets, True)
                item_admin.log_change(request, saved, item_admin.construct_change_message(request, form, formsets))
                revision.delete()
        except locking.EditConflict as conflict:
            messages.error(request, f"{conflict} The revision was not published.")
            return self.back(pk)
        messages.success(request, f"Published the revision of “{saved}”; the public page shows it now.")
        return redirect("admin:editorial_pendingrevision_changelist")

    def send_back_view(self, request, pk):
        revision, item = self.revision_and_item(request, pk)
        if request.method != "POST" or not self.item_admin(revision).can_publish(request):
            raise PermissionDenied
        form = SendBackForm(request.POST)
        if not form.is_valid():
            messages.error(
                request, "Write a note for the editor saying what to change; the revision was not sent back."
            )
            return self.back(pk)
        PendingRevision.objects.filter(pk=revision.pk).update(
            state=PendingRevision.State.SENT_BACK, review_note=form.cleaned_data["note"], reviewer=request.user
        )
        messages.success(request, f"Sent the revision of “{item}” back to the editor with your note.")
        return redirect("admin:editorial_pendingrevision_changelist")

    def discard_view(self, request, pk):
        revision, item = self.revision_and_item(request, pk)
        allowed = self.item_admin(revision).can_publish(request) or revision.author_id == request.user.pk
        if request.method != "POST" or not allowed:
            raise PermissionDenied
        revision.delete()
        messages.success(request, f"Discarded the pending revision of “{item}”; the live page is as it was.")
        return redirect("admin:editorial_pendingrevision_changelist")
