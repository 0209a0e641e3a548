"""What visitors tell us about our pages: feedback on a role or career, and reports of a problem with a page.

Neither is content: no public page is built from these rows, so saving one never retires the page cache
(they are not Publishable and have no history). Staff read them in the admin (scoring/feedback_admin.py).
How the forms stay out of the shared page cache is explained in scoring/feedback_views.py.

The models live here and are imported at the bottom of scoring/models.py.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone

COMMENT_MAX = 500
PAGE_MAX = 300
PROBLEM_MAX = 1000


class Question(models.TextChoices):
    SCORE = "score", "Is this score right for your job?"
    USEFUL = "useful", "Was this page useful?"

    @classmethod
    def parse(cls, raw) -> Question | None:
        """A question from a query string or form: tolerant of case and spaces, None if unknown."""
        value = str(raw or "").strip().lower()
        return cls(value) if value in cls.values else None


class Answer(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    TOO_HIGH = "too_high", "Too high"
    TOO_LOW = "too_low", "Too low"


# The answers each question offers, in the order they are shown.
ANSWERS = {
    Question.SCORE: (Answer.YES, Answer.TOO_HIGH, Answer.TOO_LOW),
    Question.USEFUL: (Answer.YES, Answer.NO),
}
# Which questions each kind of page asks: a career has no score of its own (its roles do).
QUESTIONS = {"role": (Question.SCORE, Question.USEFUL), "career": (Question.USEFUL,)}


def valid_pairs() -> Q:
    pairs = Q()
    for question, answers in ANSWERS.items():
        pairs |= Q(question=question, answer__in=[answer.value for answer in answers])
    return pairs


class Feedback(models.Model):
    """One visitor's answer to one question about one role or one career, with an optional comment."""

    role = models.ForeignKey(
        "scoring.Assessment", null=True, blank=True, on_delete=models.CASCADE, related_name="feedback"
    )
    career = models.ForeignKey(
        "careers.Career", null=True, blank=True, on_delete=models.CASCADE, related_name="feedback"
    )
    question = models.CharField(max_length=10, choices=Question.choices)
    answer = models.CharField(max_length=10, choices=Answer.choices)
    comment = models.TextField(max_length=COMMENT_MAX, blank=True)
    created = models.DateTimeField(default=timezone.now, db_index=True)

    # Rights for the staff groups (editorial.groups): Editors read feedback, Publishers may also delete it.
    staff_rights = {"Editors": ("view",), "Publishers": ("view", "delete")}

    class Meta:
        ordering = ["-created"]
        verbose_name = "feedback"
        verbose_name_plural = "feedback"
        constraints = [
            models.CheckConstraint(
                condition=Q(role__isnull=False, career__isnull=True) | Q(role__isnull=True, career__isnull=False),
                name="feedback_about_one_role_or_career",
            ),
            models.CheckConstraint(condition=valid_pairs(), name="feedback_answer_fits_question"),
            models.CheckConstraint(
                condition=~Q(question=Question.SCORE) | Q(role__isnull=False), name="feedback_score_only_for_roles"
            ),
        ]

    def __str__(self):
        return f"{self.item}: {self.get_question_display()} {self.get_answer_display()}"

    @property
    def item(self):
        return self.role or self.career


class ProblemReport(models.Model):
    """A visitor's report of a problem with a page (accessibility, a wrong figure, a broken link …)."""

    page = models.CharField(
        "page", max_length=PAGE_MAX, blank=True, help_text="The address of the page on this site, if given."
    )
    description = models.TextField("what went wrong", max_length=PROBLEM_MAX)
    email = models.EmailField("reply to", blank=True, help_text="Only if the visitor asked for a reply.")
    created = models.DateTimeField(default=timezone.now, db_index=True)
    resolved = models.BooleanField(default=False, help_text="Tick when the problem has been dealt with.")

    staff_rights = {"Editors": ("view", "change"), "Publishers": ("view", "change", "delete")}

    class Meta:
        ordering = ["resolved", "-created"]
        verbose_name = "problem report"

    def __str__(self):
        return f"{self.page or 'no page'}: {self.description[:60]}"
