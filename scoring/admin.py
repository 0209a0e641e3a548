from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet

from scoring import aijri
from scoring.models import STORED_RESULTS, Assessment, BarrierScore, EvidenceScore, NotThisRole, Task


def live_forms(formset):
    """The inline rows that will exist after saving: filled in, valid and not marked for deletion."""
    return [form for form in formset.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")]


class TaskFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        rows = [form.cleaned_data for form in live_forms(self)]
        try:
            aijri.validate_tasks([aijri.TaskInput(r["time_pct"], r["score"], r["aug_disp"]) for r in rows])
        except aijri.AIJRIError as error:
            raise ValidationError(str(error)) from None


class OnePerKeyFormSet(BaseInlineFormSet):
    """Exactly one row for each fixed evidence dimension or barrier."""

    key: str
    names: dict

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        seen = [form.cleaned_data[self.key] for form in live_forms(self)]
        missing = [label for key, label in self.names.items() if key not in seen]
        if missing or len(seen) != len(set(seen)):
            raise ValidationError(f"Give exactly one row for each of: {', '.join(self.names.values())}.")


class EvidenceFormSet(OnePerKeyFormSet):
    key, names = "dimension", aijri.EVIDENCE_DIMENSIONS


class BarrierFormSet(OnePerKeyFormSet):
    key, names = "barrier", aijri.BARRIERS


class TaskInline(admin.TabularInline):
    model = Task
    formset = TaskFormSet
    extra = 0
    fields = ["order", "name", "time_pct", "score", "aug_disp", "rationale"]


class FixedRowsInline(admin.TabularInline):
    """Evidence and barrier rows: a new assessment starts with one blank row per fixed key."""

    extra = 0
    max_num = 5

    def get_extra(self, request, obj=None, **kwargs):
        return 0 if obj else len(self.formset.names)


class EvidenceInline(FixedRowsInline):
    model = EvidenceScore
    formset = EvidenceFormSet
    fields = ["dimension", "score", "evidence"]


class BarrierInline(FixedRowsInline):
    model = BarrierScore
    formset = BarrierFormSet
    fields = ["barrier", "score", "rationale"]


class NotThisRoleInline(admin.TabularInline):
    model = NotThisRole
    fk_name = "assessment"
    extra = 0
    fields = ["order", "role_name", "note", "linked"]
    autocomplete_fields = ["linked"]


class ZoneFilter(admin.SimpleListFilter):
    title = "zone"
    parameter_name = "zone"

    def lookups(self, request, model_admin):
        return list(aijri.ZONES.items()) + [("none", "Not scored")]

    def queryset(self, request, queryset):
        if self.value() == "none":
            return queryset.filter(zone__isnull=True)
        if self.value() in aijri.ZONES:
            return queryset.filter(zone=self.value())
        return queryset


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ["job_title", "score", "zone_display", "status", "career", "updated"]
    list_filter = [ZoneFilter, "sub_label", "status"]
    list_select_related = ["career"]
    search_fields = ["job_title", "seniority_level"]
    prepopulated_fields = {"slug": ["job_title"]}
    autocomplete_fields = ["career"]
    inlines = [TaskInline, EvidenceInline, BarrierInline, NotThisRoleInline]
    readonly_fields = ["calculation_problem", *STORED_RESULTS.values(), "published_at", "created", "updated"]
    fieldsets = [
        (None, {"fields": ["job_title", "slug", "status", "career"]}),
        (
            "Role definition",
            {"fields": ["seniority_level", "primary_function", "typical_experience", "seniority_note"]},
        ),
        (
            "Protective principles and AI growth correlation",
            {
                "fields": [
                    ("embodied_physicality", "embodied_physicality_rationale"),
                    ("deep_interpersonal_connection", "deep_interpersonal_connection_rationale"),
                    ("goal_setting_moral_judgment", "goal_setting_moral_judgment_rationale"),
                    ("growth_correlation", "growth_rationale"),
                    "quick_screen",
                ]
            },
        ),
        (
            "Assessor judgement",
            {
                "fields": [
                    ("resistance_adjustment", "adjustment_reason"),
                    "reinstatement_check",
                    "growth_check",
                    ("score_override", "override_reason"),
                ]
            },
        ),
        (
            "Commentary",
            {
                "fields": [
                    "score_vs_reality",
                    "numbers_dont_capture",
                    "who_should_worry",
                    "role_in_2028",
                    "survival_strategy",
                    "timeline",
                ]
            },
        ),
        (
            "Calculation (computed on save, read-only)",
            {"fields": ["calculation_problem", *STORED_RESULTS.values()]},
        ),
        ("Dates", {"fields": ["published_at", "created", "updated"]}),
    ]

    @admin.display(description="zone", ordering="zone")
    def zone_display(self, obj):
        return obj.zone_label

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, FixedRowsInline) and request.method == "GET" and obj.pk is None:
            kwargs["initial"] = [{inline.formset.key: key} for key in inline.formset.names]
        return kwargs

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        form.instance.save()  # the rows are in place now, so the stored figures can be computed
