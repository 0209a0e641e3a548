"""make bench: every public page against a static file of the same size, on SQLite and PostgreSQL.

Builds a database with 20,000 synthetic roles plus the demo content, starts gunicorn with
production settings (2 workers), warms each page, then measures it with wrk for a fixed time at a
fixed concurrency. The yardstick is a static file of the role page's size served by WhiteNoise
through the same gunicorn. Figures go to the terminal and to bench/results.json.
"""

from __future__ import annotations

import json
import os
import platform
import re
import runpy
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
import zlib
from pathlib import Path

import after_publish
import varnish_tier
from report import SEARCH_TARGET, report

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
PYTHON = sys.executable
ROLES = int(os.environ.get("BENCH_ROLES", "20000"))
DURATION = os.environ.get("BENCH_DURATION", "10s")
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
PORT = 8100
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/jobzone_bench")
# Quicker partial runs: BENCH_ONLY=search measures the static file and the searches only (no other
# pages, render scaling or Lighthouse); BENCH_DATABASES=sqlite or postgresql picks one database;
# BENCH_REUSE=1 keeps the bench databases as an earlier run prepared them. `make bench` sets none.
ONLY = os.environ.get("BENCH_ONLY", "")
DATABASES = os.environ.get("BENCH_DATABASES", "sqlite,postgresql").lower().split(",")
REUSE = os.environ.get("BENCH_REUSE", "") == "1"
SUGGEST_RATE = 40  # suggestions a second, about ten people typing at once
PAGES = [
    ("home", "/", {}),
    ("browse", "/roles/", {}),
    ("browse red", "/roles/?zone=red", {}),
    ("htmx fragment", "/roles/?zone=red&sort=-score", {"HX-Request": "true"}),
    ("role page", "/roles/clinical-coder-nhs/", {}),
    ("career page", "/careers/clinical-coder/", {}),
    ("compare", "/compare/?roles=clinical-coder-nhs,medical-coder-us,software-developer", {}),
    ("roles.json", "/roles.json", {}),
    ("methodology", "/methodology/", {}),
]
STATIC_NAME = "bench/role-sized.html"
# Headless Chromium here needs these flags; one list in .ci/chromium-flags serves the tests and make bench.
CHROMIUM_FLAGS = [
    line
    for line in (Path(__file__).resolve().parent.parent / ".ci" / "chromium-flags").read_text().split("\n")
    if line.startswith("--")
]


def production_env(database_url: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DATABASE_URL=database_url,
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="bench-only-7Hq2Lm9Xv4Rt1Zp8Wn3Ks6Jd0Fb5Gy-not-secret-abcdef",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="0",
        JOBZONE_VERSION_FILE=str(BENCH / "var" / "content-version"),
    )
    return env


def manage(env: dict, *args: str) -> str:
    result = subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def prepare_database(env: dict) -> None:
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_demo")
    manage(env, "generate_benchmark_roles", str(ROLES), "--up-to")


def ensure_postgres_database() -> None:
    create = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-qc", "CREATE DATABASE jobzone_bench"]
    subprocess.run(create, capture_output=True)  # an "already exists" error is fine


def start_gunicorn(env: dict) -> subprocess.Popen:
    gunicorn = str(Path(PYTHON).parent / "gunicorn")
    (BENCH / "var").mkdir(exist_ok=True)
    log = open(BENCH / "var" / "gunicorn.log", "a")  # the site's own warnings (e.g. 503s in the soak) go here
    process = subprocess.Popen(
        [gunicorn, "jobzone_site.wsgi", "--bind", f"127.0.0.1:{PORT}", "--log-level", "warning"],
        cwd=ROOT, env=env, start_new_session=True, stdout=log, stderr=log,
    )  # fmt: skip
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/robots.txt", timeout=1)
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("gunicorn did not start")


def stop(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=20)


def fetch(path: str, headers: dict) -> bytes:
    request = urllib.request.Request(f"http://127.0.0.1:{PORT}{path}", headers=headers)
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read()


def to_ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60_000, "h": 3_600_000}[unit]


def wrk_command(connections: int, headers: dict, script: str | None = None, duration: str = DURATION) -> list[str]:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}", "--latency"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    return command + (["-s", script] if script else [])


def wrk(path: str, headers: dict) -> dict:
    return wrk_url(f"http://127.0.0.1:{PORT}{path}", headers)


def wrk_url(url: str, headers: dict) -> dict:
    output = subprocess.run([*wrk_command(CONNECTIONS, headers), url], capture_output=True, text=True).stdout
    return wrk_figures(output)


