from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.urls import reverse
from django.utils.text import slugify
from simple_history.models import HistoricalRecords
from simple_history.utils import bulk_create_with_history

from careers.occupations import unit_group_field
from editorial.fields import TitleListField
from editorial.models import Publishable, PublishableQuerySet, Status
from scoring import aijri
from scoring.inputs import INPUT_FIELDS, build_inputs


def bounded(low, high):
    return [MinValueValidator(low), MaxValueValidator(high)]


def in_range(field: str, low, high) -> models.Q:
    return models.Q(**{f"{field}__gte": low, f"{field}__lte": high})


def blank_or_in_range(field: str, low, high) -> models.Q:
    """A draft may leave the value blank (NULL); a value given is always in range."""
    return models.Q(**{f"{field}__isnull": True}) | in_range(field, low, high)


class Zone(models.TextChoices):
    GREEN = aijri.GREEN, "Green"
    YELLOW = aijri.YELLOW, "Yellow"
    RED = aijri.RED, "Red"


SubLabel = models.TextChoices(
    "SubLabel", [(label.upper(), label) for labels in aijri.SUB_LABELS.values() for label in labels]
)
AugDisp = models.TextChoices("AugDisp", [(key.upper(), (key, label)) for key, label in aijri.AUG_DISP.items()])
EvidenceDimension = models.TextChoices(
    "EvidenceDimension", [(key.upper(), (key, label)) for key, label in aijri.EVIDENCE_DIMENSIONS.items()]
)
Barrier = models.TextChoices("Barrier", [(key.upper(), (key, label)) for key, label in aijri.BARRIERS.items()])

# Everything the engine returns that is stored on the assessment, mapped engine name -> field name.
STORED_RESULTS = {
    "weighted_total": "weighted_total",
    "task_resistance_raw": "task_resistance_raw",
    "task_resistance": "task_resistance",
    "evidence_total": "evidence_total",
    "barrier_total": "barrier_total",
    "evidence_modifier": "evidence_modifier",
    "barrier_modifier": "barrier_modifier",
    "growth_modifier": "growth_modifier",
    "composite_raw": "composite_raw",
    "formula_score": "formula_score",
    "final_score": "score",
    "zone": "zone",
    "sub_label": "sub_label",
    "protected_time_pct": "protected_time_pct",
    "displacement_pct": "displacement_pct",
    "augmentation_pct": "augmentation_pct",
    "not_involved_pct": "not_involved_pct",
    "protective_total": "protective_total",
}


OVERRIDE_WARNING_GAP = Decimal("5")


def computed(field_class, verbose_name, **kwargs):
    return field_class(verbose_name, null=True, blank=True, editable=False, **kwargs)


class AssessmentQuerySet(PublishableQuerySet):
    def published(self):
        # A published role without a score would mislead, so it never counts as public.
        return super().published().filter(score__isnull=False)

    def previewable(self):
        return self.filter(score__isnull=False)

    def start_from_occupation(self, occupation, user=None) -> "Assessment":
        """A draft for a SOC 2020 unit group: its title, the ONS description as the primary function,
        its entry routes as typical experience and its ONS tasks by name, linked to the group.

        Time shares, task scores, Aug/Disp, protective principles and growth are left blank for the
        assessor, so the score stays uncomputed (and the draft private) until they are filled in.
        The first version is recorded with the reason "Started from SOC 2020 unit group <code>".
        """
        if not occupation.is_unit:
            raise ValueError(f"{occupation} is not a unit group; only a unit group has a task list.")
        reason = f"Started from SOC 2020 unit group {occupation.code}"
        with transaction.atomic():
            role = self.model(
                slug=free_slug(self.model, slugify(occupation.title) or f"soc-{occupation.code}"),
                job_title=occupation.title[:200],
                status=Status.DRAFT,
                primary_function=occupation.description,
                typical_experience=occupation.entry,
                occupation=occupation,
            )
            role.skip_history_when_saving = True  # the version is recorded once the tasks are in
            try:
                role.save()
            finally:
                del role.skip_history_when_saving
            tasks = [
                Task(assessment=role, order=number, name=(text[:1].upper() + text[1:])[:400])
                for number, text in enumerate(occupation.tasks, start=1)
            ]
            bulk_create_with_history(tasks, Task, default_change_reason=reason, default_user=user)
            role._change_reason = reason
            if getattr(user, "pk", None):
                role._history_user = user
            role.save()
        return role


