"""The AI Job Resistance Index (AIJRI) arithmetic.

Pure Python on purpose: no Django import, so the rules can be read, tested and
reused (admin preview, public calculator, importer) without a database.
All arithmetic is Decimal so scores on a threshold (24.95, 47.95 …) land
the same way on every machine and every run.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

TOTAL_TIME_PCT = 100
TIME_PLACES = 1  # a task's share of time may have one decimal place, e.g. 12.5%
TIME_RANGE = (Decimal("0.1"), Decimal("100"))
MAX_SCORE = 6  # resistance of a task is MAX_SCORE - its AI exposure score
TASK_SCORE_RANGE = (1, 5)
# A task score in words, shown beside the number (higher means more exposed, unlike the overall score).
TASK_SCORE_WORDS = {
    1: "AI cannot do it",
    2: "AI helps with small parts",
    3: "AI can do about half of it",
    4: "AI can do most of it",
    5: "AI can already do it",
}
EVIDENCE_RANGE = (-2, 2)
BARRIER_RANGE = (0, 2)
GROWTH_RANGE = (-2, 2)
PROTECTIVE_RANGE = (0, 3)
ADJUSTMENT_RANGE = (Decimal("1.00"), Decimal("5.00"))
INDEX_MAX = 100  # the AIJRI runs from 0 to 100, higher meaning safer from AI
OVERRIDE_RANGE = (Decimal("0.0"), Decimal(f"{INDEX_MAX}.0"))

# The most each total can reach, as documents and pages write them ("1/9", "3/10", "2.30/5.0").
PROTECTIVE_MAX = 3 * PROTECTIVE_RANGE[1]
BARRIER_MAX = 5 * BARRIER_RANGE[1]
RESISTANCE_MAX = MAX_SCORE - TASK_SCORE_RANGE[0]

EVIDENCE_WEIGHT = Decimal("0.04")
BARRIER_WEIGHT = Decimal("0.02")
GROWTH_WEIGHT = Decimal("0.05")
SCORE_FLOOR = Decimal("0.54")
SCORE_SPAN = Decimal("7.93")

GREEN_MIN = Decimal("48")
YELLOW_MIN = Decimal("25")
# A task "scores 3+" when its resistance (6 - score) is at least 3, i.e. score <= 3.
PROTECTED_RESISTANCE_MIN = 3
YELLOW_MODERATE_SHARE = 60
GREEN_STABLE_SHARE = 80

GREEN, YELLOW, RED = "green", "yellow", "red"
ZONES = {GREEN: "Green", YELLOW: "Yellow", RED: "Red"}

DISPLACING, EXPOSED = "Displacing", "Exposed"
URGENT, MODERATE = "Urgent", "Moderate"
ACCELERATED, STABLE, TRANSFORMING = "Accelerated", "Stable", "Transforming"
SUB_LABELS = {
    RED: (DISPLACING, EXPOSED),
    YELLOW: (URGENT, MODERATE),
    GREEN: (ACCELERATED, STABLE, TRANSFORMING),
}
_SHARE = "of task time is on tasks with resistance 3 or more"
SUB_LABEL_MEANINGS = {
    DISPLACING: "AI growth correlation is -1 or lower: investment in AI directly reduces demand for the role.",
    EXPOSED: "AI growth correlation is 0 or higher: the tasks are exposed, but AI is not cutting demand itself.",
    URGENT: f"Less than {YELLOW_MODERATE_SHARE}% {_SHARE}: change is coming fast.",
    MODERATE: f"At least {YELLOW_MODERATE_SHARE}% {_SHARE}: change is gradual.",
    ACCELERATED: "AI growth correlation is +1 or higher: AI adoption increases demand for the role.",
    STABLE: f"At least {GREEN_STABLE_SHARE}% {_SHARE}: the work stays much as it is.",
    TRANSFORMING: f"Under {GREEN_STABLE_SHARE}% {_SHARE}: the role is safe but its tasks are changing.",
}

ZONE_MEANINGS = {
    GREEN: f"A score of {GREEN_MIN} or more: the role resists AI well; most of the work needs people.",
    YELLOW: f"A score from {YELLOW_MIN} to under {GREEN_MIN}: AI will change much of the work; plan and adapt.",
    RED: f"A score under {YELLOW_MIN}: AI can already do much of the core work; think about a move.",
}

DISPLACEMENT, AUGMENTATION, NOT_INVOLVED = "displacement", "augmentation", "not_involved"
AUG_DISP = {DISPLACEMENT: "Displacement", AUGMENTATION: "Augmentation", NOT_INVOLVED: "Not involved"}

EVIDENCE_DIMENSIONS = {
    "job_posting_trends": "Job Posting Trends",
    "company_actions": "Company Actions",
    "wage_trends": "Wage Trends",
    "ai_tool_maturity": "AI Tool Maturity",
    "expert_consensus": "Expert Consensus",
}
BARRIERS = {
    "regulatory_licensing": "Regulatory/Licensing",
    "physical_presence": "Physical Presence",
    "union_collective_bargaining": "Union/Collective Bargaining",
    "liability_accountability": "Liability/Accountability",
    "cultural_ethical": "Cultural/Ethical",
}
PROTECTIVE_PRINCIPLES = {
    "embodied_physicality": "Embodied Physicality",
    "deep_interpersonal_connection": "Deep Interpersonal Connection",
    "goal_setting_moral_judgment": "Goal-Setting & Moral Judgment",
}


class AIJRIError(ValueError):
    """Inputs that cannot be scored; the message is written for the person who typed them."""


# Writers use many dashes for minus; any of them reads as "-".
MINUS_SIGNS = str.maketrans({"−": "-", "–": "-", "—": "-", "‒": "-"})
# Whitespace is removed first and every repeat is bounded, so matching is linear in the input.
_NUMBER = re.compile(r"([-+]?)(\d{1,12})(?:\.(\d{1,12}))?%?(?:/\d{1,4})?")


def read_number(raw, what: str, places: int = 0, bounds=None) -> int | Decimal:
    """The one reader of typed numbers (documents, forms, query strings, rows).

    Accepts "3", "+1", "−2", "12.5%", "1/9" and numbers already parsed; refuses more than
    `places` decimal places, NaN, infinities and anything else with a message for the writer.
    """
    if isinstance(raw, bool) or raw is None:
        raise AIJRIError(f"{what} must be a number (got {raw!r}).")
    text = "".join(str(raw).translate(MINUS_SIGNS).split())
    match = _NUMBER.fullmatch(text)
    kind = {0: "a whole number", 1: "a number with at most one decimal place"}.get(
        places, f"a number with at most {places} decimal places"
    )
    if not match:
        raise AIJRIError(f"{what} must be {kind} (got {str(raw)[:40]!r}).")
    sign, whole, fraction = match.groups()
    fraction = (fraction or "").rstrip("0")
    if len(fraction) > places:
        raise AIJRIError(f"{what} must be {kind} (got {str(raw)[:40]!r}).")
    value = Decimal(f"{sign}{whole}.{fraction or 0}")
    value = int(value) if places == 0 else value.quantize(Decimal(1).scaleb(-places))
    if bounds is not None:
        _check_range(what, value, bounds)
    return value


def scale_label(bounds) -> str:
    """(0, 3) -> "0–3"; (-2, 2) -> "−2 to +2": a scale as pages show it."""
    low, high = bounds
    return f"−{abs(low)} to +{high}" if low < 0 else f"{low}–{high}"


def format_pct(value) -> str:
    """12.5 -> "12.5", 20.0 -> "20": a share of time as people write it."""
    return f"{Decimal(value):.{TIME_PLACES}f}".rstrip("0").rstrip(".")


@dataclass(frozen=True)
class TaskInput:
    time_pct: Decimal | None  # None (or "" for Aug/Disp): a draft's blank, still to be filled in
    score: int | None
    aug_disp: str = NOT_INVOLVED


@dataclass(frozen=True)
class Inputs:
    tasks: Sequence[TaskInput]
    evidence: Mapping[str, int]
    barriers: Mapping[str, int]
    growth: int | None
    protective: Mapping[str, int | None]
    adjustment: Decimal | None = None
    override: Decimal | None = None


@dataclass(frozen=True)
class Result:
    weighted_total: Decimal
    task_resistance_raw: Decimal
    task_resistance: Decimal
    evidence_total: int
    barrier_total: int
    growth: int
    evidence_modifier: Decimal
    barrier_modifier: Decimal
    growth_modifier: Decimal
    composite_raw: Decimal
    formula_score: Decimal
    final_score: Decimal
    zone: str
    sub_label: str
    protected_time_pct: Decimal
    displacement_pct: Decimal
    augmentation_pct: Decimal
    not_involved_pct: Decimal
    protective_total: int

    @property
    def zone_label(self) -> str:
        return f"{ZONES[self.zone]} ({self.sub_label})"


def quantize(value: Decimal, places: str) -> Decimal:
    return value.quantize(Decimal(places), rounding=ROUND_HALF_UP)


def task_weighted(time_pct, score: int) -> Decimal:
    """A task's share of the weighted total, unrounded (shown rounded to 0.01)."""
    return Decimal(time_pct) / 100 * score


