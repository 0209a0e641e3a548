"""The pieces a document format is declared with, and the one reader and writer that walk them.

A format is a list of parts in the order the writer writes them: headings, tables of labelled
rows, "Label: text" lines, lines that state engine figures, and prose or bulleted sections. Each
part names the model field it fills (or the engine figure it states, which is compared, never
stored), so reading and writing cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from documents import text as t
from documents.text import DocumentError, Stated
from scoring import aijri


@dataclass
class Heading:
    title: str
    section: str
    aliases: list[str] = field(default_factory=list)
    required: bool = False
    written_if: list[str] | None = None  # fields of which one must have text for the writer to write it


@dataclass
class Row:
    """A labelled row of a table: 'whole'/'signed' numbers in the second cell, text otherwise."""

    label: str
    name: str = ""
    figure: str = ""
    kind: str = "text"  # text | whole | signed | share | not_roles | sub_label | titles | soc (a unit group's code)
    bounds: tuple | None = None
    note: str = ""  # the field the third cell fills
    required: bool = False
    show: Callable | None = None  # writes a figure row from the engine's result


@dataclass
class Scored:
    """A table with one scored row per fixed key (evidence dimensions, barriers) and the model rows it fills."""

    names: dict[str, str]  # key -> label, as the document writes it
    bounds: tuple
    what: str  # how a message names one row, e.g. "barrier"
    key: str  # the model row's field holding the key
    text: str  # the model row's field holding the third cell
    signed: bool = False


@dataclass
class Table:
    section: str
    header: list[str]
    rows: list[Row] = field(default_factory=list)
    kind: str = "fields"  # fields | tasks | scores
    total: Row | None = None
    scored: Scored | None = None  # for kind "scores"


@dataclass
class Line:
    """'Label: text', or 'Label 2.30/5.0: text' when `value` names a number field written after the label."""

    label: str
    name: str
    aliases: list[str] = field(default_factory=list)
    value: str = ""
    places: int = 0
    bounds: tuple | None = None
    show: Callable | None = None
    starts: str = ""  # a bulleted section the line opens, e.g. "Survival strategy:"
    written_if: list[str] | None = None


@dataclass
class Said:
    """A line that states engine figures; `read` returns the raw figures in the order of `figures`."""

    label: str
    figures: list[str]
    show: Callable
    read: Callable | None = None
    names: list[str] | None = None  # how messages name each figure (default: the label)


@dataclass
class Text:
    section: str
    name: str


@dataclass
class Bullets:
    section: str
    name: str


@dataclass
class ParsedTask:
    line: int
    name: str
    time_pct: Decimal
    score: int
    aug_disp: str
    rationale: str


def split_not_entries(cell: str) -> list[tuple[str, str]]:
    """'NOT a Medical Coder (US) (uses CPT …). NOT a Medical Secretary.' -> [(name, note), …]"""
    entries = []
    for chunk in (" " + cell).split(" NOT ")[1:]:
        chunk = chunk.strip()
        for article in ("a ", "an "):
            chunk = chunk[len(article) :] if chunk.startswith(article) else chunk
        chunk = chunk.rstrip(".").strip()
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


def _matches(key: str, label: str) -> bool:
    return key == label or key.startswith(label + " ")


def blank_values(parts) -> dict:
    """Every field a document may fill, empty: a re-import clears what the new document leaves out."""
    values = {}
    for part in parts:
        if isinstance(part, Table):
            values |= {row.name: "" for row in part.rows if row.name and row.kind in ("text", "sub_label")}
            values |= {row.name: None for row in part.rows if row.kind == "soc"}
            values |= {row.name: [] for row in part.rows if row.kind == "titles"}
            values |= {row.note: "" for row in part.rows if row.note}
        elif isinstance(part, Line):
            values |= {part.name: ""} if part.name else {}
            values |= {part.value: None} if part.value else {}
        elif isinstance(part, Text | Bullets):
            values[part.name] = ""
    return values


class FormatReader:
    def __init__(self, parts, doc, model, child_models=None):
        self.parts, self.doc, self.model = parts, doc, model
        self.child_models = child_models or {}
        self.section = None
        self.prose: dict[str, list[str]] = {}
        self.headings = [(t.heading_key(a), p) for p in parts if isinstance(p, Heading) for a in [p.title, *p.aliases]]
        self.lines = [
            (t.heading_key(label), p)
            for p in parts
            if isinstance(p, Line | Said)
            for label in [p.label, *getattr(p, "aliases", [])]
        ]
        self.tables = {p.section: p for p in parts if isinstance(p, Table)}
        self.header_words = {t.heading_key(p.header[0]) for p in self.tables.values()}
        self.text_sections = {p.section: p for p in parts if isinstance(p, Text | Bullets)}

    def read(self, lines) -> None:
        for line in lines:
            self.read_line(line)
        for name, parts in self.prose.items():
            self.doc.fields[name] = "\n".join(parts)
        self.require(lines[-1].number)

    # --- dispatch ---------------------------------------------------------------------------
    def read_line(self, line) -> None:
        if line.text.startswith("|"):
            cells = t.table_cells(line)
            if t.is_separator(cells) or t.heading_key(cells[0]) in self.header_words:
                return
            table = self.tables.get(self.section)
            if table is None:
                raise DocumentError("A table row outside any known table (is a section heading missing?).", line.number)
            getattr(self, f"row_{table.kind}")(table, line, cells)
            return
        heading = self.heading(line)
        if heading:
            self.section = heading.section
            self.doc.section_lines.setdefault(heading.section, line.number)
            return
        labelled = t.labelled(line)
        if labelled:
            key, rest = labelled
            for label, part in self.lines:
                if _matches(key, label):
                    (self.said if isinstance(part, Said) else self.labelled_line)(part, line, rest)
                    return
        self.body_line(line)

    def heading(self, line) -> Heading | None:
        if len(line.text) > 80:
            return None
        key = t.heading_key(line.text)
        return next((part for label, part in self.headings if _matches(key, label)), None)

    def body_line(self, line) -> None:
        part = self.text_sections.get(self.section)
        if isinstance(part, Bullets) and line.text.startswith("-"):
            self.prose.setdefault(part.name, []).append(line.text.lstrip("-").strip())
        elif isinstance(part, Text):
            self.prose.setdefault(part.name, []).append(line.text)
        # Other prose (a sign-off, a link to another site) is not part of the record.

    # --- lines ------------------------------------------------------------------------------
    def labelled_line(self, part: Line, line, rest: str) -> None:
        if part.starts:
            self.section = part.starts
            return
        if part.value:
            words = line.text.partition(":")[0].split()
            given = words[len(part.label.split())] if len(words) > len(part.label.split()) else ""
            raw = t.leading_number(given)
            self.doc.fields[part.value] = t.number(
                raw or given, part.label.replace(" to", ""), line, part.places, part.bounds
            )
        self.doc.fields[part.name] = t.fits(rest, part.label, line, t.max_length(self.model, part.name))
        for name in filter(None, [part.name, part.value]):
            self.doc.section_lines.setdefault(name, line.number)  # where the model's checks point to

    def said(self, part: Said, line, rest: str) -> None:
        values = part.read(rest) if part.read else [t.after_equals(rest)]
        for figure, name, raw in zip(part.figures, part.names or [part.label.lower()], values):
            if raw:
                self.state(name, line, raw, figure)

    def state(self, label: str, line, raw: str, figure: str) -> None:
        """A stated figure is kept to compare; one that is not a number is reported, never fatal."""
        self.doc.stated.append(Stated(label, line.number, raw.strip().rstrip("%").strip()[:40], figure))

    # --- tables -----------------------------------------------------------------------------
    def row_fields(self, table: Table, line, cells: list[str]) -> None:
        key = t.heading_key(cells[0])
        row = next((r for r in table.rows if _matches(key, t.heading_key(r.label))), None)
        if row is None:
            if table.section == "protective":
                raise DocumentError(f"Unknown row {cells[0][:80]!r} in this table.", line.number)
            return  # rows an author adds for readers (a source, a note) are not part of the record
        value = " | ".join(cells[1:2]).strip()
        if row.figure:
            raw = value if row.kind == "share" else t.after_equals(value)
            self.state(row.label.lower(), line, raw, row.figure)
        elif row.kind in ("whole", "signed"):
            self.doc.fields[row.name] = t.number(value, row.label, line, 0, row.bounds)
        elif row.kind == "not_roles":
            self.doc.not_roles = self.not_roles(value, line)
        elif row.kind == "sub_label":
            self.sub_label(row, line, value)
        elif row.kind == "titles":
            self.doc.fields[row.name] = t.titles(value, row.label, line)
        elif row.kind == "soc":
            self.doc.fields[row.name] = t.soc_code(value, row.label, line)
        else:
            value = " | ".join(cells[1:]).strip()
            self.doc.fields[row.name] = t.fits(value, row.label, line, t.max_length(self.model, row.name))
        if row.note:
            self.doc.fields[row.note] = cells[2] if len(cells) > 2 else ""
        if row.name:
            self.doc.section_lines.setdefault(row.name, line.number)

    def not_roles(self, value: str, line) -> list[tuple[str, str]]:
        limit = t.max_length(self.child_models["not_roles"], "role_name")
        return [
            (t.fits(name, "A “What this role is NOT” name", line, limit), note)
            for name, note in split_not_entries(value)
        ]

    def sub_label(self, row: Row, line, value: str) -> None:
        plain = value.translate(t.DASHES)
        zone, opened, rest = plain.partition("(")
        label, closed, explanation = rest.partition(")")
        if opened and closed:
            self.doc.stated.append(Stated("zone (sub-label table)", line.number, zone.strip().lower(), "zone"))
            self.doc.stated.append(Stated("sub-label", line.number, label.strip().capitalize(), "sub_label"))
            plain = explanation
        self.doc.fields[row.name] = plain.strip().lstrip("-").strip()

    def row_tasks(self, table: Table, line, cells: list[str]) -> None:
        if t.heading_key(cells[0]) == "total":
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
        aug_disp = {t.heading_key(label): key for key, label in aijri.AUG_DISP.items()}.get(t.heading_key(cells[4]))
        if aug_disp is None:
            raise DocumentError(
                f"Task {number} Aug/Disp must be DISPLACEMENT, AUGMENTATION or NOT INVOLVED (found {cells[4][:40]!r}).",
                line.number,
            )
        task_model = self.child_models["tasks"]
        self.doc.tasks.append(
            ParsedTask(
                line=line.number,
                name=t.fits(cells[0], f"Task {number}'s name", line, t.max_length(task_model, "name")),
                time_pct=t.number(cells[1], f"Task {number} time %", line, aijri.TIME_PLACES, aijri.TIME_RANGE),
                score=t.number(cells[2], f"Task {number} score", line, 0, aijri.TASK_SCORE_RANGE),
                aug_disp=aug_disp,
                rationale=cells[5] if len(cells) > 5 else "",
            )
        )
        if cells[3]:
            self.state(f"task {number} weighted", line, cells[3], f"task_{number}_weighted")

    def row_scores(self, table: Table, line, cells: list[str]) -> None:
        scored, rows = table.scored, getattr(self.doc, table.section)
        key = t.heading_key(cells[0])
        if key == "total":
            raw = t.after_equals(cells[1]) if len(cells) > 1 else ""
            self.state(table.total.label, line, raw, table.total.figure)
            return
        keys = {t.heading_key(label): name for name, label in scored.names.items()}
        if key not in keys:
            expected = ", ".join(scored.names.values())
            raise DocumentError(f"Unknown {scored.what} {cells[0][:80]!r}; expected one of {expected}.", line.number)
        name = keys[key]
        if name in rows:
            raise DocumentError(f"{scored.names[name]} appears twice.", line.number)
        if len(cells) < 2:
            raise DocumentError("This table row is missing its score.", line.number)
        score = t.number(cells[1], scored.names[name], line, 0, scored.bounds)
        rows[name] = (score, cells[2] if len(cells) > 2 else "", line.number)

    # --- what must be there -----------------------------------------------------------------
    def require(self, last_line: int) -> None:
        doc = self.doc
        for part in self.parts:
            if isinstance(part, Heading) and part.required and part.section not in doc.section_lines:
                raise DocumentError(f'The required section "{part.title}" is missing.', last_line)
        for table in self.tables.values():
            title = next(p.title for p in self.parts if isinstance(p, Heading) and p.section == table.section)
            for row in table.rows:
                if row.required and row.name not in doc.fields:
                    where = doc.section_lines.get(table.section, 1)
                    raise DocumentError(f'The {title} table has no "{row.label}" row.', where)
            if table.kind == "tasks" and not doc.tasks:
                raise DocumentError("The task table has no tasks.", doc.section_lines[table.section])
            if table.kind == "scores":
                found = getattr(doc, table.section)
                missing = [label for key, label in table.scored.names.items() if key not in found]
                if missing:
                    raise DocumentError(f"Missing rows: {', '.join(missing)}.", doc.section_lines[table.section])


# --- writing ---------------------------------------------------------------------------------
def _row(*cells) -> str:
    return "| " + " | ".join(t.escape_cell(str(cell)) for cell in cells) + " |"


def _has_text(item, names) -> bool:
    return names is None or any(str(getattr(item, name) or "").strip() for name in names)


def _value(row: Row, item, result) -> str:
    if row.figure:
        return row.show(result)
    value = getattr(item, row.name) if row.name else ""
    if row.kind == "whole":
        return str(value)
    if row.kind == "signed":
        return t.format_signed(value)
    if row.kind == "not_roles":
        entries = item.not_roles.all()
        return " ".join(f"NOT a {e.role_name} ({e.note})." if e.note else f"NOT a {e.role_name}." for e in entries)
    if row.kind == "titles":
        return "; ".join(value)
    if row.kind == "soc":  # the link's code in, "code title" out
        return str(getattr(item, row.name.removesuffix("_id"))) if value else ""
    if row.kind == "sub_label":
        label = f"{aijri.ZONES[result.zone]} ({result.sub_label})"
        return f"{label} -- {value}" if value else label
    return value


def _table(part: Table, item, result) -> list[str]:
    out = [_row(*part.header), "|" + "---|" * len(part.header)]
    if part.kind == "fields":
        for row in part.rows:
            cells = [row.label, _value(row, item, result)]
            if len(part.header) > 2:
                cells.append(getattr(item, row.note) if row.note else "")
            out.append(_row(*cells))
    elif part.kind == "tasks":
        for task in item.tasks.all():
            kind = task.get_aug_disp_display().upper()
            out.append(
                _row(task.name, f"{aijri.format_pct(task.time_pct)}%", task.score, task.weighted, kind, task.rationale)
            )
        out.append(_row("Total", f"{aijri.TOTAL_TIME_PCT}%", result.weighted_total))
    else:
        scored = part.scored
        for row in getattr(item, part.section).all():
            score = t.format_signed(row.score) if scored.signed else row.score
            out.append(_row(scored.names[getattr(row, scored.key)], score, getattr(row, scored.text)))
        out.append(_row("Total", part.total.show(result)))
    return out


def write_format(parts, item, result) -> str:
    out = []
    for part in parts:
        if isinstance(part, Heading):
            if _has_text(item, part.written_if):
                out.append(part.title)
        elif isinstance(part, Table):
            out += _table(part, item, result)
        elif isinstance(part, Said):
            out.append(f"{part.label}: {part.show(result)}")
        elif isinstance(part, Line):
            if part.starts:
                if _has_text(item, part.written_if):
                    out.append(f"{part.label}:")
            elif part.value:
                number = getattr(item, part.value)
                if number is not None:
                    out.append(f"{part.label} {part.show(number)}: {getattr(item, part.name)}")
            elif getattr(item, part.name):
                out.append(f"{part.label}: {getattr(item, part.name)}")
        elif isinstance(part, Bullets):
            out += [f"- {entry.strip()}" for entry in getattr(item, part.name).splitlines() if entry.strip()]
        elif isinstance(part, Text) and getattr(item, part.name):
            out.append(getattr(item, part.name))
    return "\n".join(out) + "\n"
