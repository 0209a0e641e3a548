from types import SimpleNamespace

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import FileResponse, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control
from django.views.decorators.vary import vary_on_headers

from careers.structured_data import occupation
from editorial import fragments, surrogate_keys
from editorial.content_version import content_version
from editorial.surrogate_keys import item_key, tag
from scoring import aijri, moves
from scoring.forms import SORTS, RoleFilterForm
from scoring.models import Assessment, NotThisRole, SaferMove
from scoring.my_version import RESULT_TEMPLATE, my_version
from scoring.open_data import (
    FIELDS,
    RoleAddress,
    csv_download,
    in_chunks,
    jsonl_file,
    published_roles,
    role_row,
    row_values,
    with_moves,
)
from scoring.search import page as page_shell
from scoring.search import query
from scoring.search.index import remembered

PER_PAGE = 20
LIST_FIELDS = ["slug", "job_title", "seniority_level", "score", "zone", "sub_label", "status", "updated"]
LIST_FIELDS += ["career__title", "career__slug"]
JSON_PER_PAGE = 100
ROW_FIELDS = ("id", "slug", "job_title", "score", "zone", "sub_label", "seniority_level", "status")
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
        "careers": query.find_few(found, "career", limit=3) if found and page.number == 1 else [],
        "occupations": occupations_found(found) if found and page.number == 1 else [],
    }
    # The nearest titles only when neither roles nor occupations answer the search.
    few = found and total < FEW_RESULTS and not context["occupations"]
    context["nearest"] = query.did_you_mean(filters["q"]) if few else []
    partial = partial_request(request)
    if found and (html := page_shell.search_page(request, context, partial)) is not None:
        return HttpResponse(html)  # written in Python, in the kept page around it (scoring/search/page.py)
    return render(request, "scoring/list.html#results" if partial else "scoring/list.html", context)


def occupations_found(found, limit=3) -> list[dict]:
    """The SOC unit groups a search finds, each with its best published roles: an official job title
    leads to the assessed role first, and to the occupation page where nothing is assessed yet."""
    groups = query.find_few(found, "occupation", limit)
    if not groups:
        return []
    roles = remembered("roles by occupation", best_roles_by_occupation)
    return [{"code": group.slug, "title": group.title, "roles": roles.get(group.slug, [])} for group in groups]


def best_roles_by_occupation(per_group=3) -> dict[str, list[SimpleNamespace]]:
    """Each unit group's highest-scoring published roles, read once per content version in each
    process: searches that find occupations then need no query for them."""
    fields = ("occupation_id", "slug", "job_title", "zone", "sub_label", "score")
    rows = Assessment.objects.published().filter(occupation__isnull=False).order_by("occupation_id", "-score", "id")
    best: dict[str, list[SimpleNamespace]] = {}
    for row in rows.values(*fields).iterator(chunk_size=2000):
        kept = best.setdefault(row["occupation_id"], [])
        if len(kept) < per_group:
            kept.append(SimpleNamespace(**row))
    return best


def suggest(request):
    """Suggestions as the visitor types: the best few roles, careers and occupations for the words so far."""
    text = " ".join(request.GET.get("q", "").split())[:100].replace("\x00", "")
    entries = query.suggestions(text, SUGGESTIONS) if len(text) >= 2 else []
    return HttpResponse(page_shell.suggestion_list(entries))  # a few list items, written in Python


WORK_GROUPS = [
    (aijri.DISPLACEMENT, "Work AI is taking over"),
    (aijri.AUGMENTATION, "Work AI helps with"),
    (aijri.NOT_INVOLVED, "Work that stays human"),
]


def work_groups(role: Assessment, tasks) -> list[dict]:
    """The tasks by what AI does to them, most time first, with the stored share of time for each kind."""
    shares = {
        aijri.DISPLACEMENT: role.displacement_pct,
        aijri.AUGMENTATION: role.augmentation_pct,
        aijri.NOT_INVOLVED: role.not_involved_pct,
    }
    return [
        {
            "kind": kind,
            "heading": heading,
            "share": shares[kind],
            "tasks": sorted((task for task in tasks if task.aug_disp == kind), key=lambda task: -task.time_pct),
        }
        for kind, heading in WORK_GROUPS
    ]


def role_queryset():
    return Assessment.objects.select_related("career", "occupation").prefetch_related(
        "tasks",
        "evidence",
        "barriers",
        "snapshots",
        Prefetch("not_roles", queryset=NotThisRole.objects.select_related("linked")),
    )