def zone_for(score: Decimal) -> str:
    score = Decimal(str(score))
    if score >= GREEN_MIN:
        return GREEN
    if score >= YELLOW_MIN:
        return YELLOW
    return RED


def sub_label_for(zone: str, growth: int, protected_time_pct: int) -> str:
    if zone == RED:
        return DISPLACING if growth <= -1 else EXPOSED
    if zone == YELLOW:
        return URGENT if protected_time_pct < YELLOW_MODERATE_SHARE else MODERATE
    if growth >= 1:
        return ACCELERATED
    return STABLE if protected_time_pct >= GREEN_STABLE_SHARE else TRANSFORMING


def formula_score(composite: Decimal) -> Decimal:
    score = (composite - SCORE_FLOOR) / SCORE_SPAN * 100
    return quantize(min(max(score, Decimal(0)), Decimal(100)), "0.1")


def _check_range(name: str, value, bounds) -> None:
    low, high = bounds
    if not low <= value <= high:
        raise AIJRIError(f"{name} must be between {low} and {high} (got {value}).")


def _check_whole(name: str, value) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise AIJRIError(f"{name} must be a whole number (got {value!r}).")
    return value


def _scored_rows(kind: str, rows: Mapping[str, int], names: Mapping[str, str], bounds) -> int:
    missing = [names[key] for key in names if key not in rows]
    unknown = [key for key in rows if key not in names]
    if unknown:
        raise AIJRIError(f"Unknown {kind}: {', '.join(map(str, unknown))}.")
    if missing:
        raise AIJRIError(f"Missing {kind}: {', '.join(missing)}.")
    for key, value in rows.items():
        _check_range(names[key], _check_whole(names[key], value), bounds)
    return sum(rows.values())