def free_slug(model, base: str, max_length: int = 120) -> str:
    """`base`, or `base-2`, `base-3` … : the first address no row has yet."""
    base = base[: max_length - 4].strip("-")
    taken = set(model.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


class Assessment(Publishable):
    slug = models.SlugField(max_length=120, unique=True)
    job_title = models.CharField(max_length=200)
    seniority_level = models.CharField(max_length=300)
    primary_function = models.TextField()
    typical_experience = models.TextField(blank=True)
    alternative_titles = TitleListField(help_text="Other names this job goes by in the UK, one per line.")
    occupation = unit_group_field("assessments")
    seniority_note = models.TextField(blank=True)
    career = models.ForeignKey(
        "careers.Career", null=True, blank=True, on_delete=models.SET_NULL, related_name="assessments"
    )

    # The assessor's judgements may be blank on a draft (e.g. one started from an occupation);
    # the score then stays uncomputed, and a draft without a score is never public.
    embodied_physicality = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=bounded(*aijri.PROTECTIVE_RANGE), help_text="0–3"
    )
    embodied_physicality_rationale = models.TextField(blank=True)
    deep_interpersonal_connection = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=bounded(*aijri.PROTECTIVE_RANGE), help_text="0–3"
    )
    deep_interpersonal_connection_rationale = models.TextField(blank=True)
    goal_setting_moral_judgment = models.PositiveSmallIntegerField(
        "goal-setting & moral judgment",
        null=True,
        blank=True,
        validators=bounded(*aijri.PROTECTIVE_RANGE),
        help_text="0–3",
    )
    goal_setting_moral_judgment_rationale = models.TextField("goal-setting & moral judgment rationale", blank=True)
    growth_correlation = models.SmallIntegerField(
        "AI growth correlation", null=True, blank=True, validators=bounded(*aijri.GROWTH_RANGE), help_text="−2 to +2"
    )
    growth_rationale = models.TextField("AI growth correlation rationale", blank=True)
    quick_screen = models.TextField("quick screen result", blank=True)

    resistance_adjustment = models.DecimalField(
        "assessor adjustment of task resistance",
        max_digits=3,
        decimal_places=2,
        null=True,
        blank=True,
        validators=bounded(*aijri.ADJUSTMENT_RANGE),
        help_text="Optional, 1.00–5.00. Replaces the raw task resistance; needs a reason.",
    )
    adjustment_reason = models.TextField(blank=True)
    barrier_question = models.TextField(
        "barrier assessment's framing question", blank=True, help_text="The question the barriers answer, if stated."
    )
    reinstatement_check = models.TextField(blank=True)
    growth_check = models.TextField("AI growth correlation check", blank=True)
    score_override = models.DecimalField(
        "assessor override of the final score",
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=bounded(*aijri.OVERRIDE_RANGE),
        help_text="Optional, 0.0–100.0. Replaces the formula score; needs a reason.",
    )
    override_reason = models.TextField(blank=True)
    sub_label_explanation = models.TextField(
        "sub-label explanation", blank=True, help_text="The assessor's own words on why the sub-label fits."
    )

    score_vs_reality = models.TextField("score vs reality check", blank=True)
    numbers_dont_capture = models.TextField(
        "what the numbers don't capture", blank=True, help_text="One point per line."
    )
    who_should_worry = models.TextField("who should worry (and who shouldn't)", blank=True)
    role_in_2028 = models.TextField("what this means: the role in 2028", blank=True)
    survival_strategy = models.TextField(blank=True, help_text="One step per line.")
    timeline = models.TextField(blank=True)

    weighted_total = computed(models.DecimalField, "weighted total", max_digits=3, decimal_places=2)
    task_resistance_raw = computed(models.DecimalField, "task resistance (raw)", max_digits=3, decimal_places=2)
    task_resistance = computed(models.DecimalField, "task resistance", max_digits=3, decimal_places=2)
    evidence_total = computed(models.SmallIntegerField, "evidence total")
    barrier_total = computed(models.SmallIntegerField, "barrier total")
    evidence_modifier = computed(models.DecimalField, "evidence modifier", max_digits=3, decimal_places=2)
    barrier_modifier = computed(models.DecimalField, "barrier modifier", max_digits=3, decimal_places=2)
    growth_modifier = computed(models.DecimalField, "growth modifier", max_digits=3, decimal_places=2)
    composite_raw = computed(models.DecimalField, "composite (raw)", max_digits=6, decimal_places=4)
    formula_score = computed(models.DecimalField, "formula score", max_digits=4, decimal_places=1)
    score = computed(models.DecimalField, "AIJRI score", max_digits=4, decimal_places=1)
    zone = computed(models.CharField, "zone", max_length=6, choices=Zone.choices)
    sub_label = computed(models.CharField, "sub-label", max_length=12, choices=SubLabel.choices)
    protected_time_pct = computed(models.DecimalField, "% of task time scoring 3+", max_digits=4, decimal_places=1)
    displacement_pct = computed(models.DecimalField, "displacement %", max_digits=4, decimal_places=1)
    augmentation_pct = computed(models.DecimalField, "augmentation %", max_digits=4, decimal_places=1)
    not_involved_pct = computed(models.DecimalField, "not involved %", max_digits=4, decimal_places=1)
    protective_total = computed(models.PositiveSmallIntegerField, "protective total")
    calculation_problem = models.CharField(
        max_length=300, blank=True, editable=False, help_text="Why the score could not be computed, if it could not."
    )

    import_warnings = models.JSONField(
        default=list, blank=True, editable=False, help_text="Stated figures in the imported document that differed."
    )
    warnings = models.JSONField(default=list, blank=True, editable=False)
    warning_count = models.PositiveSmallIntegerField(default=0, editable=False, db_index=True)

    objects = AssessmentQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["warnings", "warning_count"])

    class Meta:
        ordering = ["job_title"]
        permissions = [("publish_assessment", "Can publish and unpublish assessments")]
        indexes = [
            models.Index(fields=["status", "zone", "score"], name="assessment_zone_score"),
            models.Index(fields=["status", "score"], name="assessment_score"),
            models.Index(fields=["status", "job_title"], name="assessment_title"),
            # Every order a zone filter can be sorted by reads its first page from an index.
            models.Index(fields=["status", "zone", "job_title"], name="assessment_zone_title"),
            models.Index(fields=["status", "zone", "updated"], name="assessment_zone_updated"),
            models.Index(fields=["status", "updated"], name="assessment_updated"),
        ]
        constraints = [
            models.CheckConstraint(condition=blank_or_in_range("embodied_physicality", 0, 3), name="physicality_0_3"),
            models.CheckConstraint(
                condition=blank_or_in_range("deep_interpersonal_connection", 0, 3), name="interpersonal_0_3"
            ),
            models.CheckConstraint(
                condition=blank_or_in_range("goal_setting_moral_judgment", 0, 3), name="judgment_0_3"
            ),
            models.CheckConstraint(
                condition=blank_or_in_range("growth_correlation", -2, 2), name="growth_minus2_plus2"
            ),
            models.CheckConstraint(
                condition=models.Q(resistance_adjustment__isnull=True) | in_range("resistance_adjustment", 1, 5),
                name="adjustment_1_5",
            ),
            models.CheckConstraint(
                condition=models.Q(score_override__isnull=True) | in_range("score_override", 0, 100),
                name="override_0_100",
            ),
            models.CheckConstraint(
                condition=models.Q(score__isnull=True) | in_range("score", 0, 100), name="score_0_100"
            ),
            models.CheckConstraint(
                condition=models.Q(resistance_adjustment__isnull=True) | ~models.Q(adjustment_reason=""),
                name="adjustment_has_reason",
            ),
            models.CheckConstraint(
                condition=models.Q(score_override__isnull=True) | ~models.Q(override_reason=""),
                name="override_has_reason",
            ),
        ]

    def surrogate_keys(self) -> set[str]:
        # Its page and the lists, and the pages of its career and unit group, which list their roles.
        keys = super().surrogate_keys()
        if self.career_id:
            keys.add(f"career-{self.career_id}")
        if self.occupation_id:
            keys.add(f"occupation-{self.occupation_id}")
        return keys

    def __str__(self):
        return self.job_title

    def get_absolute_url(self):
        return reverse("scoring:detail", args=[self.slug])

    @property
    def zone_label(self) -> str:
        if not self.zone:
            return "Not scored"
        return f"{self.get_zone_display()} ({self.sub_label})"

    @property
    def soc_code(self) -> str:
        """The 4-digit SOC 2020 unit group, or "" (no query: it is the link's own value)."""
        return self.occupation_id or ""

    @property
    def soc_title(self) -> str:
        """The unit group's official title, or "" (lists select_related("occupation") to read it)."""
        return self.occupation.title if self.occupation_id else ""

    @property
    def numbers_dont_capture_items(self) -> list[str]:
        return [line.strip() for line in self.numbers_dont_capture.splitlines() if line.strip()]

    @property
    def survival_strategy_items(self) -> list[str]:
        return [line.strip() for line in self.survival_strategy.splitlines() if line.strip()]

    def clean(self):
        errors = {}
        if self.resistance_adjustment is not None and not self.adjustment_reason.strip():
            errors["adjustment_reason"] = "Say why you adjusted the task resistance score."
        if self.score_override is not None and not self.override_reason.strip():
            errors["override_reason"] = "Say why you overrode the formula score."
        if self.is_published:
            for name in ("growth_correlation", *aijri.PROTECTIVE_PRINCIPLES):
                if getattr(self, name) is None:
                    errors[name] = "A published assessment needs this score; only a draft may leave it blank."
        if errors:
            raise ValidationError(errors)

    def engine_inputs(self, tasks=None, judgement: bool = True) -> aijri.Inputs:
        """The engine's inputs from this assessment's rows (or from task rows given, e.g. a visitor's own mix).

        `judgement=False` leaves out the assessor's adjustment and override."""
        tasks = [(t.time_pct, t.score, t.aug_disp) for t in self.tasks.all()] if tasks is None else tasks
        return build_inputs(
            {name: getattr(self, name) for name in INPUT_FIELDS},
            tasks,
            {row.dimension: row.score for row in self.evidence.all()},
            {row.barrier: row.score for row in self.barriers.all()},
            judgement=judgement,
        )

    @property
    def result(self) -> aijri.Result | None:
        """The engine's figures as stored at the last save: what every page shows."""
        if self.score is None:
            return None
        stored = {name: getattr(self, field) for name, field in STORED_RESULTS.items()}
        return aijri.Result(growth=self.growth_correlation, **stored)

    def compute(self) -> aijri.Result:
        return aijri.compute(self.engine_inputs())

    def recompute(self) -> None:
        """Store the engine's figures; rows that cannot be scored leave every figure empty, never stale."""
        result = None
        self.calculation_problem = ""
        if self.pk is None:
            self.calculation_problem = "Add tasks, evidence and barriers to compute the score."
        else:
            try:
                result = self.compute()
            except aijri.AIJRIError as error:
                self.calculation_problem = str(error)[:300]
        for name, field in STORED_RESULTS.items():
            setattr(self, field, getattr(result, name) if result else None)

    def consistency_warnings(self) -> list[str]:
        """Things staff should look at; none of them blocks saving."""
        found = [f"Imported document: {warning['message']}" for warning in self.import_warnings]
        if self.career and self.zone:
            mismatch = {("low", Zone.RED): "Low", ("high", Zone.GREEN): "High"}.get((self.career.ai_risk, self.zone))
            if mismatch:
                found.append(
                    f"The career profile “{self.career.title}” says AI risk is {mismatch}, "
                    f"but this assessment is {self.get_zone_display()}."
                )
        if self.score_override is not None and self.formula_score is not None:
            gap = abs(self.score_override - self.formula_score)
            if gap > OVERRIDE_WARNING_GAP:
                found.append(
                    f"The override ({self.score_override}) is {gap} points from the formula score "
                    f"({self.formula_score}); more than {OVERRIDE_WARNING_GAP} needs a second look."
                )
        if self.pk:
            unlinked = [entry.role_name for entry in self.not_roles.all() if entry.linked_id is None]
            if unlinked:
                found.append(f"“What this role is NOT” entries that link to no role: {', '.join(unlinked)}.")
            bare = [task.name for task in self.tasks.all() if not task.rationale.strip()]
            if bare:
                found.append(f"Tasks with no rationale: {', '.join(bare)}.")
        return found

    def link_waiting_entries(self) -> None:
        """Entries elsewhere that name this role but had nothing to link to now link here."""
        waiting = NotThisRole.objects.filter(linked__isnull=True).exclude(assessment=self).select_related("assessment")
        named = [entry for entry in waiting if entry.names(self)]
        NotThisRole.objects.filter(pk__in=[entry.pk for entry in named]).update(linked=self)
        for owner in {entry.assessment for entry in named}:
            owner.refresh_warnings()

    def refresh_warnings(self) -> None:
        self.warnings = self.consistency_warnings()
        self.warning_count = len(self.warnings)
        Assessment.objects.filter(pk=self.pk).update(warnings=self.warnings, warning_count=self.warning_count)

    def record_publication(self, reason: str, user=None, force: bool = False, public_note: str = ""):
        """Snapshot the published score; called wherever something is published or a published score moves.

        `reason` is the staff's own (kept in the admin); the public history shows `public_note`, which a
        Publisher writes, or else a neutral sentence: internal reasons, names and file names stay inside."""
        if not self.is_published or self.score is None:
            return None
        last = self.snapshots.order_by("-recorded", "-id").first()
        if not force and last and (last.score, last.zone, last.sub_label) == (self.score, self.zone, self.sub_label):
            return None
        return ScoreSnapshot.objects.create(
            assessment=self,
            score=self.score,
            zone=self.zone,
            sub_label=self.sub_label,
            reason=reason or "Published",
            public_note=public_note.strip() or DEFAULT_PUBLIC_NOTE,
            user=user if getattr(user, "pk", None) else None,
        )

    def save(self, *args, **kwargs):
        self.recompute()
        self.stamp_publication()
        self.warnings = self.consistency_warnings()
        self.warning_count = len(self.warnings)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {
                *kwargs["update_fields"],
                *STORED_RESULTS.values(),
                "calculation_problem",
                "warnings",
                "warning_count",
            }
        super().save(*args, **kwargs)


