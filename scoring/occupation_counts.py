"""How many published roles each SOC 2020 group holds, by zone, and the nearest assessed roles to a group.

One grouped query over the published assessments (by unit group and zone) gives every unit group's
counts; each is then added to its minor, sub-major and major group in Python (a code's prefixes are
its ancestors: 4131 → 413 → 41 → 4), so every level of the hierarchy is counted from the same rows.
The result is kept per content version, like the browse page's zone counts: any publish makes new ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db.models import Case, Count, IntegerField, Value, When

from careers.occupations import OccupationLevel
from editorial.content_version import content_version
from scoring import aijri
from scoring.models import Assessment

NEAREST = 6  # at most this many nearest assessed roles on an unassessed unit group's page
NEAREST_FIELDS = ["slug", "job_title", "score", "zone", "sub_label", "occupation__code", "occupation__title"]
# The levels above a unit group, nearest first: (length of the shared code, level).
NEARER_LEVELS = [(3, OccupationLevel.MINOR), (2, OccupationLevel.SUB_MAJOR), (1, OccupationLevel.MAJOR)]


@dataclass
class Spread:
    """A group's published roles per zone (aijri.ZONES order: green, yellow, red)."""

    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(aijri.ZONES, 0))

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def add(self, zone: str, number: int) -> None:
        self.counts[zone] = self.counts.get(zone, 0) + number

    def zones(self) -> list[tuple[str, str, int]]:
        """(zone, label, count) for every zone, in aijri.ZONES order."""
        return [(zone, label, self.counts.get(zone, 0)) for zone, label in aijri.ZONES.items()]

    def bands(self) -> list[tuple[str, float, float]]:
        """(zone, x, width) in percent for a bar of the zones present, in aijri.ZONES order."""
        total, x, bands = self.total, 0.0, []
        for zone, _, count in self.zones():
            if count:
                width = round(count / total * 100, 2)
                bands.append((zone, x, width))
                x = round(x + width, 2)
        return bands


def count_groups() -> dict[str, Spread]:
    """Every group's published roles per zone: one grouped query, rolled up the hierarchy in Python."""
    rows = (
        Assessment.objects.published()
        .filter(occupation__isnull=False, zone__in=list(aijri.ZONES))
        .order_by()
        .values_list("occupation_id", "zone")
        .annotate(n=Count("id"))
    )
    spreads: dict[str, Spread] = {}
    for code, zone, number in rows:
        for length in range(1, len(code) + 1):
            spreads.setdefault(code[:length], Spread()).add(zone, number)
    return spreads


def group_spreads() -> dict[str, Spread]:
    """count_groups(), kept per content version (any change to content makes new counts)."""
    key = f"jobzone:occupation-spreads:{content_version().current()}"
    spreads = cache.get(key)
    if spreads is None:
        spreads = count_groups()
        cache.set(key, spreads, settings.PAGE_CACHE_SECONDS or None)
    return spreads


def spread_of(spreads: dict[str, Spread], code: str) -> Spread:
    return spreads.get(code) or Spread()


def nearest_assessed(code: str, limit: int = NEAREST) -> list[dict]:
    """Published roles near a unit group, in hierarchy order: the same minor group, then the sub-major,
    then the major group; highest score first within a level. One query, at most `limit` rows.

    Each entry is {"level": OccupationLevel, "group": the shared group's code, "roles": [...]}.
    """
    nearness = Case(
        *[When(occupation__code__startswith=code[:length], then=Value(length)) for length, _ in NEARER_LEVELS],
        default=Value(0),
        output_field=IntegerField(),
    )
    roles = (
        Assessment.objects.published()
        .filter(occupation__code__startswith=code[:1])
        .exclude(occupation__code=code)
        .select_related("occupation")
        .only(*NEAREST_FIELDS)
        .annotate(nearness=nearness)
        .order_by("-nearness", "-score", "job_title")[:limit]
    )
    levels = dict(NEARER_LEVELS)
    found: list[dict] = []
    for role in roles:
        if not found or found[-1]["shared"] != role.nearness:
            found.append({"shared": role.nearness, "level": levels[role.nearness], "group": code[: role.nearness]})
            found[-1]["roles"] = []
        found[-1]["roles"].append(role)
    return found