def _decimal(name: str, value) -> Decimal | None:
    if value is None:
        return None
    try:
        number = Decimal(str(value))
    except (ArithmeticError, InvalidOperation):
        raise AIJRIError(f"{name} must be a number (got {value!r}).") from None
    if not number.is_finite():
        raise AIJRIError(f"{name} must be a number (got {value!r}).")
    return number


def _numbers(numbers: Sequence[int]) -> str:
    """[1, 2, 3, 5] -> "1–3, 5": task numbers as a person reads them."""
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return ", ".join(f"{run[0]}–{run[-1]}" if len(run) > 2 else ", ".join(map(str, run)) for run in runs)


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def missing_task_values(tasks: Sequence[TaskInput]) -> list[str]:
    """["time % of tasks 1–7", "score of task 2"]: the task values a draft has left blank."""
    gaps = []
    for what, attribute in (("time %", "time_pct"), ("score", "score"), ("Aug/Disp", "aug_disp")):
        numbers = [n for n, task in enumerate(tasks, start=1) if _blank(getattr(task, attribute))]
        if numbers:
            gaps.append(f"{what} of task{'s' if len(numbers) > 1 else ''} {_numbers(numbers)}")
    return gaps


def missing_inputs(inputs: Inputs) -> list[str]:
    """What a draft has left blank (task time shares, scores, Aug/Disp, protective principles, growth), in words.

    A draft may be saved with these blank (e.g. one started from an ONS task list); its score then
    stays uncomputed until every one is filled in.
    """
    gaps = missing_task_values(inputs.tasks)
    gaps += [
        label
        for key, label in PROTECTIVE_PRINCIPLES.items()
        if key in inputs.protective and _blank(inputs.protective[key])
    ]
    if _blank(inputs.growth):
        gaps.append("AI growth correlation")
    return gaps


