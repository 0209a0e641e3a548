"""Staff and SOC 2020: the occupations admin, starting a draft from a unit group, filters, requests,
and the minor group as a safer-move signal."""

from decimal import Decimal

import pytest
from django.urls import reverse

from careers.models import Occupation
from scoring import aijri, moves
from scoring.job_requests import JobRequest
from scoring.models import Assessment, SaferMove
from tests.factories import change_url, logged_in, make_assessment, make_staff

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:careers_occupation_changelist")


@pytest.fixture
def editor_client(client):
    return logged_in(client, make_staff("ed", "Editors"))


def start(client, code: str):
    return client.post(reverse("admin:careers_occupation_start_assessment", args=[code]))


def rows(content: str) -> list[str]:
    """The codes listed on an occupation changelist page, in order."""
    import re

    return re.findall(r'<th class="field-code"><a href="/admin/careers/occupation/(\d+)/change/', content)


def test_editors_see_every_unit_group_with_its_assessed_roles_and_requests(editor_client):
    make_assessment(occupation_id="4131")
    make_assessment("Draft Records Role", slug="draft-records", status="draft", occupation_id="4131")
    JobRequest.record("Ward clerk", source="occupation:4131", occupation="4131")
    JobRequest.record("Ward clerk")  # the same job asked again elsewhere: counted, link kept
    JobRequest.record("Filing clerk", occupation="4131")

    page = editor_client.get(CHANGELIST, {"level__exact": "unit", "q": "4131"})
    content = page.content.decode()
    assert page.status_code == 200 and rows(content) == ["4131"]
    assert '<td class="field-assessed">1</td>' in content  # published roles only
    assert '<td class="field-requests">3</td>' in content

    units = editor_client.get(CHANGELIST, {"level__exact": "unit"})
    assert units.context["cl"].result_count == 412


def test_search_finds_a_group_by_an_official_related_title_and_filters_by_level_and_major_group(editor_client):
    assert rows(editor_client.get(CHANGELIST, {"q": "Ward clerk"}).content.decode()) == ["4131"]
    minor_in_4 = rows(editor_client.get(CHANGELIST, {"level__exact": "minor", "major": "4"}).content.decode())
    assert minor_in_4 and all(code.startswith("4") and len(code) == 3 for code in minor_in_4)
    assert rows(editor_client.get(CHANGELIST, {"major": "9x"}).content.decode())  # a bad value filters nothing


def test_the_table_is_read_only_even_for_publishers(client):
    logged_in(client, make_staff("pub", "Publishers"))
    assert client.get(reverse("admin:careers_occupation_change", args=["4131"])).status_code == 200
    assert client.post(reverse("admin:careers_occupation_change", args=["4131"]), {"title": "x"}).status_code == 403
    assert client.get(reverse("admin:careers_occupation_add")).status_code == 403
    assert Occupation.objects.get(code="4131").title == "Records clerks and assistants"


