"""Visitors' job requests in the admin: most requested first, read-only, deletable by those allowed.

Imported at the end of scoring/admin.py (Django only discovers admin.py itself).
"""

from django.contrib import admin
from django.db.models import Count

from scoring.job_requests import JobRequest, JobRequestNote


class ReadOnly:
    """Staff look and may delete (with the right); nobody adds requests or changes their counts here."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class JobRequestNoteInline(ReadOnly, admin.TabularInline):
    model = JobRequestNote
    fields = readonly_fields = ["created", "description", "source"]
    extra = 0
    can_delete = False
    show_change_link = False


@admin.register(JobRequest)
class JobRequestAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["title", "count", "notes_given", "first_requested", "last_requested", "source", "occupation"]
    list_select_related = ["occupation"]
    list_display_links = ["title"]
    ordering = ["-count", "-last_requested"]
    search_fields = ["title", "normalised_title"]
    date_hierarchy = "last_requested"
    fields = readonly_fields = [
        "title",
        "normalised_title",
        "count",
        "first_requested",
        "last_requested",
        "source",
        "occupation",
    ]
    inlines = [JobRequestNoteInline]
    list_per_page = 100

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(note_count=Count("notes"))

    @admin.display(description="what they do", ordering="note_count")
    def notes_given(self, obj):
        return obj.note_count
