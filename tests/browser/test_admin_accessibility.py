"""The staff admin in Chromium: laid out for the work (rows fit, reason by Save, one history link) and axe-clean."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from careers.models import Career
from scoring.models import Assessment
from tests.factories import PASSWORD, make_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LISTS = [
    "/admin/",
    "/admin/scoring/assessment/",
    "/admin/careers/career/",
    "/admin/careers/occupation/",
    "/admin/scoring/feedback/",
    "/admin/scoring/assessment/deleted/",
    "/admin/careers/career/deleted/",
]


def log_in(page, base, name):
    page.goto(f"{base}/admin/login/")
    page.get_by_label("Username").fill(name)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()


def axe_problems(page) -> list[str]:
    # No preload: axe's own stylesheet reader injects <style> elements, which the site's CSP (rightly) blocks.
    results = Axe().run(page, options={"resultTypes": ["violations"], "preload": False})
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes)" for v in results.response["violations"]]


@pytest.fixture
def boss(page, demo_site):
    make_staff("boss", superuser=True)
    log_in(page, demo_site.url, "boss")
    return page


def role_url(base, suffix=""):
    role = Assessment.objects.get(slug="clinical-coder-nhs")
    return f"{base}/admin/scoring/assessment/{role.pk}/{suffix}"


@pytest.mark.parametrize("path", LISTS)
def test_admin_page_has_no_axe_violations(boss, demo_site, path):
    boss.goto(f"{demo_site.url}{path}")
    assert axe_problems(boss) == []


@pytest.mark.parametrize("suffix", ["versions/"])
def test_assessment_pages_have_no_axe_violations(boss, demo_site, suffix):
    boss.goto(role_url(demo_site.url, suffix))
    assert axe_problems(boss) == []


def test_task_rows_fit_their_column_at_1280(boss, demo_site):
    boss.set_viewport_size({"width": 1280, "height": 900})
    boss.goto(role_url(demo_site.url, "change/"))
    overflow = boss.evaluate(
        """() => { const group = document.querySelector('#tasks-group');
        const right = group.getBoundingClientRect().right;
        return [...group.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > right + 1).length; }"""
    )
    assert overflow == 0


def test_reason_sits_in_the_save_area_and_one_history_link(boss, demo_site):
    boss.goto(role_url(demo_site.url, "change/"))
    assert boss.locator(".record-and-save #id_change_reason").count() == 1
    assert boss.locator(".record-and-save .submit-row").count() == 1
    tools = [text.strip().lower() for text in boss.locator(".object-tools a").all_text_contents()]
    assert "versions" in tools and "history" not in tools


def test_editor_sees_the_stored_score_read_only(open_page, demo_site):
    make_staff("ed", "Editors")
    page = open_page()
    log_in(page, demo_site.url, "ed")
    page.goto(role_url(demo_site.url, "change/"))
    text = page.locator("#live-calculation").inner_text()
    assert "Cannot compute" not in text and "Score" in text


def career_url(base, suffix=""):
    career = Career.objects.get(slug="clinical-coder")
    return f"{base}/admin/careers/career/{career.pk}/{suffix}"


def test_the_add_change_import_and_compare_forms_have_no_axe_violations(boss, demo_site):
    """One visit per page (a demo load per test is the slow part): every staff form, inlines included."""
    role = Assessment.objects.get(slug="clinical-coder-nhs")
    role.timeline, role._change_reason = "Sooner than it was.", "A second version to compare"
    role.save()
    first, second = role.history.order_by("history_date")[:2]
    pages = [
        "/admin/scoring/assessment/add/",
        role_url("", "change/"),
        "/admin/careers/career/add/",
        career_url("", "change/"),
        "/admin/scoring/assessment/import/",
        "/admin/careers/career/import/",
        role_url("", f"versions/compare/?version={first.history_id}&version={second.history_id}"),
        "/admin/editorial/pendingrevision/",
    ]
    found = {}
    for path in pages:
        boss.goto(f"{demo_site.url}{path}")
        boss.wait_for_load_state("networkidle")
        if problems := axe_problems(boss):
            found[path] = problems
    assert found == {}