def test_a_draft_started_from_a_unit_group_carries_its_tasks_and_is_linked_and_private(editor_client, client):
    group = Occupation.objects.get(code="4131")
    page = editor_client.get(reverse("admin:careers_occupation_change", args=["4131"])).content.decode()
    assert "Start an assessment from this unit group" in page

    response = start(editor_client, "4131")

    role = Assessment.objects.get()
    assert response.status_code == 302 and response["Location"] == change_url(role)
    assert (role.occupation_id, role.job_title, role.status) == ("4131", group.title, "draft")
    assert role.primary_function == group.description and role.typical_experience == group.entry
    tasks = list(role.tasks.all())
    assert [task.name.lower() for task in tasks] == [text.lower() for text in group.tasks]
    assert all(t.time_pct is None and t.score is None and t.aug_disp == "" for t in tasks)
    assert role.score is None and role.calculation_problem.startswith(
        f"Still to fill in: time % of tasks 1–{len(tasks)}"
    )
    assert not Assessment.objects.published().exists()
    assert client.get(f"/roles/{role.slug}/").status_code == 404
    version = role.history.latest()
    assert version.history_change_reason == "Started from SOC 2020 unit group 4131"
    assert version.history_user.username == "ed"

    # The change form opens, and the live calculation says plainly what is still missing.
    form = editor_client.get(change_url(role)).content.decode()
    assert tasks[0].name in form
    post = {"tasks-TOTAL_FORMS": "2", "tasks-0-name": "Keeps records", "tasks-0-time_pct": "60",
            "tasks-1-name": "Files letters", "embodied_physicality": "1"}  # fmt: skip
    live = editor_client.post(reverse("admin:scoring_assessment_calculation"), post).content.decode()
    assert "Still to fill in: time % of task 2; score of tasks 1, 2; Aug/Disp of tasks 1, 2;" in live
    assert "Deep Interpersonal Connection" in live and "AI growth correlation" in live

    # A second draft from the same group gets its own address.
    start(editor_client, "4131")
    assert sorted(Assessment.objects.values_list("slug", flat=True)) == [role.slug, f"{role.slug}-2"]


def test_only_a_unit_group_starts_an_assessment_and_only_with_a_post(editor_client, client):
    assert start(editor_client, "413").status_code == 403
    assert editor_client.get(reverse("admin:careers_occupation_start_assessment", args=["4131"])).status_code == 405
    logged_in(client, make_staff("viewer", is_staff=True))
    assert start(client, "4131").status_code in (302, 403)
    assert not Assessment.objects.exists()


def test_a_draft_with_blank_tasks_saves_in_the_admin_but_cannot_be_published(client):
    logged_in(client, make_staff("boss", superuser=True))
    start(client, "2134")
    role = Assessment.objects.get()
    tasks = list(role.tasks.all())
    data = {
        "job_title": role.job_title, "slug": role.slug, "status": "draft", "seniority_level": "Mid-level",
        "primary_function": role.primary_function, "occupation": "2134", "change_reason": "First pass",
        "tasks-TOTAL_FORMS": str(len(tasks)), "tasks-INITIAL_FORMS": str(len(tasks)),
        "tasks-MIN_NUM_FORMS": "0", "tasks-MAX_NUM_FORMS": "1000",
    }  # fmt: skip
    for n, task in enumerate(tasks):
        data |= {
            f"tasks-{n}-id": task.pk,
            f"tasks-{n}-assessment": role.pk,
            f"tasks-{n}-order": n,
            f"tasks-{n}-name": task.name,
        }
    data["tasks-0-time_pct"] = "40"
    for prefix in ("evidence", "barriers", "not_roles", "move_choices"):
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"}
    saved = client.post(change_url(role), data)
    assert saved.status_code == 302, saved.context["errors"] if saved.context else saved
    role.refresh_from_db()
    assert role.tasks.first().time_pct == Decimal("40.0") and role.score is None

    refused = client.post(change_url(role), data | {"status": "published", "change_reason": "Go live"})
    assert refused.status_code == 200
    assert "A published assessment needs every task filled in." in refused.content.decode()
    role.refresh_from_db()
    assert role.status == "draft"


def test_assessments_filter_by_major_group_and_by_having_an_occupation(client):
    logged_in(client, make_staff("boss", superuser=True))
    make_assessment("Records Clerk", slug="records", occupation_id="4131")
    make_assessment("Programmer", slug="programmer", occupation_id="2134")
    make_assessment("Unclassified", slug="unclassified")
    url = reverse("admin:scoring_assessment_changelist")

    def listed(**params) -> list[str]:
        content = client.get(url, params).content.decode()
        return sorted(t for t in ("Records Clerk", "Programmer", "Unclassified") if f">{t}</a>" in content)

    assert listed(major="4") == ["Records Clerk"]
    assert listed(major="2") == ["Programmer"]
    assert listed(has_occupation="yes") == ["Programmer", "Records Clerk"]
    assert listed(has_occupation="no") == ["Unclassified"]
    assert listed(q="4131") == ["Records Clerk"]


