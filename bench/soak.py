"""make soak: sustained load on PostgreSQL with 20,000 roles, then the same while PostgreSQL restarts.

Run 1: wrk for 60 s at 32 connections over the public pages: expect zero socket errors and zero
non-2xx/3xx responses. Run 2: the same load while PostgreSQL is restarted; a probe asks /healthz
(which always needs the database) every 50 ms to time the outage and the recovery. Database
pages must answer 503 "temporarily unavailable" during the outage, never 500, and everything
must succeed within 5 s of the database answering again, without restarting gunicorn.
Run 3: the public pages with a made-up session cookie on every request, then random distinct
searches, each next to the cached figure of run 1 (a made-up cookie must not skip the cache).
Run 4: a staff import of a 1 MB document (checked, then saved, as the import page does) while the
public pages are under load: their p99 must stay under 100 ms.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import BENCH, PG_URL, PORT, ensure_postgres_database, prepare_database, production_env, start_gunicorn, stop  # noqa: E402

DURATION = os.environ.get("SOAK_DURATION", "60s")
CONNECTIONS = 32
CLUSTER = subprocess.run(["ls", "/etc/postgresql"], capture_output=True, text=True).stdout.split()[0]


def wrk(duration: str, script: str = "public_pages.lua", **environment: str) -> dict:
    output = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{duration}", "--latency", "-s", str(BENCH / script),
         f"http://127.0.0.1:{PORT}"],
        capture_output=True, text=True, env={**os.environ, **environment},
    ).stdout  # fmt: skip
    p99 = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s)", output, re.M)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    return {
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "non_2xx_3xx": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": sum(map(int, sockets.groups())) if sockets else 0,
        "p99_ms": float(p99.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)] if p99 else None,
        "socket_error_kinds": dict(zip(["connect", "read", "write", "timeout"], map(int, sockets.groups())))
        if sockets
        else {},
    }


def status(path: str) -> int:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{PORT}{path}", timeout=2) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def pg_ready() -> bool:
    return subprocess.run(["pg_isready", "-h", "127.0.0.1", "-q"]).returncode == 0


def restart_run() -> dict:
    probes: list[tuple[float, int, int]] = []
    stop_probe = threading.Event()

    def probe():
        while not stop_probe.is_set():
            probes.append((time.monotonic(), status("/healthz"), status("/roles/?q=probe")))
            time.sleep(0.05)

    load: dict = {}
    loader = threading.Thread(target=lambda: load.update(wrk("20s")))
    prober = threading.Thread(target=probe)
    loader.start()
    prober.start()
    time.sleep(5)
    restart_started = time.monotonic()
    subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", CLUSTER, "main", "restart"], check=True)
    while not pg_ready():
        time.sleep(0.02)
    database_back = time.monotonic()
    loader.join()
    time.sleep(1)
    stop_probe.set()
    prober.join()

    after = [(t, h, q) for t, h, q in probes if t >= database_back]
    recovered = next((t for t, h, q in after if h == 200 and q == 200), None)
    still_failing_later = [p for p in after if recovered and p[0] > recovered and (p[1] != 200 or p[2] != 200)]
    seen = sorted({code for _, h, q in probes for code in (h, q)})
    return {
        "restart_seconds": round(database_back - restart_started, 2),
        "recovery_seconds": round(recovered - database_back, 2) if recovered else None,
        "probe_statuses_seen": seen,
        "probe_failures_after_recovery": len(still_failing_later),
        "load": load,
    }


def cookies_and_searches() -> dict:
    return {
        "bogus cookies": wrk("20s", BENCH_BOGUS_COOKIES="1"),
        "random searches": wrk("20s", "random_search.lua", BENCH_SEARCH_PATH="/roles/?q="),
    }


def one_megabyte_document() -> Path:
    """A real assessment (the seed format) whose commentary has grown to just under 1 MB, the most
    the import page takes, as a very thorough assessor might write it."""
    text = (BENCH.parent / "tests" / "documents" / "baker.txt").read_text()
    line = " ".join(["Local demand for craft bread holds up even as supermarkets automate their bakeries."] * 11)
    grown = "\n".join([line] * (990_000 // (len(line) + 1) - len(text) // len(line)))
    path = BENCH / "var" / "one-megabyte.txt"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text.replace("The score fits a hands-on craft role.", grown))
    return path


def import_under_load(env: dict) -> dict:
    document = one_megabyte_document()
    load: dict = {}
    loader = threading.Thread(target=lambda: load.update(wrk("20s")))
    loader.start()
    time.sleep(3)
    timings = {}
    for step, extra in (("check", ["--dry-run"]), ("save", [])):
        started = time.monotonic()
        result = subprocess.run([sys.executable, "manage.py", "import_documents", str(document), *extra],
                                cwd=BENCH.parent, env=env, capture_output=True, text=True)  # fmt: skip
        timings[step] = round(time.monotonic() - started, 2)
        timings[f"{step}_ok"] = result.returncode == 0
    loader.join()
    return {"bytes": document.stat().st_size, **timings, "load": load}


def main() -> None:
    env = production_env(PG_URL)
    ensure_postgres_database()
    print("Preparing PostgreSQL with 20,000 roles …", flush=True)
    prepare_database(env)
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=BENCH.parent, env=env,
                   check=True)  # fmt: skip
    server = start_gunicorn(env)
    try:
        for path in re.findall(r'"(/[^"]*)"', (BENCH / "public_pages.lua").read_text()):
            for _ in range(2):  # once per worker, roughly: a live site is warm
                status(path)
        print(f"Run 1: wrk {DURATION}, {CONNECTIONS} connections over the public pages", flush=True)
        steady = wrk(DURATION)
        print(f"  {steady['requests']} requests, {steady['rps']:.0f} req/s, "
              f"{steady['non_2xx_3xx']} non-2xx/3xx, {steady['socket_errors']} socket errors "
              f"{steady['socket_error_kinds']}")  # fmt: skip
        print("Run 2: the same load while PostgreSQL restarts", flush=True)
        fault = restart_run()
        print("Run 3: made-up session cookies, then random distinct searches", flush=True)
        hostile = cookies_and_searches()
        print("Run 4: a 1 MB document imported while the public pages are under load", flush=True)
        heavy = import_under_load(env)
    finally:
        stop(server)
    load = fault["load"]
    failed = f"{load['non_2xx_3xx']} failed (503 while the database was down)"
    print(f"  PostgreSQL restart took {fault['restart_seconds']} s; {load['requests']} requests, {failed}, "
          f"{load['socket_errors']} socket errors")  # fmt: skip
    print(f"  status codes seen by the probe: {fault['probe_statuses_seen']} (500 must never appear)")
    print(f"  recovery after the database answered: {fault['recovery_seconds']} s (target < 5 s); "
          f"failures after recovery: {fault['probe_failures_after_recovery']}")  # fmt: skip
    for name, run in hostile.items():
        print(f"  {name}: {run['rps']:.0f} req/s ({run['rps'] / steady['rps']:.2f} x the cached pages' "
              f"{steady['rps']:.0f}), p99 {run['p99_ms']} ms, {run['non_2xx_3xx']} non-2xx/3xx")  # fmt: skip
    busy = heavy["load"]
    print(f"  import of {heavy['bytes']:,} bytes: checked in {heavy['check']} s, saved in {heavy['save']} s "
          f"(ok: {heavy['check_ok'] and heavy['save_ok']}); public pages meanwhile {busy['rps']:.0f} req/s, "
          f"p99 {busy['p99_ms']} ms (target < 100 ms)")  # fmt: skip
    ok = (
        heavy["check_ok"]
        and heavy["save_ok"]
        and busy["p99_ms"] is not None
        and busy["p99_ms"] < 100
        and busy["non_2xx_3xx"] == 0
        and hostile["bogus cookies"]["non_2xx_3xx"] == 0
        and hostile["bogus cookies"]["rps"] >= 0.5 * steady["rps"]
        and steady["non_2xx_3xx"] == 0
        and steady["socket_errors"] == 0
        and 500 not in fault["probe_statuses_seen"]
        and fault["recovery_seconds"] is not None
        and fault["recovery_seconds"] < 5
        and fault["probe_failures_after_recovery"] == 0
    )
    print("SOAK PASSED" if ok else "SOAK FAILED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
