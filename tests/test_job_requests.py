"""The "My job isn't listed" request: stored and counted per normalised title, CSRF-protected, rate-limited per
address, never cached for another visitor, and listed for staff most requested first."""

import re

import pytest
from django.contrib.auth.models import Group
from django.http import HttpResponse
from django.template import engines
from django.test import Client, RequestFactory
from django.urls import reverse
from django.views.decorators.cache import never_cache

from jobzone_site.caching import PublicPageCacheMiddleware
from scoring import rate_limit
from scoring.job_requests import JobRequest, JobRequestNote, normalise_title
from tests.factories import logged_in, make_staff

pytestmark = pytest.mark.django_db

URL = "/roles/request/"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
HTMX = {"HTTP_HX_REQUEST": "true"}


def ask(client, title, description="", source="search", address="10.0.0.1", **headers):
    data = {"title": title, "description": description, "source": source}
    return client.post(URL, data, REMOTE_ADDR=address, **headers)


def csrf_token(response) -> str:
    return TOKEN.search(response.content.decode()).group(1)


# --- the store ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed, key",
    [
        ("Data  Scientist!", "data scientist"),
        ("  data scientist ", "data scientist"),
        ("DATA-SCIENTIST", "data scientist"),
        ("Children’s nurse", "childrens nurse"),
        ("Café manager", "cafe manager"),
        ("C++ developer", "c++ developer"),
        ("C# developer", "c# developer"),
        ("Straße cleaner", "strasse cleaner"),
    ],
)
def test_titles_are_normalised(typed, key):
    assert normalise_title(typed) == key


def test_two_spellings_of_one_job_count_once_with_the_first_wording(client):
    assert ask(client, "Data  Scientist!", address="10.0.0.1").status_code == 303
    assert ask(client, "data scientist", address="10.0.0.2").status_code == 303
    row = JobRequest.objects.get()
    assert (row.normalised_title, row.title, row.source) == ("data scientist", "Data Scientist!", "search")
    assert row.count == 2
    assert row.last_requested >= row.first_requested


def test_the_same_visitor_asking_again_is_noted_but_not_counted_again(client):
    ask(client, "Wind turbine technician", "I climb turbines.")
    ask(client, "wind turbine technician", "I also fix gearboxes.")
    row = JobRequest.objects.get()
    assert row.count == 1
    assert sorted(row.notes.values_list("description", flat=True)) == ["I also fix gearboxes.", "I climb turbines."]


def test_what_they_do_is_kept_with_its_source_and_optional(client):
    ask(client, "Dental nurse", "Chairside support\r\nand sterilising instruments.", source="occupation:4131")
    ask(client, "Tree surgeon", address="10.0.0.2", source="")
    note = JobRequestNote.objects.get()
    assert note.job_request.title == "Dental nurse"
    assert note.description == "Chairside support\nand sterilising instruments."
    assert note.source == "occupation:4131" and note.job_request.source == "occupation:4131"
    assert JobRequest.objects.get(title="Tree surgeon").notes.count() == 0


def test_an_odd_source_is_dropped_not_refused(client):
    assert ask(client, "Tree surgeon", source="<script>").status_code == 303
    assert JobRequest.objects.get().source == ""


def test_record_counts_with_an_update_not_a_read_and_write():
    JobRequest.record("Baker", source="search")
    row = JobRequest.record("baker!", "Bread at 4am.", source="occupation:5432")
    assert (row.count, row.title, row.source) == (2, "Baker", "search")
    assert JobRequest.record("BAKER", counted=False).count == 2


# --- the form and its answers ---------------------------------------------------------------------


def test_get_shows_the_form_prefilled_with_a_csrf_token(client):
    response = client.get(URL, {"title": "Data scientist ", "source": "search"})
    page = response.content.decode()
    assert response.status_code == 200 and "<html" in page
    assert "My job isn't listed</h1>" in page and 'name="robots" content="noindex"' in page
    assert 'value="Data scientist"' in page and 'name="source" value="search"' in page
    assert 'for="job-request-title"' in page and 'for="job-request-description"' in page
    assert 'aria-describedby="job-request-title-help"' in page
    assert csrf_token(response)


