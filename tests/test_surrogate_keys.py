"""Precise invalidation and HTTP caching: a publish retires the pages that show the item and no
others; public pages say how long they may be kept and answer conditional requests with 304."""

import json
from decimal import Decimal
from unittest import mock

import pytest

from editorial import surrogate_keys
from scoring import moves
from tests.factories import logged_in, make_assessment, make_career, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def cached(settings):
    settings.PAGE_CACHE_SECONDS = 600


@pytest.fixture
def roles():
    made = [make_assessment(f"Records Role {n}", slug=f"records-role-{n}") for n in range(20)]
    moves.refresh()  # as the site has them before anyone visits
    return made


def hit(client, url, **headers) -> bool:
    response = client.get(url, **headers)
    assert response.status_code == 200
    return response["X-Page-Cache"] == "hit"


def edit(role, commit, **fields):
    with commit(execute=True):
        for name, value in fields.items():
            setattr(role, name, value)
        role.save()


def test_publishing_one_role_leaves_the_other_role_pages_cached(
    client, cached, roles, django_capture_on_commit_callbacks
):
    for role in roles:
        assert not hit(client, f"/roles/{role.slug}/")
    assert hit(client, f"/roles/{roles[3].slug}/")
    # Lower than the others, so no other role gains a safer move to it (that would change their pages).
    edit(roles[0], django_capture_on_commit_callbacks, score_override=Decimal("15.0"), override_reason="Checked")
    page = client.get(f"/roles/{roles[0].slug}/")
    assert page["X-Page-Cache"] == "miss" and b"<strong>15.0</strong>" in page.content
    warm = [hit(client, f"/roles/{role.slug}/") for role in roles[1:]]
    assert sum(warm) / len(warm) >= 0.95
    assert all(warm)  # none of them shows the edited role


def test_a_role_that_becomes_a_safer_move_retires_the_pages_that_now_offer_it(
    client, cached, roles, django_capture_on_commit_callbacks
):
    for role in roles[:3]:
        client.get(f"/roles/{role.slug}/")
    edit(roles[0], django_capture_on_commit_callbacks, score_override=Decimal("60.0"), override_reason="Checked")
    page = client.get(f"/roles/{roles[1].slug}/")
    assert page["X-Page-Cache"] == "miss" and f"role-{roles[0].pk}" in page["xkey"].split()


def test_a_change_retires_the_lists_and_open_data_that_show_the_role(
    client, cached, roles, django_capture_on_commit_callbacks
):
    for url in ("/", "/roles/", "/roles/?zone=red", "/roles.json", "/sitemap-roles.xml"):
        client.get(url)
        assert hit(client, url)
    edit(roles[5], django_capture_on_commit_callbacks, job_title="Records Role Renamed")
    for url in ("/", "/roles/", "/roles/?zone=red", "/roles.json"):
        response = client.get(url)
        assert response["X-Page-Cache"] == "miss", url
    assert "Records Role Renamed" in client.get("/roles.json?page=1").content.decode()


def test_a_role_page_showing_another_role_is_retired_with_it(client, cached, roles, django_capture_on_commit_callbacks):
    low, high = roles[0], roles[1]
    edit(high, django_capture_on_commit_callbacks, score_override=Decimal("55.0"), override_reason="Checked")
    assert f"role-{high.pk}" in client.get(f"/roles/{low.slug}/")["xkey"].split()  # its safer move
    client.get(f"/roles/{roles[2].slug}/")
    edit(high, django_capture_on_commit_callbacks, job_title="Records Role Promoted")
    assert "Records Role Promoted" in client.get(f"/roles/{low.slug}/").content.decode()
    assert "Records Role Promoted" in client.get(f"/roles/{roles[2].slug}/").content.decode()


