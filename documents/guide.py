"""The import page's description of each document kind, read from the same field tables the reader and
writer use, so it can never describe a format the importer does not read."""

from pathlib import Path

from documents import assessment, career
from documents.format import Heading, Line, Table

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
