"""The UK Standard Occupational Classification 2020 as a table: every group from major to unit group.

The rows come from the data file (`careers/soc.py`) through `load()`, which a data migration,
`manage.py load_occupations` and `make run` all call. Assessments and career profiles link to a
unit group with a foreign key; a new ONS edition updates titles and texts in place and never
removes a group something still links to.

The model lives here and is imported at the bottom of careers/models.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.validators import RegexValidator
from django.db import models, transaction

from careers import soc

# The fields the data file fills (besides the code and the parent, which follows from the code).
TEXT_FIELDS = ("level", "title", "description", "entry", "tasks", "related_titles")


class OccupationLevel(models.TextChoices):
    """The four levels of SOC 2020; a code's length is its level (4 → 41 → 413 → 4131)."""

    MAJOR = "major", "Major group"
    SUB_MAJOR = "sub_major", "Sub-major group"
    MINOR = "minor", "Minor group"
    UNIT = "unit", "Unit group"

    @classmethod
    def parse(cls, raw) -> OccupationLevel | None:
        """A level from a query string: tolerant of case, spaces and hyphens ("Sub-major"), None if unknown."""
        value = str(raw or "").strip().lower().replace("-", "_").replace(" ", "_")
        return cls(value) if value in cls.values else None

    @classmethod
    def of_code(cls, code: str) -> OccupationLevel:
        return list(cls)[len(code) - 1]


class OccupationQuerySet(models.QuerySet):
    def units(self):
        return self.filter(level=OccupationLevel.UNIT)

    def majors(self):
        return self.filter(level=OccupationLevel.MAJOR)

    def within(self, code: str):
        """The group with this code and every group below it."""
        return self.filter(code__startswith=code)


class Occupation(models.Model):
    """One SOC 2020 group: a major group (1 digit), sub-major (2), minor (3) or unit group (4)."""

    Level = OccupationLevel

    code = models.CharField(
        "SOC 2020 code",
        max_length=4,
        primary_key=True,
        validators=[RegexValidator(r"^[0-9]{1,4}$", "A SOC 2020 code is 1 to 4 digits, e.g. 4131.")],
    )
    level = models.CharField(max_length=9, choices=OccupationLevel.choices, db_index=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children", editable=False
    )
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    entry = models.TextField("typical entry routes and qualifications", blank=True)
    tasks = models.JSONField(default=list, blank=True, help_text="The ONS task list (unit groups only).")
    related_titles = models.JSONField(
        "related job titles", default=list, blank=True, help_text="Official job titles in this unit group."
    )

    objects = OccupationQuerySet.as_manager()

    # Rights for the staff groups (editorial.groups): both read the table; nobody edits it by hand.
    staff_rights = {"Editors": ("view",), "Publishers": ("view",)}

    class Meta:
        ordering = ["code"]
        verbose_name = "occupation (SOC 2020)"
        verbose_name_plural = "occupations (SOC 2020)"
        constraints = [
            models.CheckConstraint(condition=models.Q(level__in=OccupationLevel.values), name="occupation_level_known"),
        ]

    def __str__(self):
        return f"{self.code} {self.title}"

    @property
    def is_unit(self) -> bool:
        return self.level == OccupationLevel.UNIT

    @property
    def major_code(self) -> str:
        return self.code[:1]

    def ancestor_codes(self) -> list[str]:
        """'4131' -> ['4', '41', '413']: the groups above, from the top."""
        return [self.code[:length] for length in range(1, len(self.code))]

    def ancestors(self):
        """The groups above this one, major group first (one query)."""
        return Occupation.objects.filter(code__in=self.ancestor_codes()).order_by("code")

    @property
    def unit_groups(self):
        """The unit groups within this group (itself, for a unit group)."""
        return Occupation.objects.units().within(self.code)


# --- loading the data file -------------------------------------------------------------------------
@dataclass
class LoadReport:
    created: int = 0
    updated: int = 0
    deleted: int = 0
    kept: list[str] | None = None  # codes no longer in the edition but still linked to, so kept

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.deleted)

    def __str__(self):
        kept = f", {len(self.kept)} kept because something links to them ({', '.join(self.kept)})" if self.kept else ""
        return f"{self.created} created, {self.updated} updated, {self.deleted} removed{kept}"


def rows_from(groups) -> dict[str, dict]:
    """The data file's groups as field values, keyed by code."""
    rows = {}
    for group in groups:
        code = group["code"]
        rows[code] = {
            "level": group["level"],
            "title": group["title"],
            "description": group.get("description", ""),
            "entry": group.get("entry", ""),
            "tasks": list(group.get("tasks", [])),
            "related_titles": list(group.get("job_titles", group.get("related_titles", []))),
            "parent_id": code[:-1] or None,
        }
    return rows


def linked(model, code: str) -> bool:
    """Whether any row still points at this group (history tables, which never block, aside)."""
    for relation in model._meta.related_objects:
        if relation.on_delete is models.DO_NOTHING or not relation.field.db_constraint:
            continue
        if relation.related_model._base_manager.filter(**{relation.field.name: code}).exists():
            return True
    return False


def load(model=None, groups=None) -> LoadReport:
    """Bring the table in line with the data file; a rerun changes nothing.

    `model` is the Occupation class (a data migration passes its historical one) and `groups` the
    data file's groups (tests pass an edited edition). New groups are created, changed titles and
    texts updated, and groups the edition dropped removed unless a role, career or group still
    links to them.
    """
    model = model or Occupation
    wanted = rows_from(soc.groups().values() if groups is None else groups)
    report = LoadReport(kept=[])
    with transaction.atomic():
        existing = {row.code: row for row in model._base_manager.all()}
        new, changed = [], []
        for code in sorted(wanted):  # "4" < "41" < "413" < "4131": parents first
            values = wanted[code]
            row = existing.get(code)
            if row is None:
                new.append(model(code=code, **values))
                continue
            differs = [name for name, value in values.items() if getattr(row, name) != value]
            if differs:
                for name in differs:
                    setattr(row, name, values[name])
                changed.append(row)
        model._base_manager.bulk_create(new, batch_size=500)
        if changed:
            model._base_manager.bulk_update(changed, [*TEXT_FIELDS, "parent"], batch_size=200)
        for code in sorted(set(existing) - set(wanted), key=len, reverse=True):  # unit groups before their parents
            if linked(model, code):
                report.kept.append(code)
            else:
                model._base_manager.filter(code=code).delete()
                report.deleted += 1
    report.created, report.updated = len(new), len(changed)
    report.kept.sort()
    return report


def unit_group_field(related_name: str, **kwargs) -> models.ForeignKey:
    """The link from a role or career to its SOC 2020 unit group (the same field on both)."""
    return models.ForeignKey(
        "careers.Occupation",
        verbose_name="SOC 2020 unit group",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name=related_name,
        limit_choices_to={"level": OccupationLevel.UNIT},
        error_messages={"invalid": "%(value)s is not a SOC 2020 unit group (a 4-digit code such as 4131)."},
        help_text="The UK SOC 2020 unit group (4 digits) this job belongs to, where one applies.",
        **kwargs,
    )


def load_in_migration(apps, schema_editor) -> None:
    """For RunPython: load the data file into the historical Occupation model."""
    load(apps.get_model("careers", "Occupation"))
