"""The first admin: an assessment typed in by staff gets the engine's figures; bad rows save nothing."""

from decimal import Decimal

import pytest
from django.urls import reverse

from scoring import aijri
from scoring.models import Assessment
from tests.factories import (
    FORMULA_ONLY,
    SEED_EVIDENCE,
    assessment_post,
    change_url,
    edit_post,
    logged_in,
    make_assessment,
    make_career,
    make_staff,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    return logged_in(client, make_staff("editor", superuser=True))


def test_assessment_entered_in_the_admin_gets_the_engines_figures(staff_client):
    response = staff_client.post(reverse("admin:scoring_assessment_add"), assessment_post())
    assert response.status_code == 302, response.context["errors"] if response.context else response
    stored = Assessment.objects.get(slug="clinical-coder-nhs")
    expected = aijri.compute(stored.engine_inputs())
    assert stored.score == expected.final_score == Decimal("22.4")
    assert stored.formula_score == Decimal("21.2")
    assert stored.zone_label == "Red (Displacing)"
    assert stored.tasks.count() == 7

    change_page = staff_client.get(change_url(stored))
    content = change_page.content.decode()
    for figure in ["3.20", "2.80", "2.30", "0.96", "1.06", "0.95", "2.2235", "21.2", "22.4", "Displacing"]:
        assert figure in content


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"tasks": [("Only task", 95, 3, aijri.AUGMENTATION)]}, "Task time must total 100% (it totals 95%)."),
        (  # a draft may still lack rows (its score waits); a published assessment may not
            {"status": "published", "evidence": {k: v for k, v in SEED_EVIDENCE.items() if k != "wage_trends"}},
            "Give exactly one row for each of",
        ),
        ({"override_reason": ""}, "Say why you overrode the formula score."),
        ({"tasks": [("Only task", 100, 7, aijri.AUGMENTATION)]}, "Ensure this value is less than or equal to 5."),
    ],
    ids=[
        "times-not-totalling-100",
        "a-missing-evidence-dimension",
        "an-override-without-a-reason",
        "a-task-score-of-7",
    ],
)
def test_a_bad_assessment_is_refused_with_a_message_and_nothing_is_saved(staff_client, changes, message):
    response = staff_client.post(reverse("admin:scoring_assessment_add"), assessment_post(**changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Assessment.objects.exists()


def test_editing_a_task_in_the_admin_recomputes(staff_client):
    role = make_assessment(score_override=None, override_reason="")
    scores = [1, 4, 3, 2, 2, 3, 2]  # the first task (20% of the time) goes from 4 to 1
    response = staff_client.post(change_url(role), edit_post(role, scores=scores, **FORMULA_ONLY))
    assert response.status_code == 302
    role.refresh_from_db()
    assert [t.score for t in role.tasks.all()] == scores
    assert role.weighted_total == Decimal("2.60")
    assert role.score == aijri.compute(role.engine_inputs()).final_score


def test_new_assessment_form_offers_one_row_per_dimension_and_barrier(staff_client):
    content = staff_client.get(reverse("admin:scoring_assessment_add")).content.decode()
    assert 'name="evidence-TOTAL_FORMS" value="5"' in content
    assert 'name="barriers-TOTAL_FORMS" value="5"' in content


def test_list_shows_score_and_zone_and_filters_by_zone(staff_client):
    make_assessment("Clinical Coder (NHS)")
    make_assessment("Safe Role", slug="safe-role", score_override=Decimal("70.0"))
    page = staff_client.get(reverse("admin:scoring_assessment_changelist"), {"zone": "green"})
    content = page.content.decode()
    assert "Safe Role" in content and '<td class="field-zone_display">Green</td>' in content
    assert '<td class="field-sub_label">Transforming</td>' in content
    assert "Clinical Coder (NHS)" not in content
    page = staff_client.get(reverse("admin:scoring_assessment_changelist")).content.decode()
    assert '<td class="field-zone_display">Red</td>' in page and '<td class="field-sub_label">Displacing</td>' in page


def test_career_admin_lists_careers_and_offers_the_profile_form(staff_client):
    make_career(title="Clinical Coder", ai_risk="low")
    listing = staff_client.get(reverse("admin:careers_career_changelist")).content.decode()
    assert "Clinical Coder" in listing and '<td class="field-ai_risk">Low</td>' in listing
    form = staff_client.get(reverse("admin:careers_career_add")).content.decode()
    assert "Add career" in form and "At a glance" in form and 'name="ai_risk"' in form
    assert 'name="routes-TOTAL_FORMS"' in form and 'name="pay_bands-TOTAL_FORMS"' in form
