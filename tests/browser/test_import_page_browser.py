"""axe-core on the staff import page: empty, and showing a preview of a document, with no violations."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from documents import guide
from tests.browser.test_editorial_flow import log_in
from tests.factories import make_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def violations(page) -> list[str]:
    results = Axe().run(page)
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes)" for v in results.response["violations"]]


@pytest.mark.parametrize("kind", ["assessment", "career"])
def test_import_page_and_its_preview_have_no_axe_violations(page, demo_site, kind, tmp_path):
    make_staff("edna", "Editors")
    log_in(page, demo_site.url, "edna")
    page.goto(f"{demo_site.url}/admin/scoring/assessment/import/")
    assert violations(page) == []
    document = tmp_path / "document.txt"
    document.write_text(guide.EXAMPLES[kind].read_text())
    page.locator("input[type=file]").set_input_files(str(document))
    page.locator("form [type=submit]").first.click()
    page.wait_for_load_state()
    assert violations(page) == []