def random_searches(static_rps: float) -> dict:
    """Distinct searches (each a page-cache miss) at full load; then suggestions, asked for while
    searches arrive at the target rate (SEARCH_TARGET x the static file), the load they must bear.

    The paced requests come from bench/paced.py, which opens each connection as it sends (see there
    why wrk's own pacing would measure gunicorn's idle workers instead of the site). A short unmeasured
    run first lets each worker read what it keeps per content version (the vocabulary, the names)."""
    script, url = str(BENCH / "random_search.lua"), f"http://127.0.0.1:{PORT}/"
    search_env = {**os.environ, "BENCH_SEARCH_PATH": "/roles/?q="}
    subprocess.run([*wrk_command(CONNECTIONS, {}, script, "3s"), url], env=search_env, capture_output=True)
    searches = subprocess.run(
        [*wrk_command(CONNECTIONS, {}, script), url], env=search_env, capture_output=True, text=True
    )
    seconds, words = to_ms(DURATION) / 1000, str(BENCH / "search_words.txt")
    paced = [PYTHON, str(BENCH / "paced.py")]
    rate = str(SEARCH_TARGET * static_rps)
    load = subprocess.Popen(
        [*paced, f"{url}roles/?q=", words, rate, str(seconds + 2)], stdout=subprocess.PIPE, text=True
    )
    time.sleep(1)
    suggest_at = [f"{url}search/suggest/?q=", words, str(SUGGEST_RATE), str(seconds), "2"]
    suggest = subprocess.run([*paced, *suggest_at], capture_output=True, text=True)
    background = json.loads(load.communicate()[0])
    return {
        "random searches": {"path": "/roles/?q=<random>", **wrk_figures(searches.stdout)},
        "suggestions": {
            "path": "/search/suggest/?q=<random>",
            **json.loads(suggest.stdout),
            "search_load_rps": background["rps"],
        },
    }


def wrk_figures(output: str) -> dict:
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    sockets = re.search(r"Socket errors: (.*)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50_ms": to_ms(re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1)),
        "p99_ms": to_ms(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1)),
        "non_2xx": int(errors.group(1)) if errors else 0,
        "socket_errors": sockets.group(1).strip() if sockets else "",
    }