def check_complete(inputs: Inputs) -> None:
    gaps = missing_inputs(inputs)
    if gaps:
        raise AIJRIError(f"Still to fill in: {'; '.join(gaps)}.")


def validate_tasks(tasks: Sequence[TaskInput]) -> None:
    if not tasks:
        raise AIJRIError("An assessment needs at least one task.")
    for number, task in enumerate(tasks, start=1):
        read_number(task.time_pct, f"Task {number} time %", TIME_PLACES, TIME_RANGE)
        _check_range(f"Task {number} score", _check_whole(f"Task {number} score", task.score), TASK_SCORE_RANGE)
        if task.aug_disp not in AUG_DISP:
            raise AIJRIError(f"Task {number} Aug/Disp must be one of {', '.join(AUG_DISP.values())}.")
    total = sum((Decimal(task.time_pct) for task in tasks), Decimal(0))
    if total != TOTAL_TIME_PCT:
        raise AIJRIError(f"Task time must total {TOTAL_TIME_PCT}% (it totals {format_pct(total)}%).")


def compute(inputs: Inputs) -> Result:
    """Score one assessment; raises AIJRIError with a plain message on bad or missing inputs."""
    check_complete(inputs)
    validate_tasks(inputs.tasks)
    evidence_total = _scored_rows("evidence dimension", inputs.evidence, EVIDENCE_DIMENSIONS, EVIDENCE_RANGE)
    barrier_total = _scored_rows("barrier", inputs.barriers, BARRIERS, BARRIER_RANGE)
    protective_total = _scored_rows("protective principle", inputs.protective, PROTECTIVE_PRINCIPLES, PROTECTIVE_RANGE)
    growth = _check_whole("AI growth correlation", inputs.growth)
    _check_range("AI growth correlation", growth, GROWTH_RANGE)
    adjustment = _decimal("Assessor adjustment", inputs.adjustment)
    override = _decimal("Assessor override", inputs.override)
    if adjustment is not None:
        _check_range("Assessor adjustment", adjustment, ADJUSTMENT_RANGE)
    if override is not None:
        _check_range("Assessor override", override, OVERRIDE_RANGE)

    weighted_total = sum((task_weighted(t.time_pct, t.score) for t in inputs.tasks), Decimal(0))
    resistance_raw = MAX_SCORE - weighted_total
    resistance = adjustment if adjustment is not None else resistance_raw
    evidence_modifier = 1 + EVIDENCE_WEIGHT * evidence_total
    barrier_modifier = 1 + BARRIER_WEIGHT * barrier_total
    growth_modifier = 1 + GROWTH_WEIGHT * growth
    composite = resistance * evidence_modifier * barrier_modifier * growth_modifier
    formula = formula_score(composite)
    final = quantize(override, "0.1") if override is not None else formula

    share = {key: Decimal(0) for key in AUG_DISP}
    for task in inputs.tasks:
        share[task.aug_disp] += Decimal(task.time_pct)
    protected = sum(
        (Decimal(t.time_pct) for t in inputs.tasks if MAX_SCORE - t.score >= PROTECTED_RESISTANCE_MIN), Decimal(0)
    )
    zone = zone_for(final)
    return Result(
        weighted_total=quantize(weighted_total, "0.01"),
        task_resistance_raw=quantize(resistance_raw, "0.01"),
        task_resistance=quantize(resistance, "0.01"),
        evidence_total=evidence_total,
        barrier_total=barrier_total,
        growth=growth,
        evidence_modifier=quantize(evidence_modifier, "0.01"),
        barrier_modifier=quantize(barrier_modifier, "0.01"),
        growth_modifier=quantize(growth_modifier, "0.01"),
        composite_raw=quantize(composite, "0.0001"),
        formula_score=formula,
        final_score=final,
        zone=zone,
        sub_label=sub_label_for(zone, growth, protected),
        protected_time_pct=quantize(protected, "0.1"),
        displacement_pct=quantize(share[DISPLACEMENT], "0.1"),
        augmentation_pct=quantize(share[AUGMENTATION], "0.1"),
        not_involved_pct=quantize(share[NOT_INVOLVED], "0.1"),
        protective_total=protective_total,
    )


