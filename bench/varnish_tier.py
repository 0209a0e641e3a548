"""make bench through the HTTP cache tier: make stack's topology (deploy/stack.py: Varnish in front of
two gunicorn app servers sharing PostgreSQL and Redis) on the bench's PostgreSQL database, each page
against a static object served by the same Varnish.

Requests ask for gzip, as browsers do: Varnish keeps the compressed copy the app sends and would
otherwise unzip it for every answer. The static object is the role page itself, as a file with
its gzipped twin beside it (WhiteNoise serves that), so both answers are the same bytes."""

from __future__ import annotations

import gzip
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


STATIC_COPY = "bench/role-page-copy.html"


def write_static_copy(html: bytes) -> str:
    target = ROOT / "staticfiles" / STATIC_COPY
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(html)
    target.with_name(target.name + ".gz").write_bytes(gzip.compress(html, 6))
    return f"/static/{STATIC_COPY}"


def through_varnish(pages, role_html: bytes, database: str, measure) -> dict:
    """`measure(url, headers)` gives wrk's figures for one address."""
    if not shutil.which("varnishd"):
        return {}
    from stack import Stack

    results, static_path = {}, write_static_copy(role_html)
    with Stack(database=database) as stack:
        for name, path, headers in [*pages, ("static object", static_path, {})]:
            url, headers = stack.varnish_url + path, {**headers, "Accept-Encoding": "gzip"}
            x_cache(url, headers)  # the first visit fills Varnish
            results[name] = {"path": path, "hits": f"X-Cache {x_cache(url, headers)}", **measure(url, headers)}
            print(f"  varnish {name:<14} {results[name]['rps']:>9.0f} req/s  {results[name]['hits']}", flush=True)
    static = results["static object"]["rps"]
    for row in results.values():
        row["ratio"] = round(row["rps"] / static, 3)
    return results
