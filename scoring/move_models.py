"""Safer moves: the published roles worth moving to from a role, kept when content changes.

SaferMove rows are written by scoring/moves.py, never by hand; MoveChoice is what staff decide
(pin a move with a reason, or hide one), and the next refresh follows it.
"""

from django.db import models


class MoveSource(models.TextChoices):
    PINNED = "pinned", "Chosen by our editors"
    LINKED = "linked", "Named in the assessment"
    SIMILAR = "similar", "Similar work"


class SaferMove(models.Model):
    role = models.ForeignKey("scoring.Assessment", on_delete=models.CASCADE, related_name="safer_moves")
    target = models.ForeignKey("scoring.Assessment", on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField()
    carried_share = models.DecimalField(
        max_digits=4, decimal_places=1, help_text="Share of the role's time spent on work that carries over, 0–100."
    )
    carries_over = models.JSONField(default=list, help_text="The role's tasks that carry over, most time first.")
    to_learn = models.JSONField(default=list, help_text="The target's tasks that are new, most time first.")
    source = models.CharField(max_length=8, choices=MoveSource.choices)
    reason = models.TextField(blank=True, help_text="Why editors pinned it, when they did.")

    class Meta:
        app_label = "scoring"
        ordering = ["rank"]
        constraints = [models.UniqueConstraint(fields=["role", "target"], name="one_move_per_pair")]

    def __str__(self):
        return f"{self.role} → {self.target}"


class MoveChoice(models.Model):
    class Choice(models.TextChoices):
        PIN = "pin", "Always show this move"
        HIDE = "hide", "Never show this move"

    role = models.ForeignKey("scoring.Assessment", on_delete=models.CASCADE, related_name="move_choices")
    target = models.ForeignKey(
        "scoring.Assessment",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="A published role with a higher score (a pinned move to a lower score is not shown).",
    )
    choice = models.CharField(max_length=4, choices=Choice.choices)
    reason = models.TextField(help_text="Shown beside a pinned move; for a hidden one, a note for editors.")

    # Editors choose moves as they edit the role (editorial.groups reads this).
    staff_rights = {"Editors": ("add", "change", "view", "delete")}

    class Meta:
        app_label = "scoring"
        constraints = [models.UniqueConstraint(fields=["role", "target"], name="one_choice_per_move")]

    def __str__(self):
        return f"{self.get_choice_display()}: {self.role} → {self.target}"
