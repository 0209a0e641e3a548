"""The assessment change form: stored score when read-only, labelled inline cells, reason beside Save."""

import pytest
from django.contrib.auth.models import Permission

from tests.factories import change_url, logged_in, make_assessment, make_staff

pytestmark = pytest.mark.django_db


def test_read_only_published_view_shows_the_stored_score(client):
    """Someone who may only look (Editors now edit live pages through a revision) sees the stored calculation."""
    role = make_assessment(status="published")
    viewer = make_staff("viewer")
    viewer.user_permissions.set(
        Permission.objects.filter(codename__startswith="view_", content_type__app_label="scoring")
    )
    page = logged_in(client, viewer).get(change_url(role)).content.decode()
    assert "Cannot compute" not in page
    assert f"Score {role.score}" in page
    assert "hx-post" not in page.split('id="live-calculation"')[1].split(">")[0]


def test_every_inline_cell_has_a_label(client):
    role = make_assessment(status="draft")
    page = logged_in(client, make_staff("boss", superuser=True)).get(change_url(role)).content.decode()
    assert '<label class="sr-label" for="id_tasks-0-time_pct">Task 1: ' in page
    assert 'for="id_tasks-0-DELETE">Delete Task 1</label>' in page
    assert '<th class="original"></th>' not in page


def test_reason_sits_beside_the_save_buttons(client):
    role = make_assessment(status="draft")
    page = logged_in(client, make_staff("boss", superuser=True)).get(change_url(role)).content.decode()
    record = page.split('class="record-and-save"')[1]
    assert 'name="change_reason"' in record and 'name="_save"' in record
    assert page.count('name="change_reason"') == 1


def test_the_error_summary_links_to_each_field_in_error(client):
    from tests.factories import edit_post

    role = make_assessment(status="draft")
    boss = logged_in(client, make_staff("boss", superuser=True))
    wrong = edit_post(role, job_title="", times=[50, 25, 20, 10, 10, 10, 5])
    page = boss.post(change_url(role), wrong).content.decode()
    summary = page.split('id="error-summary"')[1].split("</div>")[0]
    assert 'href="#id_job_title"' in summary and "Job title: This field is required." in summary
    assert 'href="#tasks-group"' in summary  # the shares no longer add up to 100%


def test_the_score_line_stays_with_the_form(client):
    role = make_assessment(status="draft")
    page = logged_in(client, make_staff("boss", superuser=True)).get(change_url(role)).content.decode()
    assert page.index('id="tasks-group"') < page.index('id="fieldset-0-5-heading"')  # tasks before the principles
    assert 'id="live-score"' in page.split('id="live-calculation"')[1]
    calculation = logged_in(client, make_staff("b2", superuser=True)).post("/admin/scoring/assessment/calculation/", {})
    assert 'id="live-score"' in calculation.content.decode() and 'hx-swap-oob="true"' in calculation.content.decode()
