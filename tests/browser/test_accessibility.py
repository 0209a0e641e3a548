"""axe-core in Chromium: no violations on any kind of public page."""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    "/",
    "/roles/",
    "/roles/?zone=red&q=coder",
    "/roles/clinical-coder-nhs/",
    "/roles/clinical-coder-nhs/?mine=1&time_1=10",
    "/careers/",
    "/careers/clinical-coder/",
    "/compare/?roles=clinical-coder-nhs,medical-coder-us,software-developer",
    "/methodology/",
    "/about/",
    "/accessibility/",
    "/data/",
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
