"""Compare the figures a document states with the ones the engine computes."""

from __future__ import annotations

from decimal import Decimal

from documents.text import Stated
from scoring import aijri

# Composite figures are often truncated rather than rounded by hand (2.2234 for 2.223456).
TOLERANCE = {"composite_raw": Decimal("0.0001")}


def computed_figures(result: aijri.Result, tasks) -> dict[str, object]:
    figures = {name: getattr(result, name) for name in aijri.Result.__dataclass_fields__}
    figures["task_resistance_raw"] = result.task_resistance_raw
    for number, task in enumerate(tasks, start=1):
        figures[f"task_{number}_weighted"] = aijri.quantize(aijri.task_weighted(task.time_pct, task.score), "0.01")
    return figures


def matches(stated: Stated, computed) -> bool:
    if isinstance(computed, str):
        return stated.value.lower() == computed.lower()
    try:
        value = Decimal(aijri.read_number(stated.value, stated.label, places=4))
    except aijri.AIJRIError:
        return False  # a figure that is not a number is reported beside the computed one
    tolerance = TOLERANCE.get(stated.figure, Decimal(0))
    rounded = Decimal(computed).quantize(value) if value.as_tuple().exponent < 0 else Decimal(computed)
    return abs(rounded - value) <= tolerance or abs(Decimal(computed) - value) <= tolerance


def mismatches(stated: list[Stated], result: aijri.Result, tasks, source: str) -> list[dict]:
    figures = computed_figures(result, tasks)
    warnings = []
    for figure in stated:
        computed = figures.get(figure.figure)
        if computed is None or matches(figure, computed):
            continue
        shown = aijri.ZONES.get(computed, computed) if figure.figure == "zone" else computed
        warnings.append(
            {
                "line": figure.line,
                "figure": figure.label,
                "stated": figure.value,
                "computed": str(shown),
                "message": f"{source}, line {figure.line}: {figure.label} is stated as {figure.value} "
                f"but computes to {shown}.",
            }
        )
    return warnings
