import csv
import re
from decimal import Decimal
from types import SimpleNamespace

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.vary import vary_on_headers

from careers.models import Career
from careers.structured_data import occupation
from editorial.content_version import content_version
from scoring import aijri
from scoring.forms import SORTS, RoleFilterForm
from scoring.models import Assessment, NotThisRole
from scoring.open_data import FIELDS, csv_cells, published_roles, role_row
from scoring.search import query
from scoring.templatetags.aijri_tags import signed

SLUG = re.compile(r"[-a-z0-9_]{1,120}")
PER_PAGE = 20
LIST_FIELDS = ["slug", "job_title", "seniority_level", "score", "zone", "sub_label", "status", "updated"]
LIST_FIELDS += ["career__title", "career__slug"]
MAX_COMPARED = 3
JSON_PER_PAGE = 100
ROW_FIELDS = ("id", "slug", "job_title", "score", "zone", "sub_label", "seniority_level", "status")
CAREER_FIELDS = ("id", "slug", "title", "alternative_titles")
FEW_RESULTS = 3  # fewer matches than this and the page offers the nearest titles
SUGGESTIONS = 8


def partial_request(request) -> bool:
    """An HTMX swap wants only the fragment; a history restore after Back needs the whole page."""
    return bool(request.htmx) and not request.htmx.history_restore_request


class SearchResults:
    """Matching roles for the paginator: it asks for the count, then for one page's slice."""

    def __init__(self, found, zones, order, total):
        self.found, self.zones, self.order, self.total = found, zones, order, total

    def count(self):
        return self.total

    def __len__(self):
        return self.total

    def __getitem__(self, window: slice):
        size = window.stop - window.start
        return query.find(
            self.found, Assessment, "role", self.zones, self.order, size, window.start, ROW_FIELDS, self.total
        )


def zone_counts(queryset) -> dict[str, int]:
    """Roles per zone in one grouped query, so a search scans the table once, not once per zone."""
    counts = dict.fromkeys(aijri.ZONES, 0)
    counts.update(queryset.order_by().values_list("zone").annotate(n=Count("id")))
    return counts


def published_zone_counts() -> dict[str, int]:
    """Counts of every published role per zone, kept per content version (any change makes new ones)."""
    key = f"jobzone:zone-counts:{content_version().current()}"
    counts = cache.get(key)
    if counts is None:
        counts = zone_counts(Assessment.objects.published())
        cache.set(key, counts, settings.PAGE_CACHE_SECONDS or None)
    return counts


@vary_on_headers("HX-Request", "HX-History-Restore-Request")
def role_list(request):
    form = RoleFilterForm(request.GET)
    filters = form.filters()
    found = query.read(filters["q"]) if filters["q"] else None
    counts = dict.fromkeys(aijri.ZONES, 0) | (query.zone_counts(found) if found else published_zone_counts())
    total = sum(counts[zone] for zone in filters["zone"] or aijri.ZONES)
    if found:
        matching = SearchResults(found, filters["zone"], filters["sort"], total)
    else:
        matching = Assessment.objects.published()
        if filters["zone"]:
            matching = matching.filter(zone__in=filters["zone"])
        matching = matching.select_related("career").only(*LIST_FIELDS).order_by(*SORTS[filters["sort"]][1])
    paginator = Paginator(matching, PER_PAGE, allow_empty_first_page=True)
    paginator.count = total  # the zone counts already hold the total; no second count
    if filters["page"] > paginator.num_pages:
        form.notes.append(f"There are only {paginator.num_pages} page(s), so the last one is shown.")
    page = paginator.get_page(filters["page"])
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "form": form,
        "filters": filters,
        "notes": form.notes,
        "page": page,
        "zone_counts": [(zone, aijri.ZONES[zone], counts[zone]) for zone in aijri.ZONES],
        "query": params.urlencode(),
        "filtered": bool(filters["q"] or filters["zone"]),
        "found": found,
        "careers": query.find(found, Career, "career", limit=3, fields=CAREER_FIELDS)
        if found and page.number == 1
        else [],
        "nearest": query.did_you_mean(filters["q"]) if found and total < FEW_RESULTS else [],
    }
    template = "scoring/list.html#results" if partial_request(request) else "scoring/list.html"
    return render(request, template, context)