def test_a_normal_post_redirects_to_a_thank_you_page(client):
    response = ask(client, "Data scientist")
    assert response.status_code == 303
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert "Thanks — we've noted ‘Data scientist’. 1 person has asked for this job." in thanks.content.decode()
    again = client.get(ask(client, "DATA SCIENTIST", address="10.0.0.2")["Location"])
    assert "Thanks — we've noted ‘DATA SCIENTIST’. 2 people have asked for this job." in again.content.decode()


def test_the_thank_you_page_says_only_what_was_signed(client):
    page = client.get(reverse("scoring:request_job_thanks"), {"noted": "eyJ0aXRsZSI6IkZyZWUgbW9uZXkifQ:x:y"})
    assert page.status_code == 200
    assert "we've noted your request" in page.content.decode() and "Free money" not in page.content.decode()


def test_htmx_post_returns_the_thanks_fragment(client):
    response = ask(client, "Data  Scientist!", **HTMX)
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert html.lstrip().startswith('<section class="job-request"') and 'hx-swap="outerHTML"' in html
    assert "Thanks — we've noted ‘Data Scientist!’. 1 person has asked for this job." in html
    assert JobRequest.objects.count() == 1


def test_htmx_get_returns_the_form_fragment_focused(client):
    response = client.get(URL, {"title": "Baker"}, **HTMX)
    html = response.content.decode()
    assert "<html" not in html and csrf_token(response)
    assert 'hx-post="/roles/request/"' in html and re.search(r'id="job-request-title"[^>]* autofocus', html)


def test_htmx_keeps_the_page_heading_on_the_request_page_itself(client):
    from_browse = ask(client, "Baker", HTTP_HX_CURRENT_URL="http://testserver/roles/?q=baker", **HTMX)
    from_own_page = ask(client, "Baker", HTTP_HX_CURRENT_URL="http://testserver/roles/request/?title=b", **HTMX)
    assert "My job isn't listed</h2>" in from_browse.content.decode()
    assert "My job isn't listed</h1>" in from_own_page.content.decode()


@pytest.mark.parametrize(
    "title, description, message",
    [
        ("", "", "Enter the job title you would like us to assess."),
        ("   ", "", "Enter the job title you would like us to assess."),
        ("a", "", "Enter at least 2 characters of the job title."),
        ("x" * 101, "", "Keep the job title to 100 characters or fewer (it has 101)."),
        ("Nurse\x00", "", "hidden character"),
        ("Nurse\u202e", "", "hidden or control character"),
        ("Nurse\x07", "", "hidden or control character"),
        ("1234", "", "at least one letter"),
        ("!!! -- ??", "", "at least one letter"),
        ("Nurse", "y" * 501, "Keep this to 500 characters or fewer (it has 501)."),
        ("Nurse", "bad\x00text", "hidden character"),
    ],
)
@pytest.mark.parametrize("htmx", [False, True])
def test_bad_input_is_explained_and_nothing_is_stored(client, title, description, message, htmx):
    response = ask(client, title, description, **(HTMX if htmx else {}))
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html and 'aria-invalid="true"' in html
    field = "description" if description else "title"
    assert f'aria-describedby="job-request-{field}-help job-request-{field}-error"' in html
    assert f'id="job-request-{field}-error"' in html and re.search(rf'id="job-request-{field}"[^>]* autofocus', html)
    assert ("<html" in html) is not htmx
    assert JobRequest.objects.count() == 0 and JobRequestNote.objects.count() == 0


@pytest.mark.parametrize("title", ["%00", "<script>alert(1)</script>", "😀" * 200, "a" * 5000])
def test_odd_prefills_never_break_the_page(client, title):
    response = client.get(URL, {"title": title, "source": title})
    assert response.status_code == 200
    assert "<script>alert" not in response.content.decode()


def test_a_nul_byte_in_a_prefill_link_is_refused_site_wide(client):
    response = client.get(URL, {"title": "Nurse\x00"})
    assert response.status_code == 400 and "control character" in response.content.decode()


def test_only_get_head_and_post(client):
    assert client.head(URL).status_code == 200
    assert client.put(URL).status_code == 405
    assert client.post(reverse("scoring:request_job_thanks")).status_code == 405


# --- CSRF, rate limit, caching ------------------------------------------------------------------


