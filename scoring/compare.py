"""Compare two or three roles: first what a person decides on, then how the scores are worked out.

The decision cards read the role's stored score and zone, its linked career profile (pay, training,
routes in, entry qualifications) and its most exposed task; the analysis table reads only stored figures.
With one role chosen the page offers that role's safer moves to add.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.text import Truncator

from careers.models import Career
from editorial import fragments
from editorial.surrogate_keys import tag
from scoring import aijri
from scoring.models import Assessment, SaferMove, Task
from scoring.moves import moves_for
from scoring.moves import pay_range as band_range
from scoring.search import query
from scoring.templatetags.aijri_tags import signed
from scoring.views import SearchResults, role_page_keys

SLUG = re.compile(r"[-a-z0-9_]{1,120}")
MAX_COMPARED = 3
MOVES_OFFERED = 5
TEXT_WORDS = 30  # long career texts are cut to this many words; the career profile has them in full


@dataclass
class Card:
    """What a person decides on, for one role."""

    role: Assessment
    career: Career | None
    pay: str
    training_time: str
    training_costs: str
    routes: list[str]
    qualifications: str
    exposed: Task | None


def pay_range(career: Career) -> str:
    pay = band_range(career)
    return f"£{pay[0]:,}–£{pay[1]:,} a year" if pay else "Not given"


def most_exposed(role: Assessment) -> Task | None:
    """The highest-risk task (highest AI exposure score); of equals, the one taking the most time."""
    return max(role.tasks.all(), key=lambda task: (task.score, task.time_pct, -task.order), default=None)


def card(role: Assessment) -> Card:
    career = role.career if role.career and role.career.is_published else None

    def short(text: str) -> str:
        return Truncator(text).words(TEXT_WORDS) if career else ""

    return Card(
        role=role,
        career=career,
        pay=pay_range(career) if career else "",
        training_time=short(career.training_time) if career else "",
        training_costs=short(career.training_costs) if career else "",
        routes=[route.heading for route in career.routes.all()] if career else [],
        qualifications=short(career.qualifications) if career else "",
        exposed=most_exposed(role),
    )


def analysis_rows(roles: list[Assessment]) -> list[dict]:
    """The calculation, row by row, each marked when the roles differ."""

    def row(label, values, group):
        shown = [str(value) for value in values]
        return {"label": label, "values": shown, "differs": len(set(shown)) > 1, "group": group}

    def pct(value) -> str:
        return f"{aijri.format_pct(value)}%"

    rows = [
        row("AIJRI score", [r.score for r in roles], "Result"),
        row("Formula score", [r.formula_score for r in roles], "Result"),
        row("Task resistance", [r.task_resistance for r in roles], "Calculation"),
        row("Evidence modifier", [r.evidence_modifier for r in roles], "Calculation"),
        row("Barrier modifier", [r.barrier_modifier for r in roles], "Calculation"),
        row("Growth modifier", [r.growth_modifier for r in roles], "Calculation"),
        row("Composite", [r.composite_raw for r in roles], "Calculation"),
        row("Displacement", [pct(r.displacement_pct) for r in roles], "Task split"),
        row("Augmentation", [pct(r.augmentation_pct) for r in roles], "Task split"),
        row("Not involved", [pct(r.not_involved_pct) for r in roles], "Task split"),
        row("Time on resistant tasks (3+)", [pct(r.protected_time_pct) for r in roles], "Task split"),
    ]
    barrier_group = f"Barriers ({aijri.scale_label(aijri.BARRIER_RANGE)})"
    for key, label in aijri.BARRIERS.items():
        scores = [next((b.score for b in r.barriers.all() if b.barrier == key), "–") for r in roles]
        rows.append(row(label, scores, barrier_group))
    evidence_group = f"Evidence ({aijri.scale_label(aijri.EVIDENCE_RANGE)})"
    for key, label in aijri.EVIDENCE_DIMENSIONS.items():
        scores = [next((e.score for e in r.evidence.all() if e.dimension == key), 0) for r in roles]
        rows.append(row(label, [signed(score) for score in scores], evidence_group))
    return rows


def safer_moves(role: Assessment) -> list[Assessment]:
    """Roles to add next to one role: its stored safer moves."""
    return [move.target for move in moves_for(role)][:MOVES_OFFERED]


def chosen_roles(request, light: bool = False) -> tuple[list[Assessment], list[str]]:
    """The published roles asked for in `roles` (comma-separated or repeated), with notes on what was left
    out; `light`: the roles' own rows only (enough for their keys and titles)."""
    raw = ",".join(request.GET.getlist("roles"))[:2000]
    asked = list(dict.fromkeys(s.strip().lower() for s in raw.split(",") if s.strip()))
    slugs = [slug for slug in asked if SLUG.fullmatch(slug)]
    notes = []
    if len(slugs) > MAX_COMPARED:
        notes.append(f"Up to {MAX_COMPARED} roles can be compared; the first {MAX_COMPARED} are shown.")
        slugs = slugs[:MAX_COMPARED]
    rows = Assessment.objects.published().filter(slug__in=slugs)
    if not light:
        rows = rows.select_related("career").prefetch_related(
            "tasks", "evidence", "barriers", "career__pay_bands", "career__routes"
        )
    found = {r.slug: r for r in rows}
    roles = [found[slug] for slug in slugs if slug in found]
    if len(roles) < min(len(asked), MAX_COMPARED):
        notes.append("Some of the roles asked for are not on the site and were left out.")
    return roles, notes


def compare(request):
    q = request.GET.get("q", "").strip()[:100].replace("\x00", "")
    if fragments.for_visitor(request) and not q:
        return kept_compare(request)
    context = compare_context(request, q)
    response = render(request, "scoring/compare.html", context)
    tag(response, compare_keys(context["roles"], [move.pk for move in context["moves"]]))
    if q:
        tag(response, {"roles"})  # the roles a search offers to add
    return response


def kept_compare(request):
    """A comparison kept by its roles' keys (editorial.fragments): one small query finds the roles."""
    roles, notes = chosen_roles(request, light=True)
    moves = SaferMove.objects.filter(role=roles[0], target__status="published") if len(roles) == 1 else None
    keys = compare_keys(roles, moves.values_list("target_id", flat=True) if moves is not None else [])
    name = f"compare {','.join(role.slug for role in roles)} {notes}"

    def content():
        return render_to_string("scoring/compare.html#content", compare_context(request, ""), request)

    response = render(
        request, "scoring/compare.html", {"roles": roles, "kept_content": fragments.kept(name, keys, content)}
    )
    tag(response, keys)
    return response


def compare_keys(roles, move_ids) -> set[str]:
    move_ids = list(move_ids)
    return {key for role in roles for key in role_page_keys(role, move_ids)}


def compare_context(request, q: str) -> dict:
    roles, notes = chosen_roles(request)
    chosen = {role.slug for role in roles}
    candidates = []
    if q and len(roles) < MAX_COMPARED:
        found = SearchResults(query.read(q), (), "relevance", 10)[0:10]
        candidates = [role for role in found if role.slug not in chosen]
    moves = [move for move in safer_moves(roles[0]) if move.slug not in chosen] if len(roles) == 1 else []
    context = {
        "roles": roles,
        "cards": [card(role) for role in roles],
        "rows": analysis_rows(roles) if len(roles) >= 2 else [],
        "moves": moves,
        "notes": notes,
        "q": q,
        "candidates": candidates,
        "chosen": ",".join(r.slug for r in roles),
        "can_add": len(roles) < MAX_COMPARED,
    }
    return context