def suggest(request):
    """Suggestions as the visitor types: the best few roles and careers for the words so far."""
    text = " ".join(request.GET.get("q", "").split())[:100].replace("\x00", "")
    entries = query.suggestions(text, SUGGESTIONS) if len(text) >= 2 else []
    return render(request, "scoring/suggestions.html", {"entries": entries, "text": text})


def role_queryset():
    return Assessment.objects.select_related("career").prefetch_related(
        "tasks",
        "evidence",
        "barriers",
        "snapshots",
        Prefetch("not_roles", queryset=NotThisRole.objects.select_related("linked")),
    )


def my_version(role: Assessment, tasks, query) -> dict | None:
    """The visitor's own task mix scored by the same engine; nothing is stored."""
    if "mine" not in query:
        return None
    rows, problems = [], []
    for task in tasks:
        skipped = query.get(f"skip_{task.pk}") in {"on", "1", "true"}
        raw = query.get(f"time_{task.pk}", str(task.time_pct)).strip()[:20] or "0"
        try:
            time = aijri.read_number(raw, f"“{task.name}”", aijri.TIME_PLACES, (0, aijri.TOTAL_TIME_PCT))
        except aijri.AIJRIError:
            time = Decimal(0)
            if not skipped:
                problems.append(f"“{task.name}”: enter a share of time from 0 to 100, such as 20 or 12.5.")
        rows.append(SimpleNamespace(task=task, time=time, skipped=skipped))
    kept = [row for row in rows if not row.skipped and row.time > 0]
    total = sum((row.time for row in kept), Decimal(0))
    mine = {"rows": rows, "total": total, "problems": problems, "result": None}
    if problems:
        return mine
    if total != aijri.TOTAL_TIME_PCT:
        shown = aijri.format_pct(total)
        mine["problems"] = [f"Your times add up to {shown}%. Change them so they total 100% to see your score."]
        return mine
    # The assessor's adjustment and override judge the standard task mix, so a personal mix drops them.
    task_rows = [(row.time, row.task.score, row.task.aug_disp) for row in kept]
    mine["result"] = aijri.compute(role.engine_inputs(task_rows, judgement=False))
    return mine


@vary_on_headers("HX-Request", "HX-History-Restore-Request")
def detail(request, slug):
    role = get_object_or_404(role_queryset().visible_to(request.user), slug=slug)
    tasks, evidence, barriers = list(role.tasks.all()), list(role.evidence.all()), list(role.barriers.all())
    mine = my_version(role, tasks, request.GET)
    context = {
        "role": role,
        "tasks": tasks,
        "evidence": evidence,
        "barriers": barriers,
        "result": role.result,
        "mine": mine,
        "not_roles": list(role.not_roles.all()),
        "role_jsonld": occupation(
            request, role, role.job_title, role.primary_function, experienceRequirements=role.typical_experience
        ),
    }
    if partial_request(request):
        return render(request, "scoring/detail.html#my-result", context)
    return render(request, "scoring/detail.html", context)


def share(value) -> str:
    return f"{aijri.format_pct(value)}%"