def test_a_post_without_the_csrf_token_is_refused_and_stores_nothing():
    client = Client(enforce_csrf_checks=True)
    assert ask(client, "Data scientist").status_code == 403
    assert ask(client, "Data scientist", **HTMX).status_code == 403
    assert JobRequest.objects.count() == 0
    token = csrf_token(client.get(URL))
    response = client.post(URL, {"title": "Data scientist", "csrfmiddlewaretoken": token}, REMOTE_ADDR="10.0.0.1")
    assert response.status_code == 303 and JobRequest.objects.get().count == 1


def test_a_flood_from_one_address_is_refused_while_another_address_still_works(client):
    for n in range(5):
        assert ask(client, f"Job number {chr(97 + n)}", address="10.0.0.1").status_code == 303
    refused = ask(client, "One job too many", address="10.0.0.1")
    assert refused.status_code == 429 and 0 < int(refused["Retry-After"]) <= 600
    assert "so this one was not saved" in refused.content.decode() and "<html" in refused.content.decode()
    limited_fragment = ask(client, "Another job too many", address="10.0.0.1", **HTMX)
    assert limited_fragment.status_code == 429 and "<html" not in limited_fragment.content.decode()
    assert JobRequest.objects.count() == 5
    assert ask(client, "One job too many", address="10.0.0.2").status_code == 303
    assert JobRequest.objects.count() == 6


def test_bad_input_does_not_use_up_the_allowance(client):
    for _ in range(8):
        ask(client, "1")
    assert ask(client, "Beekeeper").status_code == 303


def test_fifty_a_day_even_when_spread_out(monkeypatch):
    clock = [1_000_000 * 86400.0]  # the start of a day
    monkeypatch.setattr(rate_limit.time, "time", lambda: clock[0])
    request = RequestFactory().post(URL, REMOTE_ADDR="10.0.0.1")
    allowed = 0
    for n in range(60):
        clock[0] += 11 * 60 if n % 5 == 0 else 1  # a new 10-minute window every 5 requests
        allowed += rate_limit.count_and_check(request, "test") == 0
    assert allowed == 50


