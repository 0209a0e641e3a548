"""The SOC 2020 occupations admin in Chromium: axe on the list and a group's page, and an Editor
starting a draft assessment from a unit group and seeing what is still to fill in."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from scoring.models import Assessment
from tests.browser.test_editorial_flow import log_in
from tests.factories import make_assessment, make_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="module")
def axe():
    return Axe()


def violations(axe, page) -> list[str]:
    # preload off: axe would fetch the admin's forms.css and inject its @import as a <style>, which the
    # site's Content-Security-Policy rightly blocks (only css-orientation-lock needs the preloaded CSSOM).
    results = axe.run(page, options={"resultTypes": ["violations"], "preload": False})
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes)" for v in results.response["violations"]]


@pytest.mark.parametrize(
    "path",
    [
        "/admin/careers/occupation/",
        "/admin/careers/occupation/?level__exact=unit&major=4&q=clerk",
        "/admin/careers/occupation/4131/change/",
        "/admin/careers/occupation/413/change/",
    ],
)
def test_occupation_admin_pages_have_no_axe_violations(page, live_server, axe, path):
    make_assessment(occupation_id="4131")
    make_staff("edna", "Editors")
    log_in(page, live_server.url, "edna")
    page.goto(f"{live_server.url}{path}")
    assert violations(axe, page) == []


def test_an_editor_starts_a_draft_from_a_unit_group_and_is_told_what_is_missing(page, live_server):
    make_staff("edna", "Editors")
    log_in(page, live_server.url, "edna")
    page.goto(f"{live_server.url}/admin/careers/occupation/4131/change/")
    page.get_by_role("button", name="Start an assessment from this unit group").click()

    expect(page.get_by_text("Started a draft assessment from 4131 Records clerks and assistants")).to_be_visible()
    role = Assessment.objects.get()
    assert page.url.endswith(f"/admin/scoring/assessment/{role.pk}/change/")
    expect(page.locator("#live-calculation")).to_contain_text("Cannot compute the score yet")
    expect(page.locator("#live-calculation")).to_contain_text(f"time % of tasks 1–{role.tasks.count()}")
    page.locator("#id_tasks-0-time_pct").fill("100")
    expect(page.locator("#live-calculation")).to_contain_text(f"time % of tasks 2–{role.tasks.count()}")
