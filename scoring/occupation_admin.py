"""SOC 2020 occupations in the admin: read-only, with what JobZone has for each (assessed roles, requests),
and "Start an assessment" from a unit group's ONS task list.

Registered here rather than in careers because it shows scoring data; imported at the end of
scoring/admin.py (Django only discovers admin.py itself).
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, IntegerField, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.views.decorators.http import require_POST

from careers.models import Occupation
from scoring.job_requests import JobRequest
from scoring.models import Assessment


def major_group_filter(field: str) -> type[admin.SimpleListFilter]:
    """A "major group" filter over `field` (an occupation's code, or the code an assessment links to)."""

    class MajorGroupFilter(admin.SimpleListFilter):
        title = "SOC 2020 major group"
        parameter_name = "major"

        def lookups(self, request, model_admin):
            return [(group.code, str(group)) for group in Occupation.objects.majors()]

        def queryset(self, request, queryset):
            value = self.value()
            if value and len(value) == 1 and value.isdigit():
                return queryset.filter(**{f"{field}__startswith": value})
            return queryset

    return MajorGroupFilter


def count_of(queryset, total=None):
    """A subquery counting (or summing) rows per occupation, 0 when there are none (no joins multiply)."""
    rows = queryset.filter(occupation=OuterRef("pk")).order_by().values("occupation").annotate(n=total or Count("pk"))
    return Coalesce(Subquery(rows.values("n"), output_field=IntegerField()), 0)


@admin.register(Occupation)
class OccupationAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "level", "assessed", "requests"]
    list_display_links = ["code", "title"]
    list_filter = ["level", major_group_filter("code")]
    search_fields = ["code", "title", "related_titles"]
    list_per_page = 100
    fields = readonly_fields = [
        "code",
        "level",
        "parent",
        "title",
        "description",
        "entry",
        "task_list",
        "related_title_list",
        "assessed_roles",
        "requests",
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("parent")
            .annotate(
                assessed_count=count_of(Assessment.objects.published()),
                request_count=count_of(JobRequest.objects.all(), total=Sum("count")),
            )
        )

    def get_search_results(self, request, queryset, search_term):
        """The autocomplete on assessments and careers offers unit groups only (the links accept nothing else)."""
        queryset, duplicates = super().get_search_results(request, queryset, search_term)
        if request.path.endswith("/autocomplete/"):
            queryset = queryset.filter(level=Occupation.Level.UNIT)
        return queryset, duplicates

    # Read-only: the ONS data comes from `manage.py load_occupations`, never from a form.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="assessed roles (published)", ordering="assessed_count")
    def assessed(self, obj):
        return obj.assessed_count

    @admin.display(description="assessment requests", ordering="request_count")
    def requests(self, obj):
        return obj.request_count

    @admin.display(description="tasks (ONS)")
    def task_list(self, obj):
        return (
            format_html("<ol>{}</ol>", format_html_join("", "<li>{}</li>", ((t,) for t in obj.tasks)))
            if obj.tasks
            else "–"
        )

    @admin.display(description="related job titles (ONS)")
    def related_title_list(self, obj):
        return "; ".join(obj.related_titles) or "–"

    @admin.display(description="assessments linked to this group")
    def assessed_roles(self, obj):
        roles = obj.assessments.order_by("job_title")
        if not roles:
            return "None yet"
        rows = (
            (
                reverse("admin:scoring_assessment_change", args=[role.pk]),
                role.job_title,
                role.get_status_display().lower(),
                f"{role.score} {role.zone_label}" if role.score is not None else "not scored",
            )
            for role in roles
        )  # the whole line is the link, so it is told apart from the text by more than colour
        return format_html("<ul>{}</ul>", format_html_join("", '<li><a href="{}">{}: {}, {}</a></li>', rows))

    # --- Start an assessment from a unit group ----------------------------------------------------
    def can_start_assessment(self, request, obj) -> bool:
        return obj is not None and obj.is_unit and request.user.has_perm("scoring.add_assessment")

    def render_change_form(self, request, context, *args, obj=None, **kwargs):
        context["can_start_assessment"] = self.can_start_assessment(request, obj)
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)

    def get_urls(self):
        start = self.admin_site.admin_view(require_POST(self.start_assessment_view))
        return [
            path("<path:code>/start-assessment/", start, name="careers_occupation_start_assessment"),
            *super().get_urls(),
        ]

    def start_assessment_view(self, request, code):
        occupation = get_object_or_404(Occupation, code=code)
        if not self.can_start_assessment(request, occupation):
            raise PermissionDenied("Only a unit group, by staff who may add assessments.")
        role = Assessment.objects.start_from_occupation(occupation, request.user)
        self.message_user(
            request,
            f"Started a draft assessment from {occupation} with its {len(occupation.tasks)} ONS tasks. "
            "Give each task its share of time, score and Aug/Disp, and score the protective principles, "
            "evidence and barriers; the score is worked out once everything is filled in.",
            messages.SUCCESS,
        )
        return redirect("admin:scoring_assessment_change", role.pk)
