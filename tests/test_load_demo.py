"""`make run` loads the demo content on every start: it must never undo staff work or pile up versions."""

import shutil
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from careers.models import Career
from documents.management.commands import load_demo as command
from editorial.content_version import content_version
from scoring.models import Assessment, Task
from scoring.move_models import MoveChoice, SaferMove
from tests.factories import edit_post, logged_in, make_staff

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def versions() -> int:
    models = [Assessment, Career, Task]
    return sum(model.history.count() for model in models)


@pytest.fixture
def demo(db):
    return run()


def test_a_rerun_writes_nothing(demo):
    before_versions, before_content = versions(), content_version().current()
    report = run()
    assert versions() == before_versions
    assert content_version().current() == before_content
    assert "already up to date" in report and "added" not in report


def test_a_staff_edit_survives_a_restart(demo, client):
    role = Assessment.objects.get(slug="clinical-coder-nhs")
    logged_in(client, make_staff("boss", superuser=True))
    scores = [task.score for task in role.tasks.all()]
    scores[0] = 1 if scores[0] != 1 else 2
    response = client.post(f"/admin/scoring/assessment/{role.pk}/change/", edit_post(role, scores=scores))
    assert response.status_code == 302, response.content.decode()[:2000]
    edited = list(Task.objects.filter(assessment=role).values_list("score", flat=True))
    assert edited == scores
    report = run()
    assert list(Task.objects.filter(assessment=role).values_list("score", flat=True)) == scores
    assert "Kept “Clinical Coder (NHS)”: edited by staff" in report
    run()  # and again: still kept, still no new version
    assert list(Task.objects.filter(assessment=role).values_list("score", flat=True)) == scores


def test_a_changed_demo_document_updates_an_untouched_item(demo, tmp_path, monkeypatch):
    folders = []
    for folder in command.DEMO_FOLDERS:
        copy = tmp_path / folder.name
        shutil.copytree(folder, copy)
        folders.append(copy)
    monkeypatch.setattr(command, "DEMO_FOLDERS", folders)
    document = folders[1] / "clinical-coder-nhs.txt"
    text = document.read_text()
    assert "updated" not in run()  # the same text: nothing to do
    document.write_text(text.replace("Assessor override to 22.4/100", "Assessor override to 22.9/100"))
    report = run()
    assert "1 updated" in report
    assert Assessment.objects.get(slug="clinical-coder-nhs").score == Decimal("22.9")


def test_a_changed_demo_document_leaves_an_item_with_a_pending_revision(demo, tmp_path, monkeypatch, client):
    """An Editor's revision of a live demo page is staff work too: a restart must not make it stale."""
    folders = []
    for folder in command.DEMO_FOLDERS:
        shutil.copytree(folder, tmp_path / folder.name)
        folders.append(tmp_path / folder.name)
    monkeypatch.setattr(command, "DEMO_FOLDERS", folders)
    role = Assessment.objects.get(slug="clinical-coder-nhs")
    logged_in(client, make_staff("ed", "Editors"))
    revised = client.post(f"/admin/scoring/assessment/{role.pk}/change/", edit_post(role, timeline="Revised."))
    assert revised.status_code == 302
    document = folders[1] / "clinical-coder-nhs.txt"
    document.write_text(document.read_text().replace("Assessor override to 22.4/100", "Assessor override to 22.9/100"))
    report = run()
    assert "Kept “Clinical Coder (NHS)”" in report
    assert Assessment.objects.get(slug="clinical-coder-nhs").edit_version == role.edit_version


def test_reset_puts_the_demo_back_with_a_version(demo, client):
    role = Assessment.objects.get(slug="clinical-coder-nhs")
    Assessment.objects.filter(pk=role.pk).update(job_title="Changed by hand")
    role.refresh_from_db()
    role._change_reason = "Staff edit"
    role.save()
    assert "Kept" in run()
    report = run("--reset")
    role.refresh_from_db()
    assert role.job_title == "Clinical Coder (NHS)"
    assert "reset" in report
    assert role.history.first().history_change_reason.endswith("(reset)")
    assert "already up to date" in run() and "Kept" not in run()


def test_a_rerun_keeps_pinned_and_hidden_moves_and_the_stored_moves(demo):
    role, pinned, hidden = Assessment.objects.order_by("slug")[:3]
    MoveChoice.objects.create(role=role, target=pinned, choice=MoveChoice.Choice.PIN, reason="Editors' pick")
    MoveChoice.objects.create(role=role, target=hidden, choice=MoveChoice.Choice.HIDE, reason="Not a real move")
    stored = list(SaferMove.objects.order_by("pk").values_list("pk", "role", "target", "rank"))
    run()
    choices = set(MoveChoice.objects.values_list("target", "choice"))
    assert choices == {(pinned.pk, "pin"), (hidden.pk, "hide")}
    assert list(SaferMove.objects.order_by("pk").values_list("pk", "role", "target", "rank")) == stored
