from django.db.models import Prefetch
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render

from careers.models import Career


def detail(request, slug):
    career = get_object_or_404(Career.objects.published(), slug=slug)
    return render(request, "careers/detail.html", {"career": career})


def careers_json(request):
    careers = Career.objects.published().prefetch_related(Prefetch("routes"), Prefetch("pay_bands"))
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
