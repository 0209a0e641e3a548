"""The import page explains the format, offers a worked example of each kind, and names everything in words."""

import pytest
from django.urls import reverse

from documents.assessment import read_assessment
from documents.career import read_career
from documents.importer import detect_kind, import_text
from scoring import aijri
from tests.factories import BAKER, logged_in, make_staff

pytestmark = pytest.mark.django_db
URL = "/admin/scoring/assessment/import/"


@pytest.fixture
def editor(client):
    return logged_in(client, make_staff("ed", "Editors"))


def test_the_page_explains_each_kind_from_the_field_tables(editor):
    page = editor.get(URL).content.decode()
    assert "How a document is laid out" in page
    for words in ("Role Definition", "Job Title (required)", "Alternative Titles", "Task Decomposition",
                  "a row for Job Posting Trends", "What you do", "Pay and costs", "at most 1 MB"):  # fmt: skip
        assert words in page, words


@pytest.mark.parametrize("kind", ["assessment", "career"])
def test_each_example_downloads_and_reads_as_its_kind(editor, kind):
    response = editor.get(reverse("admin:scoring_assessment_import_example", args=[kind]))
    assert response.status_code == 200 and response["Content-Disposition"].endswith(f'jobzone-{kind}-example.txt"')
    report = import_text(response.content.decode(), f"example-{kind}.txt", dry_run=True)
    assert report.kind == kind


def test_an_unknown_example_is_a_404_and_the_public_cannot_download(client, editor):
    assert editor.get("/admin/scoring/assessment/import/example-secret.txt").status_code == 404
    client.logout()
    assert client.get(reverse("admin:scoring_assessment_import_example", args=["career"])).status_code == 302


def test_the_preview_names_rows_in_words_not_keys(editor):
    preview = editor.post(URL, {"text": BAKER}).content.decode()
    assert "Job Posting Trends" in preview and "Regulatory/Licensing" in preview
    assert "job_posting_trends" not in preview and "regulatory_licensing" not in preview
    assert "Displacement" in preview and ">displacement<" not in preview


@pytest.mark.parametrize("kind", ["assessment", "career"])
def test_each_blank_template_is_written_from_the_field_tables_and_reads_as_its_kind(editor, kind):
    response = editor.get(reverse("admin:scoring_assessment_import_template", args=[kind]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    assert response["Content-Disposition"] == f'attachment; filename="jobzone-{kind}-template.txt"'
    text = response.content.decode()
    assert detect_kind(text) == kind
    if kind == "assessment":
        doc = read_assessment(text)
        assert set(doc.evidence) == set(aijri.EVIDENCE_DIMENSIONS) and set(doc.barriers) == set(aijri.BARRIERS)
        assert "| Alternative Titles |" in text
    else:
        doc = read_career(text)
        assert doc.fields["alternative_titles"] and doc.routes
    assert editor.get(f"/admin/scoring/assessment/import/template-{kind}x.txt").status_code == 404
