"""Site-wide behaviour in Chromium: no page scrolls sideways at 320 px, focus after an htmx page change,
and feedback on role and career pages with and without JavaScript."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from scoring.feedback import Feedback, ProblemReport

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NARROW_PAGES = [
    "/",
    "/roles/",
    "/roles/?q=ward+clerk",  # the unit groups an official job title finds, with their assessed roles
    "/roles/clinical-coder-nhs/",
    "/careers/clinical-coder/",
    "/compare/",
    "/compare/?roles=clinical-coder-nhs,medical-coder-us,software-developer",
    "/methodology/",
    "/report-a-problem/",
    "/roles/clinical-coder-nhs/feedback/?question=score&answer=too_high",
    "/occupations/",
    "/occupations/41/",
    "/occupations/4131/",
    "/occupations/4132/",
]


def overflow(page) -> dict:
    return page.evaluate(
        "({scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth})"
    )


@pytest.mark.parametrize("width", [320, 390])
@pytest.mark.parametrize("path", NARROW_PAGES)
def test_no_page_scrolls_sideways_on_a_narrow_screen(open_page, demo_site, path, width):
    page = open_page(viewport={"width": width, "height": 720})
    page.goto(f"{demo_site.url}{path}")
    page.evaluate("document.querySelectorAll('details').forEach(section => { section.open = true; })")
    sizes = overflow(page)
    assert sizes["scroll"] <= sizes["client"], sizes


def test_the_browse_search_box_and_button_fit_at_320px(open_page, demo_site):
    page = open_page(viewport={"width": 320, "height": 720})
    page.goto(f"{demo_site.url}/roles/")
    for control in (
        page.get_by_role("combobox", name="Search jobs", exact=True),
        page.get_by_role("button", name="Show roles"),
    ):
        box = control.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 320, box


def test_wide_tables_scroll_in_their_own_region_keeping_the_first_column(open_page, demo_site):
    page = open_page(viewport={"width": 320, "height": 720})
    page.goto(f"{demo_site.url}/roles/clinical-coder-nhs/")
    page.evaluate("document.querySelectorAll('details').forEach(section => { section.open = true; })")
    region = page.get_by_role("region", name="Tasks table")
    expect(region).to_have_attribute("tabindex", "0")
    assert region.evaluate("el => el.scrollWidth > el.clientWidth")  # the table is wider than the phone
    first_cell = region.locator("tbody th").first
    before = first_cell.bounding_box()["x"]
    region.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("End")
    expect(region).not_to_have_js_property("scrollLeft", 0)
    assert abs(first_cell.bounding_box()["x"] - before) < 1  # sticky: the task names stay in view


def test_focus_moves_to_the_results_heading_after_next_page(page, demo_site):
    page.goto(f"{demo_site.url}/roles/")
    page.evaluate("window.__sameDocument = true")
    next_link = page.get_by_role("link", name="Next page")
    next_link.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"page=2"))
    expect(page.locator("#results .pagination")).to_contain_text("Page 2 of")
    expect(page.locator("#results-heading")).to_be_focused()
    assert page.evaluate("window.__sameDocument === true")  # htmx swapped it; no page load
    page.get_by_role("link", name="Previous page").click()
    expect(page.locator("#results .pagination")).to_contain_text("Page 1 of")
    expect(page.locator("#results-heading")).to_be_focused()


def test_a_filter_change_moves_focus_to_the_results_but_typing_does_not(page, demo_site):
    page.goto(f"{demo_site.url}/roles/")
    chip = page.get_by_role("checkbox", name=re.compile(r"^Red \d+"))
    chip.focus()
    page.keyboard.press("Space")
    expect(page).to_have_url(re.compile(r"zone=red"))
    expect(page.locator("#results-heading")).to_contain_text("match")
    expect(page.locator("#results-heading")).to_be_focused()
    box = page.locator("#id_q")
    box.focus()
    page.keyboard.type("coder")
    expect(page).to_have_url(re.compile(r"q=coder"))
    expect(box).to_be_focused()


def test_feedback_with_javascript_stays_on_the_page(page, demo_site):
    page.goto(f"{demo_site.url}/roles/clinical-coder-nhs/")
    page.evaluate("window.__sameDocument = true")
    block = page.locator("#feedback-score")
    block.get_by_role("link", name="The score is Too high").click()
    comment = page.get_by_role("textbox", name="Tell us more (optional)")
    expect(comment).to_be_focused()
    expect(page.get_by_role("radio", name="Too high")).to_be_checked()
    comment.fill("Half my week is audits.")
    page.get_by_role("button", name="Send feedback").click()
    expect(page.locator("#feedback-score")).to_contain_text("Thank you for your feedback.")
    assert page.evaluate("window.__sameDocument === true")
    expect(page).to_have_url(f"{demo_site.url}/roles/clinical-coder-nhs/")
    row = Feedback.objects.get()
    assert (row.role.slug, row.question, row.answer, row.comment) == (
        "clinical-coder-nhs",
        "score",
        "too_high",
        "Half my week is audits.",
    )
    # The other question is still there to answer.
    page.locator("#feedback-useful").get_by_role("link", name=re.compile(r"^Yes ?, this page was useful$")).click()
    page.get_by_role("button", name="Send feedback").click()
    expect(page.locator("#feedback-useful")).to_contain_text("Thank you for your feedback.")
    assert Feedback.objects.count() == 2


def test_career_feedback_with_javascript(page, demo_site):
    page.goto(f"{demo_site.url}/careers/clinical-coder/")
    page.locator("#feedback-useful").get_by_role("link", name=re.compile(r"^No ?, this page was not useful$")).click()
    page.get_by_role("textbox", name="Tell us more (optional)").fill("Nothing on pay in Scotland.")
    page.get_by_role("button", name="Send feedback").click()
    expect(page.locator("#feedback-useful")).to_contain_text("Thank you for your feedback.")
    row = Feedback.objects.get()
    assert (row.career.slug, row.answer, row.comment) == ("clinical-coder", "no", "Nothing on pay in Scotland.")


def test_feedback_without_javascript(no_js_page, demo_site):
    page = no_js_page
    page.goto(f"{demo_site.url}/careers/clinical-coder/")
    page.get_by_role("link", name=re.compile(r"^No ?, this page was not useful$")).click()
    expect(page).to_have_url(re.compile(r"/careers/clinical-coder/feedback/\?question=useful&answer=no"))
    expect(page.get_by_role("radio", name="No")).to_be_checked()
    page.get_by_role("radio", name="Yes").check()
    page.get_by_role("textbox", name="Tell us more (optional)").fill("Clear and short.")
    page.get_by_role("button", name="Send feedback").click()
    expect(page.get_by_role("status")).to_contain_text("Thank you for your feedback.")
    page.get_by_role("link", name="Back to Clinical Coder").click()
    expect(page).to_have_url(f"{demo_site.url}/careers/clinical-coder/")
    row = Feedback.objects.get()
    assert (row.career.slug, row.question, row.answer, row.comment) == (
        "clinical-coder",
        "useful",
        "yes",
        "Clear and short.",
    )


def test_feedback_without_javascript_explains_bad_input(no_js_page, demo_site):
    page = no_js_page
    page.goto(f"{demo_site.url}/roles/clinical-coder-nhs/feedback/?question=score")
    page.get_by_role("button", name="Send feedback").click()
    expect(page.locator(".field-error")).to_contain_text("Choose an answer.")
    assert Feedback.objects.count() == 0


def test_report_a_problem_from_the_footer_without_javascript(no_js_page, demo_site):
    page = no_js_page
    page.goto(f"{demo_site.url}/roles/clinical-coder-nhs/")
    page.get_by_role("link", name="Report a problem with this page").click()
    expect(page.get_by_role("textbox", name="Which page? (optional)")).to_have_value("/roles/clinical-coder-nhs/")
    page.get_by_role("textbox", name="What went wrong?").fill("The chart has no text version.")
    page.get_by_role("button", name="Send report").click()
    expect(page.get_by_role("status")).to_contain_text("Thank you.")
    assert ProblemReport.objects.get().page == "/roles/clinical-coder-nhs/"


@pytest.fixture(scope="module")
def axe():
    return Axe()


def axe_problems(axe, page) -> list[str]:
    results = axe.run(page)
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes)" for v in results.response["violations"]]


@pytest.mark.parametrize(
    "path",
    [
        "/report-a-problem/",
        "/roles/clinical-coder-nhs/feedback/?question=score&answer=too_high",
        "/careers/clinical-coder/feedback/?question=useful",
    ],
)
def test_new_pages_have_no_axe_violations(page, demo_site, axe, path):
    page.goto(f"{demo_site.url}{path}")
    assert axe_problems(axe, page) == []


def test_feedback_form_in_place_and_its_errors_have_no_axe_violations(page, demo_site, axe):
    page.goto(f"{demo_site.url}/roles/clinical-coder-nhs/")
    page.locator("#feedback-score").get_by_role("link", name="The score is Too low").click()
    expect(page.get_by_role("button", name="Send feedback")).to_be_visible()
    assert axe_problems(axe, page) == []
    page.get_by_role("textbox", name="Tell us more (optional)").fill("bad\u0007text")
    page.get_by_role("button", name="Send feedback").click()
    expect(page.locator("#feedback-score .field-error")).to_be_visible()
    assert axe_problems(axe, page) == []


def test_the_narrow_role_page_has_no_axe_violations(open_page, demo_site, axe):
    page = open_page(viewport={"width": 320, "height": 720})
    page.goto(f"{demo_site.url}/roles/clinical-coder-nhs/")
    page.evaluate("document.querySelectorAll('details').forEach(section => { section.open = true; })")
    assert axe_problems(axe, page) == []
