"""The search box that suggests jobs as you type (templates/includes/search_box.html, static/js/combobox.js):
by keyboard, by mouse, for a screen reader, on a narrow screen and without JavaScript."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HOME = ("/", "home-q", "Find your job")
BROWSE = ("/roles/", "id_q", "Search jobs")


def search_box(page, label):
    # exact: the listbox's name ("Suggestions for find your job") also contains the label
    return page.get_by_role("combobox", name=label, exact=True)


def suggestions(page, box_id):
    return page.locator(f"#{box_id}-suggestions")


def options(page, box_id):
    return suggestions(page, box_id).get_by_role("option")


def type_slowly(box, text):
    """Key by key, as a person types (each key an input event); then wait for htmx to finish the request."""
    box.press_sequentially(text, delay=60)
    expect(box).not_to_have_class(re.compile(r"\bhtmx-request\b"))


def expect_open(page, box, box_id):
    expect(box).to_have_attribute("aria-expanded", "true")
    expect(suggestions(page, box_id)).to_be_visible()
    expect(options(page, box_id).first).to_be_visible()


def expect_active(page, box, box_id, index):
    """Option `index` (negative counts from the end) is the only selected one and the input points to it."""
    every = options(page, box_id)
    count = every.count()
    index %= count
    expect(every.nth(index)).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", every.nth(index).get_attribute("id"))
    expect(suggestions(page, box_id).locator("[role=option][aria-selected=true]")).to_have_count(1)


def test_home_search_box_by_keyboard(page, demo_site):
    page.goto(f"{demo_site.url}/")
    box = search_box(page, "Find your job")
    list_ = suggestions(page, "home-q")
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(list_).to_be_hidden()

    box.click()
    type_slowly(box, "clinicle cod")
    expect_open(page, box, "home-q")
    expect(list_).to_contain_text("Clinical Coder (NHS)")
    expect(box).not_to_have_attribute("aria-activedescendant", re.compile(".*"))
    count = options(page, "home-q").count()
    assert count >= 2, "the wrap-around checks need at least two suggestions"

    box.press("ArrowDown")
    expect_active(page, box, "home-q", 0)
    box.press("ArrowDown")
    expect_active(page, box, "home-q", 1)
    box.press("ArrowUp")
    expect_active(page, box, "home-q", 0)
    box.press("ArrowUp")  # from the first option up wraps to the last
    expect_active(page, box, "home-q", -1)
    box.press("ArrowDown")  # and from the last down wraps to the first
    expect_active(page, box, "home-q", 0)
    expect(box).to_be_focused()

    box.press("Escape")
    expect(list_).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(box).not_to_have_attribute("aria-activedescendant", re.compile(".*"))
    expect(box).to_have_value("clinicle cod")  # Escape with the list open only closes it

    type_slowly(box, "e")
    expect_open(page, box, "home-q")
    texts = options(page, "home-q").all_inner_texts()
    index = next(n for n, text in enumerate(texts) if text.startswith("Clinical Coder (NHS)"))
    for _ in range(index + 1):
        box.press("ArrowDown")
    expect(box).to_have_attribute("aria-activedescendant", "suggestion-role-clinical-coder-nhs")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/roles/clinical-coder-nhs/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Clinical Coder")


def test_browse_page_typing_updates_results_and_suggestions_and_a_click_opens_one(page, demo_site):
    page.goto(f"{demo_site.url}/roles/")
    everything = page.locator("#results .role-title").count()
    box = search_box(page, "Search jobs")
    box.click()
    type_slowly(box, "coder")
    expect(page).to_have_url(re.compile(r"[?&]q=coder"))
    expect(page.locator("#results-heading")).to_contain_text("match")
    expect(page.locator("#results .role-title").first).to_contain_text("Coder")
    assert page.locator("#results .role-title").count() < everything
    expect_open(page, box, "id_q")
    expect(options(page, "id_q").first).to_contain_text("Coder")
    options(page, "id_q").filter(has_text="Clinical Coder (NHS)").click()
    expect(page).to_have_url(re.compile(r"/roles/clinical-coder-nhs/$"))


def test_live_region_announces_the_number_of_suggestions(page, demo_site):
    page.goto(f"{demo_site.url}/")
    box = search_box(page, "Find your job")
    status = page.locator("[data-combobox-status]")
    expect(status).to_have_attribute("aria-live", "polite")
    expect(status).to_have_text("")
    box.click()
    type_slowly(box, "clinical cod")
    expect_open(page, box, "home-q")
    count = options(page, "home-q").count()
    expect(status).to_have_text(re.compile(rf"^{count} suggestions?\b"))
    # Nothing matches: the list closes and the region says nothing stale.
    box.fill("")
    type_slowly(box, "qqzzxx")
    expect(suggestions(page, "home-q")).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(status).to_have_text("")


def test_search_box_without_javascript_is_a_plain_search_form(no_js_page, demo_site):
    page = no_js_page
    page.goto(f"{demo_site.url}/")
    box = page.get_by_label("Find your job", exact=True)
    box.fill("nhs coder")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/roles/\?q=nhs\+coder$"))
    expect(page.locator("#results .role-title")).to_contain_text(["Clinical Coder (NHS)"])
    expect(page.get_by_label("Search jobs", exact=True)).to_have_value("nhs coder")


def test_did_you_mean_offers_the_nearest_titles(page, demo_site):
    page.goto(f"{demo_site.url}/roles/?q=electrishun")
    nearest = page.locator("#results .nearest")
    expect(nearest).to_contain_text("Did you mean")
    nearest.get_by_role("link", name="Electrician (Installation)").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Electrician")


def test_tab_reaches_the_search_box(page, demo_site):
    page.goto(f"{demo_site.url}/")
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "home-q":
            break
    box = search_box(page, "Find your job")
    expect(box).to_be_focused()
    page.keyboard.type("nhs coder", delay=60)
    expect(box).not_to_have_class(re.compile(r"\bhtmx-request\b"))
    expect_open(page, box, "home-q")
    page.keyboard.press("ArrowDown")
    expect_active(page, box, "home-q", 0)
    # The selected option stands out: its colours differ from an unselected one.
    first, second = options(page, "home-q").nth(0), options(page, "home-q").nth(1)
    style = "e => getComputedStyle(e).backgroundColor + ' ' + getComputedStyle(e).color"
    assert first.evaluate(style) != second.evaluate(style)


@pytest.mark.parametrize(("path", "box_id", "label"), [HOME, BROWSE], ids=["home", "browse"])
def test_open_list_fits_a_320px_screen(open_page, demo_site, path, box_id, label):
    page = open_page(viewport={"width": 320, "height": 640})
    page.goto(f"{demo_site.url}{path}")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    box = search_box(page, label)
    box.click()
    type_slowly(box, "clinical coder")
    expect_open(page, box, box_id)
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    for element in (box, suggestions(page, box_id)):
        area = element.bounding_box()
        assert area["x"] >= 0 and area["x"] + area["width"] <= 320, area
    # The list sits under the input, not somewhere below it.
    field, listbox = box.bounding_box(), suggestions(page, box_id).bounding_box()
    assert 0 <= listbox["y"] - (field["y"] + field["height"]) <= 8, (field, listbox)
