from django.contrib import admin

from careers.models import Career, EntryRoute, PayBand
from editorial.admin import EditorialAdmin, LabelledTabularInline, RowsFollowParent
from editorial.revision_admin import RevisionStateFilter


class EntryRouteInline(RowsFollowParent, admin.StackedInline):
    model = EntryRoute
    extra = 0
    fields = [("order", "kind", "heading"), "description"]


class PayBandInline(RowsFollowParent, LabelledTabularInline):
    model = PayBand
    extra = 0
    fields = ["order", "label", "who_for", "minimum", "maximum", "note"]


class HasOccupationFilter(admin.SimpleListFilter):
    """Careers and assessments alike: linked to a SOC 2020 unit group or not yet."""

    title = "has an occupation"
    parameter_name = "has_occupation"

    def lookups(self, request, model_admin):
        return [("yes", "Linked to a SOC 2020 unit group"), ("no", "No unit group yet")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(occupation__isnull=False)
        if self.value() == "no":
            return queryset.filter(occupation__isnull=True)
        return queryset


@admin.register(Career)
class CareerAdmin(EditorialAdmin):
    publish_codename = "publish_career"
    list_display = ["title", "ai_risk", "entry_difficulty", "career_change", "status", "updated"]
    list_filter = ["status", RevisionStateFilter, "ai_risk", "entry_difficulty", "career_change", HasOccupationFilter]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["published_at", "created", "updated"]
    autocomplete_fields = ["occupation"]  # the SOC 2020 occupations admin lives in scoring (it shows scoring data)
    inlines = [EntryRouteInline, PayBandInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "status", "summary", "alternative_titles", "occupation"]}),
        (
            "At a glance",
            {"fields": ["ai_risk", "entry_difficulty", "training_time", "qualifications", "career_change"]},
        ),
        ("Sections", {"fields": ["what_you_do", "why_resilient", "typical_day", "training_costs", "pay_note"]}),
        ("Dates", {"fields": ["published_at", "created", "updated"]}),
    ]
