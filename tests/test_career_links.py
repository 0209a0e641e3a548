"""A role's link to its career changes only as a version of the role: on import, on deleting the career
and on restoring it."""

import pytest
from django.urls import reverse

from careers.models import Career
from documents.importer import import_text
from scoring.models import Assessment
from tests.factories import BAKER, import_document, logged_in, make_staff

pytestmark = pytest.mark.django_db


def newest_reason(role) -> str:
    return role.history.order_by("-history_date", "-history_id").first().history_change_reason


@pytest.fixture
def publisher(client):
    return logged_in(client, make_staff("pub", "Publishers"))


def test_an_imported_career_links_its_roles_with_a_version():
    import_text(BAKER, "baker.txt", publish=True)
    role = Assessment.objects.get()
    assert role.career is None
    versions = role.history.count()
    import_document("baker-career.txt")
    role.refresh_from_db()
    assert role.career.title == "Test Baker"
    assert role.history.count() == versions + 1
    assert newest_reason(role).startswith("Linked to the career “Test Baker”")


def test_deleting_and_restoring_a_career_unlinks_and_relinks_with_versions(publisher):
    import_document("baker-career.txt")
    import_text(BAKER, "baker.txt", publish=True)
    role = Assessment.objects.get()
    career = Career.objects.get()
    assert role.career == career
    publisher.post(reverse("admin:careers_career_delete", args=[career.pk]), {"post": "yes"})
    role.refresh_from_db()
    assert role.career is None and newest_reason(role).startswith("Unlinked: its career “Test Baker”")
    deletion = Career.history.get(id=career.pk, history_type="-")
    publisher.post(reverse("admin:careers_career_restore_deleted", args=[deletion.history_id]))
    role.refresh_from_db()
    assert role.career_id == career.pk and newest_reason(role) == "Linked again: its career “Test Baker” was restored"


def test_a_role_linked_elsewhere_meanwhile_is_left_alone(publisher):
    import_document("baker-career.txt")
    import_text(BAKER, "baker.txt", publish=True)
    role, career = Assessment.objects.get(), Career.objects.get()
    publisher.post(reverse("admin:careers_career_delete", args=[career.pk]), {"post": "yes"})
    role.refresh_from_db()
    role._change_reason = "Staff chose no career"
    role.save()
    deletion = Career.history.get(id=career.pk, history_type="-")
    publisher.post(reverse("admin:careers_career_restore_deleted", args=[deletion.history_id]))
    role.refresh_from_db()
    assert role.career is None and newest_reason(role) == "Staff chose no career"
