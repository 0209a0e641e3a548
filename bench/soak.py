"""make soak: sustained load on PostgreSQL with 20,000 roles, then the same while PostgreSQL restarts.

Run 1: wrk for 60 s at 32 connections over the public pages: expect zero socket errors and zero
non-2xx/3xx responses. Run 2: the same load while PostgreSQL is restarted; a probe asks /healthz
(which always needs the database) every 50 ms to time the outage and the recovery. Database
pages must answer 503 "temporarily unavailable" during the outage, never 500, and everything
must succeed within 5 s of the database answering again, without restarting gunicorn.
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


def wrk(duration: str) -> dict:
    output = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{duration}", "-s", str(BENCH / "public_pages.lua"),
         f"http://127.0.0.1:{PORT}"],
        capture_output=True, text=True,
    ).stdout  # fmt: skip
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    return {
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "non_2xx_3xx": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": sum(map(int, sockets.groups())) if sockets else 0,
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
    finally:
        stop(server)
    load = fault["load"]
    failed = f"{load['non_2xx_3xx']} failed (503 while the database was down)"
    print(f"  PostgreSQL restart took {fault['restart_seconds']} s; {load['requests']} requests, {failed}, "
          f"{load['socket_errors']} socket errors")  # fmt: skip
    print(f"  status codes seen by the probe: {fault['probe_statuses_seen']} (500 must never appear)")
    print(f"  recovery after the database answered: {fault['recovery_seconds']} s (target < 5 s); "
          f"failures after recovery: {fault['probe_failures_after_recovery']}")  # fmt: skip
    ok = (
        steady["non_2xx_3xx"] == 0
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
