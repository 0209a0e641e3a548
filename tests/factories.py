"""Small builders for test data shared by the test modules.

The Clinical Coder (NHS) figures from the seed assessment, the example documents, staff users in
their groups, the admin's change-form POST data and the demo content.
"""

from decimal import Decimal
from io import StringIO
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from simple_history.utils import bulk_create_with_history

from careers.models import Career
from documents.importer import import_text
from scoring import aijri
from scoring.models import Assessment, BarrierScore, EvidenceScore, Task

DOCS = Path(__file__).parent / "documents"
PASSWORD = "a-long-test-password"

SEED_TASKS = [
    ("Reading clinical documentation", 20, 4, aijri.DISPLACEMENT),
    ("Assigning ICD-10 diagnosis codes", 25, 4, aijri.DISPLACEMENT),
    ("Assigning OPCS-4 procedure codes", 20, 3, aijri.AUGMENTATION),
    ("Handling complex multi-episode cases", 10, 2, aijri.AUGMENTATION),
    ("Clinical queries and engagement", 10, 2, aijri.NOT_INVOLVED),
    ("Audit support and data quality", 10, 3, aijri.AUGMENTATION),
    ("Administrative and training", 5, 2, aijri.NOT_INVOLVED),
]
SEED_EVIDENCE = dict(zip(aijri.EVIDENCE_DIMENSIONS, [0, -1, 0, -1, 1]))
SEED_BARRIERS = dict(zip(aijri.BARRIERS, [1, 0, 1, 1, 0]))
SEED_PROTECTIVE = dict(zip(aijri.PROTECTIVE_PRINCIPLES, [0, 0, 1]))


def seed_inputs(**changes) -> aijri.Inputs:
    values = dict(
        tasks=[aijri.TaskInput(time, score, kind) for _, time, score, kind in SEED_TASKS],
        evidence=SEED_EVIDENCE,
        barriers=SEED_BARRIERS,
        growth=-1,
        protective=SEED_PROTECTIVE,
        adjustment=Decimal("2.30"),
        override=Decimal("22.4"),
    )
    values.update(changes)
    return aijri.Inputs(**values)


def make_assessment(title="Clinical Coder (NHS)", slug=None, status="published", tasks=SEED_TASKS, **fields):
    defaults = dict(
        seniority_level="Mid-Level",
        primary_function="Turns clinical records into ICD-10 and OPCS-4 codes.",
        growth_correlation=-1,
        resistance_adjustment=Decimal("2.30"),
        adjustment_reason="Auto-coding already handles routine episodes.",
        score_override=Decimal("22.4"),
        override_reason="OPCS-4 gives a little more near-term protection.",
        **SEED_PROTECTIVE,
    )
    defaults.update(fields)
    assessment = Assessment.objects.create(
        job_title=title,
        slug=slug or title.lower().replace(" ", "-").replace("(", "").replace(")", ""),
        status=status,
        **defaults,
    )
    rows = {
        Task: [
            Task(assessment=assessment, order=n, name=name, time_pct=time, score=score, aug_disp=kind)
            for n, (name, time, score, kind) in enumerate(tasks)
        ],
        EvidenceScore: [
            EvidenceScore(assessment=assessment, dimension=key, score=value) for key, value in SEED_EVIDENCE.items()
        ],
        BarrierScore: [
            BarrierScore(assessment=assessment, barrier=key, score=value) for key, value in SEED_BARRIERS.items()
        ],
    }
    for model, objs in rows.items():
        bulk_create_with_history(objs, model, default_change_reason="Test data")
    assessment.save()
    return assessment


def make_career(**fields):
    values = dict(
        slug="clinical-coder",
        title="Clinical Coder",
        summary="Codes hospital episodes.",
        ai_risk="low",
        entry_difficulty="moderate",
        training_time="6–18 months",
        qualifications="AMSPAR Level 3",
        career_change="possible",
        what_you_do="Codes.",
        why_resilient="Every episode must be coded.",
        typical_day="Discharge summaries.",
        training_costs="About £500–£1,500.",
    )
    values.update(fields)
    return Career.objects.create(**values)


# --- documents and demo content -----------------------------------------------------------------


def document(name: str) -> str:
    """The text of one of the example documents in tests/documents."""
    return (DOCS / name).read_text()


