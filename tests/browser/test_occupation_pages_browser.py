"""Occupation pages in Chromium: browsing down the hierarchy and asking for an assessment, by keyboard,
with HTMX in place and without JavaScript."""

import re

import pytest
from playwright.sync_api import expect

from scoring.job_requests import JobRequest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PENSIONS = "Pensions and insurance clerks and assistants"


def tab_to(page, name: str, limit: int = 80):
    """Press Tab until the focused element's accessible text starts with `name`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()").startswith(name):
            return
    raise AssertionError(f"never reached {name!r} with Tab")


def test_a_visitor_browses_down_to_a_unit_group_by_keyboard(page, demo_site):
    page.goto(f"{demo_site.url}/occupations/")
    tab_to(page, "4 Administrative and secretarial occupations")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Administrative and secretarial occupations")
    tab_to(page, "413 Administrative occupations: records")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Administrative occupations: records")
    tab_to(page, "4131 Records clerks and assistants")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Records clerks and assistants")
    expect(page.locator("#assessed ~ .role-list .role-title").first).to_be_visible()


def test_request_an_assessment_by_keyboard_with_htmx_in_place(page, demo_site):
    page.goto(f"{demo_site.url}/occupations/4132/")
    expect(page.get_by_text("No role in this occupation has been assessed for AI exposure yet.")).to_be_visible()
    page.evaluate("window.__sameDocument = true")
    tab_to(page, "Request an assessment")
    page.keyboard.press("Enter")
    title = page.get_by_role("textbox", name="Job title")
    expect(title).to_be_focused()
    expect(title).to_have_value(PENSIONS)
    page.get_by_role("button", name="Send request").press("Enter")
    expect(page.locator(".job-request-thanks")).to_contain_text(f"we've noted ‘{PENSIONS}’. 1 person has asked")
    assert page.evaluate("window.__sameDocument === true")
    row = JobRequest.objects.get()
    assert (row.title, row.source, row.occupation_id) == (PENSIONS, "occupation:4132", "4132")


def test_request_an_assessment_without_javascript(no_js_page, demo_site):
    no_js_page.goto(f"{demo_site.url}/occupations/4132/")
    no_js_page.get_by_role("link", name=f"Request an assessment of {PENSIONS}").click()
    expect(no_js_page).to_have_url(re.compile(r"/roles/request/\?title="))
    expect(no_js_page.get_by_role("textbox", name="Job title")).to_have_value(PENSIONS)
    no_js_page.get_by_role("button", name="Send request").click()
    expect(no_js_page.locator(".job-request-thanks")).to_contain_text(f"we've noted ‘{PENSIONS}’")
    row = JobRequest.objects.get()
    assert (row.source, row.occupation_id) == ("occupation:4132", "4132")
