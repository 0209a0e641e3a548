"""The SOC 2020 occupation pages: browsing the hierarchy with counts by zone, the unit group pages, the
nearest assessed roles and "request an assessment" on unassessed groups, downloads, sitemap and cache."""

import csv
import io
import json
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from careers.models import Occupation
from scoring.job_requests import JobRequest
from scoring.occupation_counts import count_groups
from tests.factories import make_assessment, make_career

pytestmark = pytest.mark.django_db

GREEN, YELLOW = Decimal("60.0"), Decimal("30.0")  # score overrides that put a role in that zone
OGL = "Open Government Licence v3.0"


def text(response) -> str:
    return response.content.decode()


def main(response) -> str:
    return text(response).split("<main")[1].split("</main>")[0]


def role(title, code, status="published", score=None, **fields):
    if score is not None:
        fields["score_override"] = score
    return make_assessment(
        title=title, slug=title.lower().replace(" ", "-"), status=status, occupation_id=code, **fields
    )


@pytest.fixture
def spread_roles(db):
    """Published roles: red and green in 4131, yellow in 4122, red in 2134; a green draft in 4131."""
    return {
        "red": role("Records Red", "4131"),
        "green": role("Records Green", "4131", score=GREEN),
        "yellow": role("Bookkeeper Yellow", "4122", score=YELLOW),
        "other": role("Programmer Red", "2134"),
        "draft": role("Records Draft", "4131", status="draft", score=GREEN),
    }


# --- counts -----------------------------------------------------------------------------------------
def test_every_level_counts_the_published_roles_in_it_by_zone_and_never_drafts(spread_roles):
    assert {name: row.zone for name, row in spread_roles.items()} == {
        "red": "red", "green": "green", "yellow": "yellow", "other": "red", "draft": "green",
    }  # fmt: skip
    spreads = count_groups()
    counts = {code: spreads[code].counts for code in ("4", "41", "413", "4131", "412", "4122", "2", "2134")}
    assert counts["4131"] == counts["413"] == {"green": 1, "yellow": 0, "red": 1}
    assert counts["4122"] == counts["412"] == {"green": 0, "yellow": 1, "red": 0}
    assert counts["41"] == counts["4"] == {"green": 1, "yellow": 1, "red": 1}
    assert counts["2134"] == counts["2"] == {"green": 0, "yellow": 0, "red": 1}
    assert "4132" not in spreads and "42" not in spreads


def test_the_browse_page_shows_every_major_group_and_the_spread_of_each(client, spread_roles):
    role("Unplaced", None)  # published but linked to no unit group: counted apart
    page = main(client.get("/occupations/"))
    for major in Occupation.objects.majors():
        assert f'href="/occupations/{major.code}/"' in page
    assert 'href="/occupations/41/"' in page  # sub-major groups are listed under their major group
    assert 'href="/occupations/413/"' not in page  # minor groups are on the group pages
    major_4 = page.split('id="group-4"')[1].split("</section>")[0]
    assert "3 assessed roles: 1 Green, 1 Yellow, 1 Red" in major_4
    assert "Records Draft" not in page
    assert "4 assessed roles in 3 of the 412 occupations so far (1 more not yet placed in an occupation)" in page
    nine = page.split('id="group-9"')[1].split("</section>")[0]
    assert "No roles assessed yet" in nine


