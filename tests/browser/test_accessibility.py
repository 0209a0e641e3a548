"""axe-core in Chromium: no violations on any kind of public page."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    "/",
    "/roles/",
    "/roles/?zone=red&q=coder",
    "/roles/?q=electrishun",  # a typo: nothing matches, "Did you mean …?" offers the nearest titles
    "/roles/?q=ward+clerk",  # an official job title: its unit group, led by the assessed roles in it
    "/roles/?q=monumental+mason",  # an official title of a group nobody has assessed yet
    "/roles/clinical-coder-nhs/",
    "/roles/clinical-coder-nhs/?mine=1&time_1=10",
    "/careers/",
    "/careers/clinical-coder/",
    "/compare/?roles=clinical-coder-nhs,medical-coder-us,software-developer",
    "/methodology/",
    "/about/",
    "/accessibility/",
    "/data/",
    "/occupations/",
    "/occupations/41/",
    "/occupations/4131/",  # assessed roles and career profiles
    "/occupations/4132/",  # none assessed: the nearest roles and "Request an assessment"
    "/no-such-page/",
]


@pytest.fixture(scope="module")
def axe():
    return Axe()


@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_axe_violations(page, demo_site, axe, path):
    page.goto(f"{demo_site.url}{path}")
    results = axe.run(page)
    problems = [f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes)" for v in results.response["violations"]]
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize(("path", "label"), [("/", "Find your job"), ("/roles/", "Search jobs")])
def test_open_suggestions_have_no_axe_violations(page, demo_site, axe, path, label):
    page.goto(f"{demo_site.url}{path}")
    box = page.get_by_role("combobox", name=label, exact=True)
    box.press_sequentially("clinical cod", delay=60)
    expect(box).not_to_have_class(re.compile(r"\bhtmx-request\b"))
    suggestions = page.get_by_role("listbox", name=f"Suggestions for {label.lower()}")
    expect(suggestions).to_be_visible()
    box.press("ArrowDown")
    expect(suggestions.get_by_role("option", selected=True)).to_have_count(1)
    results = axe.run(page)
    problems = [f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes)" for v in results.response["violations"]]
    assert problems == [], "\n".join(problems)
