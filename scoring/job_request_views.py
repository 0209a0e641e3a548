"""The "My job isn't listed" request: the form (GET) and storing a request (POST).

CSRF and the page cache: anonymous GETs of public pages are served from a shared whole-page cache,
so a page from that cache must never carry a CSRF token (every visitor would get the first one's).
The browse page therefore shows only an invitation with no token (a link to GET /roles/request/?title=…;
with HTMX it loads the form in place), and the form itself — the only thing with a token — comes from
these views, which are never_cache: Cache-Control: no-store/private for browsers and proxies, which the
site's page cache honours too (it also skips any response that sets a cookie, as a CSRF form does).
The POST keeps Django's normal CSRF check; no view here is csrf_exempt.
"""

from dataclasses import dataclass
from math import ceil
from urllib.parse import urlencode, urlsplit

from django.core import signing
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from careers.models import Occupation
from editorial.http import allow_methods
from scoring.job_request_forms import JobRequestForm, clean_initial_title, clean_source
from scoring.job_requests import JobRequest, normalise_title
from scoring.rate_limit import VISITOR_REQUESTS, count_and_check, first_time

PAGE = "scoring/job_request.html"
BLOCK = "scoring/includes/job_request_form.html"
# One visitor asking for the same job again within this time is noted but not counted again.
REPEAT_SECONDS = 24 * 60 * 60
THANKS_SALT = "scoring.job-request-thanks"
THANKS_MAX_AGE = 60 * 60


@dataclass(frozen=True)
class Recorded:
    row: JobRequest | None  # None when the visitor is over the limit
    retry_after: int = 0  # seconds until this visitor may ask again


def unit_group_from_source(source: str) -> Occupation | None:
    """ "occupation:4131" -> that unit group (None for any other source or an unknown code)."""
    kind, _, code = source.partition(":")
    if kind != "occupation" or not (code.isdigit() and len(code) == 4):
        return None
    return Occupation.objects.units().filter(code=code).first()


def record_request(request, title: str, description: str = "", source: str = "", occupation=None) -> Recorded:
    """Record one visitor's request for a job, as every "ask us to assess this" on the site does.

    Shares one allowance per address (rate_limit.VISITOR_REQUESTS), counts one visitor asking for
    the same title again within REPEAT_SECONDS only once, and links the unit group given (or named
    by a source such as "occupation:4131"). Callers validate the title and description first
    (JobRequestForm) and answer 429 with Retry-After when `retry_after` is set.
    """
    wait = count_and_check(request, VISITOR_REQUESTS)
    if wait:
        return Recorded(None, wait)
    counted = first_time(request, VISITOR_REQUESTS, f"job:{normalise_title(title)}", REPEAT_SECONDS)
    occupation = occupation or unit_group_from_source(source)
    return Recorded(JobRequest.record(title, description, source, counted=counted, occupation=occupation))


def fragment_request(request) -> bool:
    """An HTMX swap wants only the block; a history restore after Back needs the whole page."""
    return bool(request.htmx) and not request.htmx.history_restore_request


def focus_field(form: JobRequestForm, fragment: bool) -> str:
    """The field to focus: the first with an error, or the title when HTMX has just brought the form."""
    for name in ("title", "description"):
        if name in form.errors:
            return name
    return "title" if fragment and not form.is_bound else ""


def on_request_pages(request) -> bool:
    """Whether an HTMX request comes from our own pages, where the block's heading is the page's h1."""
    path = urlsplit(request.htmx.current_url or "").path
    return path.startswith(reverse("scoring:request_job"))


def render_block(request, context: dict, status: int = 200):
    fragment = fragment_request(request)
    form = context.get("job_request_form")
    if form is not None:
        context["focus"] = focus_field(form, fragment)
    context.update(fragment=fragment, standalone=not fragment or on_request_pages(request))
    return render(request, BLOCK if fragment else PAGE, context, status=status)


@never_cache
@vary_on_headers("HX-Request", "HX-History-Restore-Request")
@allow_methods("GET", "HEAD", "POST")
def request_job(request):
    if request.method != "POST":
        initial = {
            "title": clean_initial_title(request.GET.get("title", "")),
            "source": clean_source(request.GET.get("source", "")),
        }
        return render_block(request, {"job_request_form": JobRequestForm(initial=initial)})

    form = JobRequestForm(request.POST)
    if not form.is_valid():
        return render_block(request, {"job_request_form": form})
    title = form.cleaned_data["title"]
    recorded = record_request(request, title, form.cleaned_data["description"], form.cleaned_data["source"])
    if recorded.row is None:
        wait = recorded.retry_after
        response = render_block(request, {"job_request_form": form, "retry_minutes": ceil(wait / 60)}, status=429)
        response["Retry-After"] = str(wait)
        return response
    noted = {"title": title, "count": recorded.row.count}
    if fragment_request(request):
        return render_block(request, {"noted": noted})
    # Post/redirect/get: reloading the thank-you page sends nothing again. The signed note lets it
    # show the title and count without a session, and nobody can make it say something else.
    token = signing.dumps(noted, salt=THANKS_SALT)
    response = redirect(f"{reverse('scoring:request_job_thanks')}?{urlencode({'noted': token})}")
    response.status_code = 303
    return response


def read_noted(token: str) -> dict | None:
    try:
        noted = signing.loads(token, salt=THANKS_SALT, max_age=THANKS_MAX_AGE)
    except signing.BadSignature:
        return None
    if isinstance(noted, dict) and isinstance(noted.get("title"), str) and isinstance(noted.get("count"), int):
        return noted
    return None


@never_cache
@require_safe
def request_job_thanks(request):
    noted = read_noted(request.GET.get("noted", "")[:1000])
    return render(request, PAGE, {"noted": noted or {"title": "", "count": 0}, "thanks": True})