def test_the_occupation_field_is_an_autocomplete_offering_unit_groups_only(client):
    logged_in(client, make_staff("ed", "Editors"))
    role = make_assessment(status="draft")
    form = client.get(change_url(role)).content.decode()
    assert 'class="admin-autocomplete' in form and 'data-field-name="occupation"' in form
    found = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "scoring", "model_name": "assessment", "field_name": "occupation", "term": "records"},
    ).json()["results"]
    assert found and all(len(item["id"]) == 4 for item in found)
    assert {"id": "4131", "text": "4131 Records clerks and assistants"} in found
    careers = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "careers", "model_name": "career", "field_name": "occupation", "term": "4131"},
    ).json()["results"]
    assert [item["id"] for item in careers] == ["4131"]


def test_a_request_from_an_occupation_page_is_linked_to_its_unit_group(client):
    client.post("/roles/request/", {"title": "Hospital ward clerk", "source": "occupation:4131"})
    client.post("/roles/request/", {"title": "Something else", "source": "occupation:9999"})
    linked = dict(JobRequest.objects.values_list("title", "occupation_id"))
    assert linked == {"Hospital ward clerk": "4131", "Something else": None}


def test_moves_prefer_a_role_in_the_same_minor_group_when_other_signals_tie():
    tasks = [("Sorting paper files", 50, 4, aijri.DISPLACEMENT), ("Answering queries", 50, 3, aijri.AUGMENTATION)]
    target_tasks = [
        ("Sorting paper files", 50, 2, aijri.AUGMENTATION),
        ("Answering queries", 50, 2, aijri.NOT_INVOLVED),
    ]
    plain = dict(resistance_adjustment=None, adjustment_reason="", score_override=None, override_reason="")
    role = make_assessment("Archive Worker", slug="archive", tasks=tasks, occupation_id="4131", **plain)
    elsewhere = make_assessment("Target Alpha", slug="alpha", tasks=target_tasks, occupation_id="2134", **plain)
    same_minor = make_assessment("Target Bravo", slug="bravo", tasks=target_tasks, occupation_id="4132", **plain)
    assert elsewhere.score == same_minor.score > role.score

    moves.refresh()

    ranked = list(SaferMove.objects.filter(role=role).order_by("rank").values_list("target__slug", flat=True))
    assert ranked == ["bravo", "alpha"]
    # Without the link the tie goes back to the older role: the unit group made the difference.
    Assessment.objects.filter(pk=same_minor.pk).update(occupation=None)
    moves.refresh()
    ranked = list(SaferMove.objects.filter(role=role).order_by("rank").values_list("target__slug", flat=True))
    assert ranked == ["alpha", "bravo"]


def test_the_engine_names_what_a_draft_still_lacks_and_scores_nothing_until_it_is_complete():
    blank = aijri.TaskInput(None, None, "")
    done = aijri.TaskInput(Decimal("50"), 3, aijri.AUGMENTATION)
    tasks = [blank, blank, blank, done, blank]
    assert aijri.missing_task_values(tasks) == [
        "time % of tasks 1–3, 5",
        "score of tasks 1–3, 5",
        "Aug/Disp of tasks 1–3, 5",
    ]
    assert aijri.missing_task_values([blank, blank, done]) == [
        "time % of tasks 1, 2",
        "score of tasks 1, 2",
        "Aug/Disp of tasks 1, 2",
    ]
    inputs = aijri.Inputs(
        tasks=[done, aijri.TaskInput(Decimal("50"), None, aijri.DISPLACEMENT)],
        evidence={},
        barriers={},
        growth=None,
        protective={"embodied_physicality": 1, "deep_interpersonal_connection": None, "goal_setting_moral_judgment": 0},
    )
    with pytest.raises(
        aijri.AIJRIError,
        match=r"^Still to fill in: score of task 2; Deep Interpersonal Connection; AI growth correlation\.$",
    ):
        aijri.compute(inputs)
