from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string

from careers.models import Career
from careers.structured_data import occupation
from editorial import fragments
from editorial.models import published_related
from editorial.surrogate_keys import item_key, tag

BAR_ROW = 20  # height of one pay band's row in the range chart, in SVG units


def published_assessments():
    """The career's published roles, through the reverse relation; the role app renders them."""
    return published_related(Career, "assessments", to_attr="roles")


def pay_bars(bands, top) -> list[dict]:
    """Each band's bar as percentages of the highest pay; no chart when nothing is above £0 (the
    table still lists the bands), as there is no scale to draw on."""
    if not top or top <= 0:
        return []
    return [
        {
            "x": round(max(band.minimum, 0) / top * 100, 2),
            "width": round(max(band.spread, top / 200) / top * 100, 2),
            "y": index * BAR_ROW + 3,
        }
        for index, band in enumerate(bands)
    ]


def career_list(request):
    careers = Career.objects.published().prefetch_related(published_assessments())
    return render(request, "careers/list.html", {"careers": careers})


def detail(request, slug):
    if fragments.for_visitor(request):
        return kept_detail(request, slug)
    queryset = Career.objects.select_related("occupation").prefetch_related(
        "routes", "pay_bands", published_assessments()
    )
    career = get_object_or_404(queryset.visible_to(request.user), slug=slug)
    response = render(request, "careers/detail.html", detail_context(request, career))
    tag(response, career_page_keys(career, [role.pk for role in career.roles]))
    return response


def kept_detail(request, slug):
    """A published career page with its article kept by the keys of what it shows (editorial.fragments)."""
    career = get_object_or_404(Career.objects.published().select_related("occupation"), slug=slug)
    roles = career.assessments.published().values_list("pk", flat=True)
    keys = career_page_keys(career, roles)
    bands = list(career.pay_bands.all())

    def article():
        full = Career.objects.prefetch_related("routes", "pay_bands", published_assessments()).get(pk=career.pk)
        return render_to_string("careers/detail.html#content", detail_context(request, full), request)

    context = {"career": career, "career_jsonld": career_jsonld(request, career, bands)}
    context["kept_content"] = fragments.kept(f"career {career.pk}", keys, article)
    response = render(request, "careers/detail.html", context)
    tag(response, keys)
    return response


def career_page_keys(career, role_ids) -> set[str]:
    # The career, its unit group and the roles it lists: a new role joining it retires this career's key.
    return {f"career-{career.pk}", item_key("occupation", career.occupation_id)} | {f"role-{pk}" for pk in role_ids}


def career_jsonld(request, career, bands) -> dict:
    jsonld = occupation(request, career, career.title, career.summary, qualifications=career.qualifications)
    if bands:
        jsonld["estimatedSalary"] = [
            {
                "@type": "MonetaryAmountDistribution",
                "name": f"{band.label}: {band.who_for}",
                "currency": "GBP",
                "duration": "P1Y",
                "minValue": band.minimum,
                "maxValue": band.maximum,
            }
            for band in bands
        ]
    return jsonld


def detail_context(request, career) -> dict:
    bands = list(career.pay_bands.all())
    top = max((band.maximum for band in bands), default=0)
    return {
        "career": career,
        "bands": bands,
        "bars": pay_bars(bands, top),
        "chart_height": len(bands) * BAR_ROW,
        "top": top,
        "career_jsonld": career_jsonld(request, career, bands),
    }


def careers_json(request):
    careers = Career.objects.published().prefetch_related("routes", "pay_bands")
    rows = [
        {
            "slug": career.slug,
            "title": career.title,
            "summary": career.summary,
            "url": request.build_absolute_uri(career.get_absolute_url()),
            "ai_risk": career.ai_risk,
            "entry_difficulty": career.entry_difficulty,
            "training_time": career.training_time,
            "qualifications": career.qualifications,
            "career_change": career.career_change,
            "routes": [{"kind": route.kind, "heading": route.heading} for route in career.routes.all()],
            "pay_bands": [
                {"label": band.label, "who_for": band.who_for, "min": band.minimum, "max": band.maximum}
                for band in career.pay_bands.all()
            ],
            "updated": career.updated.isoformat(timespec="seconds"),
        }
        for career in careers
    ]
    return JsonResponse({"count": len(rows), "careers": rows}, json_dumps_params={"ensure_ascii": False})