def compare_rows(roles: list[Assessment]) -> list[dict]:
    def row(label, values, group):
        shown = [str(value) for value in values]
        return {"label": label, "values": shown, "differs": len(set(shown)) > 1, "group": group}

    rows = [
        row("AIJRI score", [r.score for r in roles], "Result"),
        row("Zone", [r.get_zone_display() for r in roles], "Result"),
        row("Sub-label", [r.sub_label for r in roles], "Result"),
        row("Formula score", [r.formula_score for r in roles], "Result"),
        row("Task resistance", [r.task_resistance for r in roles], "Calculation"),
        row("Evidence modifier", [r.evidence_modifier for r in roles], "Calculation"),
        row("Barrier modifier", [r.barrier_modifier for r in roles], "Calculation"),
        row("Growth modifier", [r.growth_modifier for r in roles], "Calculation"),
        row("Composite", [r.composite_raw for r in roles], "Calculation"),
        row("Displacement", [f"{aijri.format_pct(r.displacement_pct)}%" for r in roles], "Task split"),
        row("Augmentation", [f"{aijri.format_pct(r.augmentation_pct)}%" for r in roles], "Task split"),
        row("Not involved", [f"{aijri.format_pct(r.not_involved_pct)}%" for r in roles], "Task split"),
        row(
            "Time on resistant tasks (3+)", [f"{aijri.format_pct(r.protected_time_pct)}%" for r in roles], "Task split"
        ),
    ]
    for key, label in aijri.BARRIERS.items():
        rows.append(
            row(
                label,
                [next((b.score for b in r.barriers.all() if b.barrier == key), "–") for r in roles],
                f"Barriers ({aijri.scale_label(aijri.BARRIER_RANGE)})",
            )
        )
    for key, label in aijri.EVIDENCE_DIMENSIONS.items():
        scores = [next((e.score for e in r.evidence.all() if e.dimension == key), 0) for r in roles]
        group = f"Evidence ({aijri.scale_label(aijri.EVIDENCE_RANGE)})"
        rows.append(row(label, [signed(score) for score in scores], group))
    return rows


def compare(request):
    raw = ",".join(request.GET.getlist("roles"))
    asked = list(dict.fromkeys(s.strip().lower() for s in raw.split(",") if s.strip()))
    slugs = [slug for slug in asked if SLUG.fullmatch(slug)]
    notes = []
    if len(slugs) > MAX_COMPARED:
        notes.append(f"Up to {MAX_COMPARED} roles can be compared; the first {MAX_COMPARED} are shown.")
        slugs = slugs[:MAX_COMPARED]
    found = {
        r.slug: r
        for r in Assessment.objects.published().filter(slug__in=slugs).prefetch_related("evidence", "barriers")
    }
    roles = [found[slug] for slug in slugs if slug in found]
    if len(roles) < min(len(asked), MAX_COMPARED):
        notes.append("Some of the roles asked for are not on the site and were left out.")
    q = request.GET.get("q", "").strip()[:100].replace("\x00", "")
    candidates = []
    if q and len(roles) < MAX_COMPARED:
        candidates = [
            role for role in SearchResults(query.read(q), (), "relevance", 10)[0:10] if role.slug not in found
        ]
    context = {
        "roles": roles,
        "rows": compare_rows(roles) if len(roles) >= 2 else [],
        "notes": notes,
        "q": q,
        "candidates": candidates,
        "chosen": ",".join(r.slug for r in roles),
        "can_add": len(roles) < MAX_COMPARED,
    }
    return render(request, "scoring/compare.html", context)


def roles_json(request):
    """Published roles, a page at a time so the response stays small at any size; /roles.csv has them all."""
    paginator = Paginator(published_roles(), JSON_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))

    def link(number):
        return request.build_absolute_uri(f"{request.path}?page={number}")

    body = {
        "count": paginator.count,
        "page": page.number,
        "pages": paginator.num_pages,
        "next": link(page.next_page_number()) if page.has_next() else None,
        "previous": link(page.previous_page_number()) if page.has_previous() else None,
        "roles": [role_row(role, request) for role in page.object_list],
    }
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False})


def roles_csv(request):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="jobzone-roles.csv"'
    writer = csv.DictWriter(response, fieldnames=FIELDS)
    writer.writeheader()
    for role in published_roles():
        writer.writerow(csv_cells(role_row(role, request)))
    return response