class Task(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="tasks")
    order = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(max_length=400)
    # Blank only on a draft still being assessed (e.g. tasks taken from an ONS task list).
    time_pct = models.DecimalField(
        "time %",
        max_digits=4,
        decimal_places=aijri.TIME_PLACES,
        null=True,
        blank=True,
        validators=bounded(*aijri.TIME_RANGE),
        help_text="Share of working time, 0.1–100, e.g. 12.5.",
    )
    score = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=bounded(*aijri.TASK_SCORE_RANGE),
        help_text="1 (AI cannot do it) to 5 (AI does it already)",
    )
    aug_disp = models.CharField("Aug/Disp", max_length=12, choices=AugDisp.choices, blank=True)
    rationale = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.CheckConstraint(condition=blank_or_in_range("time_pct", *aijri.TIME_RANGE), name="task_time_share"),
            models.CheckConstraint(condition=blank_or_in_range("score", 1, 5), name="task_score_1_5"),
        ]

    def __str__(self):
        return self.name

    @property
    def weighted(self) -> Decimal | None:
        if self.time_pct is None or self.score is None:
            return None
        return aijri.quantize(aijri.task_weighted(self.time_pct, self.score), "0.01")

    @property
    def resistance(self) -> int | None:
        return None if self.score is None else aijri.MAX_SCORE - self.score


