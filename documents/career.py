"""The career profile document (the layout of the seed "Clinical Coder" profile), read and written.

`GLANCE`, `SECTIONS` and `PAY_LINES` are the one description of the format: the reader and the
writer both walk them, so a new field is one entry here plus its model field.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from careers.models import Career, CareerChange, EntryRoute, Level, PayBand
from documents.text import (
    DASHES,
    DocumentError,
    Line,
    fits,
    heading_key,
    labelled,
    max_length,
    number,
    soc_code,
    split_lines,
    titles,
)


@dataclass(frozen=True)
class Glance:
    """One of the seven lines that open a profile: title, summary and five at-a-glance facts."""

    name: str
    label: str
    choices: type | None = None


@dataclass(frozen=True)
class Section:
    title: str
    name: str
    kind: str = "text"  # text | routes | pay


GLANCE = [
    Glance("title", "The title"),
    Glance("summary", "The summary"),
    Glance("ai_risk", "AI risk", Level),
    Glance("entry_difficulty", "Entry difficulty", Level),
    Glance("training_time", "Training time"),
    Glance("qualifications", "Qualifications"),
    Glance("career_change", "Career change", CareerChange),
]
SECTIONS = [
    Section("What you do", "what_you_do"),
    Section("Why this career is resilient", "why_resilient"),
    Section("A typical day", "typical_day"),
    Section("Routes in", "routes", kind="routes"),
    Section("Pay and costs", "pay", kind="pay"),
]
# Optional "Label: value" lines between the at-a-glance lines and the first section.
# Each reads and writes one field: "titles" ("a; b" <-> a list) or "soc" ("4131 Records clerks…" <-> the link).
LABELLED = {
    "alternative titles": ("Alternative titles", "alternative_titles", "titles"),
    "soc 2020 unit group": ("SOC 2020 unit group", "occupation_id", "soc"),
}
BLANK = {"titles": [], "soc": None}  # what a labelled field holds when the document leaves it out
PAY_LINES = {"earning potential": "pay_bands", "training costs": "training_costs"}
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
MAX_PAY = 10_000_000  # a year's pay in pounds; anything above is a typing slip


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


def read_glance(line: Line, glance: Glance) -> str:
    if glance.choices is None:
        return fits(line.text, glance.label, line, max_length(Career, glance.name))
    value = line.text.strip().rstrip(".").lower()
    if value not in glance.choices.values:
        allowed = "/".join(glance.choices.labels)
        raise DocumentError(f"{glance.label} must be {allowed} (found {line.text[:40]!r}).", line.number)
    return value


def pay_band(sentence: str, line: Line) -> dict | None:
    """'NHS Band 3 (£24,071-£25,674) coding trainee' -> a band; a sentence without '(£…-£…)' is None."""
    label, opened, rest = sentence.partition("(")
    inside, closed, who = rest.partition(")")
    low, dash, high = inside.partition("-")
    if not (opened and closed and dash and "£" in low and "£" in high):
        return None
    inside = (low, high)
    amounts = [
        number(raw.replace("£", "").replace(",", ""), "A pay amount", line, 0, (0, MAX_PAY)) for raw in (low, high)
    ]
    label = label.strip()
    if amounts[0] > amounts[1]:
        raise DocumentError(f"Pay band {label[:40]!r} has a minimum above its maximum.", line.number)
    return {
        "label": fits(label, "A pay band's label", line, max_length(PayBand, "label")),
        "minimum": amounts[0],
        "maximum": amounts[1],
        "who_for": fits(who.strip(), "A pay band's description", line, max_length(PayBand, "who_for")),
    }


def read_pay(lines: list[Line], doc: ParsedCareer, heading_line: int) -> None:
    notes = []
    for line in lines:
        key, rest = labelled(line) or ("", "")
        if PAY_LINES.get(key) == "pay_bands":
            for sentence in rest.translate(DASHES).split(". "):
                band = pay_band(sentence.strip().rstrip("."), line)
                if band:
                    doc.pay_bands.append(band)
                elif sentence.strip():
                    notes.append(sentence.strip().rstrip(".") + ".")
        elif PAY_LINES.get(key) == "training_costs":
            doc.fields["training_costs"] = rest
        else:
            notes.append(line.text)
    doc.fields["pay_note"] = " ".join(notes)
    if "training_costs" not in doc.fields:
        raise DocumentError(
            '"Pay and costs" has no "Training costs:" paragraph.', lines[0].number if lines else heading_line
        )


def read_routes(lines: list[Line], doc: ParsedCareer) -> None:
    limit = max_length(EntryRoute, "heading")
    for line in lines:
        if is_route_heading(line) or not doc.routes:
            heading = fits(line.text, "A route's heading", line, limit)
            doc.routes.append({"kind": route_kind(line.text), "heading": heading, "description": ""})
        else:
            current = doc.routes[-1]
            current["description"] = "\n".join(filter(None, [current["description"], line.text]))


def read_career(text: str) -> ParsedCareer:
    lines = split_lines(text)
    if len(lines) < len(GLANCE):
        raise DocumentError(
            "A career profile needs a title, a summary and five at-a-glance lines.", lines[-1].number if lines else 1
        )
    doc = ParsedCareer()
    for line, glance in zip(lines, GLANCE):
        doc.fields[glance.name] = read_glance(line, glance)
    by_heading = {heading_key(section.title): section for section in SECTIONS}
    found: dict[str, list[Line]] = {}
    headings: dict[str, int] = {}
    current = None
    for line in lines[len(GLANCE) :]:
        section = by_heading.get(heading_key(line.text)) if len(line.text) <= 60 else None
        if section:
            current = section
            found[current.name] = []
            headings[current.name] = line.number
        elif current is None and (labelled(line) or ("", ""))[0] in LABELLED:
            key, rest = labelled(line)
            label, name, kind = LABELLED[key]
            doc.fields[name] = titles(rest, label, line) if kind == "titles" else soc_code(rest, label, line)
        elif current is None:
            raise DocumentError(f'Expected the "{SECTIONS[0].title}" heading after the at-a-glance lines.', line.number)
        else:
            found[current.name].append(line)
    for section in SECTIONS:
        if section.name not in found:
            raise DocumentError(f'The required section "{section.title}" is missing.', lines[-1].number)
        if section.kind == "text":
            if not found[section.name]:
                raise DocumentError(f'The "{section.title}" section is empty.', headings[section.name])
            doc.fields[section.name] = "\n".join(line.text for line in found[section.name])
    read_routes(found["routes"], doc)
    read_pay(found["pay"], doc, headings["pay"])
    return doc


def write_career(career) -> str:
    out = []
    for glance in GLANCE:
        value = getattr(career, glance.name)
        out.append(dict(glance.choices.choices)[value] if glance.choices else value)
    for label, name, kind in LABELLED.values():
        if getattr(career, name):
            value = "; ".join(getattr(career, name)) if kind == "titles" else str(career.occupation)
            out.append(f"{label}: {value}")
    for section in SECTIONS:
        out.append(section.title)
        if section.kind == "text":
            out.append(getattr(career, section.name))
        elif section.kind == "routes":
            for route in career.routes.all():
                out += [route.heading, route.description]
        else:
            bands = " ".join(f"{b.label} (£{b.minimum:,}–£{b.maximum:,}) {b.who_for}." for b in career.pay_bands.all())
            earning = " ".join(filter(None, [bands, career.pay_note.replace("\n", " ")]))
            out += [f"Earning potential: {earning}", f"Training costs: {career.training_costs}"]
    return "\n".join(part for part in out if part) + "\n"
