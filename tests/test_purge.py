"""editorial.purge: purges go out only after the transaction commits, to every configured Varnish, and a
Varnish that is down, refuses or hangs never fails or slows a save. Fake Varnishes are tiny local HTTP
servers (the real one is in tests/stack/)."""

import logging
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.db import transaction

from editorial import purge

pytestmark = pytest.mark.django_db


class FakeVarnish:
    """Records each purge; answers with the statuses in `answers`, one per request, then 200."""

    def __init__(self, *answers: int):
        self.purges: list[tuple[str, str, str]] = []
        self.answers = list(answers)
        self.arrived = threading.Event()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_PURGE(self):
                fake.purges.append((self.command, self.path, self.headers.get("xkey-purge")))
                status = fake.answers.pop(0) if fake.answers else 200
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()
                if status == 200:
                    fake.arrived.set()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True).start()

    def wait(self) -> bool:
        return self.arrived.wait(5)

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def varnishes():
    made = []

    def make(*answers):
        made.append(FakeVarnish(*answers))
        return made[-1]

    yield make
    for fake in made:
        fake.close()


@pytest.fixture
def quick(monkeypatch):
    """Short timeouts and pauses, so a test of a Varnish that never answers takes a fraction of a second."""
    monkeypatch.setattr(purge, "TIMEOUT", 0.2)
    monkeypatch.setattr(purge, "PAUSE", 0.01)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_purge_is_sent_only_once_the_transaction_commits(settings, varnishes, django_capture_on_commit_callbacks):
    varnish = varnishes()
    settings.VARNISH_URLS = [varnish.url]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            purge.purge(["role-12", "roles", "site", "roles"])
            time.sleep(0.05)
            assert varnish.purges == []  # nothing before the commit
    assert len(callbacks) == 1
    assert varnish.wait()
    assert varnish.purges == [("PURGE", "/", "role-12 roles site")]


def test_nothing_is_sent_when_the_transaction_rolls_back(settings, varnishes, django_capture_on_commit_callbacks):
    varnish = varnishes()
    settings.VARNISH_URLS = [varnish.url]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            purge.purge(["role-1"])
            raise RuntimeError("the save failed")
        purge.purge(["role-2"])
    assert len(callbacks) == 1
    assert varnish.wait()
    time.sleep(0.1)
    assert varnish.purges == [("PURGE", "/", "role-2")]


def test_every_configured_varnish_gets_the_purge(settings, varnishes, django_capture_on_commit_callbacks):
    first, second = varnishes(), varnishes()
    settings.VARNISH_URLS = [first.url, second.url + "/"]
    with django_capture_on_commit_callbacks(execute=True):
        purge.purge(["career-3"])
    assert first.wait() and second.wait()
    assert first.purges == second.purges == [("PURGE", "/", "career-3")]


def test_without_varnish_urls_nothing_is_queued(settings, django_capture_on_commit_callbacks):
    settings.VARNISH_URLS = []
    with django_capture_on_commit_callbacks() as callbacks:
        purge.purge(["site"])
        purge.purge([])
    assert callbacks == []


def test_a_varnish_that_is_down_or_hangs_neither_fails_nor_slows_the_save(
    settings, varnishes, quick, caplog, django_capture_on_commit_callbacks
):
    working = varnishes()
    hanging = socket.create_server(("127.0.0.1", 0))  # takes connections and never answers
    down = f"http://127.0.0.1:{free_port()}"
    hanging_url = f"http://127.0.0.1:{hanging.getsockname()[1]}"
    settings.VARNISH_URLS = [down, hanging_url, working.url]
    try:
        started = time.monotonic()
        with caplog.at_level(logging.WARNING, logger="jobzone"):
            with django_capture_on_commit_callbacks(execute=True):
                with transaction.atomic():
                    purge.purge(["role-5"])
            saved_in = time.monotonic() - started
            assert working.wait()  # the others do not hold up the one that works
            deadline = time.monotonic() + 5  # 3 tries of 0.2 s each, and short pauses
            while len(caplog.records) < 2 and time.monotonic() < deadline:
                time.sleep(0.02)
    finally:
        hanging.close()
    assert saved_in < 0.1
    assert working.purges == [("PURGE", "/", "role-5")]
    warned = sorted(record.getMessage() for record in caplog.records)
    assert len(warned) == 2
    assert all("did not take the purge of role-5 after 3 tries" in message for message in warned)
    assert {down, hanging_url} == {message.split()[2] for message in warned}


def test_a_failed_try_is_retried(quick, varnishes):
    varnish = varnishes(503, 500)
    assert purge.send(varnish.url, "role-7")
    assert len(varnish.purges) == 3


def test_a_refused_purge_is_logged_and_not_retried(varnishes, caplog):
    varnish = varnishes(403)
    with caplog.at_level(logging.ERROR, logger="jobzone"):
        assert not purge.send(varnish.url, "role-7")
    assert len(varnish.purges) == 1
    assert "refused the purge of role-7: 403" in caplog.text


def test_tries_are_bounded(quick, varnishes):
    varnish = varnishes(500, 500, 500, 500)
    started = time.monotonic()
    assert not purge.send(varnish.url, "site")
    assert len(varnish.purges) == purge.TRIES == 3
    assert time.monotonic() - started < 1
