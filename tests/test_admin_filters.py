"""Changelist filters staff sort by (zone, status, warnings, career linked); one history entry point."""

import pytest
from django.urls import reverse

from tests.factories import change_url, logged_in, make_assessment, make_career, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    return logged_in(client, make_staff("editor", superuser=True))


def filter_titles(response) -> list[str]:
    return [spec.title for spec in response.context["cl"].filter_specs]


def listed(response) -> set[str]:
    return {str(item) for item in response.context["cl"].result_list}


def test_assessment_filters_are_the_ones_staff_work_by(staff_client):
    response = staff_client.get(reverse("admin:scoring_assessment_changelist"))
    titles = filter_titles(response)
    for title in ["zone", "status", "warnings", "career linked"]:
        assert title in titles
    assert "seniority level" not in titles


def test_career_linked_filter_splits_assessments(staff_client):
    career = make_career()
    make_assessment("Clinical Coder (NHS)", career=career)
    make_assessment("Medical Secretary", slug="medical-secretary")
    url = reverse("admin:scoring_assessment_changelist")
    linked = staff_client.get(url, {"career_linked": "yes"})
    unlinked = staff_client.get(url, {"career_linked": "no"})
    assert [a.slug for a in linked.context["cl"].result_list] == ["clinical-coder-nhs"]
    assert [a.slug for a in unlinked.context["cl"].result_list] == ["medical-secretary"]


def test_career_filters_include_has_an_occupation(staff_client):
    make_career()
    url = reverse("admin:careers_career_changelist")
    assert "has an occupation" in filter_titles(staff_client.get(url))
    assert staff_client.get(url, {"has_occupation": "no"}).context["cl"].result_count == 1
    assert staff_client.get(url, {"has_occupation": "yes"}).context["cl"].result_count == 0


def test_one_history_entry_point_versions(staff_client):
    role = make_assessment()
    page = staff_client.get(change_url(role)).content.decode()
    assert "Versions</a>" in page
    assert "historylink" not in page
    versions = reverse("admin:scoring_assessment_versions", args=[role.pk])
    stock = staff_client.get(reverse("admin:scoring_assessment_history", args=[role.pk]))
    assert stock.status_code == 302 and stock["Location"] == versions
