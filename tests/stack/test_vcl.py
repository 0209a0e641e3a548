"""deploy/varnish/default.vcl in a real varnishd, in front of two fake app servers on the VCL's ports.

Each test asks for its own address, and the query string tells the fake app how to answer (its
Cache-Control, xkey, Vary, a Set-Cookie), so every rule of the VCL is seen on its own: what is kept and
for how long, for whom, and how a purge by surrogate key (sent by the app's own client) retires it.
"""

import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from deploy.stack import APP_PORTS, Varnish
from editorial import purge
from tests.stack.client import request

pytestmark = pytest.mark.stack

SHARED = "cc=public,+max-age=0,+s-maxage=300"  # max-age=0: a HIT shows s-maxage was honoured


class FakeApps:
    """Both app servers: counts each address's requests, keeps the headers they arrived with, and fails
    the addresses in `failing` with a 500."""

    def __init__(self):
        self.counts: Counter = Counter()
        self.seen: dict[str, list[dict]] = {}
        self.ports: dict[str, int] = {}  # the port that answered each address last
        self.failing: set[str] = set()
        self.lock = threading.Lock()
        self.servers = [ThreadingHTTPServer(("127.0.0.1", port), self.handler()) for port in APP_PORTS]
        for server in self.servers:
            server.daemon_threads = True
            threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()

    def handler(self):
        apps = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                apps.answer(self)

            do_POST = do_HEAD = do_GET

            def log_message(self, *args):
                pass

        return Handler

    def answer(self, handler: BaseHTTPRequestHandler) -> None:
        path = urlsplit(handler.path).path
        query = {key: values[0] for key, values in parse_qs(urlsplit(handler.path).query).items()}
        if path != "/healthz":
            with self.lock:
                self.counts[path] += 1
                self.seen.setdefault(path, []).append(dict(handler.headers))
                self.ports[path] = handler.server.server_port
        status = 500 if path in self.failing else 200
        fragment = handler.headers.get("HX-Request") == "true"
        body = f"{path} #{self.counts[path]}{' fragment' if fragment else ''}".encode()
        handler.send_response(status)
        handler.send_header("Content-Type", "text/plain")
        handler.send_header("Content-Length", str(len(body)))
        if "cc" in query:
            handler.send_header("Cache-Control", query["cc"])
        if "xkey" in query:
            handler.send_header("xkey", query["xkey"])
        if "vary" in query:
            handler.send_header("Vary", query["vary"])
        if "cookie" in query:
            handler.send_header("Set-Cookie", "csrftoken=abc; Path=/")
        handler.end_headers()
        if handler.command != "HEAD":
            handler.wfile.write(body)

    def close(self):
        for server in self.servers:
            server.shutdown()
            server.server_close()


@pytest.fixture(scope="module")
def apps():
    fake = FakeApps()
    yield fake
    fake.close()


@pytest.fixture(scope="module")
def varnish(apps, tmp_path_factory):
    with Varnish(tmp_path_factory.mktemp("varnish-logs")) as running:
        yield running.url


def get(varnish, path, **headers):
    return request(varnish, path, headers={name.replace("_", "-"): value for name, value in headers.items()})


def until(check, seconds=1.0):
    """The first answer that passes check within the time allowed, else the last one."""
    deadline = time.monotonic() + seconds
    while True:
        answer = check()
        if answer or time.monotonic() > deadline:
            return answer
        time.sleep(0.02)


def test_a_second_request_is_a_hit_kept_for_s_maxage(varnish, apps):
    first, second = get(varnish, f"/kept?{SHARED}"), get(varnish, f"/kept?{SHARED}")
    assert (first.cache, second.cache) == ("MISS", "HIT")
    assert second.text == first.text == "/kept #1" and apps.counts["/kept"] == 1
    assert "xkey" not in second.headers  # the keys are for Varnish only


def test_anonymous_visitors_share_one_page_whatever_cookies_they_send(varnish, apps):
    path = f"/cookies?{SHARED}"
    assert get(varnish, path, Cookie="csrftoken=abc; _ga=GA1.2").cache == "MISS"
    assert get(varnish, path).cache == "HIT"
    assert get(varnish, path, Cookie="messages=x").cache == "HIT"
    assert "Cookie" not in apps.seen["/cookies"][0]


def test_staff_with_a_session_always_reach_the_app(varnish, apps):
    path = f"/staff?{SHARED}"
    answers = [get(varnish, path, Cookie="csrftoken=abc; sessionid=s3cret") for _ in range(2)]
    assert [answer.cache for answer in answers] == ["PASS", "PASS"] and apps.counts["/staff"] == 2
    assert apps.seen["/staff"][0]["Cookie"] == "csrftoken=abc; sessionid=s3cret"
    assert get(varnish, path).cache == "MISS"  # nothing a signed-in person saw was kept for others


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE"])
def test_other_methods_pass(varnish, apps, method):
    path = f"/form-{method}?{SHARED}"
    answers = [request(varnish, path, method, body="a=1") for _ in range(2)]
    assert [answer.cache for answer in answers] == ["PASS", "PASS"]


