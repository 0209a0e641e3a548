"""An Editor changes a task's time and sees the calculation move; a Publisher publishes it."""

import re

import pytest
from playwright.sync_api import expect

from editorial.models import Status
from scoring.models import DEFAULT_PUBLIC_NOTE, Assessment
from tests.factories import PASSWORD, make_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, base, name):
    page.goto(f"{base}/admin/login/")
    page.get_by_label("Username").fill(name)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("link", name="Log out").or_(page.get_by_role("button", name="Log out"))).to_be_visible()


def test_editor_edits_the_calculation_live_then_a_publisher_publishes(open_page, demo_site):
    base = demo_site.url
    role = Assessment.objects.get(slug="clinical-coder-nhs")
    role.status = Status.DRAFT
    role._change_reason = "Taken back to draft for review"
    role.save()
    make_staff("edna", "Editors")
    make_staff("pat", "Publishers")

    editor = open_page()
    log_in(editor, base, "edna")
    editor.goto(f"{base}/admin/scoring/assessment/{role.pk}/change/")
    calculation = editor.locator("#live-calculation")
    expect(calculation).to_contain_text("Score 22.4")
    editor.locator("#id_score_override").fill("")
    editor.locator("#id_override_reason").fill("")
    expect(calculation).to_contain_text("Score 21.2")
    editor.locator("#id_resistance_adjustment").fill("")
    editor.locator("#id_adjustment_reason").fill("")
    expect(calculation).to_contain_text("Score 27.3")
    first_time = editor.locator("#id_tasks-0-time_pct")
    first_time.fill("10")
    expect(calculation).to_contain_text("Task time must total 100% (it totals 90%)")
    editor.locator("#id_tasks-4-time_pct").fill("20")  # clinical queries: 10 -> 20
    expect(calculation).to_contain_text("Score 29.8")
    editor.locator("#id_change_reason").fill("More time on clinical queries since the new audit")
    editor.get_by_role("button", name="Save", exact=True).click()
    expect(editor.locator(".messagelist")).to_contain_text("was changed successfully")
    role.refresh_from_db()
    assert str(role.score) == "29.8"
    assert role.status == Status.DRAFT

    publisher = open_page()
    log_in(publisher, base, "pat")
    publisher.goto(f"{base}/admin/scoring/assessment/?q=clinical+coder")
    publisher.get_by_role("checkbox", name=re.compile("Select this object")).first.check()
    publisher.get_by_label("Action:").select_option("publish_selected")
    publisher.get_by_role("button", name="Go").click()
    expect(publisher.locator(".messagelist")).to_contain_text("Published 1 item")

    visitor = open_page()
    visitor.goto(f"{base}/roles/clinical-coder-nhs/")
    expect(visitor.locator(".score-figure strong")).to_have_text("29.8")
    history = visitor.locator("details", has=visitor.locator("#score-history"))
    history.locator("summary").click()  # the score history is folded away below the summary
    expect(history).to_contain_text(DEFAULT_PUBLIC_NOTE)  # the public note; the Editor's reason stays inside
    expect(history).not_to_contain_text("More time on clinical queries since the new audit")
    expect(history).to_contain_text("29.8")


def test_an_editor_corrects_a_live_page_through_review(open_page, demo_site):
    """The live page stays up and unchanged while a revision waits; publishing it changes the page."""
    from tests.browser.test_admin_accessibility import axe_problems

    base = demo_site.url
    role = Assessment.objects.get(slug="clinical-coder-nhs")
    make_staff("edna", "Editors")
    make_staff("pat", "Publishers")
    visitor = open_page()
    visitor.goto(f"{base}/roles/{role.slug}/")
    old_timeline = role.timeline

    editor = open_page()
    log_in(editor, base, "edna")
    editor.goto(f"{base}/admin/scoring/assessment/{role.pk}/change/")
    expect(editor.get_by_text("This page is live.")).to_be_visible()
    editor.locator("#id_timeline").fill("Routine coding mostly automated by 2028.")
    editor.locator("#id_change_reason").fill("Newer NHS pilot figures")
    editor.get_by_role("button", name="Save for review", exact=True).click()
    expect(editor.get_by_text("as a pending revision")).to_be_visible()

    visitor.reload()
    expect(visitor.locator("body")).not_to_contain_text("mostly automated by 2028")
    role.refresh_from_db()
    assert role.timeline == old_timeline

    publisher = open_page()
    log_in(publisher, base, "pat")
    publisher.goto(f"{base}/admin/editorial/pendingrevision/")
    assert axe_problems(publisher) == []
    publisher.get_by_role("link", name=str(role)).click()
    expect(publisher.locator("#content")).to_contain_text("Routine coding mostly automated by 2028.")
    assert axe_problems(publisher) == []
    publisher.set_viewport_size({"width": 320, "height": 800})
    assert publisher.evaluate("document.documentElement.scrollWidth") <= 320  # reflows on a phone
    publisher.set_viewport_size({"width": 1280, "height": 900})
    publisher.get_by_label("Public note").fill("Timeline updated after new NHS pilots.")
    publisher.get_by_role("button", name="Publish this revision").focus()
    publisher.keyboard.press("Enter")  # by keyboard
    expect(publisher.get_by_text("the public page shows it now")).to_be_visible()

    visitor.reload()
    expect(visitor.locator("body")).to_contain_text("Routine coding mostly automated by 2028.")
    expect(visitor.locator("body")).not_to_contain_text("Newer NHS pilot figures")