def share_out(times: Sequence[Decimal], skipped: Sequence[bool]) -> list[Decimal]:
    """A visitor's times with the time of tasks they never do shared among the others in proportion.

    Skipped tasks get 0. When the other tasks already total 100% there is nothing to share; otherwise all
    the times must total 100%. Shares keep TIME_PLACES decimal places and total exactly 100% (the largest
    remainders get the last tenths, earlier tasks first on a tie).
    """
    times = [Decimal(time) for time in times]
    kept = [Decimal(0) if skip else time for time, skip in zip(times, skipped)]
    kept_total, total = sum(kept, Decimal(0)), sum(times, Decimal(0))
    if kept_total <= 0:
        raise AIJRIError("Keep at least one task with some of your time on it.")
    if kept_total == TOTAL_TIME_PCT:
        return kept
    if total != TOTAL_TIME_PCT:
        shown = format_pct(total)
        raise AIJRIError(f"Your times add up to {shown}%. Change them so they total 100% to see your score.")
    unit = Decimal(1).scaleb(-TIME_PLACES)
    exact = [time * TOTAL_TIME_PCT / kept_total / unit for time in kept]
    units = [int(value) for value in exact]
    left = int(TOTAL_TIME_PCT / unit) - sum(units)
    for index in sorted(range(len(exact)), key=lambda i: (units[i] - exact[i], i))[:left]:
        units[index] += 1
    return [Decimal(count) * unit for count in units]


@dataclass(frozen=True)
class OwnMix:
    """A visitor's own task mix, scored so that the published mix gives exactly the published score."""

    result: Result  # final_score, zone and sub_label include the assessor's judgement as an offset
    offset: Decimal  # the published score minus the formula score of the published mix
    change: Decimal  # the visitor's score minus the published score
    effects: tuple[Decimal, ...]  # per published task: about how many points its change of time moved the score


def own_mix(published: Inputs, times: Sequence[Decimal], published_score) -> OwnMix:
    """Score a visitor's times for the published tasks (same order; 0 for a task they never do).

    The assessor's adjustment and override judge the published mix, so they carry over as one offset:
    the published score minus the formula score of the published mix. The visitor's mix is scored by the
    same formula and the offset added, so unchanged times give exactly the published score and zone.

    A task's effect is its change of time times how far its score is from the published mix's average
    (the weighted total): more time on a task more exposed than average lowers the score. The effects add
    up to the change, apart from rounding and the 0-100 bounds.
    """
    if len(times) != len(published.tasks):
        raise AIJRIError("Give one time for each task.")
    formula_only = replace(published, adjustment=None, override=None)
    base = compute(formula_only)
    own_tasks = [replace(task, time_pct=Decimal(time)) for task, time in zip(published.tasks, times) if time > 0]
    mine = compute(replace(formula_only, tasks=own_tasks))
    published_score = read_number(published_score, "The published score", 1, OVERRIDE_RANGE)
    offset = published_score - base.final_score
    final = quantize(min(max(mine.final_score + offset, Decimal(0)), Decimal(100)), "0.1")
    zone = zone_for(final)
    result = replace(
        mine, final_score=final, zone=zone, sub_label=sub_label_for(zone, mine.growth, mine.protected_time_pct)
    )
    average = sum((task_weighted(t.time_pct, t.score) for t in published.tasks), Decimal(0))
    modifiers = base.evidence_modifier * base.barrier_modifier * base.growth_modifier
    effects = tuple(
        quantize(-(Decimal(time) - task.time_pct) * (task.score - average) * modifiers / SCORE_SPAN, "0.1")
        for task, time in zip(published.tasks, times)
    )
    return OwnMix(result=result, offset=offset, change=final - published_score, effects=effects)
