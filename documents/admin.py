"""Documents in the admin: an "Import document" page and "Export selected as documents" on both item lists.

The item admins are defined by the apps that own the models; this layer adds the document tools to
them, so those apps never import the document format.
"""

import io
import zipfile

from django.contrib import admin
from django.http import Http404, HttpResponse
from django.urls import path, reverse

from careers.admin import CareerAdmin
from careers.models import Career
from documents import guide
from documents.assessment import write_assessment
from documents.career import write_career
from documents.import_page import import_view
from scoring.admin import AssessmentAdmin
from scoring.models import Assessment


def document_download(items, write, archive_name: str) -> HttpResponse:
    if len(items) == 1:
        response = HttpResponse(write(items[0]), content_type="text/plain; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{items[0].slug}.txt"'
        return response
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in items:
            archive.writestr(f"{item.slug}.txt", write(item))
    response = HttpResponse(buffer.getvalue(), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{archive_name}"'
    return response


class DocumentTools:
    """Adds the import page and the export action to an editorial admin."""

    write_document = None
    archive_name = ""

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_import"
        own = [
            path("import/", self.admin_site.admin_view(self.import_document_view), name=name),
            path(
                "import/example-<str:kind>.txt",
                self.admin_site.admin_view(self.example_document_view),
                name=f"{name}_example",
            ),
            path(
                "import/template-<str:kind>.txt",
                self.admin_site.admin_view(self.template_document_view),
                name=f"{name}_template",
            ),
        ]
        return [*own, *super().get_urls()]

    def example_document_view(self, request, kind):
        """A worked example of each document kind to start from (the demo's, in the current format)."""
        if kind not in guide.EXAMPLES or not self.has_add_permission(request):
            raise Http404
        response = HttpResponse(guide.EXAMPLES[kind].read_text(), content_type="text/plain; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="jobzone-{kind}-example.txt"'
        return response

    def template_document_view(self, request, kind):
        """A blank document of each kind, written by the same writer as exports, so it is always current."""
        if kind not in guide.TEMPLATES or not self.has_add_permission(request):
            raise Http404
        response = HttpResponse(guide.TEMPLATES[kind](), content_type="text/plain; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="jobzone-{kind}-template.txt"'
        return response

    def import_document_view(self, request):
        return import_view(self, request)

    def get_actions(self, request):
        actions = super().get_actions(request)
        action = self.get_action("export_documents")
        actions[action[1]] = action
        return actions

    @admin.action(description="Export selected as documents")
    def export_documents(self, request, queryset):
        items = [item for item in queryset.order_by("slug") if self.exportable(item)]
        return document_download(items, type(self).write_document, self.archive_name)

    def exportable(self, item) -> bool:
        return True

    def changelist_view(self, request, extra_context=None):
        url = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_import")
        return super().changelist_view(request, {**(extra_context or {}), "import_url": url})


class AssessmentDocumentAdmin(DocumentTools, AssessmentAdmin):
    write_document = write_assessment
    archive_name = "jobzone-assessments.zip"

    def exportable(self, item) -> bool:
        return item.score is not None


class CareerDocumentAdmin(DocumentTools, CareerAdmin):
    write_document = write_career
    archive_name = "jobzone-careers.zip"


for model, model_admin in ((Assessment, AssessmentDocumentAdmin), (Career, CareerDocumentAdmin)):
    admin.site.unregister(model)
    admin.site.register(model, model_admin)
