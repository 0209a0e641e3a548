"""Visitors' requests for jobs we have not assessed yet: one row per normalised title, with a count.

The store is generic: "My job isn't listed" on the browse page records with source "search", and the
"request an assessment" button on occupation pages records with e.g. "occupation:4131", which also links
the row to that unit group (`occupation`) so the admin counts each occupation's requests.
These rows are not content: no public page is built from them, so saving one never retires the page
cache (they are not Publishable and have no history).

The models live here and are imported at the bottom of scoring/models.py.
"""

from __future__ import annotations

import unicodedata

from django.db import models, transaction
from django.db.models import F
from django.utils import timezone

TITLE_MAX = 100
DESCRIPTION_MAX = 500
SOURCE_MAX = 60
NORMALISED_MAX = 255  # case folding can lengthen a title ("ß" becomes "ss")

APOSTROPHES = "'’‘ʼ`´"
# Kept because they change the job: "C++ developer" and "C# developer" are not "C developer".
KEPT_SYMBOLS = "+#"


def normalise_title(title: str) -> str:
    """The key requests are counted under: "Data  Scientist!" and "data scientist" are the same job.

    Case-folded, accents dropped ("Café" = "cafe"), apostrophes removed ("children's" = "childrens"),
    other punctuation and symbols turned into spaces ("front-end" = "front end"), spaces collapsed.
    """
    text = unicodedata.normalize("NFKD", title).casefold()
    kept = []
    for char in text:
        category = unicodedata.category(char)
        if char in APOSTROPHES or category == "Mn":
            continue
        if char in KEPT_SYMBOLS or category[0] in "LN":
            kept.append(char)
        else:
            kept.append(" ")
    return " ".join("".join(kept).split())[:NORMALISED_MAX]


class JobRequest(models.Model):
    """Everyone who asked for one job (by normalised title): how many, when, and the first wording."""

    normalised_title = models.CharField(max_length=NORMALISED_MAX, unique=True, editable=False)
    title = models.CharField("job title", max_length=TITLE_MAX, help_text="As the first visitor typed it.")
    count = models.PositiveIntegerField("requests", default=1)
    first_requested = models.DateTimeField(default=timezone.now, db_index=True)
    last_requested = models.DateTimeField(default=timezone.now, db_index=True)
    source = models.CharField(
        "first asked from", max_length=SOURCE_MAX, blank=True, help_text="e.g. “search” or “occupation:4131”."
    )
    occupation = models.ForeignKey(
        "careers.Occupation",
        verbose_name="SOC 2020 unit group",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="job_requests",
        help_text="The unit group whose page the request came from, if it came from one.",
    )

    # Rights for the staff groups (editorial.groups): Editors read requests, Publishers may also delete them.
    staff_rights = {"Editors": ("view",), "Publishers": ("view", "delete")}

    class Meta:
        ordering = ["-count", "-last_requested"]
        verbose_name = "job request"

    def __str__(self):
        return f"{self.title} ({self.count})"

    @classmethod
    def record(
        cls, title: str, description: str = "", source: str = "", counted: bool = True, occupation=None
    ) -> JobRequest:
        """Store one request and return its row with the current count.

        Race-free: get_or_create retries the lookup when two first requests collide on the unique
        key, and the count goes up with an UPDATE … SET count = count + 1. With counted=False (the
        same visitor asking again) the time and any description are kept but the count stays.
        `occupation` (a unit group, from its page's "request an assessment") links a row that has no
        unit group yet, so the admin can count each occupation's requests.
        """
        now = timezone.now()
        title, description, source = title.strip()[:TITLE_MAX], description.strip(), source[:SOURCE_MAX]
        occupation_id = getattr(occupation, "pk", occupation) or None
        with transaction.atomic():
            row, created = cls.objects.get_or_create(
                normalised_title=normalise_title(title),
                defaults={
                    "title": title,
                    "source": source,
                    "first_requested": now,
                    "last_requested": now,
                    "occupation_id": occupation_id,
                },
            )
            if not created:
                changes = {"last_requested": now}
                if counted:
                    changes["count"] = F("count") + 1
                cls.objects.filter(pk=row.pk).update(**changes)
                if occupation_id and row.occupation_id is None:
                    cls.objects.filter(pk=row.pk, occupation=None).update(occupation_id=occupation_id)
                row.refresh_from_db(fields=["count", "last_requested", "occupation"])
            if description:
                JobRequestNote.objects.create(job_request=row, description=description[:DESCRIPTION_MAX], source=source)
        return row


class JobRequestNote(models.Model):
    """What one visitor said they do, when they said it with their request."""

    job_request = models.ForeignKey(JobRequest, on_delete=models.CASCADE, related_name="notes")
    description = models.TextField("what they do", max_length=DESCRIPTION_MAX)
    source = models.CharField("asked from", max_length=SOURCE_MAX, blank=True)
    created = models.DateTimeField(default=timezone.now, db_index=True)

    staff_rights = {"Editors": ("view",), "Publishers": ("view", "delete")}

    class Meta:
        ordering = ["-created"]
        verbose_name = "what they do"
        verbose_name_plural = "what they do"

    def __str__(self):
        return self.description[:60]
