"""A visitor using the public site in Chromium, with and without JavaScript."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def mark_page(page):
    """Tag the document so a full page load (which replaces it) can be told from an HTMX swap."""
    page.evaluate("window.__sameDocument = true")


def same_document(page) -> bool:
    return page.evaluate("window.__sameDocument === true")


def result_titles(page):
    return page.locator("#results .role-title").all_inner_texts()


def test_zone_chip_filters_without_a_page_load_and_back_restores(page, demo_site):
    page.goto(f"{demo_site.url}/roles/")
    everything = result_titles(page)
    mark_page(page)
    page.get_by_role("checkbox", name=re.compile(r"^Red \d+")).check()
    expect(page).to_have_url(re.compile(r"\?.*zone=red"))
    expect(page.locator("#results-heading")).to_contain_text("match")
    red = result_titles(page)
    assert 0 < len(red) < len(everything)
    assert same_document(page)
    page.go_back()
    expect(page).not_to_have_url(re.compile("zone=red"))
    expect(page.locator("#results .role-title")).to_have_count(len(everything))
    expect(page.get_by_role("checkbox", name=re.compile(r"^Red \d+"))).not_to_be_checked()


def test_typing_a_search_narrows_the_list(page, demo_site):
    page.goto(f"{demo_site.url}/roles/")
    before = len(result_titles(page))
    mark_page(page)
    page.get_by_role("combobox", name="Search jobs", exact=True).press_sequentially("coder", delay=30)
    expect(page).to_have_url(re.compile(r"q=coder"))
    expect(page.locator("#results .role-title").first).to_contain_text("Coder")
    assert len(result_titles(page)) < before
    assert same_document(page)


def test_filters_work_without_javascript(no_js_page, demo_site):
    page = no_js_page
    page.goto(f"{demo_site.url}/roles/")
    page.get_by_role("checkbox", name=re.compile(r"^Green \d+")).check()
    page.get_by_role("button", name="Show roles").click()
    expect(page).to_have_url(re.compile(r"zone=green"))
    badges = page.locator("#results .zone").all_inner_texts()
    assert badges and all(badge.startswith("Green") for badge in badges)


def test_my_version_calculator_updates_the_score(page, demo_site):
    page.goto(f"{demo_site.url}/roles/clinical-coder-nhs/")
    mark_page(page)
    first = page.get_by_label("Reading clinical documentation", exact=True)
    first.fill("10")
    expect(page.locator("#my-result")).to_contain_text("Your times add up to 90%")
    page.get_by_label("Assigning ICD-10 diagnosis codes", exact=True).fill("35")
    expect(page.locator("#my-result")).to_contain_text("Your score:")
    assert same_document(page)


def test_my_version_without_javascript(no_js_page, demo_site):
    page = no_js_page
    page.goto(f"{demo_site.url}/roles/clinical-coder-nhs/")
    page.get_by_label("I never do Administrative and training").check()
    page.get_by_label("Clinical queries and engagement", exact=True).fill("15")
    page.get_by_role("button", name="Work out my score").click()
    expect(page.locator("#my-result")).to_contain_text("Your score:")


def test_compare_shows_the_chosen_roles(page, demo_site):
    page.goto(f"{demo_site.url}/roles/clinical-coder-nhs/")
    page.get_by_role("link", name="Compare with other roles").click()
    page.get_by_label("Search for a role to add").fill("medical coder")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name=re.compile(r"^Add Medical Coder")).first.click()
    headers = page.locator("table.compare thead th").all_inner_texts()
    assert "Clinical Coder (NHS)" in headers and any(h.startswith("Medical Coder") for h in headers)
    expect(page.locator("tr.differs").first).to_be_visible()


def test_a_visitor_reaches_the_career_profile_by_keyboard(page, demo_site):
    page.goto(f"{demo_site.url}/roles/clinical-coder-nhs/")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
    link = page.get_by_role("link", name="Career profile: Clinical Coder")
    link.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/careers/clinical-coder/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Clinical Coder")
