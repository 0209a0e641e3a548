"""make bench through the HTTP cache tier: make stack's topology (deploy/stack.py: Varnish in front of
two gunicorn app servers sharing PostgreSQL and Redis) on the bench's PostgreSQL database, each page
against a static object of the role page's size served by the same Varnish."""

from __future__ import annotations

import shutil
import sys
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "deploy"))


def x_cache(url: str, headers: dict) -> str:
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=30) as response:
        response.read()
        return response.headers.get("X-Cache", "")


def through_varnish(pages, static_path: str, database: str, measure) -> dict:
    """`measure(url, headers)` gives wrk's figures for one address."""
    if not shutil.which("varnishd"):
        return {}
    from stack import Stack

    results = {}
    with Stack(database=database) as stack:
        for name, path, headers in [*pages, ("static object", static_path, {})]:
            url = stack.varnish_url + path
            x_cache(url, headers)  # the first visit fills Varnish
            results[name] = {"path": path, "hits": f"X-Cache {x_cache(url, headers)}", **measure(url, headers)}
            print(f"  varnish {name:<14} {results[name]['rps']:>9.0f} req/s  {results[name]['hits']}", flush=True)
    static = results["static object"]["rps"]
    for row in results.values():
        row["ratio"] = round(row["rps"] / static, 3)
    return results
