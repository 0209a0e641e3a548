"""Career profile documents: the at-a-glance lines, routes, pay bands and their links."""

from pathlib import Path

import pytest

from careers.models import Career
from documents.career import read_career, write_career
from documents.importer import import_text
from documents.text import DocumentError
from scoring.models import Assessment

pytestmark = pytest.mark.django_db

PROFILE = (Path(__file__).parent / "documents" / "baker-career.txt").read_text()
BAKER = (Path(__file__).parent / "documents" / "baker.txt").read_text()


def test_profile_fields_routes_and_pay_bands():
    report = import_text(PROFILE, "baker-career.txt")
    career = Career.objects.get(slug=report.slug)
    assert career.status == "draft"
    assert (career.ai_risk, career.entry_difficulty, career.career_change) == ("low", "low", "possible")
    assert career.training_time == "Level 2 Diploma: about 1 year; apprenticeship: 12–18 months"
    assert [(r.kind, r.heading) for r in career.routes.all()] == [
        ("apprenticeship", "Apprenticeship"),
        ("career_changer", "Career-changer course"),
    ]
    assert [(b.label, b.minimum, b.maximum, b.who_for) for b in career.pay_bands.all()] == [
        ("Trainee", 18000, 21000, "apprentice or new starter"),
        ("Baker", 22000, 27000, "experienced baker"),
        ("Head baker", 28000, 34000, "runs the bakehouse"),
    ]
    assert career.pay_note == "Overtime is common."
    assert career.training_costs == "Apprenticeships are free to the apprentice."


def test_assessment_links_to_career_whichever_arrives_first():
    import_text(BAKER, "baker.txt")
    import_text(PROFILE, "baker-career.txt")
    assert Assessment.objects.get(slug="test-baker-artisan").career.slug == "test-baker"
    Assessment.objects.update(career=None)
    import_text(BAKER, "baker.txt")
    assert Assessment.objects.get(slug="test-baker-artisan").career.slug == "test-baker"


def test_career_round_trip():
    import_text(PROFILE, "baker-career.txt")
    career = Career.objects.get(slug="test-baker")
    again = read_career(write_career(career))
    assert again.fields == read_career(PROFILE).fields
    assert again.routes == read_career(PROFILE).routes and again.pay_bands == read_career(PROFILE).pay_bands
    report = import_text(write_career(career), "again.txt")
    assert report.changes == [] and not report.created


@pytest.mark.parametrize(
    "change, line, message",
    [
        (("Low\nLow\n", "Very high\nLow\n"), 3, "AI risk must be Low/Moderate/High"),
        (("possible\n", "maybe\n"), 7, "Career change must be Possible/Limited/Unlikely"),
        (("A typical day\n", "A normal day\n"), None, 'required section "A typical day" is missing'),
        (("(£22,000–£27,000)", "(£27,000–£22,000)"), 20, "minimum above its maximum"),
        (("Training costs: ", "Costs: "), 20, 'no "Training costs:" paragraph'),
    ],
)
def test_bad_profiles_are_refused_with_the_line_and_change_nothing(change, line, message):
    broken = PROFILE.replace(*change)
    assert broken != PROFILE
    with pytest.raises(DocumentError) as caught:
        import_text(broken, "bad.txt")
    assert message in caught.value.describe()
    if line:
        assert caught.value.line == line
    assert not Career.objects.exists()
