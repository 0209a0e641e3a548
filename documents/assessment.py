"""The assessment document (the layout of the seed "Role Definition" documents), read and written.

`FORMAT` is the one description of the document: its parts in order, each naming the model field
it fills or the engine figure it states. The reader looks lines up in it and the writer walks it,
so a new field is one entry here plus its model field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from documents.format import (
    Bullets,
    FormatReader,
    Heading,
    Line,
    ParsedTask,
    Row,
    Said,
    Scored,
    Table,
    Text,
    split_not_entries,  # noqa: F401  (part of this format's public face)
    write_format,
)
from documents.text import DASHES, DocumentError, Stated, format_signed, heading_key, split_lines
from scoring import aijri
from scoring.inputs import build_inputs
from scoring.models import Assessment, NotThisRole, Task


def _read_resistance(text: str) -> list[str]:
    """'6.00 - 3.20 = 2.80/5.0' -> ['3.20', '2.80']"""
    left, _, right = text.translate(DASHES).partition("=")
    return [left.rpartition("-")[2].strip(), right.partition("/")[0].strip()]


def _read_split(text: str) -> list[str]:
    """'45% displacement, 40% augmentation, 15% not involved.' -> ['45', '40', '15']"""
    shares = {}
    for part in text.translate(DASHES).replace(";", ",").split(","):
        amount, percent, kind = part.partition("%")
        if percent:
            shares[heading_key(kind)] = amount.strip()
    return [shares.get(heading_key(label), "") for label in aijri.AUG_DISP.values()]


def _read_zone(text: str) -> list[str]:
    words = text.split()
    return [words[0].lower() if words else ""]


PROTECTIVE_MAX = aijri.PROTECTIVE_MAX
OUT_OF_5 = f"{aijri.RESISTANCE_MAX}.0"  # "2.30/5.0"
OUT_OF_100 = f"{aijri.OVERRIDE_RANGE[1]:.0f}"  # "22.4/100"
TASK_HEADER = ["Task", "Time %", f"Score ({aijri.TASK_SCORE_RANGE[0]}-{aijri.TASK_SCORE_RANGE[1]})"]


def _span(bounds) -> str:
    """(-2, 2) -> "-2 to 2", (0, 3) -> "0-3": the canonical ASCII form of a scale in a document."""
    low, high = bounds
    return f"{low} to {high}" if low < 0 else f"{low}-{high}"


def _pct(value) -> str:
    return f"{aijri.format_pct(value)}%"


def _zone_line(result) -> str:
    green, yellow = aijri.GREEN_MIN, aijri.YELLOW_MIN
    return f"{aijri.ZONES[result.zone].upper()} (Green >={green}, Yellow {yellow}-{green - 1}, Red <{yellow})"


def _modifier(total_name: str, weight, modifier_name: str):
    return lambda r: f"1.0 + ({getattr(r, total_name)} x {weight}) = {getattr(r, modifier_name)}"


def _resistance_line(r) -> str:
    return f"{Decimal(aijri.MAX_SCORE):.2f} - {r.weighted_total} = {r.task_resistance_raw}/{OUT_OF_5}"


def _raw_line(r) -> str:
    factors = [r.task_resistance, r.evidence_modifier, r.barrier_modifier, r.growth_modifier]
    return f"{' x '.join(map(str, factors))} = {r.composite_raw}"


def _score_line(r) -> str:
    return f"({r.composite_raw} - {aijri.SCORE_FLOOR}) / {aijri.SCORE_SPAN} x 100 = {r.formula_score}/{OUT_OF_100}"


def _split_line(result) -> str:
    return (
        f"{_pct(result.displacement_pct)} displacement, {_pct(result.augmentation_pct)} augmentation, "
        f"{_pct(result.not_involved_pct)} not involved."
    )


ROLE = Table(
    "role",
    ["Field", "Value"],
    [
        Row("Job Title", "job_title", required=True),
        Row("Seniority Level", "seniority_level", required=True),
        Row("Primary Function", "primary_function", required=True),
        Row("What This Role Is NOT", "not_roles", kind="not_roles"),
        Row("Typical Experience", "typical_experience"),
        Row("Alternative Titles", "alternative_titles", kind="titles"),
        Row("SOC 2020 Unit Group", "occupation_id", kind="soc"),
    ],
)
PROTECTIVE = Table(
    "protective",
    ["Principle", f"Score ({_span(aijri.PROTECTIVE_RANGE)})", "Rationale"],
    [
        *(
            Row(label, key, kind="whole", bounds=aijri.PROTECTIVE_RANGE, note=f"{key}_rationale", required=True)
            for key, label in aijri.PROTECTIVE_PRINCIPLES.items()
        ),
        Row("Protective Total", figure="protective_total", show=lambda r: f"{r.protective_total}/{PROTECTIVE_MAX}"),
        Row(
            "AI Growth Correlation",
            "growth_correlation",
            kind="signed",
            bounds=aijri.GROWTH_RANGE,
            note="growth_rationale",
            required=True,
        ),
    ],
)
COMPOSITE = Table(
    "composite",
    ["Input", "Value"],
    [
        Row("Task Resistance Score", figure="task_resistance", show=lambda r: f"{r.task_resistance}/{OUT_OF_5}"),
        Row(
            "Evidence Modifier",
            figure="evidence_modifier",
            show=_modifier("evidence_total", aijri.EVIDENCE_WEIGHT, "evidence_modifier"),
        ),
        Row(
            "Barrier Modifier",
            figure="barrier_modifier",
            show=_modifier("barrier_total", aijri.BARRIER_WEIGHT, "barrier_modifier"),
        ),
        Row(
            "Growth Modifier",
            figure="growth_modifier",
            show=_modifier("growth", aijri.GROWTH_WEIGHT, "growth_modifier"),
        ),
    ],
)
SUB_LABEL = Table(
    "sublabel",
    ["Metric", "Value"],
    [
        Row(
            "% of task time scoring 3+",
            figure="protected_time_pct",
            kind="share",
            show=lambda r: _pct(r.protected_time_pct),
        ),
        Row("AI Growth Correlation", figure="growth", show=lambda r: format_signed(r.growth)),
        Row("Sub-label", "sub_label_explanation", kind="sub_label"),
    ],
)

FORMAT = [
    Heading("Role Definition", "role", required=True),
    ROLE,
    Line("Seniority note", "seniority_note"),
    Heading("Protective Principles + AI Growth Correlation", "protective", aliases=["Protective Principles"],
            required=True),
    PROTECTIVE,
    Line("Quick screen result", "quick_screen", aliases=["Quick screen"]),
    Heading("Task Decomposition (Agentic AI Scoring)", "tasks", aliases=["Task Decomposition"], required=True),
    Table("tasks", [*TASK_HEADER, "Weighted", "Aug/Disp", "Rationale"], kind="tasks"),
    Said("Task Resistance Score (raw)", ["weighted_total", "task_resistance_raw"], read=_read_resistance,
         names=["weighted total (resistance line)", "raw task resistance"],
         show=_resistance_line),
    Line("Assessor adjustment to", "adjustment_reason", value="resistance_adjustment", places=2,
         bounds=aijri.ADJUSTMENT_RANGE, show=lambda v: f"{v}/{OUT_OF_5}"),
    Said("Displacement/Augmentation split", ["displacement_pct", "augmentation_pct", "not_involved_pct"],
         read=_read_split, show=_split_line, names=[f"{label.lower()} share" for label in aijri.AUG_DISP.values()]),
    Line("Reinstatement check (Acemoglu)", "reinstatement_check", aliases=["Reinstatement check"]),
    Heading("Evidence Score", "evidence", required=True),
    Table("evidence", ["Dimension", f"Score ({_span(aijri.EVIDENCE_RANGE)})", "Evidence"], kind="scores",
          scored=Scored(aijri.EVIDENCE_DIMENSIONS, aijri.EVIDENCE_RANGE, "evidence dimension", "dimension", "evidence",
                        signed=True),
          total=Row("evidence total", figure="evidence_total", show=lambda r: format_signed(r.evidence_total))),
    Heading("Barrier Assessment", "barriers", required=True),
    Line("Reframed question", "barrier_question"),
    Table("barriers", ["Barrier", f"Score ({_span(aijri.BARRIER_RANGE)})", "Rationale"], kind="scores",
          scored=Scored(aijri.BARRIERS, aijri.BARRIER_RANGE, "barrier", "barrier", "rationale"),
          total=Row("barrier total", figure="barrier_total", show=lambda r: f"{r.barrier_total}/{aijri.BARRIER_MAX}")),
    Heading("AI Growth Correlation Check", "growth_check"),
    Text("growth_check", "growth_check"),
    Heading("JobZone Composite Score (AIJRI)", "composite", aliases=["JobZone Composite Score"]),
    COMPOSITE,
    Said("Raw", ["composite_raw"], show=_raw_line, names=["raw composite"]),
    Said("JobZone Score", ["formula_score"], show=_score_line, names=["formula score"]),
    Line("Assessor override to", "override_reason", value="score_override", places=1, bounds=aijri.OVERRIDE_RANGE,
         show=lambda v: f"{v}/{OUT_OF_100}"),
    Said("Zone", ["zone"], read=_read_zone, show=_zone_line),
    Heading("Sub-Label Determination", "sublabel"),
    SUB_LABEL,
    Heading("Assessor Commentary", "commentary", written_if=[
        "score_vs_reality", "numbers_dont_capture", "who_should_worry", "role_in_2028", "survival_strategy",
    ]),
    Heading("Score vs Reality Check", "score_vs_reality", written_if=["score_vs_reality"]),
    Text("score_vs_reality", "score_vs_reality"),
    Heading("What the Numbers Don't Capture", "numbers_dont_capture", written_if=["numbers_dont_capture"]),
    Bullets("numbers_dont_capture", "numbers_dont_capture"),
    Heading("Who Should Worry (and Who Shouldn't)", "who_should_worry", aliases=["Who Should Worry"],
            written_if=["who_should_worry"]),
    Text("who_should_worry", "who_should_worry"),
    Heading("What This Means", "what_means", written_if=["role_in_2028", "survival_strategy"]),
    Line("The role in 2028", "role_in_2028"),
    Line("Survival strategy", "", starts="survival_strategy", written_if=["survival_strategy"]),
    Bullets("survival_strategy", "survival_strategy"),
    Line("Timeline", "timeline"),
]  # fmt: skip


@dataclass
class ParsedAssessment:
    fields: dict = field(default_factory=dict)
    tasks: list[ParsedTask] = field(default_factory=list)
    evidence: dict[str, tuple[int, str, int]] = field(default_factory=dict)
    barriers: dict[str, tuple[int, str, int]] = field(default_factory=dict)
    not_roles: list[tuple[str, str]] = field(default_factory=list)
    stated: list[Stated] = field(default_factory=list)
    section_lines: dict[str, int] = field(default_factory=dict)

    @property
    def job_title(self) -> str:
        return self.fields["job_title"]

    def inputs(self) -> aijri.Inputs:
        return build_inputs(
            self.fields,
            [(t.time_pct, t.score, t.aug_disp) for t in self.tasks],
            {key: row[0] for key, row in self.evidence.items()},
            {key: row[0] for key, row in self.barriers.items()},
        )


def read_assessment(text: str) -> ParsedAssessment:
    lines = split_lines(text)
    if not lines or heading_key(lines[0].text) != "role definition":
        raise DocumentError('An assessment must start with "Role Definition".', lines[0].number if lines else 1)
    doc = ParsedAssessment()
    FormatReader(FORMAT, doc, Assessment, child_models={"tasks": Task, "not_roles": NotThisRole}).read(lines)
    total = sum((task.time_pct for task in doc.tasks), Decimal(0))
    if total != aijri.TOTAL_TIME_PCT:
        where = doc.section_lines.get("task_total", doc.section_lines["tasks"])
        raise DocumentError(f"Task time must total 100% (the tasks total {aijri.format_pct(total)}%).", where)
    return doc


def write_assessment(role) -> str:
    return write_format(FORMAT, role, role.result)
