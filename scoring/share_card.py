"""Each published role's share image: its score card as a 1200×630 PNG for link previews (og:image).

Drawn with Pillow from the stored figures only (title, score, zone, sub-label), never recomputed.
A drawing is kept on disk (settings.SHARE_IMAGE_DIR), named by the role and a digest of everything
drawn plus the role's updated time, so a changed role gets a new drawing on its next request and
the old file is removed; every worker and request reuses the file until then. No network is used:
the font is DejaVu Sans when the system has it, else Pillow's own font at the same sizes.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from functools import cache
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe
from PIL import Image, ImageDraw, ImageFont

from editorial.surrogate_keys import tag
from scoring import aijri
from scoring.models import Assessment

WIDTH, HEIGHT = 1200, 630
MARGIN = 72
FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/TTF"), Path("/usr/share/fonts/dejavu")]
INK, MUTED, PAPER, LINE = "#1b1b1f", "#4a4a55", "#ffffff", "#c9ccd3"
# The site's zone colours (static/css/site.css): ink on wash for the label, fill for the bar and edge.
ZONE_COLOURS = {
    aijri.RED: ("#8f1c14", "#fde8e6", "#c0392b"),
    aijri.YELLOW: ("#5c4400", "#fff3c4", "#e0a800"),
    aijri.GREEN: ("#14532d", "#dcfce7", "#2e8b57"),
}
VERSION = 1  # raise when the drawing changes, so every stored image is drawn again


@cache
def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    for folder in FONT_DIRS:
        if (folder / name).is_file():
            return ImageFont.truetype(str(folder / name), size)
    return ImageFont.load_default(size=size)


def wrap(draw: ImageDraw.ImageDraw, text: str, face, width: int, max_lines: int) -> list[str]:
    """Words in lines no wider than width; the last line shortened with an ellipsis if the text runs over."""
    lines: list[str] = []
    for word in text.split():
        line = f"{lines[-1]} {word}" if lines else word
        if lines and draw.textlength(line, font=face) <= width:
            lines[-1] = line
        else:
            lines.append(word)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] += " …"
    for index, line in enumerate(lines):
        while draw.textlength(line, font=face) > width and len(line) > 1:
            line = line[:-2] + "…"
        lines[index] = line
    return lines


def drawn_values(role: Assessment) -> tuple:
    return (role.job_title, str(role.score), role.zone, role.sub_label, role.seniority_level)


def draw(role: Assessment) -> bytes:
    title, score, zone, sub_label, seniority = drawn_values(role)
    ink, wash, fill = ZONE_COLOURS.get(zone, (MUTED, "#f4f5f7", MUTED))
    image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    pen = ImageDraw.Draw(image)
    pen.rectangle([0, 0, 23, HEIGHT], fill=fill)
    right = WIDTH - MARGIN

    pen.text((MARGIN, 56), "JobZone · AI Job Resistance Index", font=font(30), fill=MUTED)
    y = 112
    title_font = font(60, bold=True)
    for line in wrap(pen, title, title_font, right - MARGIN, 2):
        pen.text((MARGIN, y), line, font=title_font, fill=INK)
        y += 72
    if seniority:
        pen.text((MARGIN, y + 4), seniority, font=font(30), fill=MUTED)

    # The score, then the zone label on its wash, side by side at the bottom half.
    figure_font = font(150, bold=True)
    base_y = 300
    pen.text((MARGIN, base_y), score, font=figure_font, fill=INK)
    after = MARGIN + pen.textlength(score, font=figure_font) + 12
    pen.text((after, base_y + 92), "/100", font=font(48), fill=MUTED)
    label = f"{aijri.ZONES.get(zone, 'Not scored')} ({sub_label})" if sub_label else aijri.ZONES.get(zone, "Not scored")
    label_font = font(40, bold=True)
    label_x = max(after + pen.textlength("/100", font=font(48)) + 48, 620)
    label_width = pen.textlength(label, font=label_font)
    if label_x + label_width + 40 > right:
        label_x = max(MARGIN, right - label_width - 40)
    pen.rounded_rectangle(
        [label_x, base_y + 60, label_x + label_width + 40, base_y + 132], radius=10, fill=wash, outline=ink, width=3
    )
    pen.text((label_x + 20, base_y + 72), label, font=label_font, fill=ink)

    # The 0–100 scale with its three zones and a marker at the score.
    bar_top, bar_height = 520, 22
    span = right - MARGIN

    def x_at(value) -> float:
        return MARGIN + span * float(value) / 100

    yellow_min, green_min = float(aijri.YELLOW_MIN), float(aijri.GREEN_MIN)
    for start, end, colour in (
        (0, yellow_min, ZONE_COLOURS[aijri.RED][2]),
        (yellow_min, green_min, ZONE_COLOURS[aijri.YELLOW][2]),
        (green_min, 100, ZONE_COLOURS[aijri.GREEN][2]),
    ):
        pen.rectangle([x_at(start), bar_top, x_at(end), bar_top + bar_height], fill=colour)
    if role.score is not None:
        marker = x_at(max(0, min(100, float(role.score))))
        pen.polygon([(marker - 16, bar_top - 26), (marker + 16, bar_top - 26), (marker, bar_top - 2)], fill=INK)
    for value in (0, 100):
        text = str(value)
        x = x_at(value) - (pen.textlength(text, font=font(24)) if value == 100 else 0)
        pen.text((x, bar_top + bar_height + 10), text, font=font(24), fill=MUTED)

    out = BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def stored_name(role: Assessment) -> str:
    stamp = role.updated.isoformat() if role.updated else ""
    digest = hashlib.sha256(repr((VERSION, stamp, drawn_values(role))).encode()).hexdigest()[:20]
    return f"{role.pk}-{digest}.png"


def share_png(role: Assessment) -> bytes:
    """The role's drawing: read from disk if this version was drawn before, else drawn and kept."""
    folder = Path(settings.SHARE_IMAGE_DIR)
    path = folder / stored_name(role)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        pass
    png = draw(role)
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob(f"{role.pk}-*.png"):
        old.unlink(missing_ok=True)
    handle, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
    with os.fdopen(handle, "wb") as out:
        out.write(png)
    os.replace(temporary, path)  # atomic: another worker never reads half a file
    return png


@require_safe
def share_image(request, slug):
    """GET /roles/<slug>/share.png: published roles only (a draft, even for staff, is 404)."""
    fields = ("id", "slug", "job_title", "score", "zone", "sub_label", "seniority_level", "updated", "status")
    role = get_object_or_404(Assessment.objects.published().only(*fields), slug=slug)
    response = HttpResponse(share_png(role), content_type="image/png")
    patch_cache_control(response, public=True, max_age=60 * 60)
    tag(response, {f"role-{role.pk}"})
    return response
