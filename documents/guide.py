"""The import page's description of each document kind, read from the same field tables the reader and
writer use, so it can never describe a format the importer does not read."""

from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

from documents import assessment, career
from documents.format import Heading, Line, Table, write_format
from scoring import aijri

DEMO = Path(__file__).resolve().parent / "demo"
# A worked example of each kind, in the current format (the demo loads and CI checks it every run).
EXAMPLES = {
    "assessment": DEMO / "assessments" / "clinical-coder-nhs.txt",
    "career": DEMO / "careers" / "clinical-coder.txt",
}


def assessment_guide() -> list[dict]:
    """Each section in order: its heading, whether it is required, and the rows or lines it holds."""
    sections, current = [], None
    for part in assessment.FORMAT:
        if isinstance(part, Heading):
            current = {"title": part.title, "required": part.required, "items": []}
            sections.append(current)
        elif current is None:
            continue
        elif isinstance(part, Table):
            current["items"].append(f"a table with the columns {' | '.join(part.header)}")
            if part.kind == "tasks":
                current["items"].append("one row per task (its time shares add up to 100%), then a Total row")
            elif part.kind == "scores":
                current["items"] += [f"a row for {name}" for name in part.scored.names.values()]
            else:
                current["items"] += [f"{row.label}{' (required)' if row.required else ''}" for row in part.rows]
        elif isinstance(part, Line):
            figure = " and its figure" if part.value else ""
            current["items"].append(f"a line starting “{part.label}”{figure}, then “:” and the text")
    return sections


def career_guide() -> list[dict]:
    glance = [
        f"{item.label} on its own line" + (f" (one of: {', '.join(item.choices.labels)})" if item.choices else "")
        for item in career.GLANCE
    ]
    labelled = [f"optional line “{label}: …”" for label, _, _ in career.LABELLED.values()]
    sections = [{"title": section.title, "required": True, "items": []} for section in career.SECTIONS]
    return [{"title": "At a glance (the first lines)", "required": True, "items": glance + labelled}, *sections]


class Rows(list):
    """Stands in for a related manager, so the writers can read placeholder rows."""

    def all(self):
        return self


class BlankAssessment:
    """Every field left blank, one row per evidence dimension and barrier and one placeholder task, so the
    writer lays out every table exactly as the reader wants it."""

    def __getattr__(self, name):
        tables = [part for part in assessment.FORMAT if isinstance(part, Table)]
        scored = {part.section: part.scored for part in tables if part.kind == "scores"}
        if name in scored:
            s = scored[name]
            return Rows(SimpleNamespace(**{s.key: key, s.text: "", "score": 0}) for key in s.names)
        if name == "tasks":
            kind = aijri.AUG_DISP[aijri.NOT_INVOLVED]
            task = {"name": "Task name", "time_pct": 100, "score": 3, "weighted": "3.00", "rationale": ""}
            return Rows([SimpleNamespace(**task, get_aug_disp_display=lambda: kind)])
        if name == "not_roles":
            return Rows()
        numbers = {row.name for part in tables for row in part.rows if row.kind in ("whole", "signed")}
        lines = {part.value for part in assessment.FORMAT if isinstance(part, Line) and part.value}
        return 0 if name in numbers else None if name in lines else ""


def blank_assessment() -> str:
    neutral = aijri.Inputs(
        tasks=[aijri.TaskInput(Decimal(100), 3, aijri.NOT_INVOLVED)],
        evidence=dict.fromkeys(aijri.EVIDENCE_DIMENSIONS, 0),
        barriers=dict.fromkeys(aijri.BARRIERS, 0),
        growth=0,
        protective=dict.fromkeys(aijri.PROTECTIVE_PRINCIPLES, 0),
    )
    return write_format(assessment.FORMAT, BlankAssessment(), aijri.compute(neutral))


def blank_career() -> str:
    """Each part named by its own label, in the writer's order: the reader finds every section."""
    values = {g.name: g.choices.values[0] if g.choices else f"({g.label})" for g in career.GLANCE}
    values |= {section.name: f"Write about {section.title.lower()} here." for section in career.SECTIONS}
    values |= {"alternative_titles": ["First other title", "Second other title"], "occupation_id": None}
    route = SimpleNamespace(heading="Direct entry", description="(How people get in this way)")
    values |= {"routes": Rows([route]), "pay_bands": Rows(), "pay_note": "(Pay)", "training_costs": "(Costs)"}
    return career.write_career(SimpleNamespace(**values))


TEMPLATES = {"assessment": blank_assessment, "career": blank_career}
