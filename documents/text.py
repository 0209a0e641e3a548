"""Tolerant reading of the written document format shared by assessments and career profiles.

Documents come from many assessors: dashes may be hyphens, en or em dashes; minus may be
"−"; multiplication "x" or "×"; lines may end in CRLF and carry stray spaces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

DASHES = str.maketrans({"–": "-", "—": "-", "−": "-", "‒": "-", "×": "x", "\u00a0": " "})
NUMBER = r"[-+]?\d+(?:\.\d+)?"


class DocumentError(ValueError):
    """A document that cannot be imported; names the line so staff can find it."""

    def __init__(self, message: str, line: int | None = None, source: str = ""):
        self.message, self.line, self.source = message, line, source
        super().__init__(self.describe())

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
    return [Line(n, raw.strip()) for n, raw in enumerate(text.split("\n"), start=1) if raw.strip()]


def heading_key(text: str) -> str:
    """A heading reduced to lowercase letters and digits, so '- Evidence Score:' == 'evidence score'."""
    return re.sub(r"[^a-z0-9]+", " ", text.translate(DASHES).lower()).strip()


def is_table_row(line: Line) -> bool:
    return line.text.startswith("|")


def table_cells(line: Line) -> list[str]:
    body = line.text.strip().strip("|")
    return [cell.strip().replace("\\|", "|") for cell in re.split(r"(?<!\\)\|", body)]


def is_separator(cells: list[str]) -> bool:
    return all(re.fullmatch(r":?-{2,}:?", cell.replace(" ", "")) for cell in cells if cell)


def escape_cell(value: str) -> str:
    return " ".join(value.split()).replace("|", "\\|")


def whole_number(raw: str, what: str, line: Line) -> int:
    match = re.fullmatch(r"\s*([-+]?)\s*(\d+)\s*%?\s*(?:/\s*\d+)?\s*", raw.translate(DASHES))
    if not match:
        raise DocumentError(f"{what} must be a whole number (found {raw!r}).", line.number)
    return int(match.group(1) + match.group(2))


def decimal_in(raw: str, what: str, line: Line) -> Decimal:
    match = re.search(NUMBER, raw.translate(DASHES).replace(" ", ""))
    if not match:
        raise DocumentError(f"{what} must be a number (found {raw!r}).", line.number)
    try:
        return Decimal(match.group(0))
    except InvalidOperation:  # pragma: no cover - the pattern only admits valid numbers
        raise DocumentError(f"{what} must be a number (found {raw!r}).", line.number) from None


def prefixed(line: Line, *prefixes: str) -> str | None:
    """The text after 'Prefix:' when the line starts with one of the prefixes (any case)."""
    for prefix in prefixes:
        match = re.match(rf"\s*{prefix}\s*:\s*(.*)$", line.text, flags=re.IGNORECASE | re.DOTALL)
        if match:
            return match.group(1).strip()
    return None


def format_signed(value: int) -> str:
    return f"+{value}" if value > 0 else str(value)
