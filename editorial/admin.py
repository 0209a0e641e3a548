"""Admin behaviour shared by assessments and careers: rights, change reasons, versions, restore."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from editorial import history, locking
from editorial.error_links import error_links
from editorial.models import Status
from editorial.revision_editing import RevisionEditing, revision_conflict
from editorial.signals import item_restored


class ChangeReasonForm(forms.ModelForm):
    change_reason = forms.CharField(
        label="Reason for this change",
        max_length=100,
        help_text="Kept in the history with your name and the time, e.g. “Updated evidence after new NHS data”.",
    )
    # The item's version when this form was opened (editorial.locking).
    opened_version = forms.CharField(required=False, widget=forms.HiddenInput)
    # Editing a live page without the right to publish: the version of its pending revision, if it had one.
    opened_revision = forms.CharField(required=False, widget=forms.HiddenInput)
    revision_item = None  # set (editorial.revision_editing) when this form saves a revision of that item
    revision_data = None  # ... and, when continuing a revision, the stored form it is filled from

    def __init__(self, *args, **kwargs):
        if not args and kwargs.get("data") is None and self.revision_data is not None:
            kwargs["data"] = self.revision_data
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["opened_version"].initial = self.instance.edit_version

    def seen_version(self) -> int | None:
        return locking.seen_version(self.data.get(self.add_prefix("opened_version"))) if self.instance.pk else None

    def clean(self):
        data = super().clean()
        seen = self.seen_version()
        if seen is not None and not locking.is_current(type(self.instance), self.instance.pk, seen):
            raise forms.ValidationError(locking.refusal(type(self.instance), self.instance.pk, seen), code="conflict")
        if self.revision_item is not None:
            opened = locking.seen_version(self.data.get(self.add_prefix("opened_revision")))
            if problem := revision_conflict(self.revision_item, opened, self.data):
                raise forms.ValidationError(problem, code="conflict")
        return data


class LabelledTabularInline(admin.TabularInline):
    """A tabular inline with a (visually hidden) label in every cell, e.g. "Task 3: time share", for screen readers."""

    template = "admin/edit_inline/labelled_tabular.html"

    class Media:
        css = {"all": ["css/admin-inline.css"]}


class RowsFollowParent:
    """Inline rows of a published item are read-only to staff who may not publish."""

    def parent_locked(self, request, obj) -> bool:
        if obj is None or not obj.is_published:
            return False
        parent = self.admin_site._registry[type(obj)]
        return not parent.can_publish(request) and not parent.revising(request, obj)

    def has_add_permission(self, request, obj=None):
        return not self.parent_locked(request, obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not self.parent_locked(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self.parent_locked(request, obj) and super().has_delete_permission(request, obj)


class EditorialAdmin(RevisionEditing, admin.ModelAdmin):
    form = ChangeReasonForm
    publish_codename = ""
    actions = ["publish_selected", "unpublish_selected"]
    versions_template = "admin/editorial/versions.html"
    change_list_template = "admin/editorial/change_list.html"
    change_form_template = "admin/editorial/change_form.html"

    # The change form draws this many fieldsets, then this many inlines, then the rest (the work first).
    lead_fieldsets = 1000
    lead_inlines = 0
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 3, "cols": 80})}}

    class Media:
        js = ["js/admin-combobox-names.js"]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context = {**context, "lead_fieldsets": self.lead_fieldsets, "lead_inlines": self.lead_inlines}
        formsets = [inline.formset for inline in context.get("inline_admin_formsets", [])]
        context["error_links"] = error_links(context["adminform"].form, formsets)
        return super().render_change_form(request, context, add, change, form_url, obj)

    # --- rights ----------------------------------------------------------------------------
    def can_publish(self, request) -> bool:
        return request.user.has_perm(f"{self.opts.app_label}.{self.publish_codename}")

    def has_publish_permission(self, request):
        return self.can_publish(request)

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_published and not self.can_publish(request) and not self.revising(request, obj):
            return False  # a published page changes only through someone who may publish, or a revision
        return super().has_change_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not self.can_publish(request):
            fields.append("status")
        return fields

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if self.has_change_permission(request, obj) if obj else self.has_add_permission(request):
            fields = self.record_fields(request) + (["opened_revision"] if self.revising(request, obj) else [])
            fieldsets.append(("Record this change", {"fields": fields}))
        return fieldsets

    def record_fields(self, request) -> list[str]:
        """What a save records besides the item: why, and which version the form was opened at."""
        return ["change_reason", "opened_version"]

    # --- saving: one version per save, with who and why -------------------------------------
    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except locking.EditConflict as conflict:  # two saves at once: this one lost the race; nothing was saved
            messages.error(request, str(conflict))
            return redirect(request.get_full_path())

    def save_model(self, request, obj, form, change):
        if "status" in form.changed_data and not self.can_publish(request):
            raise PermissionDenied("Only Publishers can publish or unpublish.")
        seen = form.seen_version() if change else None
        if seen is not None:
            locking.claim(self.model, obj.pk, seen)
            obj.edit_version = seen  # the row as claimed; this save counts on from it
        obj._change_reason = form.cleaned_data["change_reason"]
        obj.skip_history_when_saving = True  # the version is recorded once the rows are saved too
        try:
            super().save_model(request, obj, form, change)
        finally:
            del obj.skip_history_when_saving

    def save_formset(self, request, form, formset, change):
        reason = form.cleaned_data["change_reason"]
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            obj._change_reason = reason
            obj.delete()
        for obj in instances:
            obj._change_reason = reason
            obj.save()
        formset.save_m2m()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        item = form.instance
        item._change_reason = form.cleaned_data["change_reason"]
        item.save()
        reason = form.cleaned_data["change_reason"]
        self.after_save(request, item, "status" in form.changed_data and item.is_published, reason)

    def after_save(self, request, item, became_published: bool, reason: str | None = None) -> None:
        """Hook for what follows a saved version (assessments snapshot their published score)."""

    # --- publishing ----------------------------------------------------------------------
    def publishable(self, request, item) -> bool:
        return True

    @admin.action(permissions=["publish"], description="Publish selected")
    def publish_selected(self, request, queryset):
        done = 0
        for item in queryset.exclude(status=Status.PUBLISHED):
            if not self.publishable(request, item):
                continue
            item.status = Status.PUBLISHED
            latest = item.history.order_by("-history_date").first()
            item._change_reason = "Published"
            item.save()
            self.after_save(request, item, True, latest and latest.history_change_reason)
            done += 1
        self.message_user(request, f"Published {done} item(s).", messages.SUCCESS)

    @admin.action(permissions=["publish"], description="Unpublish selected (back to draft)")
    def unpublish_selected(self, request, queryset):
        done = 0
        for item in queryset.filter(status=Status.PUBLISHED):
            item.status = Status.DRAFT
            item._change_reason = "Unpublished"
            item.save()
            done += 1
        self.message_user(request, f"Unpublished {done} item(s); they are drafts again.", messages.SUCCESS)

    # --- versions ------------------------------------------------------------------------
    def history_view(self, request, object_id, extra_context=None):
        # One history entry point: Django's stock history knows nothing of our versions, so send it there.
        name = f"admin:{self.opts.app_label}_{self.opts.model_name}_versions"
        return redirect(reverse(name, args=[object_id]))

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}"
        own = [
            path("<int:pk>/versions/", self.admin_site.admin_view(self.versions_view), name=f"{name}_versions"),
            path(
                "<int:pk>/versions/compare/",
                self.admin_site.admin_view(self.compare_view),
                name=f"{name}_compare",
            ),
            path(
                "<int:pk>/versions/<int:history_id>/restore/",
                self.admin_site.admin_view(self.restore_view),
                name=f"{name}_restore",
            ),
            path("deleted/", self.admin_site.admin_view(self.deleted_view), name=f"{name}_deleted"),
            path(
                "deleted/<int:history_id>/restore/",
                self.admin_site.admin_view(self.restore_deleted_view),
                name=f"{name}_restore_deleted",
            ),
        ]
        return own + super().get_urls()

    def changelist_view(self, request, extra_context=None):
        extra = {"deleted_url": reverse(self.url_name("deleted"))}
        return super().changelist_view(request, {**(extra_context or {}), **extra})

    def url_name(self, view: str) -> str:
        return f"admin:{self.opts.app_label}_{self.opts.model_name}_{view}"

    def context(self, request, title, **extra):
        return {**self.admin_site.each_context(request), "opts": self.opts, "title": title, **extra}

    def versions_view(self, request, pk):
        item = get_object_or_404(self.model, pk=pk)
        if not self.has_view_permission(request, item):
            raise PermissionDenied
        records = list(history.versions(self.model, pk)[:200])
        context = self.context(
            request,
            f"Versions of {item}",
            item=item,
            records=records,
            can_restore=self.has_change_permission(request, item),
            compare_url=reverse(self.url_name("compare"), args=[pk]),
            restore_url_name=self.url_name("restore"),
        )
        return TemplateResponse(request, self.versions_template, context)

    def compare_view(self, request, pk):
        item = get_object_or_404(self.model, pk=pk)
        if not self.has_view_permission(request, item):
            raise PermissionDenied
        chosen = request.GET.getlist("version")
        records = list(self.model.history.filter(id=pk, history_id__in=[c for c in chosen if c.isdigit()]))
        if len(records) != 2:
            messages.error(request, "Choose exactly two versions to compare.")
            return redirect(self.url_name("versions"), pk=pk)
        older, newer = sorted(records, key=lambda r: (r.history_date, r.history_id))
        context = self.context(
            request,
            f"Changes to {item}",
            item=item,
            older=older,
            newer=newer,
            diff=history.compare_versions(older, newer),
        )
        return TemplateResponse(request, "admin/editorial/compare.html", context)

    def restore_view(self, request, pk, history_id):
        item = get_object_or_404(self.model, pk=pk)
        record = get_object_or_404(self.model.history, id=pk, history_id=history_id)
        if request.method != "POST" or not self.has_change_permission(request, item):
            raise PermissionDenied
        when = record.history_date.strftime("%d %b %Y %H:%M")
        if refused := self.refuse_clash(request, record):
            return refused
        reason = f"Reverted to the version of {when}"
        seen = locking.seen_version(request.POST.get("opened_version"))
        try:
            with transaction.atomic():
                if seen is not None:
                    locking.claim(self.model, pk, seen)
                restored = history.restore_version(record, reason, keep_status=item.status)
                self.after_save(request, restored, False, reason)
        except locking.EditConflict as conflict:
            messages.error(request, f"{conflict} Nothing was restored.")
            return redirect(self.url_name("versions"), pk=pk)
        messages.success(request, f"Restored the version of {when}; figures were recomputed.")
        return redirect(self.url_name("change"), restored.pk)

    def refuse_clash(self, request, record, back: str | None = None):
        """A restore that would take another item's address (or other unique value) is refused, with why."""
        found = history.clashes(record)
        if not found:
            return None
        messages.error(
            request,
            f"This version cannot be restored: {'; '.join(found)}. Change that item first, or edit this one "
            "instead of restoring. Nothing was changed.",
        )
        return redirect(back) if back else redirect(self.url_name("versions"), pk=record.id)

    def deleted_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        context = self.context(
            request,
            f"Deleted {self.opts.verbose_name_plural}",
            deletions=list(history.deleted_items(self.model)[:200]),
            can_restore=self.has_delete_permission(request),
            restore_url_name=self.url_name("restore_deleted"),
        )
        return TemplateResponse(request, "admin/editorial/deleted.html", context)

    restore_deleted_extra = ()

    def restore_deleted_view(self, request, history_id):
        if request.method != "POST" or not self.has_delete_permission(request):
            raise PermissionDenied
        deletion = get_object_or_404(self.model.history, history_id=history_id, history_type="-")
        if self.model.objects.filter(pk=deletion.id).exists():
            messages.info(request, "That item has already been restored.")
            return redirect(self.url_name("change"), deletion.id)
        record = history.last_version_before_deletion(self.model, deletion)
        if record is None:
            raise PermissionDenied("Nothing to restore.")
        if refused := self.refuse_clash(request, record, self.url_name("deleted")):
            return refused
        item = history.restore_version(
            record, "Restored after deletion", keep_status=Status.DRAFT, extra_children=self.restore_deleted_extra
        )
        item_restored.send(sender=self.model, item=item)
        messages.success(request, f"Restored “{item}” as a draft.")
        return redirect(self.url_name("change"), item.pk)


from editorial import revision_admin  # noqa: E402,F401  (the pending revisions list and review pages)
