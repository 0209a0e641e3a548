"""No staff edit is silently lost: two people editing one item through the real admin forms."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from careers.models import Career
from editorial import locking
from scoring.models import Assessment
from tests.factories import BAKER, change_url, edit_post, import_document, logged_in, make_assessment, make_staff

pytestmark = pytest.mark.django_db


def opened_version(client, url) -> str:
    page = client.get(url).content.decode()
    return re.search(r'name="opened_version" value="(\d+)"', page).group(1)


@pytest.fixture
def two_editors(db):
    return (
        logged_in(Client(), make_staff("alex", "Publishers")),
        logged_in(Client(), make_staff("bea", "Publishers")),
    )


def test_the_second_of_two_saves_from_the_same_form_is_refused_and_loses_nothing(two_editors):
    alex, bea = two_editors
    role = make_assessment(status="published")
    url = change_url(role)
    seen_by_alex, seen_by_bea = opened_version(alex, url), opened_version(bea, url)
    first = alex.post(url, edit_post(role, timeline="Within two years.", opened_version=seen_by_alex))
    assert first.status_code == 302
    second = bea.post(url, edit_post(role, quick_screen="Mostly routine.", opened_version=seen_by_bea))
    page = second.content.decode()
    assert second.status_code == 200
    assert "Someone else saved this assessment by alex" in page and "your changes were not saved" in page
    assert "Timeline" in page and "Within two years." in page  # what changed since Bea opened it
    assert "Mostly routine." in page  # Bea's own typing is still in the form
    role.refresh_from_db()
    assert role.timeline == "Within two years." and role.quick_screen != "Mostly routine."
    reopened = opened_version(bea, url)  # Bea opens it again: Alex's timeline is in the form now
    again = bea.post(
        url, edit_post(role, timeline="Within two years.", quick_screen="Mostly routine.", opened_version=reopened)
    )
    assert again.status_code == 302
    role.refresh_from_db()
    assert (role.timeline, role.quick_screen) == ("Within two years.", "Mostly routine.")


def test_a_change_to_a_task_row_is_protected_too(two_editors):
    alex, bea = two_editors
    role = make_assessment(status="published")
    url = change_url(role)
    seen = opened_version(bea, url)
    scores = [task.score for task in role.tasks.all()]
    scores[0] = 1
    assert alex.post(url, edit_post(role, scores=scores)).status_code == 302
    refused = bea.post(url, edit_post(role, timeline="Later.", opened_version=seen))
    assert refused.status_code == 200 and "What changed" in refused.content.decode()
    assert "task" in refused.content.decode().lower()
    assert role.tasks.first().score == 1


def test_careers_are_protected_too(two_editors):
    alex, bea = two_editors
    import_document("baker-career.txt")
    career = Career.objects.get()
    url = reverse("admin:careers_career_change", args=[career.pk])
    form = {
        "title": career.title, "slug": career.slug, "status": career.status, "summary": career.summary,
        "ai_risk": career.ai_risk, "entry_difficulty": career.entry_difficulty, "training_time": career.training_time,
        "qualifications": career.qualifications, "career_change": career.career_change,
        "what_you_do": career.what_you_do, "why_resilient": career.why_resilient, "typical_day": career.typical_day,
        "training_costs": career.training_costs, "pay_note": career.pay_note, "change_reason": "Checked",
        "routes-TOTAL_FORMS": "0", "routes-INITIAL_FORMS": "0", "pay_bands-TOTAL_FORMS": "0",
        "pay_bands-INITIAL_FORMS": "0",
    }  # fmt: skip
    seen_alex, seen_bea = opened_version(alex, url), opened_version(bea, url)
    assert alex.post(url, {**form, "summary": "Bread by hand.", "opened_version": seen_alex}).status_code == 302
    refused = bea.post(url, {**form, "typical_day": "Up at four.", "opened_version": seen_bea})
    assert refused.status_code == 200 and "Bread by hand." in refused.content.decode()
    career.refresh_from_db()
    assert career.summary == "Bread by hand." and career.typical_day != "Up at four."


def test_a_restore_from_an_old_versions_page_is_refused(two_editors):
    alex, bea = two_editors
    role = make_assessment(status="published")
    versions = bea.get(reverse("admin:scoring_assessment_versions", args=[role.pk])).content.decode()
    seen = re.search(r'name="opened_version" value="(\d+)"', versions).group(1)
    record = role.history.order_by("history_date").first()
    assert alex.post(change_url(role), edit_post(role, timeline="Newer.")).status_code == 302
    response = bea.post(
        reverse("admin:scoring_assessment_restore", args=[role.pk, record.history_id]),
        {"opened_version": seen},
        follow=True,
    )
    assert "Nothing was restored" in response.content.decode()
    role.refresh_from_db()
    assert role.timeline == "Newer."


def test_of_two_simultaneous_claims_only_one_goes_ahead():
    role = make_assessment()
    seen = role.edit_version
    locking.claim(Assessment, role.pk, seen)
    Assessment.objects.filter(pk=role.pk).update(edit_version=seen + 1)  # the other save committed first
    with pytest.raises(locking.EditConflict):
        locking.claim(Assessment, role.pk, seen)


def test_an_import_over_an_item_changed_since_its_preview_is_refused(two_editors):
    alex, bea = two_editors
    import_document("baker.txt")
    role = Assessment.objects.get()
    url = reverse("admin:scoring_assessment_import")
    changed = BAKER.replace("override to 37.0/100", "override to 39.0/100")
    preview = bea.post(url, {"text": changed}).content.decode()
    seen = re.search(r'name="opened_version" value="(\d+)"', preview).group(1)
    assert alex.post(change_url(role), edit_post(role, timeline="Alex was here.")).status_code == 302
    refused = bea.post(url, {"text": changed, "confirm": "1", "opened_version": seen})
    assert refused.status_code == 200 and "Nothing was imported" in refused.content.decode()
    role.refresh_from_db()
    assert role.timeline == "Alex was here." and role.score != 39


def test_a_deleted_item_restored_by_someone_else_is_not_restored_again(two_editors):
    alex, bea = two_editors
    role = make_assessment(status="published")
    alex.post(reverse("admin:scoring_assessment_delete", args=[role.pk]), {"post": "yes"})
    deletion = Assessment.history.get(id=role.pk, history_type="-")
    restore = reverse("admin:scoring_assessment_restore_deleted", args=[deletion.history_id])
    assert alex.post(restore).status_code == 302
    role = Assessment.objects.get(pk=role.pk)  # its rows came back as new rows
    assert bea.post(change_url(role), edit_post(role, timeline="Bea edited it.")).status_code == 302
    versions = role.history.count()
    again = bea.post(restore, follow=True)  # from a deleted list Bea opened before Alex restored it
    assert "already been restored" in again.content.decode()
    role.refresh_from_db()
    assert role.timeline == "Bea edited it." and role.history.count() == versions
