"""The UK Standard Occupational Classification 2020 unit groups, read from the project's data file.

Source: Office for National Statistics, SOC 2020 Volume 1. Contains public sector information
licensed under the Open Government Licence v3.0. `manage.py convert_soc` makes the file, and
`manage.py load_occupations` loads it into `careers.Occupation` (the table pages and links use).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "data" / "soc2020.json"
ATTRIBUTION = (
    "Contains public sector information licensed under the Open Government Licence v3.0. "
    "Source: Office for National Statistics, SOC 2020 Volume 1."
)


@cache
def groups() -> dict[str, dict]:
    return {group["code"]: group for group in json.loads(DATA_FILE.read_text(encoding="utf-8"))["groups"]}


def unit_title(code: str) -> str | None:
    """The official title of a 4-digit unit group, or None when there is no such unit group."""
    group = groups().get(code)
    return group["title"] if group and group["level"] == "unit" else None
