"""manage.py recompute_scores: after a methodology change every public view shows the new scores."""

import json
import re
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from jobzone_site import context
from scoring import aijri
from scoring.models import DEFAULT_PUBLIC_NOTE, Assessment, ScoreSnapshot
from tests.factories import make_assessment

pytestmark = pytest.mark.django_db
REASON = "Methodology recalculation"
MOVE = "clinical-coder-nhs: 22.4 Red (Displacing) -> 22.4 Yellow (Urgent)"


@pytest.fixture
def coder(db):
    role = make_assessment()  # published, 22.4 Red (Displacing)
    role.record_publication("First published")
    return role


def yellow_from_20(monkeypatch):
    """A methodology change: Yellow now starts at 20, so the 22.4 Clinical Coder is Yellow (Urgent)."""
    monkeypatch.setattr(aijri, "YELLOW_MIN", Decimal("20"))
    monkeypatch.setitem(context.RULES, "yellow_min", Decimal("20"))
    monkeypatch.setitem(context.THRESHOLDS, "yellow", 20)
    monkeypatch.setitem(context.THRESHOLDS, "yellow_width", int(aijri.GREEN_MIN) - 20)


def recompute(*args) -> str:
    out = StringIO()
    call_command("recompute_scores", *args, stdout=out)
    return out.getvalue()


def listed(client, url) -> list[str]:
    return re.findall(r'class="role-title" href="/roles/([^/]+)/"', client.get(url).content.decode())


def history_rows(page: str) -> list[str]:
    section = page.split('id="score-history"', 1)[1].split("</section>", 1)[0]
    return re.findall(r"<tr><td>.*?</tr>", section, re.S)


def test_new_threshold_moves_the_role_everywhere_and_records_why(
    client, coder, monkeypatch, django_capture_on_commit_callbacks
):
    assert listed(client, "/roles/?zone=red") == ["clinical-coder-nhs"]  # the zone counts are now cached
    yellow_from_20(monkeypatch)

    with django_capture_on_commit_callbacks(execute=True):  # as in production, the commit retires cached pages
        out = recompute()

    assert MOVE in out
    assert "1 of 1 assessment(s) recalculated; 1 with a new score, zone or sub-label." in out
    page = client.get("/roles/clinical-coder-nhs/").content.decode()
    assert "AI risk score 22.4 (Yellow (Urgent))" in page
    assert "<strong>Yellow:</strong>" in page
    newest, first = history_rows(page)
    # The public history says so in public words; the staff reason stays in the admin.
    assert "Yellow (Urgent)" in newest and "<td>Recalculated after a change to the scoring method.</td>" in newest
    assert "Red (Displacing)" in first and f"<td>{DEFAULT_PUBLIC_NOTE}</td>" in first and REASON not in page
    assert listed(client, "/roles/?zone=yellow") == ["clinical-coder-nhs"]
    assert listed(client, "/roles/?zone=red") == []
    [row] = json.loads(client.get("/roles.json").content)["roles"]
    assert (row["slug"], row["score"], row["zone"], row["sub_label"]) == (coder.slug, 22.4, "yellow", "Urgent")
    assert coder.history.first().history_change_reason == REASON
    assert coder.history.first().zone == "yellow"


def test_dry_run_prints_the_move_and_changes_nothing(client, coder, monkeypatch):
    yellow_from_20(monkeypatch)
    versions, snapshots = coder.history.count(), ScoreSnapshot.objects.count()

    out = recompute("--dry-run")

    assert MOVE in out and "nothing saved" in out
    coder.refresh_from_db()
    assert (coder.score, coder.zone, coder.sub_label) == (Decimal("22.4"), "red", "Displacing")
    assert coder.history.count() == versions and ScoreSnapshot.objects.count() == snapshots
    assert listed(client, "/roles/?zone=red") == ["clinical-coder-nhs"]


def test_a_role_that_does_not_move_gets_no_new_version(coder, monkeypatch):
    formula = make_assessment(
        "Clinical Coder (formula)",
        slug="clinical-coder-formula",
        score_override=None,
        override_reason="",
        resistance_adjustment=None,
        adjustment_reason="",
    )  # 27.3 Yellow: Yellow under either threshold
    formula.record_publication("First published")
    versions, snapshots = formula.history.count(), formula.snapshots.count()
    yellow_from_20(monkeypatch)

    out = recompute()

    assert "clinical-coder-formula" not in out
    assert "1 of 2 assessment(s) recalculated; 1 with a new score, zone or sub-label." in out
    assert formula.history.count() == versions and formula.snapshots.count() == snapshots
    assert coder.history.first().history_change_reason == REASON


def test_running_again_changes_nothing(coder, monkeypatch):
    yellow_from_20(monkeypatch)
    recompute()
    versions = coder.history.count()

    assert "0 of 1 assessment(s) recalculated" in recompute()
    assert coder.history.count() == versions


def test_a_stale_modifier_is_saved_without_a_score_line(coder):
    Assessment.objects.filter(pk=coder.pk).update(barrier_modifier=Decimal("2.00"))
    snapshots = coder.snapshots.count()

    out = recompute()

    assert "clinical-coder-nhs" not in out
    assert "1 of 1 assessment(s) recalculated; 0 with a new score, zone or sub-label." in out
    coder.refresh_from_db()
    assert coder.barrier_modifier == coder.compute().barrier_modifier != Decimal("2.00")
    assert coder.history.first().history_change_reason == REASON
    assert coder.snapshots.count() == snapshots  # the published score did not move


def test_a_draft_that_moves_is_saved_but_has_no_public_history(db, monkeypatch):
    draft = make_assessment(status="draft")
    yellow_from_20(monkeypatch)

    assert MOVE in recompute()

    draft.refresh_from_db()
    assert draft.zone == "yellow" and draft.history.first().history_change_reason == REASON
    assert not draft.snapshots.exists()


def test_check_passes_when_stored_figures_match_the_engine(coder):
    assert "All 1 assessment(s) match the engine." in recompute("--check")


def test_check_fails_on_stale_stored_figures_and_saves_nothing(coder):
    fresh = make_assessment("Fresh Role", slug="fresh-role")
    Assessment.objects.filter(pk=coder.pk).update(score=Decimal("50.0"), zone="yellow")
    versions = coder.history.count()

    with pytest.raises(CommandError) as failure:
        recompute("--check")

    message = str(failure.value)
    assert "1 of 2 assessment(s)" in message
    assert "clinical-coder-nhs: score 50.0 -> 22.4, zone yellow -> red" in message
    assert fresh.slug not in message
    coder.refresh_from_db()
    assert (coder.score, coder.zone) == (Decimal("50.0"), "yellow") and coder.history.count() == versions


def test_check_fails_after_a_methodology_change_until_recomputed(coder, monkeypatch):
    yellow_from_20(monkeypatch)

    with pytest.raises(CommandError, match="clinical-coder-nhs: zone red -> yellow, sub_label Displacing -> Urgent"):
        recompute("--check")

    recompute()

    assert "All 1 assessment(s) match the engine." in recompute("--check")


def test_check_and_dry_run_cannot_be_combined():
    with pytest.raises(CommandError):
        recompute("--check", "--dry-run")
