from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from careers.occupations import Occupation, OccupationLevel, unit_group_field  # noqa: F401  (SOC 2020)
from editorial.fields import TitleListField
from editorial.models import Publishable


class Level(models.TextChoices):
    LOW = "low", "Low"
    MODERATE = "moderate", "Moderate"
    HIGH = "high", "High"


class CareerChange(models.TextChoices):
    POSSIBLE = "possible", "Possible"
    LIMITED = "limited", "Limited"
    UNLIKELY = "unlikely", "Unlikely"


class Career(Publishable):
    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(max_length=200)
    summary = models.CharField(max_length=500, help_text="One sentence: what the job is.")
    alternative_titles = TitleListField(help_text="Other names this career goes by in the UK, one per line.")
    occupation = unit_group_field("careers")
    ai_risk = models.CharField("AI risk", max_length=10, choices=Level.choices)
    entry_difficulty = models.CharField(max_length=10, choices=Level.choices)
    training_time = models.TextField()
    qualifications = models.TextField()
    career_change = models.CharField(max_length=10, choices=CareerChange.choices)
    what_you_do = models.TextField()
    why_resilient = models.TextField("why this career is resilient")
    typical_day = models.TextField("a typical day")
    training_costs = models.TextField()
    pay_note = models.TextField(blank=True, help_text="Anything said about pay besides the bands.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["title"]
        permissions = [("publish_career", "Can publish and unpublish career profiles")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.stamp_publication()
        super().save(*args, **kwargs)
        for role in self.assessments.all():
            role.refresh_warnings()  # the AI-risk line is checked against each linked assessment

    def surrogate_keys(self) -> set[str]:
        # Role pages and lists show a role's career by title, so "roles" too.
        keys = super().surrogate_keys() | {"roles"}
        return keys | ({f"occupation-{self.occupation_id}"} if self.occupation_id else set())

    def get_absolute_url(self):
        return reverse("careers:detail", args=[self.slug])


class EntryRoute(models.Model):
    class Kind(models.TextChoices):
        COLLEGE = "college", "Full-time college course"
        EMPLOYER = "employer", "Employer-funded training"
        APPRENTICESHIP = "apprenticeship", "Apprenticeship"
        UNIVERSITY = "university", "University degree"
        CAREER_CHANGER = "career_changer", "Career-changer course"
        DIRECT = "direct", "Direct application"
        VOLUNTEERING = "volunteering", "Volunteering"
        OTHER = "other", "Other"

    career = models.ForeignKey(Career, on_delete=models.CASCADE, related_name="routes")
    order = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    heading = models.CharField(max_length=200, help_text="The heading as written in the profile.")
    description = models.TextField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "id"]

    def __str__(self):
        return self.heading


class PayBand(models.Model):
    career = models.ForeignKey(Career, on_delete=models.CASCADE, related_name="pay_bands")
    order = models.PositiveSmallIntegerField(default=0)
    label = models.CharField(max_length=100, help_text='For example "Band 3".')
    who_for = models.CharField("who it is for", max_length=200, help_text='For example "coding trainee".')
    minimum = models.PositiveIntegerField(help_text="GBP a year.", validators=[MinValueValidator(0)])
    maximum = models.PositiveIntegerField(help_text="GBP a year.", validators=[MinValueValidator(0)])
    note = models.CharField(max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(minimum__lte=models.F("maximum")), name="payband_min_not_above_max"
            ),
        ]

    def __str__(self):
        return f"{self.label}: £{self.minimum:,}–£{self.maximum:,}"

    @property
    def spread(self) -> int:
        return self.maximum - self.minimum

    def clean(self):
        if self.minimum is not None and self.maximum is not None and self.minimum > self.maximum:
            raise ValidationError({"maximum": "The maximum must be at least the minimum."})


Career.history_children = [EntryRoute, PayBand]
Career.page_key, Career.list_key = "career", "careers"
Career.history_parent_field = "career"
