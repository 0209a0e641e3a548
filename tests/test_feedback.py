"""Feedback on role and career pages, and "Report a problem": stored, CSRF-protected, limited per address,
never cached for another visitor, refused for drafts, and shown to staff with totals."""

import re

import pytest
from django.test import Client

from scoring.feedback import Feedback, ProblemReport
from tests.factories import logged_in, make_assessment, make_career, make_staff

pytestmark = pytest.mark.django_db

ROLE_URL = "/roles/clinical-coder-nhs/feedback/"
CAREER_URL = "/careers/clinical-coder/feedback/"
REPORT_URL = "/report-a-problem/"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def items(db):
    career = make_career(status="published")
    role = make_assessment(career=career)
    make_assessment("Secret Draft Role", slug="secret-draft", status="draft")
    make_career(slug="draft-career", title="Draft career", status="draft")
    return role, career


def send(client, url=ROLE_URL, question="score", answer="too_high", comment="", address="10.0.0.1", **headers):
    data = {"question": question, "answer": answer, "comment": comment}
    return client.post(url, data, REMOTE_ADDR=address, **headers)


def test_the_role_page_invites_feedback_without_a_token(client, items):
    page = client.get("/roles/clinical-coder-nhs/").content.decode()
    assert "Is this score right for your job?" in page and "Was this page useful?" in page
    assert f'href="{ROLE_URL}?question=score&amp;answer=too_high"' in page
    assert f'hx-get="{ROLE_URL}?question=useful&amp;answer=no"' in page
    assert "csrfmiddlewaretoken" not in page and 'method="post"' not in page
    career = client.get("/careers/clinical-coder/").content.decode()
    assert "Was this page useful?" in career and "Is this score right for your job?" in career
    assert f'href="{CAREER_URL}?question=useful&amp;answer=yes"' in career
    # The score a career page shows is its assessment's, so that answer is stored against the role.
    assert f'href="{ROLE_URL}?question=score&amp;answer=too_low"' in career


def test_the_form_page_has_the_answer_ticked_and_a_token(client, items):
    response = client.get(ROLE_URL, {"question": "score", "answer": "too_low"})
    page = response.content.decode()
    assert response.status_code == 200 and "<html" in page and 'name="robots" content="noindex"' in page
    assert TOKEN.search(page) and 'value="too_low" checked' in page
    assert "<legend><h2" in page and "Is this score right for your job?" in page
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert Feedback.objects.count() == 0  # a GET never stores anything


def test_htmx_gets_the_form_alone_with_focus_on_the_comment(client, items):
    html = client.get(ROLE_URL, {"question": "useful", "answer": "no"}, **HTMX).content.decode()
    assert "<html" not in html and html.lstrip().startswith('<section class="feedback" id="feedback-useful"')
    assert TOKEN.search(html) and re.search(r'id="feedback-useful-comment"[^>]* autofocus', html)


@pytest.mark.parametrize(
    "url, question, answer, field",
    [
        (ROLE_URL, "score", "yes", "role"),
        (ROLE_URL, "score", "too_high", "role"),
        (ROLE_URL, "score", "too_low", "role"),
        (ROLE_URL, "useful", "yes", "role"),
        (ROLE_URL, "useful", "no", "role"),
        (CAREER_URL, "useful", "yes", "career"),
        (CAREER_URL, "useful", "no", "career"),
    ],
)
def test_feedback_is_stored_per_role_or_career(client, items, url, question, answer, field):
    response = send(client, url, question, answer, "Most of my week is audits.\r\nSo it feels low.")
    assert response.status_code == 303
    row = Feedback.objects.get()
    assert (row.question, row.answer, row.comment) == (question, answer, "Most of my week is audits.\nSo it feels low.")
    assert getattr(row, field) == items[0 if field == "role" else 1]
    assert getattr(row, "career" if field == "role" else "role") is None
    thanks = client.get(response["Location"])
    assert "Thank you for your feedback." in thanks.content.decode() and "no-store" in thanks["Cache-Control"]


def test_htmx_post_returns_the_thanks_in_place(client, items):
    response = send(client, answer="yes", **HTMX)
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert html.lstrip().startswith('<section class="feedback" id="feedback-score"')
    assert "Thank you for your feedback." in html and "no-store" in response["Cache-Control"]
    assert Feedback.objects.get().answer == "yes"


@pytest.mark.parametrize(
    "url, question, answer, comment, message",
    [
        (ROLE_URL, "score", "", "", "Choose an answer."),
        (ROLE_URL, "score", "no", "", "Choose one of the answers shown."),  # "no" belongs to the other question
        (ROLE_URL, "score", "maybe", "", "Choose one of the answers shown."),
        (ROLE_URL, "useful", "too_high", "", "Choose one of the answers shown."),
        (ROLE_URL, "score", "yes", "x" * 501, "Keep your comment to 500 characters or fewer (it has 501)."),
        (ROLE_URL, "score", "yes", "bad\x00text", "hidden character"),
        (ROLE_URL, "score", "yes", "bad\u202etext", "hidden character"),
        (CAREER_URL, "score", "too_high", "", "Choose one of the answers shown."),  # careers have no score question
    ],
)
@pytest.mark.parametrize("htmx", [False, True])
def test_bad_input_gets_a_clear_message_and_stores_nothing(
    client, items, url, question, answer, comment, message, htmx
):
    response = send(client, url, question, answer, comment, **(HTMX if htmx else {}))
    html = response.content.decode()
    assert response.status_code == 200 and message in html
    assert 'class="field-error"' in html and ("<html" in html) is not htmx
    assert Feedback.objects.count() == 0


