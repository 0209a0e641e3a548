"""The production-like topology on this machine: Varnish in front of two gunicorn app servers that
share one PostgreSQL database and one Redis, purged by surrogate key on publish.

    make stack        # prepares the database, starts everything, prints the addresses; Ctrl-C stops it all

The stack test (tests/stack/) starts the same topology through Stack, a context manager, so there is
one piece of code for it. PostgreSQL is the machine's own server (127.0.0.1:5432, user postgres);
Redis is the machine's too (a db number of the stack's own), started here only if none answers.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import redis

ROOT = Path(__file__).resolve().parent.parent
VCL = ROOT / "deploy" / "varnish" / "default.vcl"
APP_PORTS = (8201, 8202)  # the VCL's two backends
VARNISH_PORT = 6081
POSTGRES = "postgres://postgres@127.0.0.1:5432"
REDIS = "redis://127.0.0.1:6379"
SECRET_KEY = "stack-only-Qm4Tz8Wc1Rv6Hn3Lp9Xd2Bk7Fs5Jg0Ya-not-a-real-secret"
# Readiness waits: migrating and loading the demo come first, so a server that is not up by then is broken.
START_SECONDS = 30


def die_with_parent() -> None:
    """In a child before exec (Linux): SIGTERM when the stack's own process ends without stopping it
    (killed, or a test run interrupted). varnishd loses this when it changes user ids, so after a kill -9
    of this script it may outlive it; Ctrl-C and SIGTERM stop everything in order."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # 1: PR_SET_PDEATHSIG


def child(command: list[str], log_path: Path, env: dict | None = None) -> subprocess.Popen:
    """A process of the stack in a process group of its own: Ctrl-C reaches only this script, which
    then stops each child in order."""
    with open(log_path, "a") as log:
        return subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            preexec_fn=die_with_parent,
        )  # fmt: skip


def check_free(*ports: int) -> None:
    """A stack already running (or anything else on its ports) would answer in place of this one."""
    for port in ports:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                raise RuntimeError(f"127.0.0.1:{port} is already in use (another make stack, or its varnishd?)")


# Straight to the stack: an http_proxy in the environment must not answer for it.
direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def answers(url: str) -> bool:
    try:
        with direct.open(url, timeout=1) as response:
            return response.status == 200
    except OSError:
        return False


def stop(process: subprocess.Popen | None) -> None:
    """Stop a child and everything it started (its own process group), politely first."""
    if process is None or process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


