"""Hostile requests get a clear answer and change nothing: control characters (400), methods a page
does not answer (405), made-up session cookies (the cached page), and staff pages never shared."""

import pytest
from django.conf import settings as settings_module
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from scoring.feedback import Feedback
from tests.factories import assessment_post, logged_in, make_assessment, make_staff

pytestmark = pytest.mark.django_db

PUBLIC = ["/", "/roles/", "/roles/clinical-coder-nhs/", "/careers/", "/occupations/", "/methodology/", "/roles.json"]


@pytest.fixture
def role(db):
    return make_assessment()


@pytest.fixture
def superuser(client):
    return logged_in(client, make_staff("boss", superuser=True))


@pytest.mark.parametrize(
    "address",
    [
        "/roles/?q=%00",
        "/roles/?zone=red%00",
        "/roles/?q=nurse&sort=%01",
        "/careers/?%00=1",
        "/search/suggest/?q=cod%00er",
        "/occupations/?page=%1f",
    ],
)
def test_control_characters_in_a_query_string_get_400(client, role, address):
    response = client.get(address)
    assert response.status_code == 400
    assert "control character" in response.content.decode()
    assert response["Cache-Control"] == "no-store"


@pytest.mark.parametrize(
    "address",
    [
        "/admin/scoring/assessment/?status__exact=%00",
        "/admin/scoring/assessment/?sub_label__exact=%00",
        "/admin/scoring/assessment/?q=%00",
        "/admin/autocomplete/?term=%00&app_label=scoring&model_name=assessment&field_name=linked",
    ],
)
def test_admin_filters_with_nul_get_400_not_a_server_error(superuser, role, address):
    assert superuser.get(address).status_code == 400


def test_a_public_form_explains_a_nul_byte_beside_the_field(client, role):
    response = client.post(
        "/roles/clinical-coder-nhs/feedback/", {"question": "score", "answer": "too_high", "comment": "odd\x00text"}
    )
    assert response.status_code == 200 and "hidden character" in response.content.decode()
    assert Feedback.objects.count() == 0


def test_an_admin_save_with_a_control_character_changes_nothing(superuser, role):
    response = superuser.post(
        reverse("admin:scoring_assessment_change", args=[role.pk]), assessment_post(timeline="soon\x0bish")
    )
    assert response.status_code == 400 and "Nothing was saved" in response.content.decode()
    role.refresh_from_db()
    assert "\x0b" not in role.timeline


def test_tabs_and_line_breaks_are_ordinary_text(client, role):
    assert client.get("/roles/?q=clinical%09coder%0d%0a").status_code == 200


@pytest.mark.parametrize("method", ["options", "trace", "put", "patch", "delete"])
@pytest.mark.parametrize("address", PUBLIC)
def test_methods_a_page_does_not_answer_get_405(client, role, method, address):
    response = client.generic(method.upper(), address)
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert b"<h1>" not in response.content or b"This page cannot do that" in response.content


def test_posting_to_a_page_gets_405_but_forms_take_posts(client, role):
    assert client.post("/roles/", {"q": "nurse"}).status_code == 405
    taken = client.post("/roles/clinical-coder-nhs/feedback/", {"question": "score", "answer": "too_high"})
    assert taken.status_code == 303
    assert client.options("/roles/clinical-coder-nhs/feedback/")["Allow"] == "GET, HEAD, POST"


def test_head_of_robots_txt(client):
    response = client.head("/robots.txt")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")


def test_a_missing_page_has_no_canonical_link(client, db):
    response = client.get("/roles/no-such-role/")
    html = response.content.decode()
    assert response.status_code == 404
    assert 'rel="canonical"' not in html and 'name="robots" content="noindex"' in html


def test_a_made_up_session_cookie_gets_the_cached_page(client, role, settings):
    settings.PAGE_CACHE_SECONDS = 600
    first = client.get("/roles/clinical-coder-nhs/")
    for made_up in ("garbage", "x" * 32, "a" * 4000, "0123456789abcdefghijklmnopqrstuv" + "deadbeef"):
        client.cookies[settings.SESSION_COOKIE_NAME] = made_up
        with CaptureQueriesContext(connection) as queries:
            again = client.get("/roles/clinical-coder-nhs/")
        assert again.content == first.content
        assert len(queries) == 0  # a key this site never issued is known without the database


def test_signed_in_staff_get_fresh_pages_that_no_one_keeps(client, role, settings):
    settings.PAGE_CACHE_SECONDS = 600
    client.get("/roles/clinical-coder-nhs/")
    make_assessment("Secret Draft", slug="secret-draft", status="draft")
    logged_in(client, make_staff("editor", "Editors"))
    preview = client.get("/roles/secret-draft/")
    assert preview.status_code == 200
    assert "private" in preview["Cache-Control"] and "no-store" in preview["Cache-Control"]
    assert "no-store" in client.get("/roles/clinical-coder-nhs/")["Cache-Control"]


@pytest.mark.parametrize("value", ["NaN", "sNaN", "-NaN", "Infinity", "-inf", "1e999", "1E+2"])
@pytest.mark.parametrize("field", ["resistance_adjustment", "score_override"])
def test_the_live_calculation_explains_numbers_it_cannot_use(superuser, field, value):
    response = superuser.post(reverse("admin:scoring_assessment_calculation"), assessment_post(**{field: value}))
    assert response.status_code == 200
    assert "Cannot compute the score yet" in response.content.decode()


def test_a_session_key_this_site_issued_is_told_from_a_forged_one(client, db):
    from jobzone_site.sessions import issued_here

    logged_in(client, make_staff("editor", "Editors"))
    key = client.cookies[settings_module.SESSION_COOKIE_NAME].value
    assert issued_here(key)
    forged = key[:-1] + ("0" if key[-1] != "0" else "1")
    assert not issued_here(forged) and not issued_here(key[:32])
