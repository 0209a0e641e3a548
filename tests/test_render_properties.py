"""Public pages render for any content staff could publish: extreme pay, no tasks or one, all-zero
evidence, empty texts, very long words. Property tests (hypothesis) over generated roles and careers."""

import os
from decimal import Decimal

import pytest
from django.db import transaction
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from careers.models import Career, PayBand
from scoring import aijri
from scoring.models import Assessment, BarrierScore, EvidenceScore, Task

pytestmark = pytest.mark.django_db
EXAMPLES = int(os.environ.get("JOBZONE_RENDER_EXAMPLES", "60"))

printable = st.characters(blacklist_categories=["Cs", "Cc"])  # what a form accepts (no NUL, no controls)
texts = st.one_of(
    st.just(""),
    st.just("x" * 3000),  # one very long word
    st.just("<b>bold</b> & “quotes” -- dashes"),
    st.text(alphabet=printable, max_size=80),
)
pay = st.one_of(st.sampled_from([0, 1, 999_999_999, 2_147_483_647]), st.integers(0, 200_000))
bands = st.lists(st.tuples(pay, pay).map(sorted), max_size=4)
# Time shares that add up to 100 (so the role is scored and its pages are shown), and none at all.
SPLITS = [[], ["100"], ["50", "50"], ["0.1", "99.9"], ["33.3", "33.3", "33.4"]]
task_rows = st.sampled_from(SPLITS).flatmap(
    lambda split: st.tuples(
        *(
            st.tuples(
                st.just(Decimal(share)),
                st.integers(*aijri.TASK_SCORE_RANGE),
                st.sampled_from([aijri.DISPLACEMENT, aijri.AUGMENTATION, aijri.NOT_INVOLVED]),
                texts,
            )
            for share in split
        )
    )
)
content = st.fixed_dictionaries(
    {
        "title": st.one_of(
            st.just("R"),
            st.just("Role " + "w" * 190),
            st.text(alphabet=printable, min_size=1, max_size=60).filter(str.strip),
        ),
        "tasks": task_rows,
        "evidence": st.one_of(st.just(0), st.integers(*aijri.EVIDENCE_RANGE)),
        "barriers": st.integers(*aijri.BARRIER_RANGE),
        "growth": st.integers(*aijri.GROWTH_RANGE),
        "protective": st.integers(*aijri.PROTECTIVE_RANGE),
        "override": st.one_of(st.none(), st.sampled_from(aijri.OVERRIDE_RANGE)),
        "text": texts,
        "bands": bands,
    }
)


def fitted(model, **values) -> dict:
    """Texts cut to each field's own limit, as the admin's forms would insist."""
    for name, value in values.items():
        limit = model._meta.get_field(name).max_length
        if isinstance(value, str) and limit:
            values[name] = value[:limit]
    return values


def build(data) -> tuple[Assessment, Career]:
    text = data["text"]
    career = Career.objects.create(
        slug="generated-career",
        status="published",
        **fitted(
            Career,
            title=data["title"],
            summary=text,
            what_you_do=text,
            why_resilient=text,
            typical_day=text,
            training_costs=text,
        ),
    )
    for order, (low, high) in enumerate(data["bands"]):
        PayBand.objects.create(career=career, order=order, minimum=low, maximum=high, **fitted(PayBand, label=text))
    role = Assessment.objects.create(
        slug="generated-role",
        status="published",
        career=career,
        **fitted(Assessment, job_title=data["title"], primary_function=text, seniority_level=text, timeline=text),
        growth_correlation=data["growth"],
        score_override=data["override"],
        override_reason="Generated." if data["override"] is not None else "",
        **dict.fromkeys(aijri.PROTECTIVE_PRINCIPLES, data["protective"]),
    )
    for order, (share, score, kind, name) in enumerate(data["tasks"]):
        Task.objects.create(
            assessment=role, order=order, time_pct=share, score=score, aug_disp=kind, **fitted(Task, name=name or "T")
        )
    for key in aijri.EVIDENCE_DIMENSIONS:
        EvidenceScore.objects.create(assessment=role, dimension=key, score=data["evidence"])
    for key in aijri.BARRIERS:
        BarrierScore.objects.create(assessment=role, barrier=key, score=data["barriers"])
    role.save()  # computes and stores the figures the pages show (or records why it cannot)
    career.save()
    return role, career


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
)
@given(data=content)
def test_generated_content_never_breaks_a_public_page(client, data):
    with transaction.atomic():
        role, career = build(data)
        event("scored" if role.score is not None else "not scored")
        pages = [
            f"/roles/{role.slug}/",
            f"/careers/{career.slug}/",
            f"/compare/?roles={role.slug}",
            f"/compare/?roles={role.slug},{role.slug}",
            "/roles/",
            f"/roles/?q={role.slug}",
            "/roles.json",
            "/roles.csv",
            "/",
        ]
        if role.score is not None:
            pages.append(f"/roles/{role.slug}/share.png")
        for page in pages:
            response = client.get(page)
            assert response.status_code in (200, 404), f"{page} answered {response.status_code} for {data!r}"
        transaction.set_rollback(True)