def test_the_admin_passes(varnish):
    assert [get(varnish, f"/admin/login/?{SHARED}").cache for _ in range(2)] == ["PASS", "PASS"]


NOT_SHAREABLE = [
    "cc=private,+max-age=300",
    "cc=public,+s-maxage=300,+no-store",
    "cc=max-age=0,+no-cache,+no-store,+must-revalidate,+private",  # Django's never_cache
    f"{SHARED}&cookie=1",  # a page that sets a cookie belongs to one visitor
    "xkey=site",  # no Cache-Control: the app did not say it may be shared (e.g. a 404 for a draft)
]


@pytest.mark.parametrize("number", range(len(NOT_SHAREABLE)))
def test_what_is_not_marked_shareable_is_never_kept(varnish, apps, number):
    answer, path = NOT_SHAREABLE[number], f"/not-kept-{number}"
    answers = [get(varnish, f"{path}?{answer}") for _ in range(3)]
    assert "HIT" not in {a.cache for a in answers} and apps.counts[path] == 3


def test_htmx_fragments_and_full_pages_are_kept_apart(varnish):
    path = f"/vary?{SHARED}&vary=HX-Request"
    page, fragment = get(varnish, path), get(varnish, path, HX_Request="true")
    again, fragment_again = get(varnish, path), get(varnish, path, HX_Request="true")
    assert (again.cache, fragment_again.cache) == ("HIT", "HIT")
    assert again.text == page.text == "/vary #1" and fragment_again.text == fragment.text == "/vary #2 fragment"


def test_browsers_accept_encoding_headers_share_one_variant(varnish, apps):
    path = f"/encoding?{SHARED}&vary=Accept-Encoding"
    assert get(varnish, path, Accept_Encoding="gzip, deflate, br, zstd").cache == "MISS"
    assert get(varnish, path, Accept_Encoding="deflate, gzip").cache == "HIT"
    assert apps.seen["/encoding"][0]["Accept-Encoding"] == "gzip"


def test_a_purge_retires_the_pages_with_that_key_and_only_those(varnish, apps):
    role, other = f"/roles/a?{SHARED}&xkey=site+roles+role-1", f"/roles/b?{SHARED}&xkey=site+roles+role-2"
    for path in (role, other, role, other):
        get(varnish, path)
    assert purge.send(varnish, "role-1 career-9")  # the app's own client, from an address in the ACL

    stale = get(varnish, role)  # soft purge: the first visitor gets the old page while it is refetched
    assert (stale.cache, stale.text) == ("HIT-STALE", "/roles/a #1")
    fresh = until(lambda: (answer := get(varnish, role)).text == "/roles/a #2" and answer)
    assert fresh and fresh.cache == "HIT"
    unrelated = get(varnish, other)
    assert (unrelated.cache, unrelated.text) == ("HIT", "/roles/b #1")


def test_a_purge_of_a_shared_key_retires_every_page_with_it(varnish, apps):
    pages = [f"/lists/{n}?{SHARED}&xkey=site+roles" for n in range(3)]
    for path in pages * 2:
        get(varnish, path)
    assert purge.send(varnish, "roles")
    assert {get(varnish, path).cache for path in pages} == {"HIT-STALE"}
    assert until(lambda: all(apps.counts[f"/lists/{n}"] == 2 for n in range(3)))


def test_only_the_app_servers_may_purge(varnish, apps):
    path = f"/acl?{SHARED}&xkey=acl-key"
    get(varnish, path)
    refused = request(varnish, "/", "PURGE", headers={"xkey-purge": "acl-key"}, source="127.0.0.2")
    assert refused.status == 403
    assert get(varnish, path).cache == "HIT"
    assert request(varnish, "/", "PURGE").status == 400  # a purge must name its keys
    assert request(varnish, "/", "PURGE", headers={"xkey-purge": "acl-key"}).status == 200


def test_a_refetch_that_fails_keeps_the_stale_page(varnish, apps):
    path = f"/failing?{SHARED}&xkey=failing"
    get(varnish, path)
    apps.failing.add("/failing")
    try:
        assert purge.send(varnish, "failing")
        answers = [get(varnish, path) for _ in range(3)]
        until(lambda: apps.counts["/failing"] >= 2)
        answers.append(get(varnish, path))
    finally:
        apps.failing.discard("/failing")
    assert {(answer.status, answer.text) for answer in answers} == {(200, "/failing #1")}


def test_both_app_servers_take_turns(varnish, apps):
    for n in range(6):
        get(varnish, f"/turns/{n}")
    # Round robin; a refetch left over from another test may take a turn in between.
    assert {apps.ports[f"/turns/{n}"] for n in range(6)} == set(APP_PORTS)
