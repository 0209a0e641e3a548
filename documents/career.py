"""Read and write a career profile document (the layout of the seed "Clinical Coder" profile)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from careers.models import CareerChange, EntryRoute, Level
from documents.text import DASHES, DocumentError, Line, heading_key, prefixed, split_lines

SECTIONS = {
    "what you do": "what_you_do",
    "why this career is resilient": "why_resilient",
    "a typical day": "typical_day",
    "routes in": "routes",
    "pay and costs": "pay",
}
REQUIRED = ["what_you_do", "why_resilient", "typical_day", "routes", "pay"]
AT_A_GLANCE = ["ai_risk", "entry_difficulty", "training_time", "qualifications", "career_change"]
ROUTE_WORDS = [
    ("career chang", EntryRoute.Kind.CAREER_CHANGER),
    ("apprentice", EntryRoute.Kind.APPRENTICESHIP),
    ("college", EntryRoute.Kind.COLLEGE),
    ("employer", EntryRoute.Kind.EMPLOYER),
    ("universit", EntryRoute.Kind.UNIVERSITY),
    ("degree", EntryRoute.Kind.UNIVERSITY),
    ("direct", EntryRoute.Kind.DIRECT),
    ("volunteer", EntryRoute.Kind.VOLUNTEERING),
]
PAY_BAND = re.compile(r"([^.()£]+?)\s*\(\s*£\s*([\d,]+)\s*-\s*£\s*([\d,]+)\s*\)\s*([^.]*)\.")


@dataclass
class ParsedCareer:
    fields: dict = field(default_factory=dict)
    routes: list[dict] = field(default_factory=list)
    pay_bands: list[dict] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.fields["title"]


def route_kind(heading: str) -> str:
    lowered = heading_key(heading)
    return next((kind for word, kind in ROUTE_WORDS if word in lowered), EntryRoute.Kind.OTHER)


def is_route_heading(line: Line) -> bool:
    return len(line.text) <= 80 and not line.text.rstrip().endswith((".", ":", ")"))


def choice(line: Line, choices, what: str) -> str:
    value = line.text.strip().rstrip(".").lower()
    if value not in choices.values:
        allowed = "/".join(label for label in choices.labels)
        raise DocumentError(f"{what} must be {allowed} (found {line.text!r}).", line.number)
    return value


def read_pay(lines: list[Line], doc: ParsedCareer) -> None:
    notes = []
    for line in lines:
        if (earnings := prefixed(line, "Earning potential")) is not None:
            text = earnings.translate(DASHES)
            for label, low, high, who in PAY_BAND.findall(text):
                low, high = int(low.replace(",", "")), int(high.replace(",", ""))
                if low > high:
                    raise DocumentError(f"Pay band {label.strip()!r} has a minimum above its maximum.", line.number)
                doc.pay_bands.append({"label": label.strip(), "minimum": low, "maximum": high, "who_for": who.strip()})
            rest = PAY_BAND.sub("", text).strip()
            if rest:
                notes.append(rest)
        elif (costs := prefixed(line, "Training costs")) is not None:
            doc.fields["training_costs"] = costs
        else:
            notes.append(line.text)
    doc.fields["pay_note"] = "\n".join(notes)
    if "training_costs" not in doc.fields:
        raise DocumentError('"Pay and costs" has no "Training costs:" paragraph.', lines[0].number if lines else None)


def read_routes(lines: list[Line], doc: ParsedCareer) -> None:
    for line in lines:
        if is_route_heading(line) or not doc.routes:
            doc.routes.append({"kind": route_kind(line.text), "heading": line.text, "description": ""})
        else:
            current = doc.routes[-1]
            current["description"] = "\n".join(filter(None, [current["description"], line.text]))


def read_career(text: str) -> ParsedCareer:
    lines = split_lines(text)
    if len(lines) < 7:
        raise DocumentError("A career profile needs a title, a summary and five at-a-glance lines.", None)
    doc = ParsedCareer()
    doc.fields["title"], doc.fields["summary"] = lines[0].text, lines[1].text
    glance = lines[2:7]
    doc.fields["ai_risk"] = choice(glance[0], Level, "AI risk")
    doc.fields["entry_difficulty"] = choice(glance[1], Level, "Entry difficulty")
    doc.fields["training_time"] = glance[2].text
    doc.fields["qualifications"] = glance[3].text
    doc.fields["career_change"] = choice(glance[4], CareerChange, "Career change")

    sections: dict[str, list[Line]] = {}
    current = None
    for line in lines[7:]:
        section = SECTIONS.get(heading_key(line.text)) if len(line.text) <= 60 else None
        if section:
            current = section
            sections[current] = []
        elif current is None:
            raise DocumentError('Expected the "What you do" heading after the at-a-glance lines.', line.number)
        else:
            sections[current].append(line)
    for name in REQUIRED:
        if name not in sections:
            heading = next(h for h, s in SECTIONS.items() if s == name)
            raise DocumentError(f'The required section "{heading.capitalize()}" is missing.', lines[-1].number)
    for name in ["what_you_do", "why_resilient", "typical_day"]:
        doc.fields[name] = "\n".join(line.text for line in sections[name])
    read_routes(sections["routes"], doc)
    read_pay(sections["pay"], doc)
    return doc


def write_career(career) -> str:
    def label(value, choices):
        return dict(choices.choices)[value]

    out = [
        career.title,
        career.summary,
        label(career.ai_risk, Level),
        label(career.entry_difficulty, Level),
        career.training_time,
        career.qualifications,
        career.career_change,
        "What you do",
        career.what_you_do,
        "Why this career is resilient",
        career.why_resilient,
        "A typical day",
        career.typical_day,
        "Routes in",
    ]
    for route in career.routes.all():
        out += [route.heading, route.description]
    bands = " ".join(f"{b.label} (£{b.minimum:,}–£{b.maximum:,}) {b.who_for}." for b in career.pay_bands.all())
    earning = " ".join(filter(None, [bands, career.pay_note.replace("\n", " ")]))
    out += ["Pay and costs", f"Earning potential: {earning}", f"Training costs: {career.training_costs}"]
    return "\n".join(part for part in out if part) + "\n"