def test_group_pages_list_the_two_levels_below_with_their_spreads_and_breadcrumbs(client, spread_roles):
    major = main(client.get("/occupations/4/"))
    assert "Sub-major groups in this group" in major
    assert 'href="/occupations/41/"' in major and 'href="/occupations/413/"' in major
    assert 'href="/occupations/4131/"' not in major
    sub_major = main(client.get("/occupations/41/"))
    minor_413 = sub_major.split('id="group-413"')[1].split("</section>")[0]
    assert "2 assessed roles: 1 Green, 0 Yellow, 1 Red" in minor_413
    records = minor_413.split('href="/occupations/4131/"')[1].split("</li>")[0]
    assert "2 assessed roles: 1 Green, 0 Yellow, 1 Red" in records
    pensions = minor_413.split('href="/occupations/4132/"')[1].split("</li>")[0]
    assert "No roles assessed yet" in pensions
    minor = main(client.get("/occupations/413/"))
    crumbs = minor.split('aria-label="Breadcrumb"')[1].split("</nav>")[0]
    assert re.findall(r'href="([^"]+)"', crumbs) == ["/occupations/", "/occupations/4/", "/occupations/41/"]
    assert 'aria-current="page">413 Administrative occupations: records' in crumbs
    assert "Unit groups in this group" in minor and OGL in minor


# --- unit group pages ---------------------------------------------------------------------------------
def test_an_assessed_unit_group_shows_ons_texts_published_roles_and_careers(client, spread_roles):
    make_career(occupation_id="4131", status="published")
    make_career(slug="draft-profile", title="Draft Profile", status="draft", occupation_id="4131")
    group = Occupation.objects.get(code="4131")
    page = main(client.get("/occupations/4131/"))
    assert "<h1>Records clerks and assistants</h1>" in page
    assert "2 assessed roles: 1 Green, 0 Yellow, 1 Red" in page
    assert 'href="/roles/records-red/"' in page and 'href="/roles/records-green/"' in page
    assert "Records Draft" not in page and "Draft Profile" not in page
    assert 'href="/careers/clinical-coder/"' in page
    assert group.related_titles[0] in page and "Ward clerk" in page
    assert "Typical entry routes and qualifications" in page and "Tasks" in page
    crumbs = page.split('aria-label="Breadcrumb"')[1].split("</nav>")[0]
    assert re.findall(r'href="([^"]+)"', crumbs) == [
        "/occupations/",
        "/occupations/4/",
        "/occupations/41/",
        "/occupations/413/",
    ]
    assert OGL in page and "Office for National Statistics" in page
    assert "No role in this occupation" not in page and "Request an assessment" not in page


def test_a_unit_group_page_describes_itself_to_search_engines(client, db):
    page = text(client.get("/occupations/4131/"))
    data = json.loads(re.search(r'<script type="application/ld\+json">(.+?)</script>', page).group(1))
    assert data["@type"] == "Occupation" and data["name"] == "Records clerks and assistants"
    assert data["occupationalCategory"]["codeValue"] == "4131"
    assert data["url"] == "http://testserver/occupations/4131/"


def test_an_unassessed_unit_group_lists_the_nearest_roles_minor_then_sub_major_then_major(client, db):
    role("Secretary", "4211")  # same major group (4) only
    role("Bookkeeper", "4122", score=YELLOW)  # same sub-major group (41)
    role("Records Clerk", "4131")  # same minor group (413)
    role("Programmer", "2134")  # another major group: never near
    role("Stock Draft", "4133", status="draft")  # drafts never shown
    page = main(client.get("/occupations/4132/"))
    assert "No role in this occupation has been assessed for AI exposure yet." in page
    nearest = page.split('id="nearest"')[1].split('id="job-request"')[0]
    assert re.findall(r'class="role-title" href="/roles/([^/]+)/"', nearest) == [
        "records-clerk",
        "bookkeeper",
        "secretary",
    ]
    labels = re.findall(r"<h4[^>]*>([^<]+)</h4>", nearest)
    assert labels == [
        "In the same minor group: 413 Administrative occupations: records",
        "In the same sub-major group: 41 Administrative occupations",
        "In the same major group: 4 Administrative and secretarial occupations",
    ]
    assert 'href="/occupations/4122/">4122 Book-keepers, payroll managers and wages clerks</a>' in nearest
    assert "Programmer" not in page and "Stock Draft" not in page