@vary_on_headers("HX-Request", "HX-History-Restore-Request")
def detail(request, slug):
    if fragments.for_visitor(request) and "mine" not in request.GET and not partial_request(request):
        return kept_detail(request, slug)
    role = get_object_or_404(role_queryset().visible_to(request.user), slug=slug)
    context = detail_context(request, role)
    response = render(request, RESULT_TEMPLATE if partial_request(request) else "scoring/detail.html", context)
    if context["mine"].asked:  # one visitor's own figures: kept by no cache
        patch_cache_control(response, private=True, no_store=True)
    shown = [item["target"] for item in context["safer"]["moves"]] + [row.linked for row in context["not_roles"]]
    tag(response, role_page_keys(role, [other.pk for other in shown if other is not None]))
    return response


def kept_detail(request, slug):
    """A published role page with its article kept by the keys of what it shows (editorial.fragments):
    three small queries find the role and the keys, and only a change to one of them makes it again."""
    role = get_object_or_404(Assessment.objects.published().select_related("career", "occupation"), slug=slug)
    moves_to = SaferMove.objects.filter(role=role, target__status="published").values_list("target_id", flat=True)
    linked = role.not_roles.filter(linked__isnull=False).values_list("linked_id", flat=True)
    keys = role_page_keys(role, [*moves_to, *linked])

    def article():
        full = get_object_or_404(role_queryset(), pk=role.pk)
        return render_to_string("scoring/detail.html#content", detail_context(request, full), request)

    context = {
        "role": role,
        "role_jsonld": role_jsonld(request, role),
        "kept_content": fragments.kept(f"role {role.pk}", keys, article),
    }
    response = render(request, "scoring/detail.html", context)
    tag(response, keys)
    return response


def role_jsonld(request, role) -> dict:
    return occupation(
        request, role, role.job_title, role.primary_function, experienceRequirements=role.typical_experience
    )


def detail_context(request, role) -> dict:
    tasks, evidence, barriers = list(role.tasks.all()), list(role.evidence.all()), list(role.barriers.all())
    return {
        "role": role,
        "tasks": tasks,
        "evidence": evidence,
        "barriers": barriers,
        "result": role.result,
        "mine": my_version(role, tasks, request.GET),
        "not_roles": list(role.not_roles.all()),
        "safer": moves.describe(role),
        "work": work_groups(role, tasks),
        "role_jsonld": role_jsonld(request, role),
    }


def role_page_keys(role, others=()) -> set[str]:
    """A role page's keys: the role, its career and unit group, and the other roles it shows by id (a
    move's score, a linked role's title); not "roles", so publishing another role leaves it cached."""
    keys = {f"role-{role.pk}", item_key("career", role.career_id), item_key("occupation", role.occupation_id)}
    return keys | {f"role-{other}" for other in others if other}


def roles_json(request):
    """Published roles, a page at a time so the response stays small at any size; /roles.csv has them all."""
    paginator = Paginator(row_values(published_roles()), JSON_PER_PAGE)
    paginator.count = sum(published_zone_counts().values())  # kept per content version: no COUNT(*) a request
    page = paginator.get_page(request.GET.get("page"))
    address = RoleAddress(request)

    def link(number):
        return request.build_absolute_uri(f"{request.path}?page={number}")

    body = {
        "count": paginator.count,
        "page": page.number,
        "pages": paginator.num_pages,
        "next": link(page.next_page_number()) if page.has_next() else None,
        "previous": link(page.previous_page_number()) if page.has_previous() else None,
        "roles": [role_row(role, address) for role in with_moves(page.object_list)],
    }
    response = JsonResponse(body, json_dumps_params={"ensure_ascii": False})
    # The same pages as links (RFC 8288), for clients that follow them without reading the body.
    pages = {"first": 1, "prev": page.number - 1, "next": page.number + 1, "last": paginator.num_pages}
    shown = [f'<{link(number)}>; rel="{rel}"' for rel, number in pages.items() if 1 <= number <= paginator.num_pages]
    response["Link"] = ", ".join(shown)
    return response


def roles_jsonl(request):
    """Every published role, one JSON object a line: written once per content change, served as a file."""
    stamps = surrogate_keys.versions().current(sorted(surrogate_keys.UNTAGGED))
    version = max(stamps.values())
    response = FileResponse(open(jsonl_file(request, version), "rb"), content_type="application/jsonl; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="jobzone-roles.jsonl"'
    response["ETag"] = f'"roles-{version}"'
    return response


def roles_csv(request):
    address = RoleAddress(request)
    return csv_download("jobzone-roles.csv", FIELDS, (role_row(role, address) for role in in_chunks(published_roles())))
