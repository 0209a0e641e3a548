"""Editors and Publishers in the admin: rights, history, revert, restore, warnings, import, export."""

import io
import zipfile
from decimal import Decimal
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from careers.models import Career
from documents.importer import import_text
from scoring.models import DEFAULT_PUBLIC_NOTE, Assessment, ScoreSnapshot, Task
from tests.factories import (
    BAKER,
    FORMULA_ONLY,
    assessment_post,
    change_url,
    edit_post,
    import_document,
    logged_in,
    make_assessment,
    make_career,
    make_staff,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    return logged_in(client, make_staff("editors", "Editors"))


@pytest.fixture
def publisher(client):
    return logged_in(client, make_staff("publishers", "Publishers"))


def action(client, name, *roles):
    return client.post(
        reverse("admin:scoring_assessment_changelist"),
        {"action": name, "_selected_action": [r.pk for r in roles]},
    )


# --- rights ---------------------------------------------------------------------------------


def test_editor_creates_drafts_but_cannot_publish_by_form(editor):
    response = editor.post(reverse("admin:scoring_assessment_add"), assessment_post(status="published"))
    assert response.status_code == 302
    assert Assessment.objects.get().status == "draft"


def test_editors_publish_action_is_refused(editor):
    role = make_assessment(status="draft")
    action(editor, "publish_selected", role)
    role.refresh_from_db()
    assert role.status == "draft"
    assert not ScoreSnapshot.objects.exists()


def test_editor_cannot_change_or_delete_a_published_assessment_directly(editor):
    role = make_assessment(status="published")
    revised = editor.post(change_url(role), edit_post(role, times=[10, 35, 20, 10, 10, 10, 5]))
    assert revised.status_code == 302  # kept as a pending revision (tests/test_pending_revisions.py)
    assert editor.post(reverse("admin:scoring_assessment_delete", args=[role.pk]), {"post": "yes"}).status_code == 403
    assert [task.time_pct for task in role.tasks.all()][:2] == [20, 25]  # the live page is unchanged


def test_editor_edits_a_draft(editor):
    role = make_assessment(status="draft", score_override=None, override_reason="")
    response = editor.post(change_url(role), edit_post(role, times=[10, 35, 20, 10, 10, 10, 5], score_override="",
                                                        override_reason=""))  # fmt: skip
    assert response.status_code == 302
    role.refresh_from_db()
    assert role.weighted_total == Decimal("3.20")  # 10×4 + 35×4 … the same total, different mix
    assert role.status == "draft"


def test_publisher_publishes_and_the_public_sees_the_score_and_its_history(publisher, client):
    role = make_assessment(status="draft")
    role._change_reason = "Evidence refreshed for 2026"
    role.save()
    action(publisher, "publish_selected", role)
    role.refresh_from_db()
    assert role.status == "published"
    snapshot = role.snapshots.get()
    assert (snapshot.score, snapshot.zone, snapshot.sub_label) == (Decimal("22.4"), "red", "Displacing")
    assert snapshot.reason == "Evidence refreshed for 2026"  # kept for staff
    publisher.logout()
    page = publisher.get(role.get_absolute_url()).content.decode()
    assert "Score history" in page and DEFAULT_PUBLIC_NOTE in page  # the public sees a public note
    assert "Evidence refreshed for 2026" not in page


def test_publisher_unpublishes_and_the_page_disappears(publisher):
    role = make_assessment(status="published")
    action(publisher, "unpublish_selected", role)
    role.refresh_from_db()
    assert role.status == "draft"
    publisher.logout()
    assert publisher.get(role.get_absolute_url()).status_code == 404


def test_draft_is_404_for_the_public_and_previewed_for_staff(editor, client):
    role = make_assessment(status="draft")
    page = editor.get(role.get_absolute_url())
    assert page.status_code == 200 and "Draft preview" in page.content.decode()
    editor.logout()
    assert editor.get(role.get_absolute_url()).status_code == 404


# --- history ------------------------------------------------------------------------------------


def test_every_save_is_a_version_with_who_and_why_and_can_be_compared_and_reverted(publisher):
    role = make_assessment(status="published", score_override=None, override_reason="")
    publisher.post(change_url(role), edit_post(role, reason="First check", **FORMULA_ONLY))
    role.refresh_from_db()  # the next form is opened at the version just saved
    publisher.post(
        change_url(role),
        edit_post(role, reason="Coding is now mostly automated", times=[40, 25, 10, 5, 10, 5, 5], **FORMULA_ONLY),
    )
    role.refresh_from_db()
    assert role.weighted_total == Decimal("3.45") and role.score == Decimal("24.3")
    versions = list(role.history.order_by("-history_date", "-history_id"))
    assert [v.history_change_reason for v in versions[:2]] == ["Coding is now mostly automated", "First check"]
    assert versions[0].history_user.username == "publishers"

    page = publisher.get(reverse("admin:scoring_assessment_versions", args=[role.pk])).content.decode()
    assert "Coding is now mostly automated" in page and "First check" in page

    compare = publisher.get(
        reverse("admin:scoring_assessment_compare", args=[role.pk]),
        {"version": [versions[0].history_id, versions[1].history_id]},
    ).content.decode()
    assert "Score:</strong> 27.3 yellow Urgent\n → 24.3 red Displacing" in compare
    assert "Reading clinical documentation" in compare and "Time %: 20.0 → 40.0" in compare

    publisher.post(reverse("admin:scoring_assessment_restore", args=[role.pk, versions[1].history_id]))
    role.refresh_from_db()
    assert role.weighted_total == Decimal("3.20") and role.score == Decimal("27.3")
    assert [t.time_pct for t in role.tasks.all()] == [20, 25, 20, 10, 10, 10, 5]
    assert role.status == "published"
    assert [s.score for s in role.snapshots.all()][:2] == [Decimal("27.3"), Decimal("24.3")]
    assert "Reverted to the version of" in role.snapshots.first().reason


def test_deleted_assessment_is_restored_with_its_rows(publisher):
    role = make_assessment(status="published")
    role.record_publication("First published")
    pk = role.pk
    assert publisher.post(reverse("admin:scoring_assessment_delete", args=[pk]), {"post": "yes"}).status_code == 302
    assert not Assessment.objects.filter(pk=pk).exists() and not Task.objects.exists()
    deleted = publisher.get(reverse("admin:scoring_assessment_deleted")).content.decode()
    assert "Restore Clinical Coder (NHS)" in deleted
    deletion = Assessment.history.get(id=pk, history_type="-")
    publisher.post(reverse("admin:scoring_assessment_restore_deleted", args=[deletion.history_id]))
    restored = Assessment.objects.get(pk=pk)
    assert restored.status == "draft" and restored.score == Decimal("22.4")
    assert restored.tasks.count() == 7 and restored.evidence.count() == 5 and restored.barriers.count() == 5
    assert restored.snapshots.get().reason == "First published"


def test_deleted_career_is_restored_with_routes_and_bands(publisher):
    import_document("baker-career.txt")
    career = Career.objects.get()
    pk = career.pk
    publisher.post(reverse("admin:careers_career_delete", args=[pk]), {"post": "yes"})
    assert not Career.objects.exists()
    deletion = Career.history.get(id=pk, history_type="-")
    publisher.post(reverse("admin:careers_career_restore_deleted", args=[deletion.history_id]))
    career = Career.objects.get(pk=pk)
    assert career.routes.count() == 2 and career.pay_bands.count() == 3


# --- validation and warnings ------------------------------------------------------------------


def test_an_invalid_change_changes_nothing(publisher):
    role = make_assessment(status="published")
    response = publisher.post(change_url(role), edit_post(role, times=[20, 25, 20, 10, 10, 10, 1]))
    assert response.status_code == 200
    assert "Task time must total 100% (it totals 96%)." in response.content.decode()
    role.refresh_from_db()
    assert [t.time_pct for t in role.tasks.all()] == [20, 25, 20, 10, 10, 10, 5]


def test_a_change_needs_a_reason(publisher):
    role = make_assessment(status="published")
    response = publisher.post(change_url(role), edit_post(role, reason=""))
    assert response.status_code == 200 and "This field is required." in response.content.decode()


def test_warnings_are_listed_counted_and_filterable(publisher):
    career = make_career(ai_risk="low")
    role = make_assessment(career=career, score_override=Decimal("28.0"), override_reason="Because")
    role.not_roles.create(role_name="Nobody Here")
    role.save()
    # 28.0 is Yellow: a Low-risk career is no mismatch, so these three are the whole list
    assert [warning.split(" ", 3)[:3] for warning in role.warnings] == [
        ["The", "override", "(28.0)"],
        ["“What", "this", "role"],
        ["Tasks", "with", "no"],
    ]
    text = "\n".join(role.warnings)
    assert "The override (28.0) is 6.8 points from the formula score (21.2)" in text
    assert "link to no role: Nobody Here" in text
    assert "Tasks with no rationale" in text
    assert role.warning_count == 3
    role.score_override, role.override_reason = Decimal("22.4"), "Because"
    role.save()
    assert role.warnings[0] == "The career profile “Clinical Coder” says AI risk is Low, but this assessment is Red."
    assert role.warning_count == 3  # the override is now within 5 points of the formula score
    clean = make_assessment("Clean Role", slug="clean-role", tasks=[("Done well", 100, 1, "not_involved")])
    Task.objects.filter(assessment=clean).update(rationale="Hands on.")
    clean.score_override, clean.override_reason = None, ""
    clean.save()
    assert clean.warning_count == 0
    listing = publisher.get(reverse("admin:scoring_assessment_changelist"), {"warnings": "yes"}).content.decode()
    assert "Clinical Coder (NHS)" in listing and "Clean Role" not in listing
    change_page = publisher.get(change_url(role)).content.decode()
    assert "Warnings (not blocking)" in change_page and "Nobody Here" in change_page


def test_import_warnings_show_on_the_assessment(publisher):
    import_text(BAKER.replace("| Total | 100% | 2.85 |", "| Total | 100% | 2.95 |"), "wrong.txt")
    role = Assessment.objects.get(slug="test-baker-artisan")
    assert role.warning_count >= 1
    assert any("task weighted total is stated as 2.95" in w for w in role.warnings)


def test_list_view_query_count_does_not_grow_with_rows(publisher):
    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            assert publisher.get(reverse("admin:scoring_assessment_changelist")).status_code == 200
        return len(queries)

    for n in range(3):
        make_assessment(f"Role {n}", slug=f"role-{n}")
    few = count_queries()
    for n in range(3, 30):
        make_assessment(f"Role {n}", slug=f"role-{n}")
    assert count_queries() == few


# --- live calculation -------------------------------------------------------------------------------


def test_live_calculation_uses_the_engine_on_unsaved_values(editor):
    url = reverse("admin:scoring_assessment_calculation")
    page = editor.post(url, assessment_post(), HTTP_HX_REQUEST="true").content.decode()
    assert "<strong>Score 22.4</strong>" in page and "2.2235" in page and "<html" not in page
    broken = assessment_post()
    broken["tasks-0-time_pct"] = "15"
    page = editor.post(url, broken, HTTP_HX_REQUEST="true").content.decode()
    assert "Cannot compute the score yet: Task time must total 100% (it totals 95%)." in page
    broken["tasks-0-time_pct"] = "lots"
    assert "must be a number with at most one decimal place" in editor.post(url, broken).content.decode()


# --- import and export in the admin ----------------------------------------------------------------


def test_import_page_previews_then_saves_a_draft(editor):
    url = reverse("admin:scoring_assessment_import")
    preview = editor.post(url, {"text": BAKER}).content.decode()
    assert "Preview: Test Baker (Artisan)" in preview and "This will create a new draft assessment" in preview
    assert "37.0" in preview and "3.3696" in preview
    assert not Assessment.objects.exists()
    response = editor.post(url, {"text": BAKER, "confirm": "1", "publish": "on"})
    role = Assessment.objects.get(slug="test-baker-artisan")
    assert response.status_code == 302 and response["Location"] == change_url(role)
    assert role.status == "draft"  # an Editor's "publish" tick is ignored


def test_import_page_shows_what_an_update_changes_and_the_warnings(publisher):
    import_document("baker.txt")
    url = reverse("admin:scoring_assessment_import")
    changed = BAKER.replace("override to 37.0/100", "override to 39.0/100").replace("| 0.75 |", "| 0.70 |")
    preview = publisher.post(url, {"text": changed}).content.decode()
    assert "This will update the existing assessment" in preview
    assert "score: 37.0 → 39.0" in preview
    assert "task 4 weighted is stated as 0.70 but computes to 0.75" in preview
    publisher.post(url, {"text": changed, "confirm": "1", "publish": "on"})
    role = Assessment.objects.get(slug="test-baker-artisan")
    assert role.status == "published" and role.snapshots.get().score == Decimal("39.0")


@pytest.mark.parametrize(
    "upload, message",
    [
        (SimpleUploadedFile("big.txt", b"Role Definition\n" + b"x" * 1_100_000), "documents may be at most 1 MB"),
        (SimpleUploadedFile("photo.png", b"\x89PNG\r\n"), "Upload a plain text document"),
        (SimpleUploadedFile("binary.txt", b"\x00\x01\x02"), "not text"),
    ],
)
def test_import_page_refuses_bad_uploads(editor, upload, message):
    page = editor.post(reverse("admin:scoring_assessment_import"), {"upload": upload}).content.decode()
    assert message in page and not Assessment.objects.exists()


def test_import_page_errors_point_to_the_line(editor):
    page = editor.post(
        reverse("admin:scoring_assessment_import"), {"text": BAKER.replace("| 15% | 5 |", "| 15% | 7 |")}
    ).content.decode()
    assert "line 25: Task 4 score must be between 1 and 5 (got 7)" in page


def test_export_actions(publisher):
    one = make_assessment("Clinical Coder (NHS)")
    two = make_assessment("Second Role", slug="second-role")
    single = action(publisher, "export_documents", one)
    assert single["Content-Type"].startswith("text/plain") and single.content.decode().startswith("Role Definition")
    archive = zipfile.ZipFile(io.BytesIO(action(publisher, "export_documents", one, two).content))
    assert sorted(archive.namelist()) == ["clinical-coder-nhs.txt", "second-role.txt"]
    csv_text = action(publisher, "export_csv", one, two).content.decode()
    assert csv_text.splitlines()[0].startswith("slug,title,") and len(csv_text.splitlines()) == 3


def test_import_documents_publish_records_a_snapshot_per_new_score(tmp_path):
    path = tmp_path / "baker.txt"
    path.write_text(BAKER)
    call_command("import_documents", str(path), "--publish", stdout=StringIO())
    call_command("import_documents", str(path), "--publish", stdout=StringIO())  # same score: no new snapshot
    path.write_text(BAKER.replace("override to 37.0/100", "override to 36.0/100"))
    call_command("import_documents", str(path), "--publish", stdout=StringIO())
    role = Assessment.objects.get(slug="test-baker-artisan")
    assert [s.score for s in role.snapshots.all()] == [Decimal("36.0"), Decimal("37.0")]
    assert role.history.first().history_change_reason == "Imported from baker.txt"
    assert "/" not in role.snapshots.first().reason


def test_staff_without_rights_cannot_import(client):
    logged_in(client, make_staff("viewer"))
    response = client.post(reverse("admin:scoring_assessment_import"), {"text": BAKER, "confirm": "1"})
    assert response.status_code == 403 and not Assessment.objects.exists()


def test_an_editor_cannot_change_a_published_assessment_by_importing(editor):
    import_document("baker.txt", publish=True)
    changed = BAKER.replace("override to 37.0/100", "override to 12.0/100")
    page = editor.post(reverse("admin:scoring_assessment_import"), {"text": changed, "confirm": "1"})
    assert "only Publishers can change it" in page.content.decode()
    assert Assessment.objects.get(slug="test-baker-artisan").score == Decimal("37.0")


def test_editor_opens_a_published_assessment_to_revise_it(editor):
    role = make_assessment(status="published")
    page = editor.get(change_url(role)).content.decode()
    assert "Saved score: 22.4 (Red (Displacing))" in page
    assert 'value="Save for review"' in page and 'name="change_reason"' in page and 'name="status"' not in page


def test_career_versions_page_lists_imports(publisher):
    import_document("baker-career.txt")
    career = Career.objects.get()
    page = publisher.get(reverse("admin:careers_career_versions", args=[career.pk])).content.decode()
    assert "Imported from baker-career.txt" in page
