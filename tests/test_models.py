"""Stored figures, constraints and the published filter."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from careers.models import PayBand
from scoring.models import Assessment, EvidenceScore, Task
from tests.factories import SEED_TASKS, make_assessment, make_career

pytestmark = pytest.mark.django_db


def test_saving_stores_the_engines_figures(clinical_coder):
    stored = Assessment.objects.get(pk=clinical_coder.pk)
    assert stored.weighted_total == Decimal("3.20")
    assert stored.task_resistance_raw == Decimal("2.80")
    assert stored.task_resistance == Decimal("2.30")
    assert (stored.evidence_modifier, stored.barrier_modifier, stored.growth_modifier) == (
        Decimal("0.96"),
        Decimal("1.06"),
        Decimal("0.95"),
    )
    assert stored.composite_raw == Decimal("2.2235")
    assert stored.formula_score == Decimal("21.2")
    assert stored.score == Decimal("22.4")
    assert stored.zone == "red"
    assert stored.zone_label == "Red (Displacing)"
    assert (stored.displacement_pct, stored.augmentation_pct, stored.not_involved_pct) == (45, 40, 15)
    assert stored.protected_time_pct == 55
    assert stored.protective_total == 1
    assert stored.calculation_problem == ""


def test_every_save_recomputes_from_the_rows(clinical_coder):
    clinical_coder.score_override = None
    clinical_coder.override_reason = ""
    clinical_coder.save()
    assert Assessment.objects.get(pk=clinical_coder.pk).score == Decimal("21.2")

    Task.objects.filter(assessment=clinical_coder, score=4).update(score=2)
    clinical_coder.resistance_adjustment = None
    clinical_coder.adjustment_reason = ""
    clinical_coder.save(update_fields=["resistance_adjustment", "adjustment_reason"])
    stored = Assessment.objects.get(pk=clinical_coder.pk)
    assert stored.weighted_total == Decimal("2.30")
    assert stored.task_resistance == Decimal("3.70")
    assert stored.zone == "yellow"


def test_rows_that_cannot_be_scored_clear_the_figures_instead_of_leaving_them_stale(clinical_coder):
    clinical_coder.tasks.filter(order=0).update(time_pct=15)
    clinical_coder.save()
    stored = Assessment.objects.get(pk=clinical_coder.pk)
    assert stored.score is None and stored.zone is None
    assert "must total 100% (it totals 95%)" in stored.calculation_problem
    assert not Assessment.objects.published().filter(pk=clinical_coder.pk).exists()


def test_published_filter_hides_drafts(db):
    make_assessment("Draft Role", status="draft")
    published = make_assessment("Live Role", status="published")
    assert list(Assessment.objects.published()) == [published]
    assert published.published_at is not None


def test_database_refuses_out_of_range_values(clinical_coder):
    for update in ({"score": 7}, {"time_pct": 0}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Task.objects.filter(assessment=clinical_coder).update(**update)
    with pytest.raises(IntegrityError), transaction.atomic():
        Assessment.objects.filter(pk=clinical_coder.pk).update(growth_correlation=3)
    with pytest.raises(IntegrityError), transaction.atomic():
        Assessment.objects.filter(pk=clinical_coder.pk).update(override_reason="")


def test_one_row_per_evidence_dimension(clinical_coder):
    with pytest.raises(IntegrityError), transaction.atomic():
        EvidenceScore.objects.create(assessment=clinical_coder, dimension="wage_trends", score=1)


def test_adjustment_and_override_need_a_reason(clinical_coder):
    clinical_coder.adjustment_reason = " "
    clinical_coder.override_reason = ""
    with pytest.raises(ValidationError) as caught:
        clinical_coder.full_clean()
    assert set(caught.value.message_dict) >= {"adjustment_reason", "override_reason"}


def test_validators_reject_out_of_range_task_fields(clinical_coder):
    task = clinical_coder.tasks.first()
    task.score, task.time_pct = 6, 101
    with pytest.raises(ValidationError) as caught:
        task.full_clean()
    assert set(caught.value.message_dict) == {"score", "time_pct"}


def test_pay_band_minimum_may_not_exceed_maximum(db):
    career = make_career()
    band = PayBand(career=career, label="Band 3", who_for="trainee", minimum=26000, maximum=24000)
    with pytest.raises(ValidationError, match="at least the minimum"):
        band.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        band.save()
    PayBand.objects.create(career=career, label="Band 3", who_for="trainee", minimum=24071, maximum=25674)
    assert str(career.pay_bands.get()) == "Band 3: £24,071–£25,674"


def test_assessment_links_to_its_career(db):
    career = make_career()
    role = make_assessment(career=career)
    assert list(career.assessments.all()) == [role]
    career.delete()
    role.refresh_from_db()
    assert role.career is None


def test_seed_tasks_total_100():
    assert sum(time for _, time, _, _ in SEED_TASKS) == 100
