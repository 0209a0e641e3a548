"""Small builders for test data: the Clinical Coder (NHS) figures from the seed assessment."""

from decimal import Decimal

from simple_history.utils import bulk_create_with_history

from scoring import aijri
from scoring.models import Assessment, BarrierScore, EvidenceScore, Task

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
