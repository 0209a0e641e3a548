"""Cached public pages never outlive a change: publish, unpublish, edit and import all invalidate."""

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from documents.importer import import_text
from editorial.content_version import CacheVersion, FileVersion
from scoring.models import Assessment
from tests.factories import BAKER, import_document, make_assessment

pytestmark = pytest.mark.django_db


@pytest.fixture
def cached(settings):
    settings.PAGE_CACHE_SECONDS = 600


def queries_for(client, url, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    return response, len(queries)


def test_second_anonymous_visit_is_served_from_the_cache(client, cached):
    make_assessment()
    first, first_queries = queries_for(client, "/roles/clinical-coder-nhs/")
    again, again_queries = queries_for(client, "/roles/clinical-coder-nhs/")
    assert first_queries > 0 and again_queries == 0
    assert again.content == first.content


def test_htmx_fragment_and_full_page_are_cached_apart(client, cached):
    make_assessment()
    full = client.get("/roles/?zone=red")
    fragment = client.get("/roles/?zone=red", HTTP_HX_REQUEST="true")
    assert b"<html" in full.content and b"<html" not in fragment.content
    assert b"<html" not in client.get("/roles/?zone=red", HTTP_HX_REQUEST="true").content
    assert b"<html" in client.get("/roles/?zone=red").content


def test_publishing_shows_at_once(client, cached, django_capture_on_commit_callbacks):
    role = make_assessment(status="draft")
    assert client.get("/roles/clinical-coder-nhs/").status_code == 404
    assert b"clinical-coder-nhs" not in client.get("/roles/").content
    with django_capture_on_commit_callbacks(execute=True):
        role.status = "published"
        role.save()
    assert b"<h1>Clinical Coder (NHS)</h1>" in client.get("/roles/clinical-coder-nhs/").content
    assert b"clinical-coder-nhs" in client.get("/roles/").content


def test_an_edit_to_a_published_score_is_never_stale(client, cached, django_capture_on_commit_callbacks):
    role = make_assessment()
    assert b"<strong>22.4</strong>" in client.get("/roles/clinical-coder-nhs/").content
    json_before = client.get("/roles.json").json()["roles"][0]["score"]
    with django_capture_on_commit_callbacks(execute=True):
        role.score_override = Decimal("23.5")
        role.save()
    assert b"<strong>23.5</strong>" in client.get("/roles/clinical-coder-nhs/").content
    assert (json_before, client.get("/roles.json").json()["roles"][0]["score"]) == (22.4, 23.5)


def test_unpublishing_removes_the_page_at_once(client, cached, django_capture_on_commit_callbacks):
    role = make_assessment()
    assert b"<h1>Clinical Coder (NHS)</h1>" in client.get("/roles/clinical-coder-nhs/").content
    with django_capture_on_commit_callbacks(execute=True):
        role.status = "draft"
        role.save()
    assert client.get("/roles/clinical-coder-nhs/").status_code == 404


def test_an_import_invalidates(client, cached, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        import_document("baker.txt", publish=True)
    assert b"<strong>37.0</strong>" in client.get("/roles/test-baker-artisan/").content
    with django_capture_on_commit_callbacks(execute=True):
        import_text(BAKER.replace("override to 37.0/100", "override to 38.0/100"), "baker.txt", publish=True)
    assert b"<strong>38.0</strong>" in client.get("/roles/test-baker-artisan/").content


def test_staff_always_see_fresh_pages(admin_client, client, cached):
    make_assessment()
    admin_client.get("/roles/clinical-coder-nhs/")
    _, count = queries_for(admin_client, "/roles/clinical-coder-nhs/")
    assert count > 0
    _, anonymous = queries_for(client, "/roles/clinical-coder-nhs/")
    assert anonymous > 0  # staff visits never filled the public cache


def test_only_successful_pages_are_cached(client, cached):
    client.get("/roles/no-such-role/")
    _, count = queries_for(client, "/roles/no-such-role/")
    assert count > 0


def test_content_versions_only_move_forward(tmp_path, settings):
    version = FileVersion(tmp_path / "v")
    first = version.current()
    assert version.bump() > first and version.current() > first
    shared = CacheVersion()
    before = shared.current()
    assert shared.bump() == before + 1


def test_public_html_is_compressed_and_admin_is_not(client, admin_client):
    make_assessment()
    page = client.get("/roles/clinical-coder-nhs/", HTTP_ACCEPT_ENCODING="gzip")
    assert page["Content-Encoding"] == "gzip"
    admin = admin_client.get("/admin/", HTTP_ACCEPT_ENCODING="gzip")
    assert not admin.has_header("Content-Encoding")


def test_fixed_query_counts_whatever_the_number_of_roles(client):
    def counts():
        cache.clear()  # cold: the per-version zone counts are computed again
        return {
            url: queries_for(client, url)[1]
            for url in [
                "/roles/",
                "/roles/?zone=red&q=role&sort=-score",
                "/roles/role-000/",
                "/",
                "/compare/?roles=role-000,role-001",
            ]
        }

    for n in range(3):
        make_assessment(f"Role {n:03d}", slug=f"role-{n:03d}")
    few = counts()
    for n in range(3, 40):
        make_assessment(f"Role {n:03d}", slug=f"role-{n:03d}")
    many = counts()
    assert few == many
    # A search asks the index a few small questions (counts per zone, a page, exact titles, the
    # careers), none of which grows with the number of roles.
    assert many["/roles/"] <= 4 and many["/roles/?zone=red&q=role&sort=-score"] <= 6
    assert many["/roles/role-000/"] <= 8


def test_role_and_career_pages_stay_within_their_query_budget(client):
    import_document("baker-career.txt", publish=True)
    import_document("baker.txt", publish=True)
    _, role_queries = queries_for(client, "/roles/test-baker-artisan/")
    _, career_queries = queries_for(client, "/careers/test-baker/")
    assert role_queries <= 8 and career_queries <= 6
    many_tasks = Assessment.objects.get(slug="test-baker-artisan")
    for n in range(20):
        many_tasks.not_roles.create(role_name=f"Other {n}", linked=many_tasks)
    assert queries_for(client, "/roles/test-baker-artisan/")[1] == role_queries
