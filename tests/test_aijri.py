"""The AIJRI engine: the seed's figures, every threshold, every sub-label and the rules' direction."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scoring import aijri
from tests.factories import SEED_BARRIERS, SEED_EVIDENCE, SEED_PROTECTIVE, seed_inputs

D = Decimal


def test_seed_assessment_reproduces_every_published_figure():
    result = aijri.compute(seed_inputs())
    assert result.weighted_total == D("3.20")
    assert result.task_resistance_raw == D("2.80")
    assert result.task_resistance == D("2.30")
    assert (result.evidence_total, result.barrier_total, result.growth) == (-1, 3, -1)
    assert (result.evidence_modifier, result.barrier_modifier, result.growth_modifier) == (
        D("0.96"),
        D("1.06"),
        D("0.95"),
    )
    assert abs(result.composite_raw - D("2.2234")) <= D("0.0001")
    assert result.formula_score == D("21.2")
    assert result.final_score == D("22.4")
    assert result.zone == aijri.RED
    assert result.sub_label == aijri.DISPLACING
    assert result.zone_label == "Red (Displacing)"
    assert result.protected_time_pct == 55
    assert (result.displacement_pct, result.augmentation_pct, result.not_involved_pct) == (45, 40, 15)
    assert result.protective_total == 1


def test_without_adjustment_or_override_the_raw_figures_carry_through():
    result = aijri.compute(seed_inputs(adjustment=None, override=None))
    assert result.task_resistance == D("2.80")
    # 2.80 x 0.96 x 1.06 x 0.95 = 2.7068 -> (2.7068 - 0.54) / 7.93 x 100 = 27.3
    assert result.composite_raw == D("2.7068")
    assert result.final_score == result.formula_score == D("27.3")
    assert result.zone == aijri.YELLOW


@pytest.mark.parametrize(
    "score, zone",
    [
        ("0", aijri.RED),
        ("24.9", aijri.RED),
        ("25.0", aijri.YELLOW),
        ("47.9", aijri.YELLOW),
        ("48.0", aijri.GREEN),
        ("100", aijri.GREEN),
    ],
)
def test_zone_thresholds(score, zone):
    assert aijri.zone_for(D(score)) == zone


@pytest.mark.parametrize(
    "override, zone", [("24.9", aijri.RED), ("25.0", aijri.YELLOW), ("47.9", aijri.YELLOW), ("48.0", aijri.GREEN)]
)
def test_override_decides_the_zone_at_each_threshold(override, zone):
    assert aijri.compute(seed_inputs(override=D(override))).zone == zone


def test_formula_score_rounds_half_up_and_clamps():
    assert aijri.formula_score(D("0.54")) == D("0.0")
    assert aijri.formula_score(D("0.10")) == D("0.0")  # below the floor: clamped at 0
    assert aijri.formula_score(D("8.47")) == D("100.0")
    assert aijri.formula_score(D("9.24")) == D("100.0")  # best possible inputs: clamped at 100
    # 0.54 + 7.93 x 0.2485 = 2.510605 lands exactly on 24.85 -> 24.9 (half up), not 24.8
    assert aijri.formula_score(D("0.54") + D("7.93") * D("0.2485")) == D("24.9")


def test_extreme_inputs_hit_both_clamps():
    worst = seed_inputs(
        tasks=[aijri.TaskInput(100, 5)],
        evidence=dict.fromkeys(SEED_EVIDENCE, -2),
        barriers=dict.fromkeys(SEED_BARRIERS, 0),
        growth=-2,
        adjustment=None,
        override=None,
    )
    best = seed_inputs(
        tasks=[aijri.TaskInput(100, 1)],
        evidence=dict.fromkeys(SEED_EVIDENCE, 2),
        barriers=dict.fromkeys(SEED_BARRIERS, 2),
        growth=2,
        adjustment=None,
        override=None,
    )
    assert aijri.compute(worst).final_score == D("0.0")
    assert aijri.compute(best).final_score == D("100.0")


def _with_share(protected_pct: int) -> list[aijri.TaskInput]:
    """Tasks where exactly protected_pct of the time is on tasks scoring 3 or less."""
    tasks = []
    if protected_pct:
        tasks.append(aijri.TaskInput(protected_pct, 3))
    if protected_pct < 100:
        tasks.append(aijri.TaskInput(100 - protected_pct, 4))
    return tasks


@pytest.mark.parametrize(
    "override, growth, share, label",
    [
        ("10.0", -1, 55, aijri.DISPLACING),
        ("10.0", -2, 55, aijri.DISPLACING),
        ("10.0", 0, 55, aijri.EXPOSED),
        ("24.9", 2, 100, aijri.EXPOSED),
        ("30.0", 0, 59, aijri.URGENT),
        ("30.0", 0, 60, aijri.MODERATE),
        ("47.9", 2, 0, aijri.URGENT),
        ("48.0", 1, 0, aijri.ACCELERATED),
        ("60.0", 0, 80, aijri.STABLE),
        ("60.0", 0, 79, aijri.TRANSFORMING),
        ("60.0", -1, 100, aijri.STABLE),
    ],
)
def test_each_sub_label_at_its_boundary(override, growth, share, label):
    result = aijri.compute(seed_inputs(tasks=_with_share(share), growth=growth, override=D(override)))
    assert result.protected_time_pct == share
    assert result.sub_label == label


def test_every_sub_label_belongs_to_its_zone():
    assert sum(len(labels) for labels in aijri.SUB_LABELS.values()) == 7
    assert set(aijri.SUB_LABEL_MEANINGS) == {label for labels in aijri.SUB_LABELS.values() for label in labels}


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"tasks": [aijri.TaskInput(95, 3)]}, "must total 100% (it totals 95%)"),
        ({"tasks": [aijri.TaskInput(60, 3), aijri.TaskInput(50, 3)]}, "it totals 110%"),
        ({"tasks": [aijri.TaskInput(100, 7)]}, "Task 1 score must be between 1 and 5 (got 7)"),
        ({"tasks": [aijri.TaskInput(100, 0)]}, "Task 1 score must be between 1 and 5"),
        ({"tasks": [aijri.TaskInput(100, 3, "maybe")]}, "Aug/Disp must be one of"),
        ({"tasks": []}, "at least one task"),
        ({"evidence": {**SEED_EVIDENCE, "vibes": 1}}, "Unknown evidence dimension: vibes"),
        (
            {"evidence": {k: v for k, v in SEED_EVIDENCE.items() if k != "wage_trends"}},
            "Missing evidence dimension: Wage Trends",
        ),
        ({"evidence": {**SEED_EVIDENCE, "wage_trends": 3}}, "Wage Trends must be between -2 and 2"),
        ({"barriers": {**SEED_BARRIERS, "physical_presence": -1}}, "Physical Presence must be between 0 and 2"),
        (
            {"protective": {**SEED_PROTECTIVE, "embodied_physicality": 4}},
            "Embodied Physicality must be between 0 and 3",
        ),
        ({"growth": 3}, "AI growth correlation must be between -2 and 2"),
        ({"adjustment": D("5.5")}, "Assessor adjustment must be between 1.00 and 5.00"),
        ({"override": D("101")}, "Assessor override must be between 0.0 and 100.0"),
        ({"adjustment": "abc"}, "Assessor adjustment must be a number"),
    ],
)
def test_bad_inputs_are_refused_with_a_plain_message(changes, message):
    with pytest.raises(aijri.AIJRIError, match=message.replace("(", r"\(").replace(")", r"\)")):
        aijri.compute(seed_inputs(**changes))


# --- properties ---------------------------------------------------------------------------

scores = st.integers(min_value=1, max_value=5)


@st.composite
def task_lists(draw):
    count = draw(st.integers(min_value=1, max_value=8))
    cuts = sorted(draw(st.lists(st.integers(1, 99), min_size=count - 1, max_size=count - 1, unique=True)))
    times = [b - a for a, b in zip([0, *cuts], [*cuts, 100])]
    kinds = st.sampled_from(list(aijri.AUG_DISP))
    return [aijri.TaskInput(time, draw(scores), draw(kinds)) for time in times]


@st.composite
def assessments(draw):
    return seed_inputs(
        tasks=draw(task_lists()),
        evidence={key: draw(st.integers(-2, 2)) for key in aijri.EVIDENCE_DIMENSIONS},
        barriers={key: draw(st.integers(0, 2)) for key in aijri.BARRIERS},
        growth=draw(st.integers(-2, 2)),
        protective={key: draw(st.integers(0, 3)) for key in aijri.PROTECTIVE_PRINCIPLES},
        adjustment=None,
        override=None,
    )


@given(assessments(), st.data())
def test_raising_a_task_score_never_raises_the_formula_score(inputs, data):
    index = data.draw(st.integers(0, len(inputs.tasks) - 1))
    task = inputs.tasks[index]
    if task.score == 5:
        return
    raised = list(inputs.tasks)
    raised[index] = aijri.TaskInput(task.time_pct, task.score + 1, task.aug_disp)
    before = aijri.compute(inputs).formula_score
    after = aijri.compute(seed_inputs(**{**inputs.__dict__, "tasks": raised})).formula_score
    assert after <= before


@given(assessments(), st.sampled_from(list(aijri.BARRIERS)))
def test_more_barriers_never_lower_the_formula_score(inputs, barrier):
    if inputs.barriers[barrier] == 2:
        return
    more = {**inputs.barriers, barrier: inputs.barriers[barrier] + 1}
    before = aijri.compute(inputs).formula_score
    assert aijri.compute(seed_inputs(**{**inputs.__dict__, "barriers": more})).formula_score >= before


@given(assessments(), st.sampled_from(list(aijri.EVIDENCE_DIMENSIONS)))
def test_better_evidence_never_lowers_the_formula_score(inputs, dimension):
    if inputs.evidence[dimension] == 2:
        return
    better = {**inputs.evidence, dimension: inputs.evidence[dimension] + 1}
    before = aijri.compute(inputs).formula_score
    assert aijri.compute(seed_inputs(**{**inputs.__dict__, "evidence": better})).formula_score >= before


@given(assessments())
def test_results_stay_in_range_and_agree_with_the_zone_rules(inputs):
    result = aijri.compute(inputs)
    assert D(0) <= result.final_score <= D(100)
    assert result.zone == aijri.zone_for(result.final_score)
    assert result.sub_label in aijri.SUB_LABELS[result.zone]
    assert result.displacement_pct + result.augmentation_pct + result.not_involved_pct == 100
    assert 0 <= result.protected_time_pct <= 100
    assert result.task_resistance == result.task_resistance_raw == 6 - result.weighted_total


def test_engine_has_no_django_dependency():
    import ast
    import inspect

    tree = ast.parse(inspect.getsource(aijri))
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert not any(name and name.startswith("django") for name in imported)
