"""Write an assessment back out in the document format, every figure from the engine."""

from __future__ import annotations

from documents.text import escape_cell, format_signed
from scoring import aijri


def row(*cells) -> str:
    return "| " + " | ".join(escape_cell(str(cell)) for cell in cells) + " |"


def table(header: list[str], rows: list[tuple]) -> list[str]:
    return [row(*header), "|" + "---|" * len(header), *(row(*r) for r in rows)]


def _not_entries(role) -> str:
    return " ".join(
        f"NOT a {entry.role_name} ({entry.note})." if entry.note else f"NOT a {entry.role_name}."
        for entry in role.not_roles.all()
    )


def write_assessment(role) -> str:
    result = role.compute()
    tasks, evidence, barriers = list(role.tasks.all()), list(role.evidence.all()), list(role.barriers.all())
    zone = aijri.ZONES[result.zone]
    out = ["Role Definition"]
    out += table(
        ["Field", "Value"],
        [
            ("Job Title", role.job_title),
            ("Seniority Level", role.seniority_level),
            ("Primary Function", role.primary_function),
            ("What This Role Is NOT", _not_entries(role)),
            ("Typical Experience", role.typical_experience),
        ],
    )
    if role.seniority_note:
        out.append(f"Seniority note: {role.seniority_note}")
    out.append("Protective Principles + AI Growth Correlation")
    out += table(
        ["Principle", "Score (0-3)", "Rationale"],
        [
            *(
                (label, getattr(role, key), getattr(role, f"{key}_rationale"))
                for key, label in aijri.PROTECTIVE_PRINCIPLES.items()
            ),
            ("Protective Total", f"{result.protective_total}/9", ""),
            ("AI Growth Correlation", format_signed(role.growth_correlation), role.growth_rationale),
        ],
    )
    if role.quick_screen:
        out.append(f"Quick screen result: {role.quick_screen}")
    out.append("Task Decomposition (Agentic AI Scoring)")
    out += table(
        ["Task", "Time %", "Score (1-5)", "Weighted", "Aug/Disp", "Rationale"],
        [(t.name, f"{t.time_pct}%", t.score, t.weighted, t.get_aug_disp_display().upper(), t.rationale) for t in tasks],
    )
    out.append(row("Total", "100%", result.weighted_total))
    out.append(f"Task Resistance Score (raw): 6.00 - {result.weighted_total} = {result.task_resistance_raw}/5.0")
    if role.resistance_adjustment is not None:
        out.append(f"Assessor adjustment to {result.task_resistance}/5.0: {role.adjustment_reason}")
    out.append(
        f"Displacement/Augmentation split: {result.displacement_pct}% displacement, "
        f"{result.augmentation_pct}% augmentation, {result.not_involved_pct}% not involved."
    )
    if role.reinstatement_check:
        out.append(f"Reinstatement check (Acemoglu): {role.reinstatement_check}")
    out.append("Evidence Score")
    out += table(
        ["Dimension", "Score (-2 to 2)", "Evidence"],
        [(e.get_dimension_display(), format_signed(e.score), e.evidence) for e in evidence],
    )
    out.append(row("Total", format_signed(result.evidence_total)))
    out.append("Barrier Assessment")
    out += table(
        ["Barrier", "Score (0-2)", "Rationale"], [(b.get_barrier_display(), b.score, b.rationale) for b in barriers]
    )
    out.append(row("Total", f"{result.barrier_total}/10"))
    if role.growth_check:
        out += ["AI Growth Correlation Check", role.growth_check]
    out.append("JobZone Composite Score (AIJRI)")
    out += table(
        ["Input", "Value"],
        [
            ("Task Resistance Score", f"{result.task_resistance}/5.0"),
            ("Evidence Modifier", f"1.0 + ({result.evidence_total} x 0.04) = {result.evidence_modifier}"),
            ("Barrier Modifier", f"1.0 + ({result.barrier_total} x 0.02) = {result.barrier_modifier}"),
            ("Growth Modifier", f"1.0 + ({result.growth} x 0.05) = {result.growth_modifier}"),
        ],
    )
    out.append(
        f"Raw: {result.task_resistance} x {result.evidence_modifier} x {result.barrier_modifier} x "
        f"{result.growth_modifier} = {result.composite_raw}"
    )
    out.append(f"JobZone Score: ({result.composite_raw} - 0.54) / 7.93 x 100 = {result.formula_score}/100")
    if role.score_override is not None:
        out.append(f"Assessor override to {result.final_score}/100: {role.override_reason}")
    out.append(f"Zone: {zone.upper()} (Green >=48, Yellow 25-47, Red <25)")
    out.append("Sub-Label Determination")
    out += table(
        ["Metric", "Value"],
        [
            ("% of task time scoring 3+", f"{result.protected_time_pct}%"),
            ("AI Growth Correlation", format_signed(result.growth)),
            ("Sub-label", f"{zone} ({result.sub_label}) -- {aijri.SUB_LABEL_MEANINGS[result.sub_label]}"),
        ],
    )
    out.append("Assessor Commentary")
    out += _section("Score vs Reality Check", role.score_vs_reality)
    out += _section("What the Numbers Don't Capture", _bullets(role.numbers_dont_capture_items))
    out += _section("Who Should Worry (and Who Shouldn't)", role.who_should_worry)
    if role.role_in_2028 or role.survival_strategy:
        out.append("What This Means")
        if role.role_in_2028:
            out.append(f"The role in 2028: {role.role_in_2028}")
        if role.survival_strategy:
            out += ["Survival strategy:", _bullets(role.survival_strategy_items)]
    if role.timeline:
        out.append(f"Timeline: {role.timeline}")
    return "\n".join(out) + "\n"


def _bullets(items: list[str]) -> str:
    return "\n".join(f"- {item}" for item in items)


def _section(heading: str, body: str) -> list[str]:
    return [heading, body] if body else []
