"""The first admin: an assessment typed in by staff gets the engine's figures; bad rows save nothing."""

from decimal import Decimal

import pytest
from django.urls import reverse

from scoring import aijri
from scoring.models import Assessment
from tests.factories import SEED_BARRIERS, SEED_EVIDENCE, SEED_TASKS, make_assessment

pytestmark = pytest.mark.django_db


def inline(prefix, rows, initial=0):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for number, row in enumerate(rows):
        data.update({f"{prefix}-{number}-{key}": value for key, value in row.items()})
    return data


def assessment_post(tasks=SEED_TASKS, evidence=SEED_EVIDENCE, **fields):
    data = {
        "job_title": "Clinical Coder (NHS)",
        "slug": "clinical-coder-nhs",
        "status": "draft",
        "seniority_level": "Mid-Level (Band 5-6)",
        "primary_function": "Assigns ICD-10 and OPCS-4 codes to hospital episodes.",
        "embodied_physicality": "0",
        "deep_interpersonal_connection": "0",
        "goal_setting_moral_judgment": "1",
        "growth_correlation": "-1",
        "resistance_adjustment": "2.30",
        "adjustment_reason": "Routine episodes are already auto-coded.",
        "score_override": "22.4",
        "override_reason": "OPCS-4 is UK-only, which slows automation a little.",
        "change_reason": "Entered from the written assessment",
    }
    data.update(fields)
    data.update(
        inline(
            "tasks",
            [
                {"order": n, "name": name, "time_pct": time, "score": score, "aug_disp": kind}
                for n, (name, time, score, kind) in enumerate(tasks)
            ],
        )
    )
    data.update(inline("evidence", [{"dimension": k, "score": v, "evidence": "seen"} for k, v in evidence.items()]))
    data.update(inline("barriers", [{"barrier": k, "score": v, "rationale": "why"} for k, v in SEED_BARRIERS.items()]))
    data.update(inline("not_roles", []))
    return data


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", "a-long-test-password")
    client.force_login(user)
    return client


def test_assessment_entered_in_the_admin_gets_the_engines_figures(staff_client):
    response = staff_client.post(reverse("admin:scoring_assessment_add"), assessment_post())
    assert response.status_code == 302, response.context["errors"] if response.context else response
    stored = Assessment.objects.get(slug="clinical-coder-nhs")
    expected = aijri.compute(stored.engine_inputs())
    assert stored.score == expected.final_score == Decimal("22.4")
    assert stored.formula_score == Decimal("21.2")
    assert stored.zone_label == "Red (Displacing)"
    assert stored.tasks.count() == 7

    change_page = staff_client.get(reverse("admin:scoring_assessment_change", args=[stored.pk]))
    content = change_page.content.decode()
    for figure in ["3.20", "2.80", "2.30", "0.96", "1.06", "0.95", "2.2235", "21.2", "22.4", "Displacing"]:
        assert figure in content


def test_times_not_totalling_100_are_refused_and_nothing_is_saved(staff_client):
    tasks = [("Only task", 95, 3, aijri.AUGMENTATION)]
    response = staff_client.post(reverse("admin:scoring_assessment_add"), assessment_post(tasks=tasks))
    assert response.status_code == 200
    assert "Task time must total 100% (it totals 95%)." in response.content.decode()
    assert not Assessment.objects.exists()


def test_a_missing_evidence_dimension_is_refused(staff_client):
    evidence = {k: v for k, v in SEED_EVIDENCE.items() if k != "wage_trends"}
    response = staff_client.post(reverse("admin:scoring_assessment_add"), assessment_post(evidence=evidence))
    assert response.status_code == 200
    assert "Give exactly one row for each of" in response.content.decode()
    assert not Assessment.objects.exists()


def test_an_override_without_a_reason_is_refused(staff_client):
    response = staff_client.post(reverse("admin:scoring_assessment_add"), assessment_post(override_reason=""))
    assert "Say why you overrode the formula score." in response.content.decode()
    assert not Assessment.objects.exists()


def test_a_task_score_of_7_is_refused(staff_client):
    tasks = [("Only task", 100, 7, aijri.AUGMENTATION)]
    response = staff_client.post(reverse("admin:scoring_assessment_add"), assessment_post(tasks=tasks))
    assert response.status_code == 200
    assert "Ensure this value is less than or equal to 5." in response.content.decode()
    assert not Assessment.objects.exists()


def test_editing_a_task_in_the_admin_recomputes(staff_client):
    role = make_assessment(score_override=None, override_reason="")
    tasks = list(role.tasks.all())
    rows = [
        {
            "id": t.pk,
            "assessment": role.pk,
            "order": t.order,
            "name": t.name,
            "time_pct": t.time_pct,
            "score": 1 if t.order == 0 else t.score,
            "aug_disp": t.aug_disp,
        }
        for t in tasks
    ]
    data = assessment_post(score_override="", override_reason="", slug=role.slug)
    data.update(inline("tasks", rows, initial=len(rows)))
    data.update(
        inline(
            "evidence",
            [
                {"id": e.pk, "assessment": role.pk, "dimension": e.dimension, "score": e.score}
                for e in role.evidence.all()
            ],
            initial=5,
        )
    )
    data.update(
        inline(
            "barriers",
            [{"id": b.pk, "assessment": role.pk, "barrier": b.barrier, "score": b.score} for b in role.barriers.all()],
            initial=5,
        )
    )
    data["resistance_adjustment"] = ""
    data["adjustment_reason"] = ""
    response = staff_client.post(reverse("admin:scoring_assessment_change", args=[role.pk]), data)
    assert response.status_code == 302
    role.refresh_from_db()
    assert role.weighted_total == Decimal("2.60")  # the 20% task went from 4 to 1
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


def test_career_admin_pages_load(staff_client):
    assert staff_client.get(reverse("admin:careers_career_add")).status_code == 200
    assert staff_client.get(reverse("admin:careers_career_changelist")).status_code == 200
