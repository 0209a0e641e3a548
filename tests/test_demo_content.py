"""The demo content: written in the document format, loaded published through the importer."""

from io import StringIO

import pytest
from django.core.management import call_command

from careers.models import Career
from scoring import aijri
from scoring.models import Assessment

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def test_demo_loads_published_without_warnings(demo):
    assert "WARNING" not in demo
    roles = Assessment.objects.all()
    assert roles.count() >= 24
    assert Career.objects.count() >= 12
    assert not roles.exclude(status="published").exists()
    assert not roles.filter(score__isnull=True).exists()
    assert not roles.exclude(import_warnings=[]).exists()


def test_demo_covers_every_zone_and_sub_label(demo):
    seen = set(Assessment.objects.values_list("zone", "sub_label"))
    expected = {(zone, label) for zone, labels in aijri.SUB_LABELS.items() for label in labels}
    assert seen == expected


def test_demo_clinical_coder_has_the_seed_figures(demo):
    role = Assessment.objects.get(slug="clinical-coder-nhs")
    assert (str(role.formula_score), str(role.score), role.zone_label) == ("21.2", "22.4", "Red (Displacing)")
    assert role.career.slug == "clinical-coder"


def test_most_demo_roles_link_to_a_career_and_other_roles(demo):
    assert Assessment.objects.filter(career__isnull=False).count() >= 12
    assert Assessment.objects.filter(not_roles__linked__isnull=False).distinct().count() >= 5


def test_loading_twice_changes_nothing(demo):
    before = list(Assessment.objects.order_by("slug").values_list("slug", "score", "zone", "sub_label"))
    careers = Career.objects.count()
    call_command("load_demo", stdout=StringIO())
    assert list(Assessment.objects.order_by("slug").values_list("slug", "score", "zone", "sub_label")) == before
    assert Career.objects.count() == careers


# Demo roles with no sensible UK SOC 2020 unit group (none at present).
NO_SOC_CODE: set[str] = set()


def test_every_demo_role_and_career_has_alternative_titles_and_a_soc_code(demo):
    for role in Assessment.objects.all():
        titles = role.alternative_titles
        assert isinstance(titles, list) and all(isinstance(title, str) for title in titles), role.slug
        assert len(titles) >= 4, role.slug
        assert role.job_title.lower() not in {title.lower() for title in titles}, role.slug
        if role.slug in NO_SOC_CODE:
            continue
        assert len(role.soc_code) == 4 and role.soc_code.isdigit(), role.slug
        assert role.soc_title, role.slug
    for career in Career.objects.all():
        assert len(career.alternative_titles) >= 4, career.slug
        assert career.title.lower() not in {title.lower() for title in career.alternative_titles}, career.slug


# The AI-risk line a career profile should carry for each zone of its assessments.
RISK_FOR_ZONE = {"green": "low", "yellow": "moderate", "red": "high"}


def test_every_demo_role_has_a_published_career_with_pay_and_routes_in(demo):
    roles = Assessment.objects.published().select_related("career")
    assert roles.count() >= 26
    for role in roles:
        career = role.career
        assert career is not None, f"{role.slug} has no career profile"
        assert career.is_published, role.slug
        assert career.pay_bands.exists(), career.slug
        assert career.routes.exists(), career.slug
        assert career.training_time.strip() and career.training_costs.strip(), career.slug
        for band in career.pay_bands.all():
            assert 0 < band.minimum <= band.maximum, (career.slug, band.label)
    assert not Career.objects.filter(assessments__isnull=True).exists(), "a demo career serves no role"


def test_every_demo_career_risk_label_agrees_with_its_assessments(demo):
    for role in Assessment.objects.select_related("career"):
        assert role.career.ai_risk == RISK_FOR_ZONE[role.zone], (role.slug, role.career.ai_risk, role.zone)
        assert not [w for w in role.consistency_warnings() if "career profile" in w], role.slug


def test_demo_clinical_coder_profile_is_consistent_with_its_red_assessment(demo):
    career = Career.objects.get(slug="clinical-coder")
    assert career.ai_risk == "high"
    assert "Red zone" in career.why_resilient and "Displacing" in career.why_resilient
    assert all("2025/26" in band.label for band in career.pay_bands.all())