class EvidenceScore(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="evidence")
    dimension = models.CharField(max_length=30, choices=EvidenceDimension.choices)
    score = models.SmallIntegerField(validators=bounded(*aijri.EVIDENCE_RANGE), help_text="−2 to +2")
    evidence = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "dimension"], name="one_score_per_evidence_dimension"),
            models.CheckConstraint(condition=in_range("score", -2, 2), name="evidence_minus2_plus2"),
        ]

    def __str__(self):
        return f"{self.get_dimension_display()}: {self.score:+d}"


class BarrierScore(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="barriers")
    barrier = models.CharField(max_length=30, choices=Barrier.choices)
    score = models.PositiveSmallIntegerField(validators=bounded(*aijri.BARRIER_RANGE), help_text="0–2")
    rationale = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "barrier"], name="one_score_per_barrier"),
            models.CheckConstraint(condition=in_range("score", 0, 2), name="barrier_0_2"),
        ]

    def __str__(self):
        return f"{self.get_barrier_display()}: {self.score}"


class NotThisRole(models.Model):
    """A "What this role is NOT" entry; linked to the other role when it is on the site."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="not_roles")
    order = models.PositiveSmallIntegerField(default=0)
    role_name = models.CharField(max_length=200)
    note = models.TextField(blank=True)
    linked = models.ForeignKey(
        Assessment,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The other role's assessment, so its live score is shown.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "id"]
        verbose_name = "“what this role is NOT” entry"
        verbose_name_plural = "“what this role is NOT” entries"

    def __str__(self):
        return f"NOT a {self.role_name}"

    def names(self, role: Assessment) -> bool:
        return self.role_name.lower() == role.job_title.lower() or slugify(self.role_name) == role.slug


# What the public score history says when a Publisher writes no note of their own.
DEFAULT_PUBLIC_NOTE = "Reviewed and published by the JobZone editors."


class ScoreSnapshot(models.Model):
    """The published score at one moment, with why it changed: the public score history."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="snapshots")
    recorded = models.DateTimeField(auto_now_add=True)
    score = models.DecimalField(max_digits=4, decimal_places=1)
    zone = models.CharField(max_length=6, choices=Zone.choices)
    sub_label = models.CharField(max_length=12, choices=SubLabel.choices)
    reason = models.CharField(max_length=300)  # the staff's own reason: never shown to the public
    public_note = models.CharField(max_length=300, default=DEFAULT_PUBLIC_NOTE)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-recorded", "-id"]

    def __str__(self):
        return f"{self.score} {self.get_zone_display()} ({self.sub_label}) on {self.recorded:%d %b %Y}"


# What a version of each item is made of, for history compare, revert and restore.
Assessment.history_children = [Task, EvidenceScore, BarrierScore, NotThisRole]
Assessment.page_key, Assessment.list_key = "role", "roles"
Assessment.history_parent_field = "assessment"
Assessment.public_children = [ScoreSnapshot]
from scoring.feedback import Feedback, ProblemReport  # noqa: E402,F401  (visitors' feedback and problem reports)
from scoring.job_requests import JobRequest, JobRequestNote  # noqa: E402,F401
from scoring.move_models import MoveChoice, SaferMove  # noqa: E402,F401  (safer moves)
from scoring.search.models import SearchEntry, SearchName, SearchWord  # noqa: E402,F401  (the search index)
