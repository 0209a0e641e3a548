"""Tolerant, linear-time reading of the written format shared by assessments and career profiles.

Documents come from many assessors and are pasted by staff: dashes may be hyphens, en or em
dashes; minus may be "−"; multiplication "x" or "×"; lines may end in CRLF and carry stray
spaces. Nothing here uses a regular expression that can backtrack, so a hostile paste costs time
in proportion to its length, and over-long lines are refused before anything else is read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError

from careers import soc
from editorial.fields import clean_titles
from scoring import aijri

DASHES = str.maketrans({"–": "-", "—": "-", "−": "-", "‒": "-", "×": "x", "\u00a0": " "})
MAX_LINE = 10_000  # characters; the longest line in a real document is about 1,500
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


class DocumentError(ValueError):
    """A document that cannot be imported; names the file and line so staff can find it."""

    def __init__(self, message: str, line: int | None = None, source: str = ""):
        self.message, self.line, self.source = message.rstrip(), line, source
        super().__init__(self.describe())

    def __str__(self) -> str:
        return self.describe()  # the source is often named after the error is raised

    def describe(self) -> str:
        where = self.source or "document"
        if self.line:
            where = f"{where}, line {self.line}"
        return f"{where}: {self.message}"


@dataclass
class Line:
    number: int
    text: str

    @property
    def plain(self) -> str:
        """The text with dashes, minus signs and times signs made ASCII, for reading numbers."""
        return self.text.translate(DASHES)


@dataclass
class Stated:
    """A figure the document states, kept to compare with what the engine computes."""

    label: str
    line: int
    value: str
    figure: str


def split_lines(text: str) -> list[Line]:
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    lines = []
    for number, raw in enumerate(text.split("\n"), start=1):
        if len(raw) > MAX_LINE:
            raise DocumentError(
                f"This line is {len(raw):,} characters long; lines may be at most {MAX_LINE:,}.", number
            )
        if "\x00" in raw:
            raise DocumentError("This line contains a NUL character; documents must be plain text.", number)
        if raw.strip():
            lines.append(Line(number, raw.strip()))
    return lines


def heading_key(text: str) -> str:
    """A heading reduced to lowercase letters and digits, so '- Evidence Score:' == 'evidence score'."""
    return _NOT_ALNUM.sub(" ", text.translate(DASHES).lower()).strip()


def table_cells(line: Line) -> list[str]:
    body = line.text.strip().strip("|").replace("\\|", "\x00")
    return [cell.strip().replace("\x00", "|") for cell in body.split("|")]


def is_separator(cells: list[str]) -> bool:
    return all(set(cell.replace(" ", "")) <= {"-", ":"} and cell.count("-") >= 2 for cell in cells if cell)


def escape_cell(value: str) -> str:
    return " ".join(str(value).split()).replace("|", "\\|")


def labelled(line: Line) -> tuple[str, str] | None:
    """('reinstatement check acemoglu', 'text') for 'Reinstatement check (Acemoglu): text'."""
    label, colon, rest = line.text.partition(":")
    if not colon or len(label) > 120:
        return None
    return heading_key(label), rest.strip()


def number(raw: str, what: str, line: Line | int | None, places: int = 0, bounds=None) -> int | Decimal:
    """The engine's own number reader, with the line number added to its message."""
    try:
        return aijri.read_number(raw.translate(DASHES) if isinstance(raw, str) else raw, what, places, bounds)
    except aijri.AIJRIError as error:
        raise DocumentError(str(error), getattr(line, "number", line)) from None


def after_equals(text: str) -> str:
    """'1.0 + (3 x 0.02) = 1.06' -> '1.06'; '... = 21.2/100' -> '21.2'."""
    return text.translate(DASHES).rpartition("=")[2].partition("/")[0].strip()


def leading_number(text: str) -> str:
    """The number a text starts with: '2.30/5.0: because' -> '2.30'."""
    text = text.translate(DASHES).strip()
    end = 0
    while end < len(text) and end < 24 and (text[end].isdigit() or text[end] in ".+-"):
        end += 1
    return text[:end]


def max_length(model, name: str) -> int | None:
    """The longest text a model field holds (None for unbounded text or no field)."""
    return getattr(model._meta.get_field(name), "max_length", None) if name else None


def fits(value: str, what: str, line: Line | int | None, max_length: int | None) -> str:
    if max_length and len(value) > max_length:
        raise DocumentError(
            f"{what} is {len(value):,} characters long; it may be at most {max_length:,}.",
            getattr(line, "number", line),
        )
    return value


def titles(value: str, what: str, line: Line) -> list[str]:
    """'carer; home carer' -> ['carer', 'home carer'], with the line number on any problem."""
    try:
        return clean_titles(value, separators=(";",))
    except ValidationError as error:
        raise DocumentError(f"{what}: {error.messages[0]}", line.number) from None


def soc_code(value: str, what: str, line: Line) -> str | None:
    """'4131 Records clerks and assistants' -> '4131' (None when empty), checked against the SOC 2020 unit groups."""
    code = value.strip()[:4]
    if not code:
        return None
    if not code.isdigit() or soc.unit_title(code) is None:
        raise DocumentError(
            f"{what} must start with a 4-digit SOC 2020 unit group code (found {value[:40]!r}).", line.number
        )
    return code


def format_signed(value: int) -> str:
    return f"+{value}" if value > 0 else str(value)
