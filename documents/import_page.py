"""The admin's "Import document" page: paste or upload, preview every figure, then confirm."""

from pathlib import Path

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from careers.models import Career
from documents import guide
from documents.assessment import read_assessment
from documents.career import read_career
from documents.importer import detect_kind, import_text
from documents.text import DocumentError
from editorial import locking
from scoring import aijri

MAX_UPLOAD_BYTES = 1_000_000  # the longest real document is ~30 KB
TEXT_SUFFIXES = (".txt", ".md", ".text")


class ImportForm(forms.Form):
    text = forms.CharField(label="Paste the document", widget=forms.Textarea(attrs={"rows": 16}), required=False)
    source = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)
    upload = forms.FileField(label="…or upload a text file", required=False, help_text="A .txt or .md file up to 1 MB.")
    publish = forms.BooleanField(label="Publish it (Publishers only)", required=False)

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if not upload:
            return None
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(f"The file is {upload.size:,} bytes; documents may be at most 1 MB.")
        if not upload.name.lower().endswith(TEXT_SUFFIXES):
            raise ValidationError("Upload a plain text document (.txt or .md).")
        raw = upload.read()
        if b"\x00" in raw:
            raise ValidationError("This file is not text (it contains binary data).")
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError("This file is not UTF-8 text.") from None

    def clean(self):
        data = super().clean()
        text = data.get("upload") or data.get("text", "")
        if not self.errors and not text.strip():
            raise ValidationError("Paste a document or choose a file.")
        if len(text.encode()) > MAX_UPLOAD_BYTES:
            raise ValidationError("Documents may be at most 1 MB.")
        data["document"] = text
        # Messages and history name the uploaded file (never a path), or say it was pasted.
        upload = self.files.get("upload")
        named = Path(upload.name).name if upload else Path(data.get("source") or "").name
        data["source"] = named[:200] or "pasted document"
        return data


def preview(text: str) -> dict:
    """Everything parsed and computed, for staff to check before saving."""
    kind = detect_kind(text)
    if kind == "career":
        return {"kind": kind, "career": read_career(text)}
    doc = read_assessment(text)
    judgement = {name: doc.fields.get(name) for name in ("resistance_adjustment", "score_override")}
    judgement |= {name: doc.fields.get(name, "") for name in ("adjustment_reason", "override_reason")}
    # Rows named in words, as the document and the public pages name them, never by their keys.
    scores = [(aijri.EVIDENCE_DIMENSIONS.get(key, key), row[0], True) for key, row in doc.evidence.items()]
    scores += [(aijri.BARRIERS.get(key, key), row[0], False) for key, row in doc.barriers.items()]
    kinds = {task.aug_disp: aijri.AUG_DISP.get(task.aug_disp, task.aug_disp) for task in doc.tasks}
    result = aijri.compute(doc.inputs())
    return {"kind": kind, "doc": doc, "result": result, "role": judgement, "scores": scores, "task_kinds": kinds}


def import_view(model_admin, request):
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    import_url_name = f"admin:{model_admin.opts.app_label}_{model_admin.opts.model_name}_import"
    form = ImportForm(request.POST or None, request.FILES or None)
    context = {**model_admin.admin_site.each_context(request), "opts": model_admin.opts, "title": "Import a document"}
    context |= {"form": form, "can_publish": model_admin.can_publish(request), "import_url_name": import_url_name}
    context |= {"assessment_guide": guide.assessment_guide(), "career_guide": guide.career_guide()}
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["document"]
        publish = form.cleaned_data["publish"] and model_admin.can_publish(request)
        try:
            source = form.cleaned_data["source"]
            check = import_text(text, source, dry_run=True)
            model = model_admin.model if check.kind == "assessment" else Career
            live = model.objects.filter(slug=check.slug, status="published").exists()
            if live and not model_admin.can_publish(request):
                context["error"] = (
                    f"“{check.title}” is published; only Publishers can change it. "
                    "Ask a Publisher to import this update or to unpublish the page first."
                )
            elif "confirm" in request.POST:
                existing = model.objects.filter(slug=check.slug).first()
                seen = locking.seen_version(request.POST.get("opened_version"))
                with transaction.atomic():  # the item stays claimed until the import is saved
                    if existing is not None and seen is not None:
                        locking.claim(model, existing.pk, seen)
                    report = import_text(text, source, publish=publish, user=request.user)
                messages.success(
                    request, f"{'Created' if report.created else 'Updated'} {report.kind} “{report.title}”."
                )
                obj = model.objects.get(slug=report.slug)
                return redirect(
                    reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[obj.pk])
                )
            else:
                context["report"] = check
                existing = model.objects.filter(slug=check.slug).first()
                context["opened_version"] = existing.edit_version if existing else None
                context |= preview(text)
                context["document"] = text
                context["source"] = source
                context["publish"] = publish
        except DocumentError as error:
            context["error"] = error.describe()
        except locking.EditConflict as conflict:
            context["error"] = f"{conflict} Nothing was imported; preview the document again."
    return TemplateResponse(request, "admin/documents/import.html", context)
