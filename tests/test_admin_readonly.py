"""An Editor viewing a published assessment read-only sees its stored score, not a blank-input error."""

import pytest

from tests.factories import change_url, logged_in, make_assessment, make_staff

pytestmark = pytest.mark.django_db


def test_read_only_published_view_shows_the_stored_score(client):
    role = make_assessment(status="published")
    page = logged_in(client, make_staff("ed", "Editors")).get(change_url(role)).content.decode()
    assert "Cannot compute" not in page
    assert f"Score {role.score}" in page
    assert "hx-post" not in page.split('id="live-calculation"')[1].split(">")[0]
