import sys

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db import connection
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from careers.models import Career, Occupation
from editorial.surrogate_keys import tag
from jobzone_site.middleware import DATABASE_DOWN, unavailable_response
from scoring import aijri
from scoring.models import Assessment
from scoring.views import published_zone_counts, role_page_keys

EXAMPLE_SLUG = "clinical-coder-nhs"


def home(request):
    published = Assessment.objects.published()
    counts = published_zone_counts()
    total = sum(counts.values())
    zones = [
        {
            "zone": zone,
            "label": aijri.ZONES[zone],
            "count": counts[zone],
            "share": round(counts[zone] / total * 100) if total else 0,
        }
        for zone in (aijri.RED, aijri.YELLOW, aijri.GREEN)
    ]
    offset = 0
    for zone in zones:
        zone["x"], offset = offset, offset + zone["share"]
    recent = published.order_by("-updated")[:6]
    return render(request, "home.html", {"zones": zones, "total": total, "recent": recent})


def methodology(request):
    example = (
        Assessment.objects.published().filter(slug=EXAMPLE_SLUG).first()
        or Assessment.objects.published().order_by("job_title").first()
    )
    context = {"example": example, "result": example.result if example else None, "role": example}
    context["sub_labels"] = [
        (aijri.ZONES[zone], label, aijri.SUB_LABEL_MEANINGS[label])
        for zone, labels in aijri.SUB_LABELS.items()
        for label in labels
    ]
    context["evidence_dimensions"] = aijri.EVIDENCE_DIMENSIONS.values()
    context["barrier_names"] = aijri.BARRIERS.values()
    context["principles"] = aijri.PROTECTIVE_PRINCIPLES.values()
    response = render(request, "methodology.html", context)
    if example is not None and example.slug == EXAMPLE_SLUG:
        tag(response, role_page_keys(example))  # else the first role by title, which any change may move
    return response


def fixed_page(template: str):
    """A page of fixed text: only retiring every page retires it."""

    def view(request):
        response = render(request, template)
        tag(response, ())
        return response

    return view


about = fixed_page("about.html")
accessibility = fixed_page("accessibility.html")
open_data = fixed_page("open_data.html")


@require_safe
def robots_txt(request):
    lines = ["User-agent: *", f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}"]
    if settings.ADMIN_PATH == "admin/":  # a moved admin path is not advertised
        lines.insert(1, "Disallow: /admin/")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


class StaticSitemap(Sitemap):
    def items(self):
        pages = ["home", "scoring:list", "careers:list", "occupations:list", "methodology", "about", "accessibility"]
        return [*pages, "open_data"]

    def location(self, item):
        return reverse(item)


class RoleSitemap(Sitemap):
    limit = 5000  # pages of the index stay small and quick however many roles there are

    def items(self):
        return Assessment.objects.published().order_by("slug").only("slug", "updated")

    def lastmod(self, item):
        return item.updated


class CareerSitemap(Sitemap):
    def items(self):
        return Career.objects.published().order_by("slug").only("slug", "updated")

    def lastmod(self, item):
        return item.updated


class OccupationSitemap(Sitemap):
    """Every SOC 2020 group's page: the 412 unit groups and the 139 groups above them."""

    def items(self):
        return Occupation.objects.order_by("code").values_list("code", flat=True)

    def location(self, item):
        return reverse("occupations:detail", args=[item])


SITEMAPS = {"pages": StaticSitemap, "roles": RoleSitemap, "careers": CareerSitemap, "occupations": OccupationSitemap}


@never_cache
def healthz(request):
    """200 when the database answers, 503 when it does not; never cached."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DATABASE_DOWN:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


def server_error(request):
    """A database outage that escaped the middleware is still a 503, never a traceback."""
    if isinstance(sys.exc_info()[1], DATABASE_DOWN):
        return unavailable_response()
    return HttpResponseServerError(render_to_string("500.html"))
