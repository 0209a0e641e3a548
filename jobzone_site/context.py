from functools import cache

from django.urls import get_script_prefix, reverse

from scoring import aijri

# Pages the layout and lists link to; reversed once per process (a reverse() costs about as much as
# rendering a row, and every page links to all of these).
LINKED = ["home", "scoring:list", "careers:list", "occupations:list", "compare", "methodology", "about"]
LINKED += ["accessibility", "open_data", "suggest", "roles_json", "roles_csv", "careers_json", "report_problem"]
LINKED += ["occupations_json", "occupations_csv"]
# The main navigation's sections, by the page each links to: a page is in the section whose address starts its own.
SECTIONS = [
    ("roles", "scoring_list"),
    ("careers", "careers_list"),
    ("occupations", "occupations_list"),
    ("compare", "compare"),
    ("methodology", "methodology"),
]

THRESHOLDS = {
    "yellow": int(aijri.YELLOW_MIN),
    "green": int(aijri.GREEN_MIN),
    "yellow_width": int(aijri.GREEN_MIN - aijri.YELLOW_MIN),
    "green_width": int(100 - aijri.GREEN_MIN),
}


RULES = {
    "max_score": aijri.MAX_SCORE,
    "index_max": aijri.INDEX_MAX,
    "total_time": aijri.TOTAL_TIME_PCT,
    "evidence_weight": aijri.EVIDENCE_WEIGHT,
    "barrier_weight": aijri.BARRIER_WEIGHT,
    "growth_weight": aijri.GROWTH_WEIGHT,
    "floor": aijri.SCORE_FLOOR,
    "span": aijri.SCORE_SPAN,
    "green_min": aijri.GREEN_MIN,
    "yellow_min": aijri.YELLOW_MIN,
    "protected_min": aijri.PROTECTED_RESISTANCE_MIN,
    "moderate_share": aijri.YELLOW_MODERATE_SHARE,
    "stable_share": aijri.GREEN_STABLE_SHARE,
    "zone_meanings": aijri.ZONE_MEANINGS,
    "task_scale": aijri.scale_label(aijri.TASK_SCORE_RANGE),
    "task_min": aijri.TASK_SCORE_RANGE[0],
    "task_max": aijri.TASK_SCORE_RANGE[1],
    "protective_scale": aijri.scale_label(aijri.PROTECTIVE_RANGE),
    "evidence_scale": aijri.scale_label(aijri.EVIDENCE_RANGE),
    "barrier_scale": aijri.scale_label(aijri.BARRIER_RANGE),
    "growth_scale": aijri.scale_label(aijri.GROWTH_RANGE),
    "protective_max": aijri.PROTECTIVE_MAX,
    "barrier_max": aijri.BARRIER_MAX,
    "resistance_max": aijri.RESISTANCE_MAX,
}


@cache
def _links(script_prefix: str) -> dict[str, str]:
    return {name.replace(":", "_"): reverse(name) for name in LINKED}


def current_section(path: str, links: dict[str, str]) -> str:
    """The main-navigation section a page belongs to ("roles" for /roles/…), or "" for none (home, about)."""
    return next((section for section, link in SECTIONS if path.startswith(links[link])), "")


def site(request):
    links = _links(get_script_prefix())
    return {"thresholds": THRESHOLDS, "rules": RULES, "links": links, "section": current_section(request.path, links)}
