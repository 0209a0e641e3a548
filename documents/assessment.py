"""Read an AIJRI assessment document (the layout of the seed "Role Definition" documents)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from documents.text import (
    DASHES,
    NUMBER,
    DocumentError,
    Line,
    Stated,
    decimal_in,
    heading_key,
    is_separator,
    is_table_row,
    prefixed,
    split_lines,
    table_cells,
    whole_number,
)
from scoring import aijri

SECTIONS = {
    "role definition": "role",
    "protective principles ai growth correlation": "protective",
    "protective principles": "protective",
    "task decomposition": "tasks",
    "evidence score": "evidence",
    "barrier assessment": "barriers",
    "ai growth correlation check": "growth_check",
    "jobzone composite score": "composite",
    "sub label determination": "sublabel",
    "assessor commentary": "commentary",
    "score vs reality check": "score_vs_reality",
    "what the numbers don t capture": "numbers_dont_capture",
    "who should worry": "who_should_worry",
    "what this means": "what_means",
}
TABLE_HEADERS = {"field", "principle", "task", "dimension", "barrier", "input", "metric"}
TEXT_SECTIONS = {"growth_check", "score_vs_reality", "who_should_worry"}
LIST_SECTIONS = {"numbers_dont_capture", "survival_strategy"}
ROLE_FIELDS = {
    "job title": "job_title",
    "seniority level": "seniority_level",
    "primary function": "primary_function",
    "typical experience": "typical_experience",
}
AUG_DISP_WORDS = {
    "displacement": aijri.DISPLACEMENT,
    "augmentation": aijri.AUGMENTATION,
    "not involved": aijri.NOT_INVOLVED,
}


def _keyed(names: dict[str, str]) -> dict[str, str]:
    return {heading_key(label): key for key, label in names.items()}


EVIDENCE_KEYS = _keyed(aijri.EVIDENCE_DIMENSIONS)
BARRIER_KEYS = _keyed(aijri.BARRIERS)
PRINCIPLE_KEYS = _keyed(aijri.PROTECTIVE_PRINCIPLES)


@dataclass
class ParsedTask:
    line: int
    name: str
    time_pct: int
    score: int
    aug_disp: str
    rationale: str


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
        return aijri.Inputs(
            tasks=[aijri.TaskInput(t.time_pct, t.score, t.aug_disp) for t in self.tasks],
            evidence={key: row[0] for key, row in self.evidence.items()},
            barriers={key: row[0] for key, row in self.barriers.items()},
            growth=self.fields["growth_correlation"],
            protective={key: self.fields[key] for key in aijri.PROTECTIVE_PRINCIPLES},
            adjustment=self.fields.get("resistance_adjustment"),
            override=self.fields.get("score_override"),
        )


def split_not_entries(cell: str) -> list[tuple[str, str]]:
    """'NOT a Medical Coder (US) (uses CPT …). NOT a Medical Secretary.' -> [(name, note), …]"""
    entries = []
    for chunk in re.split(r"\bNOT\s+(?:an?\s+)?(?=\S)", cell)[1:]:
        chunk = chunk.strip().rstrip(".").strip()
        name, note = chunk, ""
        if chunk.endswith(")"):
            depth = 0
            for index in range(len(chunk) - 1, -1, -1):
                depth += {")": 1, "(": -1}.get(chunk[index], 0)
                if depth == 0:
                    name, note = chunk[:index].strip(), chunk[index + 1 : -1].strip()
                    break
        if name:
            entries.append((name, note))
    return entries


class AssessmentReader:
    def __init__(self, text: str):
        self.lines = split_lines(text)
        self.doc = ParsedAssessment()
        self.section = None
        self.text_parts: dict[str, list[str]] = {}

    def read(self) -> ParsedAssessment:
        if not self.lines or heading_key(self.lines[0].text) != "role definition":
            raise DocumentError('An assessment must start with "Role Definition".', 1)
        for line in self.lines:
            self.read_line(line)
        for name, parts in self.text_parts.items():
            self.doc.fields[name] = "\n".join(parts)
        self.require_sections()
        return self.doc

    # --- dispatch -------------------------------------------------------------------------
    def read_line(self, line: Line) -> None:
        if is_table_row(line):
            cells = table_cells(line)
            if is_separator(cells) or heading_key(cells[0]) in TABLE_HEADERS:
                return
            reader = getattr(self, f"row_{self.section}", None)
            if reader is None:
                raise DocumentError("A table row outside any known table.", line.number)
            reader(line, cells)
            return
        section = self.heading(line)
        if section:
            self.section = section
            self.doc.section_lines.setdefault(section, line.number)
            return
        if self.prefixed_line(line):
            return
        self.body_line(line)

    def heading(self, line: Line) -> str | None:
        if len(line.text) > 80:
            return None
        key = heading_key(line.text)
        for heading, section in SECTIONS.items():
            if key == heading or key.startswith(heading + " "):
                return section
        return None

    def body_line(self, line: Line) -> None:
        if self.section in LIST_SECTIONS and line.text.startswith("-"):
            self.text_parts.setdefault(self.section, []).append(line.text.lstrip("-").strip())
        elif self.section in TEXT_SECTIONS:
            self.text_parts.setdefault(self.section, []).append(line.text)
        # Other prose (boilerplate such as the barrier section's framing question) is not stored.

    def set_text(self, name: str, value: str) -> None:
        self.text_parts[name] = [value]

    # --- one-line statements ----------------------------------------------------------------
    def prefixed_line(self, line: Line) -> bool:
        simple = {
            "seniority_note": ("Seniority note",),
            "quick_screen": ("Quick screen result", "Quick screen"),
            "role_in_2028": (r"The role in 2028",),
            "timeline": ("Timeline",),
        }
        for name, prefixes in simple.items():
            value = prefixed(line, *prefixes)
            if value is not None:
                self.set_text(name, value)
                return True
        plain = line.plain
        if (value := prefixed(line, r"Reinstatement check(?:\s*\([^)]*\))?")) is not None:
            self.set_text("reinstatement_check", value)
        elif prefixed(line, "Reframed question") is not None:
            pass
        elif prefixed(line, "Survival strategy") is not None:
            self.section = "survival_strategy"
        elif (value := prefixed(line, r"Task Resistance Score\s*\(raw\)")) is not None:
            match = re.search(r"(\d+(?:\.\d+)?)\s*-\s*(\d+(?:\.\d+)?)\s*=\s*(\d+(?:\.\d+)?)", plain)
            if match:
                self.state("weighted total (resistance line)", line, match.group(2), "weighted_total")
                self.state("raw task resistance", line, match.group(3), "task_resistance_raw")
        elif match := re.match(rf"assessor adjustment to\s*({NUMBER})[^:]*:\s*(.*)$", plain, re.I):
            self.doc.fields["resistance_adjustment"] = self.bounded(
                match.group(1), "Assessor adjustment", line, aijri.ADJUSTMENT_RANGE, read=decimal_in
            )
            self.doc.fields["adjustment_reason"] = line.text.split(":", 1)[1].strip()
        elif match := re.match(rf"assessor override to\s*({NUMBER})[^:]*:\s*(.*)$", plain, re.I):
            self.doc.fields["score_override"] = self.bounded(
                match.group(1), "Assessor override", line, aijri.OVERRIDE_RANGE, read=decimal_in
            )
            self.doc.fields["override_reason"] = line.text.split(":", 1)[1].strip()
        elif (value := prefixed(line, r"Displacement\s*/\s*Augmentation split")) is not None:
            for pct, kind in re.findall(r"(\d+)\s*%\s*(displacement|augmentation|not[\s-]*involved)", value.lower()):
                key = AUG_DISP_WORDS[re.sub(r"[\s-]+", " ", kind)]
                self.state(f"{aijri.AUG_DISP[key].lower()} share", line, pct, f"{key}_pct")
        elif prefixed(line, "Raw") is not None:
            self.state("raw composite", line, self.after_equals(line), "composite_raw")
        elif prefixed(line, "JobZone Score") is not None:
            self.state("formula score", line, self.after_equals(line), "formula_score")
        elif (value := prefixed(line, "Zone")) is not None:
            word = re.match(r"\s*(green|yellow|red)\b", value, re.I)
            if word:
                self.doc.stated.append(Stated("zone", line.number, word.group(1).lower(), "zone"))
        else:
            return False
        return True

    # --- table rows -------------------------------------------------------------------------
    def row_role(self, line: Line, cells: list[str]) -> None:
        key, value = heading_key(cells[0]), " | ".join(cells[1:]).strip()
        if key in ROLE_FIELDS:
            self.doc.fields[ROLE_FIELDS[key]] = value
        elif key == "what this role is not":
            self.doc.not_roles = split_not_entries(value)

    def row_protective(self, line: Line, cells: list[str]) -> None:
        key = heading_key(cells[0])
        score, rationale = self.cell(cells, 1, line), (cells[2] if len(cells) > 2 else "")
        if key in PRINCIPLE_KEYS:
            name = PRINCIPLE_KEYS[key]
            label = aijri.PROTECTIVE_PRINCIPLES[name]
            self.doc.fields[name] = self.bounded(score, label, line, aijri.PROTECTIVE_RANGE)
            self.doc.fields[f"{name}_rationale"] = rationale
        elif key == "protective total":
            self.state("protective total", line, str(whole_number(score, "Protective total", line)), "protective_total")
        elif key == "ai growth correlation":
            self.doc.fields["growth_correlation"] = self.bounded(
                score, "AI growth correlation", line, aijri.GROWTH_RANGE
            )
            self.doc.fields["growth_rationale"] = rationale
            self.doc.section_lines["growth"] = line.number
        else:
            raise DocumentError(f"Unknown protective principle {cells[0]!r}.", line.number)

    def row_tasks(self, line: Line, cells: list[str]) -> None:
        if heading_key(cells[0]) == "total":
            self.doc.section_lines["task_total"] = line.number
            if len(cells) > 2 and cells[2]:
                self.state("task weighted total", line, cells[2], "weighted_total")
            return
        if len(cells) < 5:
            raise DocumentError(
                "A task row needs Task, Time %, Score, Weighted and Aug/Disp cells "
                "(or is a section heading missing above this table?).",
                line.number,
            )
        number = len(self.doc.tasks) + 1
        kind = AUG_DISP_WORDS.get(re.sub(r"[\s_-]+", " ", cells[4].translate(DASHES).lower()).strip())
        if kind is None:
            raise DocumentError(
                f"Task {number} Aug/Disp must be DISPLACEMENT, AUGMENTATION or NOT INVOLVED (found {cells[4]!r}).",
                line.number,
            )
        self.doc.tasks.append(
            ParsedTask(
                line=line.number,
                name=cells[0],
                time_pct=self.bounded(cells[1], f"Task {number} time %", line, (1, 100)),
                score=self.bounded(cells[2], f"Task {number} score", line, aijri.TASK_SCORE_RANGE),
                aug_disp=kind,
                rationale=cells[5] if len(cells) > 5 else "",
            )
        )
        if cells[3]:
            self.state(f"task {number} weighted", line, cells[3], f"task_{number}_weighted")

    def row_evidence(self, line: Line, cells: list[str]) -> None:
        self.scored_row(line, cells, "evidence", EVIDENCE_KEYS, aijri.EVIDENCE_DIMENSIONS, aijri.EVIDENCE_RANGE)

    def row_barriers(self, line: Line, cells: list[str]) -> None:
        self.scored_row(line, cells, "barrier", BARRIER_KEYS, aijri.BARRIERS, aijri.BARRIER_RANGE)

    def scored_row(self, line, cells, kind, keys, names, bounds) -> None:
        rows = self.doc.evidence if kind == "evidence" else self.doc.barriers
        key = heading_key(cells[0])
        if key == "total":
            self.state(
                f"{kind} total",
                line,
                str(whole_number(self.cell(cells, 1, line), f"{kind} total", line)),
                f"{kind}_total",
            )
            return
        if key not in keys:
            what = "evidence dimension" if kind == "evidence" else "barrier"
            raise DocumentError(
                f"Unknown {what} {cells[0]!r}; expected one of {', '.join(names.values())}.", line.number
            )
        name = keys[key]
        if name in rows:
            raise DocumentError(f"{names[name]} appears twice.", line.number)
        score = self.bounded(self.cell(cells, 1, line), names[name], line, bounds)
        rows[name] = (score, cells[2] if len(cells) > 2 else "", line.number)

    def row_composite(self, line: Line, cells: list[str]) -> None:
        key, value = heading_key(cells[0]), self.cell(cells, 1, line)
        figure = {
            "task resistance score": "task_resistance",
            "evidence modifier": "evidence_modifier",
            "barrier modifier": "barrier_modifier",
            "growth modifier": "growth_modifier",
        }.get(key)
        if figure:
            stated = value.translate(DASHES).rsplit("=", 1)[-1]
            self.state(cells[0].lower(), line, str(decimal_in(stated, cells[0], line)), figure)

    def row_sublabel(self, line: Line, cells: list[str]) -> None:
        key, value = heading_key(cells[0]), self.cell(cells, 1, line)
        if "scoring 3" in key:
            self.state(
                "% of task time scoring 3+", line, str(whole_number(value, cells[0], line)), "protected_time_pct"
            )
        elif key == "ai growth correlation":
            self.state(
                "AI growth correlation (sub-label table)", line, str(whole_number(value, cells[0], line)), "growth"
            )
        elif key == "sub label":
            match = re.match(r"\s*(green|yellow|red)\s*\(\s*([a-z]+)\s*\)", value, re.I)
            if match:
                self.doc.stated.append(Stated("sub-label", line.number, match.group(2).capitalize(), "sub_label"))

    # --- helpers ----------------------------------------------------------------------------
    def state(self, label: str, line: Line, raw: str, figure: str) -> None:
        self.doc.stated.append(Stated(label, line.number, str(decimal_in(raw, label, line)), figure))

    @staticmethod
    def after_equals(line: Line) -> str:
        return line.plain.rsplit("=", 1)[-1].split("/")[0].strip()

    @staticmethod
    def cell(cells: list[str], index: int, line: Line) -> str:
        if len(cells) <= index:
            raise DocumentError("This table row is missing a cell.", line.number)
        return cells[index]

    @staticmethod
    def bounded(raw: str, what: str, line: Line, bounds, read=whole_number):
        value = read(raw, what, line)
        if not bounds[0] <= value <= bounds[1]:
            raise DocumentError(f"{what} must be between {bounds[0]} and {bounds[1]} (found {value}).", line.number)
        return value

    def require_sections(self) -> None:
        doc, end = self.doc, self.lines[-1].number
        for name, label in [
            ("job_title", "Job Title"),
            ("seniority_level", "Seniority Level"),
            ("primary_function", "Primary Function"),
        ]:
            if not doc.fields.get(name):
                raise DocumentError(f'The Role Definition table has no "{label}" row.', 1)
        for section, label in [
            ("protective", "Protective Principles"),
            ("tasks", "Task Decomposition"),
            ("evidence", "Evidence Score"),
            ("barriers", "Barrier Assessment"),
        ]:
            if section not in doc.section_lines:
                raise DocumentError(f'The required section "{label}" is missing.', end)
        protective_line = doc.section_lines["protective"]
        for key, label in aijri.PROTECTIVE_PRINCIPLES.items():
            if key not in doc.fields:
                raise DocumentError(f'The protective principles table has no "{label}" row.', protective_line)
        if "growth_correlation" not in doc.fields:
            raise DocumentError('The protective principles table has no "AI Growth Correlation" row.', protective_line)
        tasks_line = doc.section_lines.get("task_total", doc.section_lines["tasks"])
        if not doc.tasks:
            raise DocumentError("The task table has no tasks.", doc.section_lines["tasks"])
        total = sum(task.time_pct for task in doc.tasks)
        if total != aijri.TOTAL_TIME_PCT:
            raise DocumentError(f"Task time must total 100% (the tasks total {total}%).", tasks_line)
        for rows, names, section in [
            (doc.evidence, aijri.EVIDENCE_DIMENSIONS, "evidence"),
            (doc.barriers, aijri.BARRIERS, "barriers"),
        ]:
            missing = [label for key, label in names.items() if key not in rows]
            if missing:
                raise DocumentError(f"Missing rows: {', '.join(missing)}.", doc.section_lines[section])


def read_assessment(text: str) -> ParsedAssessment:
    return AssessmentReader(text).read()
