"""“My version of this job” and Compare in Chromium: the published mix gives the published score, and
Compare fits a 320 px phone without the page scrolling sideways."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from scoring.models import Assessment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 320, "height": 640}}


def published_score(page) -> str:
    return re.search(r"\d+\.\d", page.locator(".score-card").first.inner_text()).group(0)


def test_my_version_with_unchanged_times_is_the_published_score(page, demo_site):
    page.goto(f"{demo_site.url}/roles/clinical-coder-nhs/")
    published = published_score(page)
    assert published == "22.4"
    page.get_by_role("button", name="Work out my score").click()
    result = page.locator("#my-result")
    expect(result).to_contain_text(f"Your score: {published}/100")
    expect(result.locator(".zone")).to_have_text("Red (Displacing)")
    expect(result).to_contain_text(f"The same as the published {published}, which is Red (Displacing).")


def test_my_version_without_javascript_never_done_task_is_shared_out(no_js_page, demo_site):
    page = no_js_page
    page.goto(f"{demo_site.url}/roles/clinical-coder-nhs/")
    page.get_by_label("I never do Administrative and training").check()
    page.get_by_role("button", name="Work out my score").click()
    result = page.locator("#my-result")
    expect(result).to_contain_text("Your score:")
    expect(result).to_contain_text("shared among the others in proportion")
    expect(result).to_contain_text("from the published 22.4")


@pytest.mark.parametrize(
    "query", ["roles=clinical-coder-nhs,medical-coder-us,software-developer", "roles=clinical-coder-nhs"]
)
def test_compare_on_a_320px_phone_does_not_overflow_the_page(open_page, demo_site, query):
    page = open_page(**PHONE)
    page.goto(f"{demo_site.url}/compare/?{query}")
    expect(page.get_by_role("heading", name="Compare roles", level=1)).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    if "," in query:
        # The analysis table scrolls inside its own region; its first column (what each row is) stays in view.
        region = page.get_by_role("region", name="Score components table")
        region.evaluate("element => { element.scrollLeft = element.scrollWidth; }")
        label = page.locator("table.compare tbody th[scope=row]").first
        box = label.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 320


@pytest.mark.parametrize(
    "path",
    [
        "/compare/?roles=clinical-coder-nhs",  # one role: its safer moves to add
        "/roles/clinical-coder-nhs/?mine=1&skip_{last}=on",  # a never-done task shared out
        "/roles/clinical-coder-nhs/?mine=1&time_{first}=lots",  # a message, nothing changed
    ],
)
def test_my_version_and_compare_states_have_no_axe_violations(open_page, demo_site, path):
    tasks = list(Assessment.objects.get(slug="clinical-coder-nhs").tasks.all())
    page = open_page(**PHONE)
    page.goto(demo_site.url + path.format(first=tasks[0].pk, last=tasks[-1].pk))
    violations = Axe().run(page).response["violations"]
    assert [f"{v['id']}: {v['help']}" for v in violations] == []
