"""Safer moves: from every role, the published roles with a higher score where the person's work
carries over, with what it takes to get there and what it pays; worked out when content changes."""

import json
import re
from decimal import Decimal

import pytest

from scoring import moves
from scoring.models import Assessment, MoveChoice, SaferMove
from tests.factories import make_assessment

pytestmark = pytest.mark.django_db

ZONE_RANK = {"red": 0, "yellow": 1, "green": 2}


def section(client, slug) -> str:
    page = client.get(f"/roles/{slug}/").content.decode()
    start = page.index('id="safer-moves"')
    return page[start : page.index("</section>", start)]


def linked_roles(html) -> list[Assessment]:
    slugs = re.findall(r'<h3><a href="/roles/([^/]+)/">', html)
    return [Assessment.objects.get(slug=slug) for slug in slugs]


def test_every_demo_red_role_has_a_move_into_a_better_zone_and_yellow_into_green(client, demo):
    for role in Assessment.objects.published().filter(zone__in=["red", "yellow"]):
        shown = linked_roles(section(client, role.slug))
        assert shown and all(target.score > role.score for target in shown), role.slug
        if role.zone == "red":
            assert any(ZONE_RANK[target.zone] > 0 for target in shown), role.slug
        elif not any(target.zone == "green" for target in shown):
            assert "No published role in a better zone" in section(client, role.slug), role.slug


def test_a_move_says_what_carries_over_what_is_new_the_route_and_the_pay(client, demo):
    html = section(client, "medical-coder-us")
    assert "Clinical Coder (NHS)" in html  # the same work, scored higher
    assert "What carries over" in html and "% of your time" in html
    assert "New to learn" in html and "Training time" in html and "Training cost" in html
    assert re.search(r"£[\d,]+ to £[\d,]+ a year", html)
    assert re.search(r"\+\d+\.\d points", html)


def test_staff_can_pin_a_move_with_a_reason_or_hide_one(client, demo):
    role = Assessment.objects.get(slug="clinical-coder-nhs")
    shown = linked_roles(section(client, role.slug))
    hidden, pinned = shown[0], Assessment.objects.get(slug="paramedic")
    MoveChoice.objects.create(role=role, target=hidden, choice="hide", reason="Not a realistic step.")
    MoveChoice.objects.create(role=role, target=pinned, choice="pin", reason="Coders with clinical interest retrain.")
    moves.refresh()
    html = section(client, role.slug)
    assert linked_roles(html)[0] == pinned and hidden not in linked_roles(html)
    assert "Coders with clinical interest retrain." in html


def test_drafts_are_never_a_move_and_pages_read_stored_moves(client, demo):
    draft = make_assessment("Coding Auditor", slug="coding-auditor", status="draft", score_override=Decimal("90.0"))
    moves.refresh()
    assert not SaferMove.objects.filter(target=draft).exists()
    SaferMove.objects.filter(role__slug="clinical-coder-nhs").delete()  # nothing is worked out on render
    assert "No published role with a higher score shares this work yet" in section(client, "clinical-coder-nhs")


def test_open_data_and_career_pages_carry_the_moves(client, demo):
    data = json.loads(client.get("/roles.json").content)
    row = next(role for role in data["roles"] if role["slug"] == "medical-coder-us")
    stored = [move.target.slug for move in SaferMove.objects.filter(role__slug="medical-coder-us")]
    assert row["safer_moves"] == stored and stored
    career = client.get("/careers/clinical-coder/").content.decode()
    assert 'id="safer-moves"' in career and "What AI changes here" in career
    assert "Why this career is resilient" not in career
    assert re.search(r"<dt>AI risk</dt>\s*<dd>Red zone, 22.4", career)


def test_a_saved_role_gets_its_moves_when_its_transaction_commits(django_capture_on_commit_callbacks, demo):
    with django_capture_on_commit_callbacks(execute=True):
        role = make_assessment("Coding Clerk", slug="coding-clerk", score_override=Decimal("10.0"))
    assert SaferMove.objects.filter(role=role).exists()