def test_a_career_page_is_retired_by_its_roles_and_by_itself(client, cached, django_capture_on_commit_callbacks):
    career = make_career(status="published")
    role = make_assessment(career=career)
    other = make_assessment("Ward Clerk", slug="ward-clerk")
    client.get(f"/careers/{career.slug}/")
    client.get(f"/roles/{other.slug}/")
    edit(role, django_capture_on_commit_callbacks, job_title="Clinical Coder (Acute)")
    assert "Clinical Coder (Acute)" in client.get(f"/careers/{career.slug}/").content.decode()
    assert hit(client, f"/roles/{other.slug}/")
    client.get(f"/roles/{role.slug}/")
    edit(career, django_capture_on_commit_callbacks, title="Clinical Coding")
    assert not hit(client, f"/roles/{role.slug}/")  # the role page names its career
    assert hit(client, f"/roles/{other.slug}/")


def test_moving_a_role_to_another_career_retires_both_career_pages(client, cached, django_capture_on_commit_callbacks):
    first = make_career(status="published")
    second = make_career(slug="medical-coding", title="Medical Coding", status="published")
    role = make_assessment(career=first)
    client.get(f"/careers/{first.slug}/")
    client.get(f"/careers/{second.slug}/")
    edit(role, django_capture_on_commit_callbacks, career=second)
    assert "Clinical Coder (NHS)" not in client.get(f"/careers/{first.slug}/").content.decode()
    assert "Clinical Coder (NHS)" in client.get(f"/careers/{second.slug}/").content.decode()


def test_a_draft_save_retires_nothing(client, cached, roles, django_capture_on_commit_callbacks):
    draft = make_assessment("Draft Role", slug="draft-role", status="draft")
    client.get("/roles/")
    with mock.patch("editorial.purge.purge") as purge:
        edit(draft, django_capture_on_commit_callbacks, job_title="Draft Role Again")
    assert hit(client, "/roles/")
    purge.assert_not_called()


def test_the_http_tier_is_purged_by_the_same_keys_after_commit(roles, django_capture_on_commit_callbacks):
    with mock.patch("editorial.purge.purge") as purge:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            roles[0].job_title = "Records Role Zero"
            roles[0].save()
        purge.assert_not_called()  # nothing leaves before the transaction commits
        for callback in callbacks:
            callback()
    keys = set(purge.call_args.args[0])
    assert {f"role-{roles[0].pk}", "roles"} <= keys and f"role-{roles[1].pk}" not in keys


def test_public_pages_say_how_long_they_may_be_kept(client, roles, settings):
    response = client.get(f"/roles/{roles[0].slug}/")
    control = response["Cache-Control"]
    assert "public" in control and f"max-age={settings.HTTP_MAX_AGE}" in control
    assert f"s-maxage={settings.HTTP_SHARED_MAX_AGE}" in control
    assert response["ETag"] and response["Last-Modified"]
    assert f"role-{roles[0].pk}" in response["xkey"].split() and "roles" not in response["xkey"].split()
    assert "roles" in client.get("/roles/")["xkey"].split()


@pytest.mark.parametrize("page_cache", [0, 600])
def test_conditional_requests_get_304(client, roles, settings, page_cache):
    settings.PAGE_CACHE_SECONDS = page_cache
    url = f"/roles/{roles[0].slug}/"
    first = client.get(url)
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    since = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304


def test_staff_drafts_forms_and_personal_results_are_never_kept(client, roles):
    for response in (
        client.get(f"/roles/{roles[0].slug}/feedback/"),
        client.get("/report-a-problem/"),
        client.get(f"/roles/{roles[0].slug}/?mine=1"),
    ):
        control = response["Cache-Control"]
        assert "private" in control and "no-store" in control and "public" not in control
    feedback = client.post(f"/roles/{roles[0].slug}/feedback/", {"message": "x"})
    assert "public" not in feedback.get("Cache-Control", "") and "xkey" not in feedback
    staff = make_staff("editor", superuser=True)
    draft = make_assessment("Draft Role", slug="draft-role", status="draft")
    logged_in(client, staff)
    for url in (f"/roles/{draft.slug}/", f"/roles/{roles[0].slug}/", "/roles/"):
        control = client.get(url)["Cache-Control"]
        assert "private" in control and "no-store" in control


