"""The public score history shows notes written for the public: never an internal reason, a staff
name or a file name."""

import pytest
from django.test import Client
from django.urls import reverse

from documents.importer import import_text
from scoring.models import DEFAULT_PUBLIC_NOTE, Assessment
from tests.factories import BAKER, assessment_post, change_url, edit_post, logged_in, make_staff

pytestmark = pytest.mark.django_db


def history_cells(slug: str) -> str:
    page = Client().get(f"/roles/{slug}/").content.decode()
    return page[page.index('id="score-history"') :]


def test_an_internal_reason_never_reaches_the_public_page(client):
    editor = logged_in(client, make_staff("ed", "Editors"))
    editor.post(reverse("admin:scoring_assessment_add"), assessment_post(change_reason="try publish"))
    role = Assessment.objects.get()
    publisher = logged_in(Client(), make_staff("pub", "Publishers"))
    publisher.post(
        reverse("admin:scoring_assessment_changelist"), {"action": "publish_selected", "_selected_action": [role.pk]}
    )
    history = history_cells(role.slug)
    assert DEFAULT_PUBLIC_NOTE in history
    assert "try publish" not in history and "ed" not in history.split("<td>")
    assert role.snapshots.get().reason == "try publish"  # kept for staff


def test_a_publisher_writes_the_public_note_when_publishing(client):
    publisher = logged_in(client, make_staff("pub", "Publishers"))
    form = publisher.get(reverse("admin:scoring_assessment_add")).content.decode()
    assert 'name="public_note"' in form
    publisher.post(
        reverse("admin:scoring_assessment_add"),
        assessment_post(
            status="published", change_reason="quick fix per Sam", public_note="Updated with 2026 NHS data."
        ),
    )
    role = Assessment.objects.get()
    history = history_cells(role.slug)
    assert "Updated with 2026 NHS data." in history and "quick fix per Sam" not in history


def test_editors_are_not_offered_a_public_note(client):
    editor = logged_in(client, make_staff("ed", "Editors"))
    assert 'name="public_note"' not in editor.get(reverse("admin:scoring_assessment_add")).content.decode()


def test_an_import_never_shows_its_file_name(client):
    import_text(BAKER, "secret-folder-notes-v3.txt", publish=True)
    history = history_cells("test-baker-artisan")
    assert "secret-folder-notes-v3" not in history and DEFAULT_PUBLIC_NOTE in history


def test_a_new_published_score_from_the_form_gets_its_own_note(client):
    publisher = logged_in(client, make_staff("pub", "Publishers"))
    import_text(BAKER, "baker.txt", publish=True)
    role = Assessment.objects.get()
    post = edit_post(role, reason="internal: Jo asked", public_note="Evidence refreshed.", score_override="38.0")
    response = publisher.post(change_url(role), post)
    assert response.status_code == 302
    notes = [snapshot.public_note for snapshot in role.snapshots.all()]
    assert notes[0] == "Evidence refreshed." and "internal: Jo asked" not in history_cells(role.slug)