def test_client_address(settings):
    factory = RequestFactory()
    spoofed = factory.get("/", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7")
    assert rate_limit.client_address(spoofed) == "10.0.0.9"  # no proxy is trusted by default
    settings.TRUSTED_PROXY_COUNT = 1
    assert rate_limit.client_address(spoofed) == "203.0.113.7"  # what our proxy saw, not what the client wrote
    assert rate_limit.client_address(factory.get("/", REMOTE_ADDR="10.0.0.9")) == "10.0.0.9"
    settings.TRUSTED_PROXY_COUNT = 0
    assert rate_limit.client_address(factory.get("/", REMOTE_ADDR="2001:db8:1:2:3:4:5:6")) == "2001:db8:1:2::/64"
    assert rate_limit.client_address(factory.get("/", REMOTE_ADDR="::ffff:192.0.2.1")) == "192.0.2.1"
    assert rate_limit.client_address(factory.get("/", REMOTE_ADDR="")) == "unknown"


def test_answers_are_never_cacheable(client):
    get, post = client.get(URL), ask(client, "Data scientist")
    htmx_post = ask(client, "Baker", **HTMX)
    thanks = client.get(post["Location"])
    for response in (get, post, htmx_post, thanks, ask(client, "1")):
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert "HX-Request" in get["Vary"]


def test_the_form_page_is_never_served_from_the_page_cache_to_another_visitor(settings):
    settings.PAGE_CACHE_SECONDS = 600
    first = Client()
    first.get(URL)  # now holds a CSRF cookie, so the next answer need not set one
    first_token = csrf_token(first.get(URL, {"title": "Baker"}))
    second = Client()
    second_answer = second.get(URL, {"title": "Baker"})
    assert csrf_token(second_answer) != first_token
    assert second_answer.cookies["csrftoken"].value not in (first.cookies["csrftoken"].value, "")
    # The second visitor's token works with their own cookie, and is worth nothing without it.
    data = {"title": "Baker", "csrfmiddlewaretoken": csrf_token(second_answer)}
    stranger = Client(enforce_csrf_checks=True)
    assert stranger.post(URL, data).status_code == 403
    stranger.cookies = second.cookies
    assert stranger.post(URL, data).status_code == 303


def test_the_page_cache_never_shares_a_private_answer(settings, rf):
    settings.PAGE_CACHE_SECONDS = 600
    calls = []

    @never_cache
    def view(request):
        calls.append(request)
        return HttpResponse(f"for visitor {len(calls)}")

    middleware = PublicPageCacheMiddleware(view)
    assert middleware(rf.get("/roles/request/thanks/")).content == b"for visitor 1"
    assert middleware(rf.get("/roles/request/thanks/")).content == b"for visitor 2"


def test_the_browse_page_block_holds_no_csrf_token(rf):
    """The include as the browse page uses it: an invitation only, safe in the anonymous page cache."""
    template = engines["django"].from_string(
        '{% include "scoring/includes/job_request_form.html" with initial_title=q only %}'
    )
    html = template.render({"q": "Data & AI scientist"}, request=rf.get("/roles/"))
    assert "csrfmiddlewaretoken" not in html and "<form" not in html
    link = "/roles/request/?title=Data%20%26%20AI%20scientist&amp;source=search"
    assert f'href="{link}"' in html and f'hx-get="{link}"' in html
    assert "My job isn't listed</h2>" in html and "Ask us to assess ‘Data &amp; AI scientist’" in html
    assert 'hx-target="this" hx-swap="outerHTML"' in html and " style=" not in html and "<script" not in html


# --- the admin ----------------------------------------------------------------------------------


@pytest.fixture
def requests_made():
    for title, times in [("Baker", 1), ("Data scientist", 3), ("Tree surgeon", 2)]:
        for _ in range(times):
            JobRequest.record(title)
    JobRequest.record("Tree surgeon", "I climb and cut trees.", "search", counted=False)


def test_the_admin_lists_most_requested_first_and_an_editor_can_view_it(client, requests_made):
    editor = logged_in(client, make_staff("ed", "Editors"))
    listing = editor.get(reverse("admin:scoring_jobrequest_changelist"))
    assert listing.status_code == 200
    assert [row.title for row in listing.context["cl"].result_list] == ["Data scientist", "Tree surgeon", "Baker"]
    found = editor.get(reverse("admin:scoring_jobrequest_changelist"), {"q": "surgeon"})
    assert [row.title for row in found.context["cl"].result_list] == ["Tree surgeon"]
    row = JobRequest.objects.get(title="Tree surgeon")
    detail = editor.get(reverse("admin:scoring_jobrequest_change", args=[row.pk]))
    assert detail.status_code == 200 and "I climb and cut trees." in detail.content.decode()
    assert 'name="count"' not in detail.content.decode()  # read-only
    assert editor.get(reverse("admin:scoring_jobrequest_add")).status_code == 403
    assert editor.post(reverse("admin:scoring_jobrequest_delete", args=[row.pk]), {"post": "yes"}).status_code == 403
    assert JobRequest.objects.filter(pk=row.pk).exists()


def test_a_publisher_may_delete_but_nobody_changes_counts(client, requests_made):
    publisher = logged_in(client, make_staff("pub", "Publishers"))
    row = JobRequest.objects.get(title="Tree surgeon")
    change = reverse("admin:scoring_jobrequest_change", args=[row.pk])
    publisher.post(change, {"title": "Hacked", "count": 999})
    row.refresh_from_db()
    assert (row.title, row.count) == ("Tree surgeon", 2)
    assert publisher.get(reverse("admin:scoring_jobrequest_add")).status_code == 403
    publisher.post(reverse("admin:scoring_jobrequest_delete", args=[row.pk]), {"post": "yes"})
    assert not JobRequest.objects.filter(pk=row.pk).exists() and JobRequestNote.objects.count() == 0


def test_group_rights_for_job_requests():
    def codes(group):
        return set(Group.objects.get(name=group).permissions.values_list("codename", flat=True))

    assert {"view_jobrequest", "view_jobrequestnote"} <= codes("Editors")
    assert not {"add_jobrequest", "change_jobrequest", "delete_jobrequest"} & codes("Editors")
    assert {"view_jobrequest", "delete_jobrequest", "delete_jobrequestnote"} <= codes("Publishers")
    assert not {"add_jobrequest", "change_jobrequest"} & codes("Publishers")
