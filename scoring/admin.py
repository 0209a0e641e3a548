from types import SimpleNamespace

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.html import format_html, format_html_join

from careers.admin import HasOccupationFilter
from editorial.admin import ChangeReasonForm, EditorialAdmin, LabelledTabularInline, RowsFollowParent
from editorial.revision_admin import RevisionStateFilter
from scoring import aijri
from scoring.inputs import INPUT_FIELDS, build_inputs
from scoring.models import (
    DEFAULT_PUBLIC_NOTE,
    STORED_RESULTS,
    Assessment,
    BarrierScore,
    EvidenceScore,
    MoveChoice,
    NotThisRole,
    ScoreSnapshot,
    Task,
)
from scoring.occupation_admin import major_group_filter
from scoring.open_data import FIELDS, RoleAddress, csv_download, in_chunks, role_row


def live_forms(formset):
    """The inline rows that will exist after saving: filled in, valid and not marked for deletion."""
    return [form for form in formset.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")]


class TaskFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        rows = [form.cleaned_data for form in live_forms(self)]
        tasks = [aijri.TaskInput(r["time_pct"], r["score"], r["aug_disp"]) for r in rows]
        gaps = aijri.missing_task_values(tasks)
        if gaps:
            if self.instance.is_published:
                raise ValidationError(
                    f"A published assessment needs every task filled in. Still to fill in: {'; '.join(gaps)}."
                )
            return  # a draft may keep blanks; its score waits until they are filled in
        try:
            aijri.validate_tasks(tasks)
        except aijri.AIJRIError as error:
            raise ValidationError(str(error)) from None


class OnePerKeyFormSet(BaseInlineFormSet):
    """Exactly one row for each fixed evidence dimension or barrier (a draft may still lack some)."""

    key: str
    names: dict

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        seen = [form.cleaned_data[self.key] for form in live_forms(self)]
        missing = [label for key, label in self.names.items() if key not in seen]
        if (missing and self.instance.is_published) or len(seen) != len(set(seen)):
            raise ValidationError(f"Give exactly one row for each of: {', '.join(self.names.values())}.")


class EvidenceFormSet(OnePerKeyFormSet):
    key, names = "dimension", aijri.EVIDENCE_DIMENSIONS


class BarrierFormSet(OnePerKeyFormSet):
    key, names = "barrier", aijri.BARRIERS


class TaskInline(RowsFollowParent, LabelledTabularInline):
    model = Task
    formset = TaskFormSet
    extra = 0
    fields = ["order", "name", "time_pct", "score", "aug_disp", "rationale"]


class FixedRowsInline(RowsFollowParent, LabelledTabularInline):
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


class NotThisRoleInline(RowsFollowParent, LabelledTabularInline):
    model = NotThisRole
    fk_name = "assessment"
    extra = 0
    fields = ["order", "role_name", "note", "linked"]
    autocomplete_fields = ["linked"]


class MoveChoiceInline(RowsFollowParent, LabelledTabularInline):
    """Safer moves editors pin (with the reason shown to visitors) or hide; the next refresh follows."""

    model = MoveChoice
    fk_name = "role"
    extra = 0
    fields = ["target", "choice", "reason"]
    autocomplete_fields = ["target"]
    verbose_name = "safer move chosen by editors"
    verbose_name_plural = "safer moves chosen by editors"


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


class WarningsFilter(admin.SimpleListFilter):
    title = "warnings"
    parameter_name = "warnings"

    def lookups(self, request, model_admin):
        return [("yes", "Has warnings"), ("no", "No warnings")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(warning_count__gt=0)
        if self.value() == "no":
            return queryset.filter(warning_count=0)
        return queryset


class CareerLinkedFilter(admin.SimpleListFilter):
    """Replaces the free-text seniority filter (26 spellings); what editors sort by is whether a role has a career."""

    title = "career linked"
    parameter_name = "career_linked"

    def lookups(self, request, model_admin):
        return [("yes", "Linked to a career"), ("no", "No career yet")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(career__isnull=False)
        if self.value() == "no":
            return queryset.filter(career__isnull=True)
        return queryset


def posted_rows(post, prefix: str, keys: list[str]):
    """Inline rows as typed in the change form, before saving (for the live calculation)."""
    try:
        total = min(int(post.get(f"{prefix}-TOTAL_FORMS", 0)), 200)
    except ValueError:
        total = 0
    for number in range(total):
        if post.get(f"{prefix}-{number}-DELETE"):
            continue
        row = {key: post.get(f"{prefix}-{number}-{key}", "").strip() for key in keys}
        if any(row.values()):
            yield row


def inputs_from_form(post) -> aijri.Inputs:
    """The change form as typed, through the same adapter as saved rows and documents."""
    tasks = [
        (r["time_pct"], r["score"], r["aug_disp"])
        for r in posted_rows(post, "tasks", ["name", "time_pct", "score", "aug_disp"])
    ]  # a named task with blanks counts, so the calculation says what is still missing
    evidence = {r["dimension"]: r["score"] for r in posted_rows(post, "evidence", ["dimension", "score"])}
    barriers = {r["barrier"]: r["score"] for r in posted_rows(post, "barriers", ["barrier", "score"])}
    return build_inputs({name: post.get(name, "") for name in INPUT_FIELDS}, tasks, evidence, barriers)


class AssessmentForm(ChangeReasonForm):
    public_note = forms.CharField(
        label="Public note (if this publishes a new score)",
        max_length=300,
        required=False,
        help_text=f"Shown in the page's score history. Leave blank for “{DEFAULT_PUBLIC_NOTE}” Your reason above "
        "stays inside the admin.",
    )


@admin.register(Assessment)
class AssessmentAdmin(EditorialAdmin):
    publish_codename = "publish_assessment"
    form = AssessmentForm
    change_form_template = "admin/scoring/assessment/change_form.html"
    list_display = ["job_title", "score", "zone_display", "sub_label", "status", "warning_count", "updated"]
    list_filter = [
        ZoneFilter,
        "sub_label",
        "status",
        WarningsFilter,
        RevisionStateFilter,
        CareerLinkedFilter,
        major_group_filter("occupation__code"),
        HasOccupationFilter,
    ]
    list_select_related = ["career", "occupation"]
    search_fields = ["job_title", "occupation__code", "occupation__title"]
    prepopulated_fields = {"slug": ["job_title"]}
    autocomplete_fields = ["career", "occupation"]
    inlines = [TaskInline, EvidenceInline, BarrierInline, NotThisRoleInline, MoveChoiceInline]
    lead_fieldsets, lead_inlines = 4, 3  # the role, then its tasks, evidence and barriers, then everything else
    actions = [*EditorialAdmin.actions, "export_csv"]
    restore_deleted_extra = [ScoreSnapshot]
    readonly_fields = [
        "warnings_list",
        "score_history",
        "calculation_problem",
        *STORED_RESULTS.values(),
        "published_at",
        "created",
        "updated",
    ]
    fieldsets = [
        ("Warnings (not blocking)", {"fields": ["warnings_list"]}),
        (None, {"fields": ["job_title", "slug", "status", "career"]}),
        ("Names and classification", {"fields": ["alternative_titles", "occupation"]}),
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
                    "sub_label_explanation",
                    "barrier_question",
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
            "Stored figures (computed on save, read-only)",
            {"classes": ["collapse"], "fields": ["calculation_problem", *STORED_RESULTS.values()]},
        ),
        ("Dates and published score history", {"fields": ["published_at", "created", "updated", "score_history"]}),
    ]

    @admin.display(description="published scores")
    def score_history(self, obj):
        rows = (
            (s.recorded.strftime("%d %b %Y %H:%M"), s.score, s.zone, s.sub_label, s.reason, s.public_note)
            for s in obj.snapshots.all()
        )
        line = "<li>{}: {} {} ({}) – {} (public note: “{}”)</li>"
        return format_html("<ul>{}</ul>", format_html_join("", line, rows)) if obj.pk else "–"

    @admin.display(description="zone", ordering="zone")
    def zone_display(self, obj):
        return obj.get_zone_display() if obj.zone else "Not scored"

    @admin.display(description="warnings")
    def warnings_list(self, obj):
        if not obj.warnings:
            return "None"
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((w,) for w in obj.warnings)))

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, FixedRowsInline) and request.method == "GET" and obj.pk is None:
            kwargs["initial"] = [{inline.formset.key: key} for key in inline.formset.names]
        return kwargs

    def publishable(self, request, item) -> bool:
        if item.score is None:
            self.message_user(request, f"“{item}” cannot be published: {item.calculation_problem}", messages.ERROR)
            return False
        return True

    def record_fields(self, request) -> list[str]:
        return [*super().record_fields(request), *(["public_note"] if self.can_publish(request) else [])]

    def revision_outcome(self, item, data) -> dict:
        try:
            after = aijri.compute(inputs_from_form(data))
        except aijri.AIJRIError as error:
            return {"problem": str(error)}
        before = f"{item.score} {item.zone_label}" if item.score is not None else "not scored"
        moved = after.final_score - item.score if item.score is not None else None
        change = "" if moved is None else ("no change" if not moved else f"{moved:+} points")
        return {"before": before, "after": f"{after.final_score} {after.zone_label}", "change": change}

    def save_model(self, request, obj, form, change):
        obj._public_note = form.cleaned_data.get("public_note", "")
        super().save_model(request, obj, form, change)

    def after_save(self, request, item, became_published, reason=None):
        note = getattr(item, "_public_note", "")
        item.record_publication(reason or "Published", request.user, force=became_published, public_note=note)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # A read-only view (someone who may only look) posts no inputs, so the live calculation would find
        # every field blank; it shows the stored role's own calculation instead. Editors on a live page revise it.
        role = self.get_object(request, object_id)
        if role is not None and not self.has_change_permission(request, role) and not self.may_revise(request, role):
            try:
                stored, problem = aijri.compute(role.engine_inputs()), ""
            except aijri.AIJRIError as error:
                stored, problem = None, str(error)
            extra_context = {**(extra_context or {}), "stored_result": stored, "stored_problem": problem}
        return super().change_view(request, object_id, form_url, extra_context)

    # --- extra pages ------------------------------------------------------------------------
    def get_urls(self):
        own = [
            path(
                "calculation/", self.admin_site.admin_view(self.calculation_view), name="scoring_assessment_calculation"
            ),
        ]
        return own + super().get_urls()

    def calculation_view(self, request):
        """The change form's live calculation: the engine on the values as typed, nothing saved."""
        if not (self.has_add_permission(request) or self.has_change_permission(request)):
            return HttpResponse(status=403)
        post = request.POST
        judgement = SimpleNamespace(
            resistance_adjustment=post.get("resistance_adjustment") or None,
            adjustment_reason=post.get("adjustment_reason", ""),
            score_override=post.get("score_override") or None,
            override_reason=post.get("override_reason", ""),
        )
        try:
            result, problem = aijri.compute(inputs_from_form(post)), ""
        except aijri.AIJRIError as error:
            result, problem = None, str(error)
        context = {"result": result, "problem": problem, "role": judgement, "oob": True}
        return TemplateResponse(request, "admin/scoring/assessment/live_calculation.html", context)

    # --- actions ----------------------------------------------------------------------------
    @admin.action(description="Export selected as CSV")
    def export_csv(self, request, queryset):
        address, extra = RoleAddress(request), ("status", "warning_count")
        rows = (
            {**role_row(role, address), "status": role["status"], "warning_count": role["warning_count"]}
            for role in in_chunks(queryset.filter(score__isnull=False), extra=extra)
        )
        return csv_download("jobzone-assessments.csv", [*FIELDS, "status", "warning_count"], rows)


from scoring import feedback_admin, job_requests_admin  # noqa: E402,F401
