"""A worried Clinical Coder follows a safer move to a role that scores higher, by keyboard."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def score_on(page) -> float:
    return float(page.locator(".score-figure strong").first.inner_text())


def test_safer_moves_link_to_roles_with_higher_scores(page, demo_site):
    page.goto(f"{demo_site.url}/roles/clinical-coder-nhs/")
    current = score_on(page)
    section = page.locator("#safer-moves")
    expect(section.get_by_role("heading", name="Safer moves")).to_be_visible()
    links = section.locator(".move h3 a")
    expect(links.first).to_be_visible()
    targets = [links.nth(n).get_attribute("href") for n in range(links.count())]
    assert targets
    for href in targets:
        page.goto(f"{demo_site.url}{href}")
        assert score_on(page) > current, href


def test_the_best_next_move_is_reachable_from_the_summary_by_keyboard(page, demo_site):
    page.goto(f"{demo_site.url}/roles/clinical-coder-nhs/")
    link = page.locator("#for-you .next-move a").first
    link.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/roles/[-a-z0-9]+/$"))
    assert "clinical-coder-nhs" not in page.url
