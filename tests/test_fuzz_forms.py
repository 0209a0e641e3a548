"""Generated form posts, public and staff: never a server error.

Public forms (page feedback, "My job isn't listed", problem reports) get generated fields and
values; the staff forms (assessment and career, add and change) get a valid post with generated
damage, sent as a superuser and as an Editor. CI raises the number of examples
(JOBZONE_FORM_FUZZ_EXAMPLES in .ci/run); make test sends 100 per form kind.
"""

import os

import pytest
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import assessment_post, edit_post, logged_in, make_assessment, make_career, make_staff
from tests.test_fuzz import NASTY

pytestmark = pytest.mark.django_db
EXAMPLES = int(os.environ.get("JOBZONE_FORM_FUZZ_EXAMPLES", "100"))
SERVER_ERRORS = range(500, 600)
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
)

printable = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=80)
values = st.one_of(st.sampled_from(NASTY), printable, st.integers(-(10**20), 10**20).map(str))
PUBLIC_FORMS = {
    "/roles/clinical-coder-nhs/feedback/": ["question", "answer", "comment"],
    "/careers/clinical-coder/feedback/": ["question", "answer", "comment"],
    "/roles/request/": ["title", "description", "source"],
    "/report-a-problem/": ["page", "description", "email"],
}


@pytest.fixture
def content(db):
    career = make_career(status="published")
    return make_assessment(career=career), career


@FUZZ
@given(
    form=st.sampled_from(sorted(PUBLIC_FORMS)),
    fields=st.dictionaries(st.one_of(st.sampled_from(["question", "answer", "comment", "title"]), printable), values),
    htmx=st.booleans(),
)
def test_public_form_posts_never_answer_5xx(client, content, form, fields, htmx):
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    response = client.post(form, fields, REMOTE_ADDR="203.0.113.1", **headers)
    assert response.status_code not in SERVER_ERRORS, f"{form} {fields!r} answered {response.status_code}"


def damaged(post: dict, changes: dict, dropped: list[str]) -> dict:
    data = {key: value for key, value in post.items() if key not in dropped}
    for key, value in changes.items():
        data[key] = value
    return data


def sign_in(client, who: str) -> None:
    logged_in(client, make_staff("fuzzer", superuser=True) if who == "superuser" else make_staff("fuzzer", "Editors"))


post_keys = st.sampled_from(sorted(assessment_post()))
staff = st.sampled_from(["superuser", "editor"])


@FUZZ
@given(
    who=staff,
    changes=st.dictionaries(st.one_of(post_keys, printable), values, max_size=6),
    dropped=st.lists(post_keys, max_size=4),
    existing=st.booleans(),
)
def test_assessment_form_posts_never_answer_5xx(client, content, who, changes, dropped, existing):
    role, _ = content
    with transaction.atomic():  # each example starts from the same database, its staff user included
        sign_in(client, who)
        if existing:
            url, post = reverse("admin:scoring_assessment_change", args=[role.pk]), edit_post(role)
        else:
            url, post = reverse("admin:scoring_assessment_add"), assessment_post(slug="fuzzed")
        response = client.post(url, damaged(post, changes, dropped))
        assert response.status_code not in SERVER_ERRORS, (
            f"{who} {changes!r} -{dropped} answered {response.status_code}"
        )
        transaction.set_rollback(True)


CAREER_POST = {
    "title": "Fuzzed career",
    "slug": "fuzzed-career",
    "status": "draft",
    "summary": "A summary.",
    "ai_risk": "low",
    "entry_difficulty": "moderate",
    "training_time": "A year",
    "qualifications": "None",
    "career_change": "possible",
    "what_you_do": "Work.",
    "why_resilient": "Because.",
    "typical_day": "A day.",
    "training_costs": "£0",
    "change_reason": "Fuzzing",
    "routes-TOTAL_FORMS": "1",
    "routes-INITIAL_FORMS": "0",
    "routes-0-order": "1",
    "routes-0-kind": "apprenticeship",
    "routes-0-heading": "Apprenticeship",
    "routes-0-description": "Learn on the job.",
    "pay_bands-TOTAL_FORMS": "1",
    "pay_bands-INITIAL_FORMS": "0",
    "pay_bands-0-order": "1",
    "pay_bands-0-label": "Starting",
    "pay_bands-0-who_for": "New starters",
    "pay_bands-0-minimum": "0",
    "pay_bands-0-maximum": "0",
}


@FUZZ
@given(
    who=staff,
    changes=st.dictionaries(st.one_of(st.sampled_from(sorted(CAREER_POST)), printable), values, max_size=6),
    dropped=st.lists(st.sampled_from(sorted(CAREER_POST)), max_size=4),
    existing=st.booleans(),
)
def test_career_form_posts_never_answer_5xx(client, content, who, changes, dropped, existing):
    _, career = content
    with transaction.atomic():
        sign_in(client, who)
        url = (
            reverse("admin:careers_career_change", args=[career.pk])
            if existing
            else reverse("admin:careers_career_add")
        )
        response = client.post(url, damaged(CAREER_POST, changes, dropped))
        assert response.status_code not in SERVER_ERRORS, (
            f"{who} {changes!r} -{dropped} answered {response.status_code}"
        )
        transaction.set_rollback(True)
