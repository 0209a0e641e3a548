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
