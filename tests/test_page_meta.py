"""Every public page: its title and description in <title>, Open Graph and canonical tags, the favicon,
and the main navigation marking the section the page belongs to."""

import html
import re

import pytest

from tests.factories import make_assessment

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/roles/",
    "/roles/?zone=red",
    "/roles/clinical-coder-nhs/",
    "/careers/",
    "/careers/clinical-coder/",
    "/compare/",
    "/compare/?roles=clinical-coder-nhs,medical-coder-us",
    "/methodology/",
    "/about/",
    "/accessibility/",
    "/data/",
    "/report-a-problem/",
    "/roles/request/",
    "/roles/clinical-coder-nhs/feedback/?question=score&answer=yes",
    "/careers/clinical-coder/feedback/?question=useful",
]


def meta(page: str, attribute: str, name: str) -> str:
    found = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)"', page)
    return html.unescape(found.group(1)) if found else ""


@pytest.mark.parametrize("path", PAGES + ["/no-such-page/"])
def test_every_page_fills_its_title_description_and_canonical_link(client, demo, path):
    response = client.get(path)
    page = response.content.decode()
    assert response.status_code == (404 if path == "/no-such-page/" else 200)
    title = html.unescape(re.search(r"<title>(.*?) · JobZone</title>", page).group(1))
    description = meta(page, "name", "description")
    assert title.strip() and len(description) > 20
    assert meta(page, "property", "og:title") == title
    assert meta(page, "property", "og:description") == description
    if response.status_code == 404:  # a missing address is not the canonical one of anything
        assert 'rel="canonical"' not in page and meta(page, "name", "robots") == "noindex"
    else:
        canonical = re.search(r'<link rel="canonical" href="([^"]+)"', page).group(1)
        assert canonical == f"http://testserver{path.split('?')[0]}" == meta(page, "property", "og:url")
    assert "self.title" not in page and 'content=""' not in page


def test_titles_and_descriptions_are_the_pages_own(client, demo):
    role = client.get("/roles/clinical-coder-nhs/").content.decode()
    assert meta(role, "property", "og:title").startswith("Clinical Coder (NHS): AI risk score")
    assert meta(role, "property", "og:type") == "article"
    assert "Clinical Coder (NHS) scores" in meta(role, "property", "og:description")
    career = client.get("/careers/clinical-coder/").content.decode()
    assert meta(career, "property", "og:title") == "Clinical Coder: career profile, pay and AI risk"
    search = client.get("/roles/", {"q": 'coder "<b>'}).content.decode()
    assert meta(search, "property", "og:title") == '“coder "<b>” – Browse roles by AI risk zone'
    assert "<b>”" not in search.split("</head>")[0]  # escaped in the head


def test_the_role_page_offers_its_share_image(client, demo):
    page = client.get("/roles/clinical-coder-nhs/").content.decode()
    image = meta(page, "property", "og:image")
    assert re.fullmatch(r"http://testserver/roles/clinical-coder-nhs/share\.png\?v=\d+", image)
    assert meta(page, "property", "og:image:width") == "1200" and meta(page, "property", "og:image:height") == "630"
    assert meta(page, "name", "twitter:card") == "summary_large_image"
    assert meta(client.get("/careers/").content.decode(), "property", "og:image") == ""


def test_favicons_are_linked_and_served(client, db):
    page = client.get("/").content.decode()
    for link in (
        '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">',
        '<link rel="icon" href="/static/favicon-32.png" type="image/png" sizes="32x32">',
        '<link rel="apple-touch-icon" href="/static/apple-touch-icon.png">',
    ):
        assert link in page
    for path, kind, magic in [
        ("/static/favicon.svg", "image/svg+xml", b"<svg"),
        ("/static/favicon-32.png", "image/png", b"\x89PNG"),
        ("/static/apple-touch-icon.png", "image/png", b"\x89PNG"),
        ("/favicon.ico", "image/", b"\x00\x00\x01\x00"),
    ]:
        response = client.get(path)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert response.status_code == 200 and response["Content-Type"].startswith(kind) and body.startswith(magic)


NAV = {"Browse roles": "/roles/", "Careers": "/careers/", "Occupations": "/occupations/", "Compare": "/compare/"}
NAV["How scores work"] = "/methodology/"


def current(page: str) -> list[str]:
    nav = page.split('<nav aria-label="Main">')[1].split("</nav>")[0]
    return re.findall(r'<a href="[^"]+" aria-current="page">([^<]+)</a>', nav)


@pytest.mark.parametrize(
    "path, section",
    [
        ("/", []),
        ("/roles/", ["Browse roles"]),
        ("/roles/?zone=green&page=1", ["Browse roles"]),
        ("/roles/clinical-coder-nhs/", ["Browse roles"]),
        ("/roles/request/", ["Browse roles"]),
        ("/careers/", ["Careers"]),
        ("/careers/clinical-coder/", ["Careers"]),
        ("/occupations/", ["Occupations"]),
        ("/occupations/4131/", ["Occupations"]),
        ("/compare/?roles=clinical-coder-nhs,medical-coder-us", ["Compare"]),
        ("/methodology/", ["How scores work"]),
        ("/about/", []),
        ("/accessibility/", []),
        ("/no-such-page/", []),
    ],
)
def test_the_navigation_marks_the_current_section(client, demo, path, section):
    assert current(client.get(path).content.decode()) == section


def test_every_page_links_to_report_a_problem_with_itself(client, demo):
    page = client.get("/roles/clinical-coder-nhs/").content.decode()
    assert 'href="/report-a-problem/?page=/roles/clinical-coder-nhs/"' in page
    statement = client.get("/accessibility/").content.decode().split("<main")[1].split("</main>")[0]
    assert 'href="/report-a-problem/?page=/accessibility/">report a problem with a page</a>' in statement


def test_a_draft_preview_keeps_its_meta_but_offers_no_share_image(client, db):
    from tests.factories import logged_in, make_staff

    make_assessment("Secret Draft Role", slug="secret-draft", status="draft")
    page = logged_in(client, make_staff("editor", "Editors")).get("/roles/secret-draft/").content.decode()
    assert meta(page, "property", "og:title").startswith("Secret Draft Role")
    assert meta(page, "property", "og:image") == ""