def test_the_nearest_roles_are_capped_and_the_nearest_level_comes_first(client, db):
    for number in range(8):
        role(f"Records Clerk {number}", "4131")
    role("Secretary", "4211")
    nearest = main(client.get("/occupations/4132/")).split('id="nearest"')[1].split('id="job-request"')[0]
    assert len(re.findall(r'class="role-title"', nearest)) == 6
    assert "Secretary" not in nearest and "In the same major group" not in nearest


def test_an_unassessed_group_with_nothing_near_says_so(client, db):
    page = main(client.get("/occupations/9111/"))
    assert "No role in this occupation has been assessed" in page and "No role in its major group" in page
    assert "Request an assessment" in page


def test_request_an_assessment_leads_to_the_request_form_and_stores_it_against_the_group(client, db):
    page = text(client.get("/occupations/4132/"))
    assert "csrfmiddlewaretoken" not in page  # the shared, cached page holds no token
    link = re.search(r'class="button-link" href="([^"]+)"', page).group(1).replace("&amp;", "&")
    assert link.startswith(reverse("scoring:request_job"))
    form_page = client.get(link)
    assert form_page.status_code == 200 and "no-store" in form_page["Cache-Control"]
    form = text(form_page)
    assert 'value="Pensions and insurance clerks and assistants"' in form
    assert 'value="occupation:4132"' in form
    response = client.post(
        reverse("scoring:request_job"),
        {"title": "Pensions and insurance clerks and assistants", "description": "", "source": "occupation:4132"},
    )
    assert response.status_code == 303
    stored = JobRequest.objects.get()
    assert (stored.title, stored.count, stored.source) == (
        "Pensions and insurance clerks and assistants",
        1,
        "occupation:4132",
    )
    assert stored.occupation_id == "4132"  # linked to the unit group, so the admin counts its requests


def test_the_request_button_loads_the_form_in_place_with_htmx(client, db):
    page = text(client.get("/occupations/4132/"))
    link = re.search(r'hx-get="([^"]+)"', page.split('id="job-request"')[1]).group(1).replace("&amp;", "&")
    fragment = client.get(link, HTTP_HX_REQUEST="true")
    assert b"<html" not in fragment.content and b"csrfmiddlewaretoken" in fragment.content


@pytest.mark.parametrize("path", ["/occupations/9999/", "/occupations/abc/", "/occupations/%00/", "/occupations/41311/",
                                  "/occupations/0/", "/occupations/-1/", "/occupations/４１/"])  # fmt: skip
def test_unknown_or_malformed_codes_are_a_normal_404(client, db, path):
    assert client.get(path).status_code == (400 if "%00" in path else 404)  # a NUL is refused before any page


# --- every page, with a bounded number of queries -----------------------------------------------------
def test_every_unit_group_page_renders_within_a_fixed_query_budget(client, spread_roles, django_assert_max_num_queries):
    make_career(occupation_id="4131", status="published")
    codes = list(Occupation.objects.units().values_list("code", flat=True))
    assert len(codes) == 412
    for code in codes:
        with django_assert_max_num_queries(7):
            response = client.get(f"/occupations/{code}/")
        assert response.status_code == 200, code


def test_every_higher_group_page_and_the_browse_page_render_within_a_fixed_query_budget(
    client, spread_roles, django_assert_max_num_queries
):
    codes = list(Occupation.objects.exclude(level="unit").values_list("code", flat=True))
    assert len(codes) == 139
    for path in ["/occupations/", *(f"/occupations/{code}/" for code in codes)]:
        with django_assert_max_num_queries(4):
            response = client.get(path)
        assert response.status_code == 200, path


# --- links from roles and careers --------------------------------------------------------------------
def test_role_and_career_pages_link_to_their_unit_group(client, db):
    career = make_career(occupation_id="4131", status="published")
    role("Records Clerk", "4131", career=career)
    role_page = main(client.get("/roles/records-clerk/"))
    assert '<a href="/occupations/4131/">4131 Records clerks and assistants</a>' in role_page
    career_page = main(client.get(career.get_absolute_url()))
    assert '<a href="/occupations/4131/">4131 Records clerks and assistants</a>' in career_page