def test_htmx_fragments_vary_on_the_htmx_header(client, roles):
    assert "HX-Request" in client.get("/roles/?zone=red", HTTP_HX_REQUEST="true")["Vary"]


def test_roles_json_links_its_pages(client, settings):
    for n in range(0, 205):
        make_assessment(f"Role {n:03d}", slug=f"role-{n:03d}", tasks=[("Coding episodes", 100, 3, "displacement")])
    first = client.get("/roles.json")
    assert first.json()["count"] == 205 and len(first.json()["roles"]) == 100
    assert 'rel="next"' in first["Link"] and 'rel="prev"' not in first["Link"] and "page=2" in first["Link"]
    middle = client.get("/roles.json?page=2")["Link"]
    assert 'page=1>; rel="prev"' in middle and 'page=3>; rel="next"' in middle and 'page=3>; rel="last"' in middle


def test_roles_jsonl_holds_every_published_role_and_follows_changes(client, roles, django_capture_on_commit_callbacks):
    make_assessment("Draft Role", slug="draft-role", status="draft")
    response = client.get("/roles.jsonl")
    lines = [json.loads(line) for line in b"".join(response.streaming_content).decode().splitlines()]
    assert response["Content-Type"].startswith("application/jsonl")
    assert sorted(row["slug"] for row in lines) == sorted(role.slug for role in roles)
    assert "draft-role" not in {row["slug"] for row in lines}
    assert client.get("/roles.jsonl", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
    edit(roles[0], django_capture_on_commit_callbacks, job_title="Records Role Changed")
    again = b"".join(client.get("/roles.jsonl").streaming_content).decode()
    assert "Records Role Changed" in again


def test_bumping_a_key_never_reuses_a_version(tmp_path):
    versions = surrogate_keys.FileVersions(tmp_path)
    versions.bump(["role-1"])
    first = versions.current(["role-1", "role-2"])
    versions.bump(["role-1"])
    second = versions.current(["role-1", "role-2"])
    assert second["role-1"] > first["role-1"] and second["role-2"] == first["role-2"] == 0


def test_a_role_article_is_kept_by_its_keys_and_made_again_when_they_change(
    client, settings, roles, django_capture_on_commit_callbacks
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = f"/roles/{roles[0].slug}/"
    fresh = client.get(url).content
    settings.FRAGMENT_CACHE_SECONDS = 600
    assert client.get(url).content == fresh  # kept or not, the same page
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).content == fresh
    assert len(queries) <= 3  # the role and the keys of what it shows; the article is kept
    edit(roles[1], django_capture_on_commit_callbacks, job_title="Records Role Elsewhere")
    assert client.get(url).content == fresh  # another role's change leaves it as it was
    edit(roles[0], django_capture_on_commit_callbacks, primary_function="Codes every inpatient episode.")
    assert b"Codes every inpatient episode." in client.get(url).content


def test_a_career_article_is_kept_and_follows_its_roles(client, settings, django_capture_on_commit_callbacks):
    career = make_career(status="published")
    role = make_assessment(career=career)
    url = f"/careers/{career.slug}/"
    fresh = client.get(url).content
    settings.FRAGMENT_CACHE_SECONDS = 600
    assert client.get(url).content == client.get(url).content == fresh
    edit(role, django_capture_on_commit_callbacks, job_title="Clinical Coder (Acute)")
    assert b"Clinical Coder (Acute)" in client.get(url).content


def test_a_comparison_is_kept_by_its_roles_keys(client, settings, roles, django_capture_on_commit_callbacks):
    url = f"/compare/?roles={roles[0].slug},{roles[1].slug}"
    fresh = client.get(url).content
    settings.FRAGMENT_CACHE_SECONDS = 600
    assert client.get(url).content == client.get(url).content == fresh
    edit(roles[1], django_capture_on_commit_callbacks, job_title="Records Role Compared")
    assert b"Records Role Compared" in client.get(url).content
    assert b"Records Role Compared" not in client.get(f"/compare/?roles={roles[0].slug},{roles[2].slug}").content