class Stack:
    """with Stack() as stack: Varnish at stack.varnish_url, app servers at stack.app_urls."""

    def __init__(self, database: str = "jobzone_stack", redis_db: int = 6, fresh: bool = False, log_dir=None):
        self.database = database
        self.redis_url = f"{REDIS}/{redis_db}"
        self.fresh = fresh  # drop and recreate the database first (the test starts from the demo content alone)
        self.log_dir = Path(log_dir or ROOT / "var" / "stack")
        self.varnish = Varnish(self.log_dir)
        self.varnish_url = self.varnish.url
        self.app_urls = [f"http://127.0.0.1:{port}" for port in APP_PORTS]
        self.apps: list[subprocess.Popen] = []
        self.redis: subprocess.Popen | None = None

    # --- the environment every app process gets -------------------------------------------------------

    def env(self) -> dict:
        """Production settings (like bench/run.py's production_env) pointed at the stack's services."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
        for name in ("DATABASE_URL", "REDIS_URL", "VARNISH_URLS", "JOBZONE_VERSION_FILE"):
            env.pop(name, None)
        env.update(
            DATABASE_URL=f"{POSTGRES}/{self.database}",
            REDIS_URL=self.redis_url,
            VARNISH_URLS=self.varnish_url,
            DJANGO_DEBUG="0",
            DJANGO_SECRET_KEY=SECRET_KEY,
            DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
            DJANGO_SECURE_SSL_REDIRECT="0",  # plain HTTP on this machine; production has TLS in front of Varnish
            DJANGO_TRUSTED_PROXY_COUNT="1",  # Varnish appends the visitor's address to X-Forwarded-For
        )
        # Two servers on a small machine: two workers each unless told otherwise, not gunicorn's 2 per core + 1.
        env.setdefault("WEB_CONCURRENCY", "2")
        return env

    def manage(self, *args: str) -> str:
        result = subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=self.env(), capture_output=True, text=True
        )
        if result.returncode:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout

    # --- starting and stopping ------------------------------------------------------------------------

    def __enter__(self) -> Stack:
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def start(self) -> None:
        missing = [name for name in ("varnishd", "psql") if not shutil.which(name)]
        if missing:
            raise RuntimeError(f"{', '.join(missing)} not found: apt-get install varnish varnish-modules postgresql")
        check_free(*APP_PORTS, self.varnish.port)
        self.log_dir.mkdir(parents=True, exist_ok=True)
        self.start_redis()
        self.prepare_database()
        self.apps = [self.start_app(port) for port in APP_PORTS]
        wait_for([f"{url}/healthz" for url in self.app_urls], "the app servers", self.apps, self.log_dir)
        self.varnish.start()

    def stop(self) -> None:
        self.varnish.stop()
        for app in self.apps:
            stop(app)
        self.apps = []
        stop(self.redis)
        self.redis = None

    def start_redis(self) -> None:
        if self.redis_answers():
            return
        command = ["redis-server", "--bind", "127.0.0.1", "--port", "6379", "--save", "", "--appendonly", "no"]
        self.redis = child(command, self.log_dir / "redis.log")
        deadline = time.monotonic() + START_SECONDS
        while not self.redis_answers():
            if time.monotonic() > deadline or self.redis.poll() is not None:
                raise RuntimeError(f"redis-server did not start (logs in {self.log_dir})")
            time.sleep(0.1)

    def redis_answers(self) -> bool:
        try:
            return redis.Redis.from_url(self.redis_url, socket_timeout=1).ping()
        except redis.RedisError:
            return False

    def prepare_database(self) -> None:
        def psql(sql: str) -> subprocess.CompletedProcess:
            command = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-qc", sql]
            return subprocess.run(command, capture_output=True, text=True)

        if self.fresh:
            psql(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
        created = psql(f'CREATE DATABASE "{self.database}"')
        if created.returncode and "already exists" not in created.stderr:
            raise RuntimeError(f"could not create the database {self.database}: {created.stderr.strip()}")
        # The page cache and content version live in Redis: pages kept from another database must go.
        redis.Redis.from_url(self.redis_url).flushdb()
        self.manage("migrate", "--noinput", "-v0")
        self.manage("load_occupations")
        self.manage("load_demo")
        self.manage("collectstatic", "--noinput", "-v0")

    def start_app(self, port: int) -> subprocess.Popen:
        gunicorn = Path(sys.executable).parent / "gunicorn"
        command = [str(gunicorn), "-c", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}", "jobzone_site.wsgi"]
        return child(command, self.log_dir / f"gunicorn-{port}.log", env=self.env())

    def running(self) -> bool:
        children = [*self.apps, self.varnish.process, *([self.redis] if self.redis else [])]
        return all(child is not None and child.poll() is None for child in children)


class Varnish:
    """varnishd in the foreground (-F) as a child, with the project's VCL and a work directory of its own;
    its backends (the VCL's) must answer /healthz before start() returns."""

    def __init__(self, log_dir: Path, port: int = VARNISH_PORT):
        self.log_dir = Path(log_dir)
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        # Not made here: as root, varnishd's jail creates the directory itself, to own it.
        self.work_dir = Path(tempfile.gettempdir()) / f"jobzone-varnish-{os.getpid()}-{port}"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        command = [
            "varnishd", "-F", "-n", str(self.work_dir), "-a", f"127.0.0.1:{self.port}", "-f", str(VCL),
            "-s", "malloc,256m",
        ]  # fmt: skip
        check_free(self.port)
        self.log_dir.mkdir(parents=True, exist_ok=True)
        self.process = child(command, self.log_dir / "varnish.log")
        wait_for([f"{self.url}/healthz"], "Varnish", [self.process], self.log_dir)

    def stop(self) -> None:
        stop(self.process)
        self.process = None
        shutil.rmtree(self.work_dir, ignore_errors=True)

    def __enter__(self) -> Varnish:
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def wait_for(urls: list[str], what: str, processes: list[subprocess.Popen], log_dir: Path) -> None:
    deadline = time.monotonic() + START_SECONDS
    while not all(answers(url) for url in urls):
        if time.monotonic() > deadline or any(process.poll() is not None for process in processes):
            raise RuntimeError(f"{what} did not start (logs in {log_dir})")
        time.sleep(0.2)


def interrupted(signum, frame):
    raise KeyboardInterrupt


def main() -> None:
    # Ctrl-C and SIGTERM stop the stack, also when started where SIGINT is ignored (a shell's background job).
    signal.signal(signal.SIGINT, interrupted)
    signal.signal(signal.SIGTERM, interrupted)
    print("Preparing the database and starting the stack ...", flush=True)
    try:
        with Stack() as stack:
            print(f"Varnish:      {stack.varnish_url}/  (the site; X-Cache tells a hit)")
            for name, url in zip("AB", stack.app_urls):
                print(f"App server {name}: {url}/  (gunicorn; staff admin at {url}/admin/)")
            print(f"PostgreSQL:   {POSTGRES}/{stack.database}")
            print(f"Redis:        {stack.redis_url}")
            print(f"Logs:         {stack.log_dir}/")
            print("Ctrl-C stops everything.", flush=True)
            while stack.running():
                time.sleep(0.5)
            print("A process of the stack stopped on its own; stopping the rest (see the logs).", file=sys.stderr)
            sys.exit(1)
    except KeyboardInterrupt:
        print("\nStopped.")


if __name__ == "__main__":
    main()