def test_the_navigation_links_to_the_occupations_and_marks_them_current(client, db):
    page = text(client.get("/occupations/4131/"))
    nav = page.split('<nav aria-label="Main">')[1].split("</nav>")[0]
    assert '<a href="/occupations/" aria-current="page">Occupations</a>' in nav


# --- downloads, open data page, sitemap, cache ---------------------------------------------------------
def test_occupations_json_lists_every_unit_group_with_its_counts_and_attribution(client, spread_roles):
    body = client.get("/occupations.json").json()
    assert body["count"] == len(body["occupations"]) == 412
    assert OGL in body["attribution"] and "Office for National Statistics" in body["attribution"]
    rows = {row["code"]: row for row in body["occupations"]}
    assert rows["4131"] == {
        "code": "4131", "title": "Records clerks and assistants", "major_group": "4", "sub_major_group": "41",
        "minor_group": "413", "url": "http://testserver/occupations/4131/", "assessed_roles": 2,
        "green": 1, "yellow": 0, "red": 1,
    }  # fmt: skip
    assert rows["4132"]["assessed_roles"] == 0 and rows["4122"]["yellow"] == 1
    assert sum(row["assessed_roles"] for row in body["occupations"]) == 4  # published only


def test_occupations_csv_has_the_same_rows(client, spread_roles):
    response = client.get("/occupations.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(text(response))))
    assert len(rows) == 412
    assert list(rows[0]) == ["code", "title", "major_group", "sub_major_group", "minor_group", "url",
                             "assessed_roles", "green", "yellow", "red"]  # fmt: skip
    records = next(row for row in rows if row["code"] == "4131")
    assert (records["assessed_roles"], records["green"], records["red"], records["minor_group"]) == (
        "2",
        "1",
        "1",
        "413",
    )


def test_the_open_data_page_lists_the_occupations_downloads_with_the_ons_attribution(client, db):
    page = main(client.get("/data/"))
    assert 'href="/occupations.json"' in page and 'href="/occupations.csv"' in page
    assert OGL in page and "Office for National Statistics" in page


@pytest.mark.parametrize("path", ["/occupations/", "/occupations/4/", "/occupations/413/", "/occupations/4131/"])
def test_every_occupation_page_carries_the_ons_attribution(client, db, path):
    page = main(client.get(path))
    assert f">{OGL}</a>" in page and "Source: Office for National Statistics" in page


def test_the_sitemap_lists_every_occupation_page(client, db):
    index = text(client.get("/sitemap.xml"))
    assert "http://testserver/sitemap-occupations.xml" in index
    urls = re.findall(r"<loc>([^<]+)</loc>", text(client.get("/sitemap-occupations.xml")))
    assert len(urls) == 551
    assert "http://testserver/occupations/4/" in urls and "http://testserver/occupations/4131/" in urls
    assert "http://testserver/occupations/" in text(client.get("/sitemap-pages.xml"))


def test_publishing_a_role_in_a_group_changes_its_cached_page(client, settings, django_capture_on_commit_callbacks):
    settings.PAGE_CACHE_SECONDS = 600
    draft = role("Pensions Clerk", "4132", status="draft")
    before = text(client.get("/occupations/4132/"))
    assert "No role in this occupation" in before and "Pensions Clerk" not in before
    assert text(client.get("/occupations/4132/")) == before  # served from the cache
    browse_before = text(client.get("/occupations/41/"))
    with django_capture_on_commit_callbacks(execute=True):
        draft.status = "published"
        draft.save()
    after = text(client.get("/occupations/4132/"))
    assert 'href="/roles/pensions-clerk/"' in after and "No role in this occupation" not in after
    assert text(client.get("/occupations/41/")) != browse_before
    pensions = main(client.get("/occupations/41/")).split('href="/occupations/4132/"')[1].split("</li>")[0]
    assert "1 assessed role: 0 Green, 0 Yellow, 1 Red" in pensions
