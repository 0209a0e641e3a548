"""The SOC 2020 occupation pages: browse the hierarchy, one page per group, and the occupations downloads.

`/occupations/` lists the 9 major groups with their sub-major groups; every group has a page at
`/occupations/<code>/`. A major, sub-major or minor group's page lists the two levels below it; a
unit group's page gives the ONS description, tasks, entry routes and related job titles, the
published roles and career profiles linked to it, and, where none is assessed yet, the nearest
assessed roles and a way to ask for an assessment. Every level shows how many published roles it
holds and their zones, from one grouped query (`occupation_counts.group_spreads`).

These are ordinary public pages: the page cache keeps them for anonymous visitors and any publish
retires them. They hold no CSRF token or per-visitor state: "Request an assessment" links to the
never-cached request form in scoring/job_request_views.py (the same store and rate limit as "My job
isn't listed"), naming the unit group as the source ("occupation:4131").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render

from careers.models import Career, Occupation, OccupationLevel
from careers.soc import ATTRIBUTION
from scoring.models import Assessment
from scoring.occupation_counts import Spread, group_spreads, nearest_assessed, spread_of
from scoring.open_data import OCCUPATION_FIELDS, csv_download, occupation_row
from scoring.templatetags.aijri_tags import item_url

LEVELS = list(OccupationLevel)  # major, sub-major, minor, unit: a code's length is its place here + 1
BRIEF = ("code", "title", "level", "parent_id")  # enough of a group to list it
ROLE_FIELDS = ("slug", "job_title", "score", "zone", "sub_label", "seniority_level", "occupation_id")
LICENCE_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"


@dataclass
class Branch:
    """One group in a list, with its published roles per zone and the groups listed under it."""

    group: Occupation
    spread: Spread
    children: list[Branch] = field(default_factory=list)


def tree(groups, top_length: int, spreads: dict[str, Spread]) -> list[Branch]:
    """Groups (in code order) as nested branches, starting from those whose code has top_length digits."""
    branches: dict[str, Branch] = {}
    roots: list[Branch] = []
    for group in groups:
        branch = branches[group.code] = Branch(group, spread_of(spreads, group.code))
        parent = branches.get(group.code[:-1])
        if len(group.code) == top_length:
            roots.append(branch)
        elif parent is not None:
            parent.children.append(branch)
    return roots


def occupation_list(request):
    spreads = group_spreads()
    groups = Occupation.objects.filter(level__in=LEVELS[:2]).only(*BRIEF).order_by("code")
    branches = tree(groups, 1, spreads)
    context = {
        "branches": branches,
        "total": sum(branch.spread.total for branch in branches),  # published roles linked to a unit group
        "assessed_units": sum(1 for code in spreads if len(code) == 4),
        "unit_count": Occupation.objects.units().count(),
        "unlinked": Assessment.objects.published().filter(occupation__isnull=True).count(),
    }
    return render(request, "scoring/occupations/list.html", context)


def occupation_detail(request, code: str):
    """A group's page: the codes the URL accepts are 1 to 4 digits; any other, or one not in SOC 2020, is a 404."""
    group = get_object_or_404(Occupation, code=code)
    spreads = group_spreads()
    if group.is_unit:
        return unit_group(request, group, spreads)
    below = LEVELS[len(code) : len(code) + 2]
    rows = Occupation.objects.filter(Q(code__in=group.ancestor_codes()) | Q(code__startswith=code, level__in=below))
    rows = list(rows.only(*BRIEF).order_by("code"))
    context = {
        "group": group,
        "spread": spread_of(spreads, code),
        "ancestors": [row for row in rows if len(row.code) < len(code)],
        "branches": tree([row for row in rows if len(row.code) > len(code)], len(code) + 1, spreads),
        "child_level": LEVELS[len(code)].label,
    }
    return render(request, "scoring/occupations/group.html", context)


def unit_group(request, group: Occupation, spreads: dict[str, Spread]):
    ancestors = list(Occupation.objects.filter(code__in=group.ancestor_codes()).only(*BRIEF).order_by("code"))
    roles = list(Assessment.objects.published().filter(occupation=group).only(*ROLE_FIELDS).order_by("job_title", "pk"))
    careers = list(Career.objects.published().filter(occupation=group).only("slug", "title", "summary"))
    nearest = []
    if not roles:
        titles = {ancestor.code: ancestor for ancestor in ancestors}
        nearest = nearest_assessed(group.code)
        for level in nearest:
            level["occupation"] = titles.get(level["group"])
    context = {
        "group": group,
        "spread": spread_of(spreads, group.code),
        "ancestors": ancestors,
        "roles": roles,
        "careers": careers,
        "nearest": nearest,
        "request_source": f"occupation:{group.code}",
        "group_jsonld": structured_data(request, group),
    }
    return render(request, "scoring/occupations/unit.html", context)


def structured_data(request, group: Occupation) -> dict:
    """schema.org data for a unit group: the occupation and its SOC 2020 code."""
    return {
        "@context": "https://schema.org",
        "@type": "Occupation",
        "name": group.title,
        "description": group.description,
        "occupationLocation": {"@type": "Country", "name": "United Kingdom"},
        "occupationalCategory": {
            "@type": "CategoryCode",
            "codeValue": group.code,
            "name": group.title,
            "inCodeSet": {"@type": "CategoryCodeSet", "name": "UK Standard Occupational Classification 2020"},
        },
        "url": request.build_absolute_uri(item_url("occupation", group.code)),
    }


# --- downloads ---------------------------------------------------------------------------------------
def occupation_rows(request) -> list[dict]:
    spreads = group_spreads()
    units = Occupation.objects.units().only("code", "title").order_by("code")
    site = request.build_absolute_uri("/")[:-1]
    return [
        occupation_row(unit, spread_of(spreads, unit.code), site + item_url("occupation", unit.code)) for unit in units
    ]


def occupations_json(request):
    rows = occupation_rows(request)
    body = {
        "count": len(rows),
        "attribution": ATTRIBUTION,
        "licence": LICENCE_URL,
        "occupations": rows,
    }
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False})


def occupations_csv(request):
    return csv_download("jobzone-occupations.csv", OCCUPATION_FIELDS, occupation_rows(request))
