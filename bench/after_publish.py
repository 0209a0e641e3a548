"""After one publish, how many of the other role pages does the app's page cache still hold?

Warms a sample of role pages, edits and saves one role as staff would (signals, safer moves, keys
bumped after commit), then asks for the sample again: a page counts as warm when it comes from the
page cache (X-Page-Cache: hit).
"""

from __future__ import annotations

import json
import random
import urllib.request

SAMPLE = 400
EDIT = """
from scoring.models import Assessment
role = Assessment.objects.get(slug={slug!r})
role.primary_function = role.primary_function.rstrip() + " (reviewed)"
role.save()
"""


def get(port: int, path: str) -> str:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as response:
        response.read()
        return response.headers.get("X-Page-Cache", "")


def role_slugs(port: int, pages: int) -> list[str]:
    slugs = []
    for page in range(1, pages + 1):
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/roles.json?page={page}", timeout=30) as response:
            slugs += [row["slug"] for row in json.load(response)["roles"]]
    return slugs


def still_warm(port: int, manage) -> dict:
    """`manage(*args)` runs manage.py with the server's own settings."""
    chance = random.Random(7)
    slugs = chance.sample(role_slugs(port, 20), SAMPLE + 1)
    edited, others = slugs[0], slugs[1:]
    for slug in slugs:
        get(port, f"/roles/{slug}/")
    manage("shell", "-c", EDIT.format(slug=edited))
    warm = sum(get(port, f"/roles/{slug}/") == "hit" for slug in others)
    return {
        "sample": len(others),
        "still_warm": warm,
        "share": round(warm / len(others), 3),
        "edited_page": get(port, f"/roles/{edited}/"),
    }