BAKER = document("baker.txt")  # Test Baker (Artisan): Yellow 37.0, linked to the baker-career.txt profile


def import_document(name: str, publish: bool = False):
    """Import tests/documents/<name> as if uploaded under that file name."""
    return import_text(document(name), name, publish=publish)


def load_demo() -> str:
    """Load the demo content (published through the importer); returns the command's report."""
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


# --- staff ----------------------------------------------------------------------------------------


def make_staff(username: str, group: str | None = None, *, superuser: bool = False, is_staff: bool = True):
    """A user who can log in with PASSWORD: a superuser, or staff in the Editors or Publishers group."""
    users = get_user_model().objects
    email = f"{username}@example.org"
    if superuser:
        return users.create_superuser(username, email, PASSWORD)
    user = users.create_user(username, email, PASSWORD, is_staff=is_staff)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def logged_in(client, user):
    client.force_login(user)
    return client


# --- the assessment admin's forms -------------------------------------------------------------------


def change_url(role) -> str:
    return reverse("admin:scoring_assessment_change", args=[role.pk])


def inline(prefix, rows, initial=0):
    """An inline formset's management form and rows as the admin posts them."""
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for number, row in enumerate(rows):
        data.update({f"{prefix}-{number}-{key}": value for key, value in row.items()})
    return data


def assessment_post(tasks=SEED_TASKS, evidence=SEED_EVIDENCE, **fields):
    """The add form for a new assessment with the seed's figures, as the browser would post it."""
    data = {
        "job_title": "Clinical Coder (NHS)",
        "slug": "clinical-coder-nhs",
        "status": "draft",
        "seniority_level": "Mid-Level (Band 5-6)",
        "primary_function": "Assigns ICD-10 and OPCS-4 codes to hospital episodes.",
        "embodied_physicality": "0",
        "deep_interpersonal_connection": "0",
        "goal_setting_moral_judgment": "1",
        "growth_correlation": "-1",
        "resistance_adjustment": "2.30",
        "adjustment_reason": "Routine episodes are already auto-coded.",
        "score_override": "22.4",
        "override_reason": "OPCS-4 is UK-only, which slows automation a little.",
        "change_reason": "Entered from the written assessment",
    }
    data.update(fields)
    data.update(
        inline(
            "tasks",
            [
                {"order": n, "name": name, "time_pct": time, "score": score, "aug_disp": kind}
                for n, (name, time, score, kind) in enumerate(tasks)
            ],
        )
    )
    data.update(inline("evidence", [{"dimension": k, "score": v, "evidence": "seen"} for k, v in evidence.items()]))
    data.update(inline("barriers", [{"barrier": k, "score": v, "rationale": "why"} for k, v in SEED_BARRIERS.items()]))
    data.update(inline("not_roles", []))
    data.update(inline("move_choices", []))
    return data


# Blank adjustment and override: the saved score is the formula's own.
FORMULA_ONLY = {"score_override": "", "override_reason": "", "resistance_adjustment": "", "adjustment_reason": ""}


def edit_post(role, reason="Checked against the latest data", times=None, scores=None, **fields):
    """The change form for a saved assessment as the browser would post it.

    times and scores, when given, replace the tasks' time shares and scores in order.
    """
    data = assessment_post(slug=role.slug, status=role.status, change_reason=reason, **fields)
    data.setdefault("opened_version", str(role.edit_version))  # the version the form was opened at
    tasks = list(role.tasks.all())
    data.update(
        inline(
            "tasks",
            [
                {"id": t.pk, "assessment": role.pk, "order": t.order, "name": t.name,
                 "time_pct": times[n] if times else t.time_pct, "score": scores[n] if scores else t.score,
                 "aug_disp": t.aug_disp, "rationale": t.rationale or "Because."}
                for n, t in enumerate(tasks)
            ],
            initial=len(tasks),
        )
    )  # fmt: skip
    data.update(inline("evidence", [{"id": e.pk, "assessment": role.pk, "dimension": e.dimension, "score": e.score}
                                    for e in role.evidence.all()], initial=5))  # fmt: skip
    data.update(inline("barriers", [{"id": b.pk, "assessment": role.pk, "barrier": b.barrier, "score": b.score}
                                    for b in role.barriers.all()], initial=5))  # fmt: skip
    return data
