"""Real-browser tests: Playwright drives Debian's Chromium against the live test server."""

import os
import shutil
from pathlib import Path

import pytest

from tests.demo_copy import loaded_demo

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from tests are still sync.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# Headless Chromium here needs these flags; one list in .ci/chromium-flags serves the tests and make bench.
CHROMIUM_FLAGS = [
    line
    for line in (Path(__file__).resolve().parents[2] / ".ci" / "chromium-flags").read_text().split("\n")
    if line.startswith("--")
]


def pytest_collection_modifyitems(config, items):
    if shutil.which(CHROMIUM) or os.path.exists(CHROMIUM):
        return
    if os.environ.get("JOBZONE_REQUIRE_BROWSER"):
        raise pytest.UsageError(f"Browser tests are required but {CHROMIUM} is missing (apt-get install chromium).")
    skip = pytest.mark.skip(reason=f"{CHROMIUM} is not installed (apt-get install chromium)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        yield chromium
        chromium.close()


def watch_csp(page) -> list[str]:
    """Collect Content-Security-Policy violations the browser reports for this page."""
    violations: list[str] = []
    page.on("console", lambda message: "Content Security Policy" in message.text and violations.append(message.text))
    return violations


@pytest.fixture
def open_page(browser):
    """Opens a page in a browser context of its own (a visitor, an Editor, ...); keyword arguments go to the
    context. When the test ends every context is closed, and no page may have broken the CSP."""
    opened = []

    def open_page(**context_options):
        context = browser.new_context(**context_options)
        page = context.new_page()
        page.set_default_timeout(10_000)
        opened.append((context, watch_csp(page)))
        return page

    yield open_page
    violations = []
    for context, seen in opened:
        context.close()
        violations += seen
    assert violations == [], "a page broke its Content-Security-Policy:\n" + "\n".join(violations)


@pytest.fixture
def page(open_page):
    return open_page()


@pytest.fixture
def no_js_page(open_page):
    return open_page(java_script_enabled=False)


@pytest.fixture
def demo_site(transactional_db, live_server):
    loaded_demo()
    return live_server
