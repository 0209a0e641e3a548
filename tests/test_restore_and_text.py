"""Restores that would clash with another item are refused clearly; line breaks never show as changes."""

import pytest
from django.urls import reverse

from editorial import history
from scoring.models import Assessment
from tests.factories import change_url, edit_post, logged_in, make_assessment, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def publisher(client):
    return logged_in(client, make_staff("pub", "Publishers"))


def test_restoring_a_version_whose_address_is_taken_is_refused(publisher):
    role = make_assessment(status="published")
    old = role.history.order_by("history_date").last()
    role.slug = "clinical-coder-renamed"
    role._change_reason = "Renamed"
    role.save()
    make_assessment("Another role", slug="clinical-coder-nhs")  # takes the old address
    response = publisher.post(reverse("admin:scoring_assessment_restore", args=[role.pk, old.history_id]), follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "cannot be restored" in page and "clinical-coder-nhs" in page and "Nothing was changed" in page
    role.refresh_from_db()
    assert role.slug == "clinical-coder-renamed"


def test_restoring_a_deleted_item_whose_address_is_taken_is_refused(publisher):
    role = make_assessment(status="published")
    pk = role.pk
    publisher.post(reverse("admin:scoring_assessment_delete", args=[pk]), {"post": "yes"})
    make_assessment("Newcomer", slug="clinical-coder-nhs")
    deletion = Assessment.history.get(id=pk, history_type="-")
    response = publisher.post(
        reverse("admin:scoring_assessment_restore_deleted", args=[deletion.history_id]), follow=True
    )
    assert response.status_code == 200 and "cannot be restored" in response.content.decode()
    assert not Assessment.objects.filter(pk=pk).exists()


def test_browser_line_breaks_are_stored_plainly_and_never_compare_as_changes(publisher):
    role = make_assessment(status="published")
    timeline = "Within 2 years.\r\nSooner for routine work.\r\n\r\nLater for audits."
    assert publisher.post(change_url(role), edit_post(role, timeline=timeline)).status_code == 302
    role.refresh_from_db()
    assert role.timeline == "Within 2 years.\nSooner for routine work.\n\nLater for audits."
    assert publisher.post(change_url(role), edit_post(role, reason="Saved again", timeline=timeline)).status_code == 302
    newer, older = list(history.versions(Assessment, role.pk)[:2])
    diff = history.compare_versions(older, newer)
    assert diff["fields"] == [] and all(change.kind != "changed" for change in diff["rows"])
