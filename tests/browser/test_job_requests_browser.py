"""The "My job isn't listed" request in Chromium: with HTMX in place, without JavaScript by page loads."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.test import RequestFactory
from playwright.sync_api import expect

from scoring import rate_limit
from scoring.job_requests import JobRequest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def mark_page(page):
    page.evaluate("window.__sameDocument = true")


def same_document(page) -> bool:
    return page.evaluate("window.__sameDocument === true")


def test_with_htmx_the_block_asks_thanks_and_asks_again_in_place(page, live_server):
    page.goto(f"{live_server.url}/roles/request/?title=Wind%20turbine%20technician&source=search")
    mark_page(page)
    page.get_by_label("Job title").fill("123")
    page.get_by_role("button", name="Send request").click()
    expect(page.locator("#job-request-title-error")).to_contain_text("at least one letter")
    expect(page.get_by_label("Job title")).to_be_focused()
    page.get_by_label("Job title").fill("Wind turbine technician")
    page.get_by_label("What do you do? (optional)").fill("I climb and fix turbines.")
    page.get_by_role("button", name="Send request").click()
    thanks = page.locator(".job-request-thanks")
    expect(thanks).to_have_text("Thanks — we've noted ‘Wind turbine technician’. 1 person has asked for this job.")
    expect(thanks).to_be_focused()
    assert same_document(page)
    row = JobRequest.objects.get()
    assert (row.count, row.source, row.notes.get().description) == (1, "search", "I climb and fix turbines.")

    page.get_by_role("link", name="Ask about another job").click()
    expect(page.get_by_label("Job title")).to_be_focused()
    expect(page.locator("h1")).to_have_text("My job isn't listed")
    assert same_document(page)


def test_with_htmx_a_refusal_for_too_many_requests_is_shown(page, live_server):
    flood = RequestFactory().post("/", REMOTE_ADDR="127.0.0.1")
    for _ in range(5):
        rate_limit.count_and_check(flood, rate_limit.VISITOR_REQUESTS)
    page.goto(f"{live_server.url}/roles/request/?title=Baker")
    mark_page(page)
    page.get_by_role("button", name="Send request").click()
    expect(page.get_by_role("alert")).to_contain_text("so this one was not saved")
    assert same_document(page) and JobRequest.objects.count() == 0


def test_without_javascript_the_form_posts_and_shows_a_thank_you_page(no_js_page, live_server):
    no_js_page.goto(f"{live_server.url}/roles/request/?title=Beekeeper")
    no_js_page.get_by_role("button", name="Send request").click()
    expect(no_js_page).to_have_url(re.compile(r"/roles/request/thanks/\?noted="))
    expect(no_js_page.locator(".job-request-thanks")).to_contain_text("we've noted ‘Beekeeper’. 1 person has asked")
    assert JobRequest.objects.get().title == "Beekeeper"


@pytest.mark.parametrize("query", ["?title=Baker", "?title=x&description=1"])
def test_the_form_has_no_axe_violations(page, live_server, query):
    page.goto(f"{live_server.url}/roles/request/?title=Baker")
    if "description" in query:
        page.get_by_label("Job title").fill("x")
        page.get_by_role("button", name="Send request").click()
        expect(page.locator("#job-request-title-error")).to_be_visible()
    results = Axe().run(page)
    problems = [f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes)" for v in results.response["violations"]]
    assert problems == [], "\n".join(problems)
