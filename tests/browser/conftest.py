"""Real-browser tests: Playwright drives Debian's Chromium against the live test server."""

import os
import shutil
from io import StringIO

import pytest
from django.core.management import call_command

from bench.run import CHROMIUM_FLAGS  # one list of the flags Debian's Chromium needs here

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from tests are still sync.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


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
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(10_000)
    violations = watch_csp(page)
    yield page
    context.close()
    assert violations == [], "the page broke its Content-Security-Policy:\n" + "\n".join(violations)


@pytest.fixture
def no_js_page(browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def demo_site(transactional_db, live_server):
    call_command("load_demo", stdout=StringIO())
    return live_server
