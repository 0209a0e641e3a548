"""Security headers, admin lockout, escaping, upload limits, health check and the database-down page."""

from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError
from django.urls import reverse

from documents.importer import import_text
from tests.factories import BAKER, PASSWORD, logged_in, make_staff

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/", "/roles/", "/roles/?zone=red", "/no-such-page/", "/admin/login/", "/healthz"])
def test_security_headers_on_every_response(client, url):
    response = client.get(url)
    csp = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";") if part.strip())
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert directives["frame-ancestors"] == "'none'"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_static_files_carry_the_policy_headers_too(client):
    response = client.get("/static/css/site.css")
    assert response.status_code == 200
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"] and response["Permissions-Policy"]


def test_htmx_needs_no_inline_styles_or_eval(client):
    page = client.get("/roles/").content.decode()
    assert '"includeIndicatorStyles": false' in page and '"allowEval": false' in page
    assert "<script>" not in page and " style=" not in page


def test_admin_locks_after_five_failed_logins(client):
    make_staff("boss", superuser=True)
    url = reverse("admin:login")
    statuses = [
        client.post(url, {"username": "boss", "password": "wrong"}, REMOTE_ADDR="10.0.0.9").status_code
        for _ in range(5)
    ]
    assert statuses == [200, 200, 200, 200, 429]  # the fifth failure locks the account from that address
    locked = client.post(url, {"username": "boss", "password": PASSWORD}, REMOTE_ADDR="10.0.0.9")
    assert locked.status_code == 429
    assert "Account locked: too many login attempts" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    other_place = client.post(url, {"username": "boss", "password": PASSWORD}, REMOTE_ADDR="10.0.0.7")
    assert other_place.status_code == 302  # locked per user and address, not for everyone


def test_password_validators_are_on(settings):
    names = [validator["NAME"].rsplit(".", 1)[1] for validator in settings.AUTH_PASSWORD_VALIDATORS]
    assert {"MinimumLengthValidator", "CommonPasswordValidator", "NumericPasswordValidator"} <= set(names)


def test_non_staff_cannot_use_the_admin(client):
    logged_in(client, make_staff("visitor", is_staff=False))
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"] == reverse("admin:login") + "?next=/admin/"


def test_stored_text_is_shown_as_text(client):
    hostile = BAKER.replace("Hands and ovens.", "<script>alert(1)</script> and <img src=x onerror=alert(2)>")
    hostile = hostile.replace("| Experienced (3+ years) |", '| Experienced "><b>bold</b> |')
    import_text(hostile, "hostile.txt", publish=True)
    page = client.get("/roles/test-baker-artisan/").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page and "<img src=x" not in page
    assert "<b>bold</b>" not in page


def test_a_10_mb_upload_is_refused_clearly(admin_client):
    upload = SimpleUploadedFile("huge.txt", b"Role Definition\n" + b"a" * 10_000_000, content_type="text/plain")
    page = admin_client.post(reverse("admin:scoring_assessment_import"), {"upload": upload}).content.decode()
    assert "documents may be at most 1 MB" in page


def test_healthz_reports_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.content == b"ok\n"
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    with mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=OperationalError("down")):
        assert client.get("/healthz").status_code == 503


def test_a_database_outage_is_a_plain_503_not_a_500(client):
    with mock.patch("scoring.views.published_zone_counts", side_effect=OperationalError("connection refused")):
        response = client.get("/roles/")
    assert response.status_code == 503
    page = response.content.decode()
    assert "temporarily unavailable" in page and "Traceback" not in page and "connection refused" not in page
    assert response["Retry-After"] == "5"
