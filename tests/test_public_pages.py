"""The public site: every page, every filter, HTMX fragments and odd input."""

import json
import re

import pytest
from django.template.loader import render_to_string

from scoring import aijri
from tests.factories import import_document, make_assessment

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(db):
    import_document("baker-career.txt", publish=True)
    import_document("baker.txt", publish=True)  # Yellow 37.0
    import_document("minimal.txt", publish=True)  # Green 75.5
    make_assessment("Clinical Coder (NHS)", slug="clinical-coder-nhs")  # Red 22.4
    make_assessment("Secret Draft Role", slug="secret-draft", status="draft")


def text(response):
    return response.content.decode()


def titles(response):
    return re.findall(r'class="role-title" href="/roles/([^/]+)/"', text(response))


def test_home_has_search_zone_counts_and_recent_roles(client, site):
    page = text(client.get("/"))
    assert 'action="/roles/"' in page and 'name="q"' in page
    assert "3 roles in three zones" in page
    for zone in ("red", "yellow", "green"):
        assert f'href="/roles/?zone={zone}"' in page
    assert "Test Baker (Artisan)" in page and "Secret Draft Role" not in page


def test_browse_lists_published_roles_only(client, site):
    response = client.get("/roles/")
    assert response.status_code == 200
    assert titles(response) == ["clinical-coder-nhs", "test-baker-artisan", "test-plumber-domestic"]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("zone=red", ["clinical-coder-nhs"]),
        ("zone=red&zone=green", ["clinical-coder-nhs", "test-plumber-domestic"]),
        ("zone=RED", ["clinical-coder-nhs"]),
        ("q=plumber", ["test-plumber-domestic"]),
        ("q=experienced", ["test-baker-artisan"]),  # seniority
        ("q=water+and+heating", ["test-plumber-domestic"]),  # primary function
        ("q=test+baker&zone=yellow", ["test-baker-artisan"]),  # career title and zone
        ("sort=-score", ["test-plumber-domestic", "test-baker-artisan", "clinical-coder-nhs"]),
        ("sort=score", ["clinical-coder-nhs", "test-baker-artisan", "test-plumber-domestic"]),
        ("sort=updated", ["clinical-coder-nhs", "test-plumber-domestic", "test-baker-artisan"]),
    ],
)
def test_browse_filters_and_sorts(client, site, query, expected):
    assert titles(client.get(f"/roles/?{query}")) == expected


def test_zone_chips_show_counts_for_the_search(client, site):
    page = text(client.get("/roles/?q=test"))
    assert re.search(r'id="count-yellow">1<', page) and re.search(r'id="count-red">0<', page)


@pytest.mark.parametrize(
    "query, note",
    [
        ("zone=purple", "Zones are green, yellow or red"),
        ("page=-3", "That page number does not exist"),
        ("page=abc", "That page number does not exist"),
        ("page=99", "There are only 1 page(s)"),
        ("sort=drop", "That sort order does not exist"),
        ("q=" + "x" * 500, "The search text was not usable"),
    ],
)
def test_odd_query_strings_give_a_message_not_an_error(client, site, query, note):
    response = client.get(f"/roles/?{query}")
    assert response.status_code == 200
    assert note in text(response)
    assert len(titles(response)) == 3


def test_empty_result_says_so_and_offers_to_clear(client, site):
    page = text(client.get("/roles/?q=astronaut"))
    assert "No roles match these filters." in page and 'href="/roles/">Clear all filters' in page


def test_pagination(client, db):
    for number in range(25):
        make_assessment(f"Role {number:02d}", slug=f"role-{number:02d}")
    first, second = client.get("/roles/"), client.get("/roles/?page=2")
    assert len(titles(first)) == 20 and len(titles(second)) == 5
    assert 'href="?page=2"' in text(first)
    assert "Page 2 of 2" in text(second)


def test_htmx_request_gets_only_the_results_fragment(client, site):
    response = client.get("/roles/?zone=green", HTTP_HX_REQUEST="true")
    fragment = text(response)
    assert "<html" not in fragment and fragment.lstrip().startswith('<section id="results"')
    assert titles(response) == ["test-plumber-domestic"]
    assert 'id="count-green" hx-swap-oob="true">1<' in fragment
    assert response["Vary"] and "HX-Request" in response["Vary"]


