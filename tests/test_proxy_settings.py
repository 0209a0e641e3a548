"""gunicorn.conf.py believes a forwarded scheme only behind the TLS proxy, and only from its addresses.

A real gunicorn with the project's own config serves a tiny app that echoes the scheme it was told; a
client on 127.0.0.1 (where gunicorn's stock setting would trust anyone) claims HTTPS with
X-Forwarded-Proto, as a visitor could through a proxy that passes headers on.
"""

import os
import runpy
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APP = """
def app(environ, start_response):
    start_response("200 OK", [])
    return [environ["wsgi.url_scheme"].encode()]
"""


def config(monkeypatch, **environment) -> dict:
    for name in ("DJANGO_BEHIND_TLS_PROXY", "FORWARDED_ALLOW_IPS"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(ROOT / "gunicorn.conf.py"))


def test_nothing_is_trusted_unless_behind_the_tls_proxy(monkeypatch):
    assert config(monkeypatch)["forwarded_allow_ips"] == ""
    assert config(monkeypatch, FORWARDED_ALLOW_IPS="10.0.0.5")["forwarded_allow_ips"] == ""
    assert config(monkeypatch, DJANGO_BEHIND_TLS_PROXY="1")["forwarded_allow_ips"] == "127.0.0.1"
    behind = config(monkeypatch, DJANGO_BEHIND_TLS_PROXY="1", FORWARDED_ALLOW_IPS="10.0.0.5")
    assert behind["forwarded_allow_ips"] == "10.0.0.5"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def scheme_seen(tmp_path, **environment) -> str:
    (tmp_path / "echo_app.py").write_text(APP)
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_BEHIND_TLS_PROXY", "FORWARDED_ALLOW_IPS")}
    env.update(environment, WEB_CONCURRENCY="1", PYTHONPATH=f"{tmp_path}{os.pathsep}{ROOT}")
    gunicorn = Path(sys.executable).parent / "gunicorn"
    command = [str(gunicorn), "-c", str(ROOT / "gunicorn.conf.py"), "--bind", f"127.0.0.1:{port}", "echo_app:app"]
    server = subprocess.Popen(command, cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        request = urllib.request.Request(f"http://127.0.0.1:{port}/", headers={"X-Forwarded-Proto": "https"})
        for _ in range(100):
            try:
                with urllib.request.urlopen(request, timeout=2) as response:
                    return response.read().decode()
            except OSError:
                time.sleep(0.1)
        pytest.fail("gunicorn did not start")
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_a_client_claiming_https_is_not_believed(tmp_path):
    assert scheme_seen(tmp_path) == "http"


def test_the_named_proxy_is_believed(tmp_path):
    assert scheme_seen(tmp_path, DJANGO_BEHIND_TLS_PROXY="1", FORWARDED_ALLOW_IPS="127.0.0.1") == "https"
