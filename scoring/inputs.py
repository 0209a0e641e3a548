"""The one adapter from stored rows, posted forms and parsed documents to the engine's inputs.

Every source hands over the same shapes (a mapping of the assessment's own fields, task rows,
and evidence and barrier scores by key) and every number goes through `aijri.read_number`, so a
value reads the same way in the admin, on a public page and in a document.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from scoring import aijri

# The assessment's own fields the engine reads, besides its task, evidence and barrier rows.
INPUT_FIELDS = ["growth_correlation", *aijri.PROTECTIVE_PRINCIPLES, "resistance_adjustment", "score_override"]


def _optional(value, what: str, places: int, bounds):
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return aijri.read_number(value, what, places, bounds)


def build_inputs(
    fields: Mapping[str, object],
    tasks: Iterable[tuple[object, object, str]],
    evidence: Mapping[str, object],
    barriers: Mapping[str, object],
    judgement: bool = True,
) -> aijri.Inputs:
    """`tasks` are (time %, score, Aug/Disp key); `judgement=False` drops the assessor's adjustment and override.

    A blank number (a draft's, still to be filled in) becomes None; the engine names what is missing."""
    task_inputs = [
        aijri.TaskInput(
            _optional(time, f"Task {number} time %", aijri.TIME_PLACES, None),
            _optional(score, f"Task {number} score", 0, None),
            kind or "",
        )
        for number, (time, score, kind) in enumerate(tasks, start=1)
    ]
    return aijri.Inputs(
        tasks=task_inputs,
        evidence={key: aijri.read_number(v, aijri.EVIDENCE_DIMENSIONS.get(key, key)) for key, v in evidence.items()},
        barriers={key: aijri.read_number(v, aijri.BARRIERS.get(key, key)) for key, v in barriers.items()},
        growth=_optional(fields.get("growth_correlation"), "AI growth correlation", 0, None),
        protective={
            key: _optional(fields.get(key), label, 0, None) for key, label in aijri.PROTECTIVE_PRINCIPLES.items()
        },
        adjustment=_optional(fields.get("resistance_adjustment"), "Assessor adjustment", 2, aijri.ADJUSTMENT_RANGE)
        if judgement
        else None,
        override=_optional(fields.get("score_override"), "Assessor override", 1, aijri.OVERRIDE_RANGE)
        if judgement
        else None,
    )