def test_drafts_get_no_feedback(client, items):
    for url in ("/roles/secret-draft/feedback/", "/careers/draft-career/feedback/", "/roles/no-such-role/feedback/"):
        assert client.get(url).status_code == 404
        assert send(client, url).status_code == 404
    editor = logged_in(Client(), make_staff("editor", "Editors"))
    assert editor.get("/roles/secret-draft/feedback/").status_code == 404
    preview = editor.get("/roles/secret-draft/").content.decode()
    assert "Draft preview" in preview and "Is this score right for your job?" not in preview
    assert Feedback.objects.count() == 0


def test_a_post_without_the_csrf_token_is_refused():
    make_assessment()
    client = Client(enforce_csrf_checks=True)
    assert send(client).status_code == 403
    assert send(client, **HTMX).status_code == 403
    assert client.post(REPORT_URL, {"description": "Broken link"}).status_code == 403
    assert Feedback.objects.count() == 0 and ProblemReport.objects.count() == 0
    token = TOKEN.search(client.get(ROLE_URL).content.decode()).group(1)
    data = {"question": "score", "answer": "yes", "csrfmiddlewaretoken": token}
    assert client.post(ROLE_URL, data).status_code == 303 and Feedback.objects.count() == 1


def test_feedback_is_limited_per_address(client, items):
    for _ in range(10):
        assert send(client, address="10.0.0.1").status_code == 303
    refused = send(client, address="10.0.0.1")
    assert refused.status_code == 429 and 0 < int(refused["Retry-After"]) <= 600
    assert "this was not saved" in refused.content.decode()
    assert send(client, address="10.0.0.1", **HTMX).status_code == 429
    assert Feedback.objects.count() == 10
    assert send(client, address="10.0.0.2").status_code == 303


def test_the_cached_role_page_never_holds_a_token_or_thanks(settings, items):
    settings.PAGE_CACHE_SECONDS = 600
    first = Client()
    first.get(ROLE_URL)
    send(first, answer="yes")
    for client in (first, Client()):
        page = client.get("/roles/clinical-coder-nhs/").content.decode()
        assert "csrfmiddlewaretoken" not in page and "Thank you" not in page
    one, two = Client().get(ROLE_URL), Client().get(ROLE_URL)
    assert TOKEN.search(one.content.decode()).group(1) != TOKEN.search(two.content.decode()).group(1)


def test_only_get_head_and_post(client, items):
    assert client.head(ROLE_URL).status_code == 200
    assert client.put(ROLE_URL).status_code == 405
    assert client.put(REPORT_URL).status_code == 405


# --- report a problem ---------------------------------------------------------------------------


def test_a_problem_report_is_stored_with_its_page(client, db):
    form = client.get(REPORT_URL, {"page": "/roles/clinical-coder-nhs/"})
    assert 'value="/roles/clinical-coder-nhs/"' in form.content.decode() and "no-store" in form["Cache-Control"]
    data = {"page": "/roles/x/", "description": "The table runs off my screen.", "email": "me@example.org"}
    response = client.post(REPORT_URL, data, REMOTE_ADDR="10.0.0.1")
    assert response.status_code == 303
    report = ProblemReport.objects.get()
    assert (report.page, report.description, report.email, report.resolved) == (
        "/roles/x/",
        "The table runs off my screen.",
        "me@example.org",
        False,
    )
    assert "Thank you" in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize(
    "data, message",
    [
        ({"description": ""}, "Tell us what went wrong."),
        ({"description": "   "}, "Tell us what went wrong."),
        ({"description": "x" * 1001}, "Keep this to 1000 characters or fewer (it has 1001)."),
        ({"description": "Broken", "email": "not-an-address"}, "Enter an email address like name@example.com"),
        ({"description": "Broken", "page": "javascript:alert(1)"}, "Enter the address of a page on this site"),
        ({"description": "Broken", "page": "//evil.example/x"}, "Enter the address of a page on this site"),
        ({"description": "bad\x00text"}, "hidden character"),
    ],
)
def test_a_bad_problem_report_is_explained_and_not_stored(client, db, data, message):
    response = client.post(REPORT_URL, data)
    assert response.status_code == 200 and message in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode()
    assert ProblemReport.objects.count() == 0


def test_problem_reports_are_limited_per_address(client, db):
    for n in range(5):
        assert client.post(REPORT_URL, {"description": f"Problem {n}"}, REMOTE_ADDR="10.0.0.3").status_code == 303
    assert client.post(REPORT_URL, {"description": "One more"}, REMOTE_ADDR="10.0.0.3").status_code == 429
    assert ProblemReport.objects.count() == 5


# --- staff ----------------------------------------------------------------------------------------


def test_staff_see_totals_and_comments(client, items):
    for n, (answer, comment) in enumerate([("too_high", "Audits are half my job."), ("too_high", ""), ("yes", "")]):
        send(client, answer=answer, comment=comment, address=f"10.0.1.{n}")
    send(client, CAREER_URL, "useful", "no", "Needs pay in Scotland.", address="10.0.2.1")
    client.post(REPORT_URL, {"description": "Focus is lost on page 2."}, REMOTE_ADDR="10.0.3.1")
    editor = logged_in(Client(), make_staff("editor", "Editors"))
    page = editor.get("/admin/scoring/feedback/").content.decode()
    assert "Audits are half my job." in page and "Needs pay in Scotland." in page
    assert "Yes: 1, Too high: 2, Too low: 0" in page and "Yes: 0, No: 1" in page
    filtered = editor.get("/admin/scoring/feedback/", {"career__id__exact": items[1].pk}).content.decode()
    assert "Yes: 0, No: 1" in filtered and "Too high: 2" not in filtered
    assert "Focus is lost on page 2." in editor.get("/admin/scoring/problemreport/").content.decode()
    assert editor.get("/admin/scoring/feedback/add/").status_code == 403
