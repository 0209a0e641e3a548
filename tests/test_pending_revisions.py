"""Editors correct live pages through a pending revision; the public page stays as it is until a Publisher publishes."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from careers.models import Career
from editorial.content_version import content_version
from editorial.revisions import PendingRevision
from scoring.models import Assessment
from tests.factories import change_url, edit_post, import_document, logged_in, make_assessment, make_staff

pytestmark = pytest.mark.django_db

NEW_TIMELINE = "Most routine coding automated by 2027."


@pytest.fixture
def role():
    return make_assessment(status="published", timeline="Within five years.")


@pytest.fixture
def editor():
    return logged_in(Client(), make_staff("ed", "Editors"))


@pytest.fixture
def publisher():
    return logged_in(Client(), make_staff("pub", "Publishers"))


def page_text(client, url) -> str:
    return client.get(url, follow=True).content.decode()


def revision_version(client, role) -> str:
    found = re.search(r'name="opened_revision" value="(\d*)"', page_text(client, change_url(role)))
    return found.group(1) if found else ""


def review_url(revision) -> str:
    return reverse("admin:editorial_pendingrevision_change", args=[revision.pk])


def public_views(slug) -> str:
    anonymous = Client()
    pages = [f"/roles/{slug}/", "/roles.json", "/roles.csv", "/roles/?q=coder", "/sitemap-roles.xml"]
    return "".join(anonymous.get(url).content.decode() for url in pages)


def test_an_editor_edits_a_live_page_as_a_revision_and_the_public_sees_nothing(editor, role):
    before_public, before_version = public_views(role.slug), content_version().current()
    form = page_text(editor, change_url(role))
    assert "Save for review" in form and "This page is live" in form
    response = editor.post(change_url(role), edit_post(role, timeline=NEW_TIMELINE, alternative_titles="Zebra coder"))
    assert response.status_code == 302
    revision = PendingRevision.objects.get()
    assert revision.reason == "Checked against the latest data" and revision.author.username == "ed"
    role.refresh_from_db()
    assert role.timeline == "Within five years." and NEW_TIMELINE not in public_views(role.slug)
    assert public_views(role.slug) == before_public
    assert content_version().current() == before_version  # no cached page was retired
    assert Assessment.objects.get(pk=role.pk).edit_version == role.edit_version


def test_the_search_never_finds_a_pending_name(editor, role):
    editor.post(change_url(role), edit_post(role, alternative_titles="Zebra wrangler"))
    assert PendingRevision.objects.exists()
    results = Client().get("/roles/?q=zebra+wrangler").content.decode()
    assert role.job_title not in results


def test_reopening_continues_the_revision_and_a_second_editor_is_told(editor, role):
    editor.post(change_url(role), edit_post(role, timeline=NEW_TIMELINE))
    again = page_text(editor, change_url(role))
    assert NEW_TIMELINE in again and "You are continuing the pending revision saved by ed" in again
    other = logged_in(Client(), make_staff("eve", "Editors"))
    seen = revision_version(other, role)
    page = page_text(other, change_url(role))
    assert "continuing the pending revision saved by ed" in page and NEW_TIMELINE in page
    assert other.post(change_url(role), edit_post(role, timeline=NEW_TIMELINE, quick_screen="Eve's screen.",
                                                  opened_revision=seen)).status_code == 302  # fmt: skip
    revision = PendingRevision.objects.get()
    assert revision.version == 2 and revision.data["quick_screen"] == ["Eve's screen."]


def test_a_save_from_an_older_revision_form_is_refused_and_loses_nothing(editor, role):
    editor.post(change_url(role), edit_post(role, timeline=NEW_TIMELINE))
    other = logged_in(Client(), make_staff("eve", "Editors"))
    seen_by_ed, seen_by_eve = revision_version(editor, role), revision_version(other, role)
    assert (
        other.post(change_url(role), edit_post(role, quick_screen="Eve's.", opened_revision=seen_by_eve)).status_code
        == 302
    )
    refused = editor.post(change_url(role), edit_post(role, timeline="Ed again.", opened_revision=seen_by_ed))
    page = refused.content.decode()
    assert refused.status_code == 200 and "Someone else saved the pending revision of this page by eve" in page
    assert "Ed again." in page  # the typed form is kept
    assert PendingRevision.objects.get().data["quick_screen"] == ["Eve's."]


def test_an_invalid_revision_is_refused_and_nothing_is_stored(editor, role):
    response = editor.post(change_url(role), edit_post(role, times=[50, 25, 20, 10, 10, 10, 5]))
    assert response.status_code == 200 and "errornote" in response.content.decode()
    assert not PendingRevision.objects.exists()


def test_a_publisher_reviews_the_diff_with_the_score_move_and_publishes(editor, publisher, role):
    scores = [task.score for task in role.tasks.all()]
    scores[0] = 1
    editor.post(change_url(role), edit_post(role, timeline=NEW_TIMELINE, scores=scores, score_override="",
                                            override_reason="", reason="internal: per Sam's email"))  # fmt: skip
    revision = PendingRevision.objects.get()
    assert revision.title == str(role)
    listed = page_text(publisher, reverse("admin:editorial_pendingrevision_changelist"))
    assert str(role) in listed and "Waiting for review" in listed
    review = page_text(publisher, review_url(revision))
    assert "Timeline" in review and "Within five years." in review and NEW_TIMELINE in review
    move = re.sub(r"<[^>]+>", "", review[review.index('class="score-move"') :].split("</p>")[0])
    assert "22.4 Red (Displacing) → 21.2 Red (Displacing) (-1.2 points)" in move
    assert "task: Reading clinical documentation" in review and "Score: 4 → 1" in review
    done = publisher.post(
        reverse("admin:editorial_pendingrevision_publish", args=[revision.pk]), {"public_note": "Task scores checked."}
    )
    assert done.status_code == 302 and not PendingRevision.objects.exists()
    role.refresh_from_db()
    assert role.timeline == NEW_TIMELINE and role.score != 22.4 and role.is_published
    public = Client().get(f"/roles/{role.slug}/").content.decode()
    assert NEW_TIMELINE in public and "Task scores checked." in public
    assert "per Sam" not in public
    assert "revision by ed" in role.history.first().history_change_reason


def test_sending_back_shows_the_note_to_the_editor(editor, publisher, role):
    editor.post(change_url(role), edit_post(role, timeline=NEW_TIMELINE))
    revision = PendingRevision.objects.get()
    url = reverse("admin:editorial_pendingrevision_send_back", args=[revision.pk])
    assert publisher.post(url, {"note": "Cite the 2026 audit."}).status_code == 302
    revision.refresh_from_db()
    assert revision.state == PendingRevision.State.SENT_BACK
    assert "Cite the 2026 audit." in page_text(editor, change_url(role))
    editor.post(change_url(role), edit_post(role, timeline=NEW_TIMELINE + " Audit.",
                                            opened_revision=str(revision.version)))  # fmt: skip
    revision.refresh_from_db()
    assert revision.state == PendingRevision.State.PENDING


def test_a_stale_revision_is_not_published_over_a_later_live_change(editor, publisher, role):
    editor.post(change_url(role), edit_post(role, timeline=NEW_TIMELINE))
    revision = PendingRevision.objects.get()
    assert (
        publisher.post(
            change_url(role), edit_post(role, quick_screen="Publisher's fix.", timeline=role.timeline)
        ).status_code
        == 302
    )
    assert "There is a pending revision" in page_text(publisher, change_url(role))
    assert "The live page has changed since this revision was started" in page_text(publisher, review_url(revision))
    refused = publisher.post(reverse("admin:editorial_pendingrevision_publish", args=[revision.pk]), follow=True)
    assert "not published" in refused.content.decode()
    role.refresh_from_db()
    assert role.quick_screen == "Publisher's fix." and role.timeline == "Within five years."
    reopened = page_text(editor, change_url(role))
    assert "The live page has changed since this revision was started" in reopened and "Publisher" in reopened


def test_editors_still_cannot_restore_or_publish_a_live_page_directly(editor, role):
    record = role.history.order_by("history_date").first()
    restore = reverse("admin:scoring_assessment_restore", args=[role.pk, record.history_id])
    assert editor.post(restore).status_code == 403
    editor.post(change_url(role), edit_post(role, timeline=NEW_TIMELINE))
    revision = PendingRevision.objects.get()
    assert editor.post(reverse("admin:editorial_pendingrevision_publish", args=[revision.pk])).status_code == 403
    assert PendingRevision.objects.exists()


def test_only_one_revision_per_item_and_it_goes_with_the_item(editor, publisher, role):
    editor.post(change_url(role), edit_post(role, timeline=NEW_TIMELINE))
    editor.post(change_url(role), edit_post(role, timeline="Second go.", opened_revision="1"))
    assert PendingRevision.objects.count() == 1
    publisher.post(reverse("admin:scoring_assessment_delete", args=[role.pk]), {"post": "yes"})
    assert not PendingRevision.objects.exists()


def test_the_lists_filter_by_pending_revision(editor, role):
    other = make_assessment("Medical Coder (US)", status="published")
    editor.post(change_url(role), edit_post(role, timeline=NEW_TIMELINE))
    listed = page_text(editor, reverse("admin:scoring_assessment_changelist") + "?revision=pending")
    assert str(role) in listed and str(other) not in listed
    unlisted = page_text(editor, reverse("admin:scoring_assessment_changelist") + "?revision=none")
    assert str(other) in unlisted and f">{role}<" not in unlisted


def test_a_live_career_is_revised_and_published_too(editor, publisher):
    import_document("baker-career.txt", publish=True)
    career = Career.objects.get()
    url = reverse("admin:careers_career_change", args=[career.pk])
    form = {
        "title": career.title, "slug": career.slug, "summary": "Bread by hand, at dawn.",
        "ai_risk": career.ai_risk, "entry_difficulty": career.entry_difficulty, "training_time": career.training_time,
        "qualifications": career.qualifications, "career_change": career.career_change,
        "what_you_do": career.what_you_do, "why_resilient": career.why_resilient, "typical_day": career.typical_day,
        "training_costs": career.training_costs, "pay_note": career.pay_note, "change_reason": "Clearer summary",
        "opened_version": str(career.edit_version),
        "routes-TOTAL_FORMS": "0", "routes-INITIAL_FORMS": "0", "pay_bands-TOTAL_FORMS": "0",
        "pay_bands-INITIAL_FORMS": "0",
    }  # fmt: skip
    old_summary = career.summary
    assert editor.post(url, form).status_code == 302
    career.refresh_from_db()
    assert career.summary == old_summary
    assert "Bread by hand, at dawn." not in Client().get(f"/careers/{career.slug}/").content.decode()
    revision = PendingRevision.objects.get()
    assert "Bread by hand, at dawn." in page_text(publisher, review_url(revision))
    publisher.post(reverse("admin:editorial_pendingrevision_publish", args=[revision.pk]))
    career.refresh_from_db()
    assert career.summary == "Bread by hand, at dawn." and career.is_published


def test_a_revision_that_no_longer_fits_the_live_rows_is_explained_not_a_server_error(editor, publisher, role):
    editor.post(change_url(role), edit_post(role, timeline=NEW_TIMELINE))
    revision = PendingRevision.objects.get()
    role.tasks.first().delete()  # a row the revision still names has gone
    review = publisher.get(review_url(revision))
    assert review.status_code == 200 and "cannot be shown as a change or published" in review.content.decode()
    refused = publisher.post(reverse("admin:editorial_pendingrevision_publish", args=[revision.pk]), follow=True)
    assert refused.status_code == 200 and "not published" in refused.content.decode()
    assert PendingRevision.objects.exists()


def test_odd_addresses_and_posts_on_the_revision_pages_never_fail(editor, publisher, role):
    editor.post(change_url(role), edit_post(role, timeline=NEW_TIMELINE))
    revision = PendingRevision.objects.get()
    assert publisher.get("/admin/editorial/pendingrevision/abc/change/").status_code in (302, 404)
    assert publisher.get("/admin/editorial/pendingrevision/999/change/").status_code == 404
    assert publisher.get(reverse("admin:editorial_pendingrevision_publish", args=[revision.pk])).status_code == 403
    empty = publisher.post(reverse("admin:editorial_pendingrevision_send_back", args=[revision.pk]), {"note": " "})
    assert empty.status_code == 302 and PendingRevision.objects.get().state == PendingRevision.State.PENDING
    assert Client().get(review_url(revision)).status_code == 302  # the public are sent to sign in


def test_line_breaks_as_browsers_post_them_are_no_change(editor, publisher):
    role = make_assessment(status="published", timeline="Soon.\nThen later.", quick_screen="Routine.\nMostly.")
    typed = edit_post(role, timeline="Soon.\r\nThen much later.", quick_screen="Routine.\r\nMostly.")
    editor.post(change_url(role), typed)
    revision = PendingRevision.objects.get()
    review = page_text(publisher, review_url(revision))
    fields = review[review.index("<h2>Fields</h2>") : review.index("<h2>Rows</h2>")]
    assert "Then much later." in fields and "Quick screen" not in fields
