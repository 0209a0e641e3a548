"""Visitors' feedback and problem reports in the admin.

Feedback is read-only: each answer and comment, filterable by question, answer, role and career, and
above the list the totals per role or career and question for whatever the filters show.
Problem reports can be marked resolved. Imported at the end of scoring/admin.py.
"""

from django.contrib import admin
from django.db.models import Count

from scoring.feedback import ANSWERS, Feedback, ProblemReport, Question
from scoring.job_requests_admin import ReadOnly


def feedback_totals(queryset) -> list[dict]:
    """One row per role or career and question: how many gave each answer, and how many commented."""
    grouped = (
        queryset.order_by()
        .values("role__job_title", "role__slug", "career__title", "career__slug", "question", "answer")
        .annotate(n=Count("id"))
    )
    comments = {
        (row["role__slug"], row["career__slug"], row["question"]): row["n"]
        for row in queryset.exclude(comment="")
        .order_by()
        .values("role__slug", "career__slug", "question")
        .annotate(n=Count("id"))
    }
    rows: dict[tuple, dict] = {}
    for row in grouped:
        key = (row["role__slug"], row["career__slug"], row["question"])
        entry = rows.setdefault(
            key,
            {
                "item": row["role__job_title"] or row["career__title"],
                "kind": "Role" if row["role__slug"] else "Career",
                "question": Question(row["question"]).label,
                "counts": dict.fromkeys(ANSWERS[Question(row["question"])], 0),
                "comments": comments.get(key, 0),
            },
        )
        entry["counts"][row["answer"]] = row["n"]
    result = []
    for entry in rows.values():
        entry["total"] = sum(entry["counts"].values())
        entry["answers"] = ", ".join(f"{answer.label}: {count}" for answer, count in entry["counts"].items())
        result.append(entry)
    return sorted(result, key=lambda entry: (-entry["total"], entry["item"], entry["question"]))


@admin.register(Feedback)
class FeedbackAdmin(ReadOnly, admin.ModelAdmin):
    change_list_template = "admin/scoring/feedback/change_list.html"
    list_display = ["created", "about", "question", "answer", "comment"]
    list_display_links = ["created"]
    list_filter = ["question", "answer", "role", "career"]
    list_select_related = ["role", "career"]
    search_fields = ["comment", "role__job_title", "career__title"]
    date_hierarchy = "created"
    fields = readonly_fields = ["role", "career", "question", "answer", "comment", "created"]
    list_per_page = 100

    @admin.display(description="about")
    def about(self, obj):
        return obj.item

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None:
            response.context_data["feedback_totals"] = feedback_totals(changelist.queryset)
        return response


@admin.register(ProblemReport)
class ProblemReportAdmin(admin.ModelAdmin):
    list_display = ["created", "page", "short_description", "email", "resolved"]
    list_display_links = ["created"]
    list_filter = ["resolved"]
    list_editable = ["resolved"]
    search_fields = ["page", "description", "email"]
    date_hierarchy = "created"
    fields = ["created", "page", "description", "email", "resolved"]
    readonly_fields = ["created", "page", "description", "email"]

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description="what went wrong")
    def short_description(self, obj):
        return obj.description[:120]