def write_static_twin(size: int) -> None:
    """A static file the size of the role page, in STATIC_ROOT so WhiteNoise serves it."""
    target = ROOT / "staticfiles" / STATIC_NAME
    target.parent.mkdir(parents=True, exist_ok=True)
    filler = "<!-- static yardstick -->\n"
    target.write_text(("<!doctype html><title>x</title>\n" + filler * (size // len(filler) + 1))[:size])


def page_weight(path: str) -> dict:
    """Compressed bytes of a page plus its CSS and JS, and how long browsers may cache the assets."""
    gzip = {"Accept-Encoding": "gzip"}
    request = urllib.request.Request(f"http://127.0.0.1:{PORT}{path}", headers=gzip)
    with urllib.request.urlopen(request) as response:
        html = response.read()
        sizes = {"html": len(html)}
    text = zlib.decompress(html, 16 + zlib.MAX_WBITS).decode()
    assets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', text) + re.findall(r'<script src="([^"]+)"', text)
    caching = {}
    for asset in assets:
        with urllib.request.urlopen(urllib.request.Request(f"http://127.0.0.1:{PORT}{asset}", headers=gzip)) as reply:
            sizes[asset] = len(reply.read())
            caching[asset] = reply.headers.get("Cache-Control", "")
    return {"bytes": sizes, "total_bytes": sum(sizes.values()), "asset_cache_control": caching}


def measure(label: str, database_url: str) -> dict:
    env = production_env(database_url)
    print(f"\n== {label}: preparing {ROLES} synthetic roles + demo content", flush=True)
    if not REUSE:
        prepare_database(env)
    manage(env, "collectstatic", "--noinput", "-v0")
    role_size = len(fetch_with_temporary_server(env, "/roles/clinical-coder-nhs/"))
    write_static_twin(role_size)
    pages = [] if ONLY == "search" else PAGES
    static = ("static file", f"/static/{STATIC_NAME}", {})
    server = start_gunicorn(env)
    try:
        weight = page_weight("/roles/clinical-coder-nhs/")
        results = measure_pages([*pages, static], "warm")
        results |= random_searches(results["static file"]["rps"])
        for name in ("random searches", "suggestions"):
            print(f"  {name:<14} {results[name]['rps']:>9.0f} req/s  p99 {results[name]['p99_ms']:.1f} ms", flush=True)
    finally:
        stop(server)
    add_ratios(results)
    warm_after = shared_cache_check(env) if pages else None
    cold = {}
    if pages:
        server = start_gunicorn({**env, "DJANGO_PAGE_CACHE_SECONDS": "0"})
        try:
            cold = add_ratios(measure_pages([*pages, static], "cold"))
        finally:
            stop(server)
    return {
        "role_page_bytes": role_size,
        "role_page_weight": weight,
        "pages": results,
        "cold": cold,
        "after_publish": warm_after,
    }


def shared_cache_check(env: dict) -> dict:
    """The share of role pages still cached after one publish, with the page cache shared by every
    worker (Redis, as on several hosts): with each worker's own memory a page warmed once is cached
    in one worker of five, which would say nothing about what the publish retired."""
    shared = {**env, "REDIS_URL": "redis://127.0.0.1:6379/8"}
    subprocess.run(["redis-cli", "-n", "8", "flushdb"], capture_output=True)
    server = start_gunicorn(shared)
    try:
        return after_publish.still_warm(PORT, lambda *args: manage(shared, *args))
    finally:
        stop(server)


def measure_pages(pages, label: str) -> dict:
    results = {}
    for name, path, headers in pages:
        fetch(path, headers)  # the first visit fills the page cache (when it is on)
        results[name] = {"path": path, **wrk(path, headers)}
        figures = f"{results[name]['rps']:>9.0f} req/s  p99 {results[name]['p99_ms']:.1f} ms"
        print(f"  {label} {name:<14} {figures}", flush=True)
    return results


def add_ratios(results: dict) -> dict:
    static = results["static file"]["rps"]
    for row in results.values():
        row["ratio"] = round(row["rps"] / static, 3)
    return results


def fetch_with_temporary_server(env: dict, path: str) -> bytes:
    server = start_gunicorn(env)
    try:
        return fetch(path, {})
    finally:
        stop(server)


def render_scaling() -> dict:
    """Uncached /roles/ render time with 200 and with ROLES roles, timed in one process."""
    output = subprocess.run(
        [PYTHON, str(BENCH / "render_scaling.py"), str(ROLES)], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def lighthouse() -> dict:
    """Lighthouse performance scores for home, browse and a role page (npm lighthouse, Debian Chromium)."""
    if not shutil.which("npm") or not Path("/usr/bin/chromium").exists():
        return {"skipped": "npm or /usr/bin/chromium is missing"}
    tools = BENCH / "node_modules" / ".bin" / "lighthouse"
    if not tools.exists():
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--prefix", str(BENCH), "lighthouse@12"],
                       check=True, capture_output=True)  # fmt: skip
    env = production_env(f"sqlite:///{BENCH / 'bench.sqlite3'}")
    server = start_gunicorn(env)
    flags = " ".join(CHROMIUM_FLAGS)
    scores = {}
    try:
        for name, path in [("home", "/"), ("browse", "/roles/"), ("role page", "/roles/clinical-coder-nhs/")]:
            fetch(path, {})
            result = subprocess.run(
                [str(tools), f"http://127.0.0.1:{PORT}{path}", "--only-categories=performance", "--output=json",
                 "--quiet", f"--chrome-flags={flags}"],
                capture_output=True, text=True, env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"},
            )  # fmt: skip
            try:
                scores[name] = round(json.loads(result.stdout)["categories"]["performance"]["score"] * 100)
            except (ValueError, KeyError, TypeError):
                scores[name] = f"failed: {result.stderr.strip()[-200:]}"
    finally:
        stop(server)
    return scores


def gunicorn_workers() -> int:
    sys.path.insert(0, str(ROOT))  # gunicorn.conf.py reads the same environment switches as the site
    return runpy.run_path(str(ROOT / "gunicorn.conf.py"))["workers"]


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())  # fmt: skip
    return (
        f"{os.cpu_count()} cores, {cpu}, Python {platform.python_version()}, {platform.system()} {platform.release()}"
    )


def main() -> None:
    if not shutil.which("wrk"):
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True)
    (BENCH / "var").mkdir(exist_ok=True)
    ensure_postgres_database()
    results = {"machine": machine(), "workers": gunicorn_workers(), "duration": DURATION, "connections": CONNECTIONS}
    results |= {"roles": ROLES, "databases": {}}
    if "sqlite" in DATABASES:
        results["databases"]["SQLite"] = measure("SQLite", f"sqlite:///{BENCH / 'bench.sqlite3'}")
    if "postgresql" in DATABASES:
        results["databases"]["PostgreSQL"] = measure("PostgreSQL", PG_URL)
    if ONLY:
        report(results)  # a partial run leaves the full results.json alone
        return
    if "postgresql" in DATABASES:
        print("\n== Varnish in front of two app servers (make stack), on the PostgreSQL bench database", flush=True)
        role_html = fetch_with_temporary_server(production_env(PG_URL), "/roles/clinical-coder-nhs/")
        results["varnish"] = varnish_tier.through_varnish(PAGES, role_html, "jobzone_bench", wrk_url)
    results["render_scaling"] = render_scaling()
    results["lighthouse"] = lighthouse()
    (BENCH / "results.json").write_text(json.dumps(results, indent=2))
    report(results)


if __name__ == "__main__":
    main()