def test_history_restore_gets_the_whole_page(client, site):
    page = text(client.get("/roles/?zone=green", HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true"))
    assert "<html" in page


def test_browse_form_works_without_javascript(client, site):
    page = text(client.get("/roles/"))
    form = re.search(r'<form class="filters" method="get" action="/roles/".*?</form>', page, re.S).group(0)
    assert 'hx-get="/roles/"' in form and 'hx-push-url="true"' in form
    assert 'type="checkbox" name="zone" value="red"' in form and '<button type="submit"' in form


# --- role page --------------------------------------------------------------------------------


def test_role_page_explains_the_score(client, site):
    page = text(client.get("/roles/clinical-coder-nhs/"))
    for expected in [
        "<h1>Clinical Coder (NHS)</h1>",
        "<strong>22.4</strong>",
        "Red (Displacing)",
        '<svg class="gauge"',
        "Score 22.4 out of 100",
        "Assigning ICD-10 diagnosis codes",
        "45% of time on tasks AI displaces",
        "55% of the time goes on tasks",
        "Job Posting Trends",
        "Regulatory/Licensing",
        "6 − 3.20 = <strong>2.80</strong>",
        "resistance set to <strong>2.30</strong>",
        "1 + 0.04 × (−1) = <strong>0.96</strong>",
        "1 + 0.02 × 3 = <strong>1.06</strong>",
        "1 + 0.05 × (−1) = <strong>0.95</strong>",
        "2.30 × 0.96 × 1.06 × 0.95 = <strong>2.2235</strong>",
        "(2.2235 − 0.54) ÷ 7.93 × 100 = <strong>21.2</strong>",
        "final score set to <strong>22.4</strong>",
    ]:
        assert expected in page, expected


def test_role_page_links_other_roles_with_their_live_score_and_the_career(client, site):
    page = text(client.get("/roles/test-baker-artisan/"))
    assert '<a href="/roles/test-plumber-domestic/">Test Plumber (Domestic)</a>:\n        75.5' in page
    assert "Factory Baking Operative" in page
    assert 'href="/careers/test-baker/">Career profile: Test Baker' in page


def test_role_page_metadata(client, site):
    page = text(client.get("/roles/test-baker-artisan/"))
    assert '<link rel="canonical" href="http://testserver/roles/test-baker-artisan/">' in page
    assert '<meta property="og:title"' in page and '<meta name="description"' in page
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
    assert data["@type"] == "Occupation" and data["name"] == "Test Baker (Artisan)"


def test_drafts_and_unknown_roles_are_404_with_the_sites_page(client, site):
    for url in ["/roles/secret-draft/", "/roles/no-such-role/", "/careers/no-such-career/"]:
        response = client.get(url)
        assert response.status_code == 404
        assert "Page not found" in text(response)


# --- careers, methodology, the rest (my version, compare: test_my_version.py, test_compare.py) ----


def test_career_pages(client, site):
    listing = text(client.get("/careers/"))
    assert 'href="/careers/test-baker/"' in listing
    page = text(client.get("/careers/test-baker/"))
    for expected in [
        "zone, 37.0 on the AI Job Resistance Index",  # the assessment, not the profile, gives the risk
        "Apprenticeship",
        "£22,000",
        "£27,000",
        '<svg class="pay-chart"',
        'href="/roles/test-baker-artisan/"',
        "Training costs",
        "37.0",
    ]:
        assert expected in page, expected
    assert '"@type": "Occupation"' in page and '"currency": "GBP"' in page


def test_methodology_uses_the_engines_constants_and_a_live_example(client, site):
    page = text(client.get("/methodology/"))
    for constant in [
        aijri.EVIDENCE_WEIGHT,
        aijri.BARRIER_WEIGHT,
        aijri.GROWTH_WEIGHT,
        aijri.SCORE_FLOOR,
        aijri.SCORE_SPAN,
        aijri.GREEN_MIN,
        aijri.YELLOW_MIN,
    ]:
        assert str(constant) in page
    for label in ["Displacing", "Exposed", "Urgent", "Moderate", "Accelerated", "Stable", "Transforming"]:
        assert f'<th scope="row">{label}</th>' in page
    assert "Worked example: Clinical Coder (NHS)" in page and "<strong>21.2</strong>" in page


@pytest.mark.parametrize(
    "url, heading",
    [
        ("/about/", "About JobZone"),
        ("/accessibility/", "Accessibility statement"),
        ("/data/", "Open data"),
        ("/methodology/", "How AIJRI scores work"),
        ("/compare/", "Compare roles"),
    ],
)
def test_static_pages(client, site, url, heading):
    page = text(client.get(url))
    assert f"<title>{heading} · JobZone</title>" in page and f"<h1>{heading}</h1>" in page


def test_sitemap_and_robots(client, site):
    index = text(client.get("/sitemap.xml"))
    assert "<sitemapindex" in index and "http://testserver/sitemap-roles.xml" in index
    roles, careers = text(client.get("/sitemap-roles.xml")), text(client.get("/sitemap-careers.xml"))
    assert "/roles/test-baker-artisan/" in roles and "/careers/test-baker/" in careers
    assert "secret-draft" not in roles
    assert client.get("/sitemap-nothing.xml").status_code == 404
    assert client.get("/sitemap-roles.xml?p=99").status_code == 404
    robots = client.get("/robots.txt")
    assert robots["Content-Type"].startswith("text/plain") and "Sitemap: http://testserver/sitemap.xml" in text(robots)


def test_500_page_renders_without_context():
    assert "Sorry, something went wrong" in render_to_string("500.html")


@pytest.mark.parametrize(
    "url",
    ["/", "/roles/", "/roles/test-baker-artisan/", "/careers/", "/careers/test-baker/", "/compare/", "/methodology/"],
)
@pytest.mark.parametrize(
    "query", ["?zone=<script>", "?roles=%00&q=%ff", "?page=9999999999999999999", "?sort[]=1&mine=1&time_1=9e99"]
)
def test_odd_query_strings_never_break_a_page(client, site, url, query):
    # A NUL byte is refused before any page (400, see test_request_checks); the rest are shown as if absent.
    for headers in ({}, {"HTTP_HX_REQUEST": "true"}):
        assert client.get(url + query, **headers).status_code == (400 if "%00" in query else 200)
