"""Compare: what a person decides on first, then the analysis; safer moves to add to one role."""

import re
from decimal import Decimal

import pytest

from careers.models import Career, EntryRoute, PayBand
from scoring import compare as compare_module
from scoring import moves
from tests.factories import import_document, make_assessment, make_career

pytestmark = pytest.mark.django_db


def text(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def site(db):
    import_document("baker-career.txt", publish=True)
    import_document("baker.txt", publish=True)  # Yellow 37.0, linked to the Test Baker career profile
    import_document("minimal.txt", publish=True)  # Test Plumber (Domestic), Green 75.5, no career profile
    career = make_career(status="published")
    PayBand.objects.create(career=career, order=0, label="Band 3", who_for="trainee", minimum=24937, maximum=26598)
    PayBand.objects.create(career=career, order=1, label="Band 5", who_for="accredited", minimum=31049, maximum=37796)
    routes = [("employer", "Employer-funded training"), ("direct", "Direct application")]
    for order, (kind, heading) in enumerate(routes):
        EntryRoute.objects.create(career=career, order=order, kind=kind, heading=heading, description=".")
    make_assessment("Clinical Coder (NHS)", slug="clinical-coder-nhs", career=career)  # Red 22.4
    make_assessment("Secret Draft Role", slug="secret-draft", status="draft")


def test_decision_rows_come_before_the_analysis_rows(client, site):
    page = text(client.get("/compare/?roles=clinical-coder-nhs,test-baker-artisan"))
    decision = ["Zone and score", "Pay", "Training time", "Training cost", "Routes in", "Entry qualifications",
                "Most exposed task"]  # fmt: skip
    analysis = ["AIJRI score", "Formula score", "Evidence modifier", "Composite", "Displacement"]
    places = [page.index(f"<dt>{label}</dt>") for label in decision]
    places.append(page.index('<h2 id="analysis">How the scores are worked out</h2>'))
    places += [page.index(f'<th scope="row">{label}') for label in analysis]
    assert places == sorted(places)
    assert page.index('<h2 id="decide">') < page.index('<h2 id="analysis">')


def test_decision_facts_come_from_the_career_profile(client, site):
    page = text(client.get("/compare/?roles=clinical-coder-nhs,test-plumber-domestic"))
    coder = page[page.index(">Clinical Coder (NHS)</a></h3>") : page.index(">Test Plumber (Domestic)</a></h3>")]
    assert "<dt>Pay</dt><dd>£24,937–£37,796 a year</dd>" in coder
    assert "<dt>Training time</dt><dd>6–18 months</dd>" in coder
    assert "<dt>Training cost</dt><dd>About £500–£1,500.</dd>" in coder
    assert "<li>Employer-funded training</li><li>Direct application</li>" in coder
    assert "<dt>Entry qualifications</dt><dd>AMSPAR Level 3</dd>" in coder
    assert '<span class="zone zone-red">Red (Displacing)</span> <strong>22.4</strong>/100' in coder
    # The highest-risk task: of the two tasks scored 4, the one with more time.
    assert "Assigning ICD-10 diagnosis codes (AI exposure 4 of 5, 25% of the time)" in coder
    plumber = page[page.index(">Test Plumber (Domestic)</a></h3>") :]
    assert "No career profile yet" in plumber and "No career profile yet" not in coder


def test_an_unpublished_career_profile_is_not_shown(client, site):
    Career.objects.filter(slug="clinical-coder").update(status="draft")
    page = text(client.get("/compare/?roles=clinical-coder-nhs,test-baker-artisan"))
    coder = page[page.index(">Clinical Coder (NHS)</a></h3>") : page.index(">Test Baker (Artisan)</a></h3>")]
    assert "No career profile yet" in coder and "£24,937" not in coder


def test_analysis_table_marks_differences_and_scrolls_in_its_own_region(client, site):
    page = text(client.get("/compare/?roles=test-baker-artisan,clinical-coder-nhs"))
    assert page.count('<th scope="col"><a href="/roles/') == 2
    assert re.search(r'<tr class="differs">\s*<th scope="row">AIJRI score <span class="differs-tag">differs', page)
    assert "Physical Presence" in page and "Job Posting Trends" in page
    region = '<div class="table-wrap compare-wrap" role="region" aria-label="Score components table" tabindex="0">'
    assert region in page


def test_limits_and_unknowns(client, site):
    page = text(client.get("/compare/?roles=test-baker-artisan,clinical-coder-nhs,test-plumber-domestic,nope"))
    assert "Up to 3 roles can be compared" in page
    page = text(client.get("/compare/?roles=test-baker-artisan,secret-draft"))
    assert "not on the site" in page and "Add one or two more roles" in page


def test_search_adds_a_role(client, site):
    page = text(client.get("/compare/?roles=test-baker-artisan&q=plumber"))
    assert 'href="/compare/?roles=test-baker-artisan,test-plumber-domestic">Add Test Plumber' in page


@pytest.mark.parametrize(
    "query",
    ["roles=" + "a" * 10_000, "roles=%ff,%fe", "roles=,,,", "roles[]=x&q=" + "z" * 10_000, "roles=NaN&q=-1"],
)
def test_odd_input_never_breaks_the_page(client, site, query):
    assert "Compare roles" in text(client.get(f"/compare/?{query}"))


def test_a_nul_byte_is_refused_before_the_page(client, site):
    assert client.get("/compare/?roles=%00,%ff").status_code == 400  # see test_request_checks


# --- one role: its safer moves to add --------------------------------------------------------------


def test_one_role_shows_it_and_offers_its_safer_moves(client, site):
    career = make_career(slug="coding", title="Coding", status="published")
    make_assessment("Coding Auditor", slug="coding-auditor", career=career, score_override=Decimal("40.0"))
    make_assessment("Coding Clerk", slug="coding-clerk", career=career, score_override=Decimal("10.0"))  # not safer
    make_assessment("Coder in a trust", slug="coder-trust", career=career)  # the role chosen: 22.4
    moves.refresh()
    page = text(client.get("/compare/?roles=coder-trust"))
    assert "The role you chose" in page and ">Coder in a trust</a></h3>" in page
    assert "Safer moves to add" in page
    assert 'href="/compare/?roles=coder-trust,coding-auditor">Add Coding Auditor</a>' in page
    assert "Add Coding Clerk" not in page
    assert 'id="analysis"' not in page


def test_safer_moves_come_from_the_moves_module_when_it_is_there(client, site, monkeypatch):
    baker = make_assessment("Test Safer Role", slug="test-safer-role", score_override=Decimal("80.0"))

    class Move:
        def __init__(self, target):
            self.target = target

    monkeypatch.setattr(compare_module, "moves_for", lambda role: [Move(baker)])
    page = text(client.get("/compare/?roles=clinical-coder-nhs"))
    assert 'href="/compare/?roles=clinical-coder-nhs,test-safer-role">Add Test Safer Role</a>' in page


def test_one_role_without_moves_says_so(client, site):
    page = text(client.get("/compare/?roles=test-plumber-domestic"))
    assert "no safer moves for this role yet" in page
