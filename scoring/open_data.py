"""The published roles as open data: one row per published assessment, the same for JSON and CSV."""

import hashlib
import json
import os
import tempfile
from pathlib import Path

from defusedcsv import csv
from django.conf import settings
from django.db.models import FloatField
from django.db.models.functions import Cast
from django.http import HttpResponse
from django.urls import reverse

from editorial.models import Status
from scoring import aijri
from scoring.models import Assessment, SaferMove


def number(text: str) -> int | float:
    return float(text) if "." in text else int(text)


FIELDS = [
    "slug", "title", "alternative_titles", "soc_code", "soc_title", "seniority", "url", "career",
    "score", "formula_score", "zone", "sub_label",
    "weighted_total", "task_resistance_raw", "task_resistance", "evidence_total", "barrier_total",
    "growth_correlation", "evidence_modifier", "barrier_modifier", "growth_modifier", "composite_raw",
    "protected_time_pct", "displacement_pct", "augmentation_pct", "not_involved_pct", "safer_moves", "updated",
]  # fmt: skip
DECIMALS = [
    "score", "formula_score", "weighted_total", "task_resistance_raw", "task_resistance",
    "evidence_modifier", "barrier_modifier", "growth_modifier", "composite_raw",
]  # fmt: skip
WHOLE = ["evidence_total", "barrier_total", "growth_correlation"]
# Shares of time carry one decimal place when an author gave one (12.5), and none otherwise (20).
SHARES = ["protected_time_pct", "displacement_pct", "augmentation_pct", "not_involved_pct"]


ROW_COLUMNS = [
    "id", "slug", "job_title", "alternative_titles", "occupation_id", "occupation__title", "seniority_level",
    "career__slug", "career__status", "zone", "sub_label", "updated", *WHOLE, *SHARES,
]  # fmt: skip
# The decimals are read as floats, which is what JSON carries: made into Decimals on the way (in
# Python, on SQLite) they cost more than the rest of a row. A stored decimal already carries its
# places (0.1, 0.01, 0.0001), so the float is the same either way. Shares of time stay decimals,
# rounded as people write them (format_pct).
AS_FLOATS = {f"{name}_float": Cast(name, FloatField()) for name in DECIMALS}


def published_roles():
    """The published roles in title order, for rows (see with_moves)."""
    return Assessment.objects.published().order_by("job_title")


def row_values(roles, extra=()):
    """The roles' ROW_COLUMNS as plain values, not model objects: building a page of 100 roles as
    objects cost more than the rest of the request."""
    return roles.values(*ROW_COLUMNS, *extra, **AS_FLOATS)


def with_moves(rows) -> list[dict]:
    """The roles' row values, each with `move_slugs`: its published safer moves' addresses, read in one
    small query."""
    rows = list(rows)
    found: dict[int, list[str]] = {row["id"]: [] for row in rows}
    moves = SaferMove.objects.filter(role_id__in=found, target__status="published").order_by("role_id", "rank")
    for role_id, slug in moves.values_list("role_id", "target__slug"):
        found[role_id].append(slug)
    for row in rows:
        row["move_slugs"] = found[row["id"]]
    return rows


def in_chunks(roles, size: int = 1000, extra=()):
    """Every role of a queryset as row values with its moves, a chunk at a time (downloads of every role)."""
    chunk = []
    for row in row_values(roles, extra).iterator(chunk_size=size):
        chunk.append(row)
        if len(chunk) == size:
            yield from with_moves(chunk)
            chunk = []
    yield from with_moves(chunk)


def csv_cells(row: dict) -> dict:
    """A CSV cell holds text: lists become "a; b"."""
    return {name: "; ".join(value) if isinstance(value, list) else value for name, value in row.items()}


class RoleAddress:
    """A role page's full address, built once per request (reverse() and build_absolute_uri() for each of
    thousands of rows cost more than the row)."""

    def __init__(self, request):
        self.prefix, self.suffix = request.build_absolute_uri(reverse("scoring:detail", args=["-"])).rsplit("-", 1)

    def __call__(self, slug: str) -> str:
        return f"{self.prefix}{slug}{self.suffix}"


def role_row(role: dict, address: RoleAddress) -> dict:
    """One role's open data from its row values (with_moves, in_chunks)."""
    row = {
        "slug": role["slug"],
        "title": role["job_title"],
        "alternative_titles": list(role["alternative_titles"]),
        "soc_code": role["occupation_id"] or None,
        "soc_title": role["occupation__title"] or None,
        "seniority": role["seniority_level"],
        "url": address(role["slug"]),
        "career": role["career__slug"] if role["career__status"] == Status.PUBLISHED else None,
        "zone": role["zone"],
        "sub_label": role["sub_label"],
        "updated": role["updated"].isoformat(timespec="seconds"),
        "safer_moves": role["move_slugs"],
    }
    row |= {name: role[f"{name}_float"] for name in DECIMALS}
    row |= {name: int(role[name]) for name in WHOLE}
    row |= {name: number(aijri.format_pct(role[name])) for name in SHARES}
    return {name: row[name] for name in FIELDS}


def jsonl_file(request, version: int) -> Path:
    """Every published role as JSON Lines, written once per content version (and site address, as
    rows hold full URLs) and then served as a file; older versions' files are removed."""
    site = hashlib.sha256(request.build_absolute_uri("/").encode()).hexdigest()[:12]
    folder = Path(settings.DOWNLOAD_DIR)
    path = folder / f"roles-{site}-{version}.jsonl"
    if path.exists():
        return path
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        address = RoleAddress(request)
        for role in in_chunks(published_roles()):
            out.write(json.dumps(role_row(role, address), ensure_ascii=False) + "\n")
    os.replace(temporary, path)  # atomic: another worker never serves half a file
    for old in folder.glob(f"roles-{site}-*.jsonl"):
        if old != path:
            old.unlink(missing_ok=True)
    return path


# --- SOC 2020 unit groups (/occupations.json and /occupations.csv) -------------------------------------
OCCUPATION_FIELDS = [
    "code", "title", "major_group", "sub_major_group", "minor_group", "url",
    "assessed_roles", "green", "yellow", "red",
]  # fmt: skip


def occupation_row(unit, spread, url: str) -> dict:
    """One unit group: its code and title, the codes of the groups above it, its page's address and its
    published roles by zone."""
    row = {
        "code": unit.code,
        "title": unit.title,
        "major_group": unit.code[:1],
        "sub_major_group": unit.code[:2],
        "minor_group": unit.code[:3],
        "url": url,
        "assessed_roles": spread.total,
    }
    row |= {zone: spread.counts.get(zone, 0) for zone in aijri.ZONES}
    return {name: row[name] for name in OCCUPATION_FIELDS}


def csv_download(filename: str, fields, rows) -> HttpResponse:
    """A CSV file to download: a header of `fields`, then each row's cells (csv_cells).

    Every CSV the site writes goes through here. defusedcsv's writer prefixes any cell that a
    spreadsheet would run as a formula (=, +, -, @, |, %) with an apostrophe, so a title such as
    =HYPERLINK(...) opens as text."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.DictWriter(response, fieldnames=fields)
    writer.writeheader()
    for row in rows:
        writer.writerow(csv_cells(row))
    return response
