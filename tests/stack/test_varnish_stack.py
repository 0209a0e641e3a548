"""The whole `make stack` topology (deploy/stack.py): Varnish in front of app servers A and B, which share
one PostgreSQL database and one Redis, with the demo content.

A Publisher signs in on app server A and saves through the admin's own change form, as a browser would;
visitors read through Varnish, and app server B shows whether the shared caches agree.
"""

import re
import socket
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from deploy.stack import Stack
from tests.stack.client import Answer, Browser, form_fields, request

pytestmark = pytest.mark.stack

PUBLISHER, PASSWORD = "stack-publisher", "a-long-stack-password"
EDITED = "bookkeeper"  # the role whose score the tests change
CANDIDATES = ["plumber-domestic", "electrician-installation", "occupational-therapist"]  # unrelated ones
WARM_UP = ["firefighter", "paramedic", "police-officer-response", "primary-school-teacher", "software-developer",
           "translator-written", "graphic-designer", "data-entry-clerk", "pharmacy-technician"]  # fmt: skip
SETUP = f"""
from django.contrib.auth.models import Group, User
from documents.importer import import_text
user = User.objects.create_user({PUBLISHER!r}, password={PASSWORD!r}, is_staff=True)
user.groups.add(Group.objects.get(name="Publishers"))
import_text(open("tests/documents/baker.txt").read(), "baker.txt", publish=False)  # a draft
"""


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    # A database and Redis db of the test's own, so a `make stack` left on this machine keeps its data.
    with Stack(database="jobzone_stack_test", redis_db=8, fresh=True, log_dir=tmp_path_factory.mktemp("stack")) as s:
        s.manage("shell", "-c", SETUP)
        yield s


@pytest.fixture(scope="module")
def publisher(stack):
    browser = Browser()
    browser.sign_in(stack.app_urls[0], PUBLISHER, PASSWORD)
    # A worker's first save takes over a second (it loads what saving needs), so every worker on A saves
    # once, at the same time (each sync worker takes one), before any save is timed.
    workers = int(stack.env()["WEB_CONCURRENCY"])
    roles = [role_pk(stack, slug) for slug in WARM_UP[: workers + 1]]
    with ThreadPoolExecutor(len(roles)) as pool:
        list(pool.map(lambda pk: save_score(stack, browser, pk, "50.5"), roles))
    return browser


def sql(stack, query: str) -> str:
    command = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", stack.database, "-Atc", query]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout.strip()


def role_pk(stack, slug: str) -> int:
    return int(sql(stack, f"SELECT id FROM scoring_assessment WHERE slug = '{slug}'"))


def draft_slug(stack) -> str:
    return sql(stack, "SELECT slug FROM scoring_assessment WHERE status = 'draft' ORDER BY id LIMIT 1")


def score(answer: Answer) -> str | None:
    found = re.search(r"<title>[^<]*AI risk score ([\d.]+)", answer.text)
    return found and found.group(1)


def save_score(stack, browser: Browser, pk: int, new_score: str) -> float:
    """Save the role's change form on app server A with a new score; the seconds the save took."""
    server, path = stack.app_urls[0], f"/admin/scoring/assessment/{pk}/change/"
    fields = form_fields(browser.get(server, path).text, "assessment_form")
    changes = {"score_override": new_score, "override_reason": "Checked in the stack test", "change_reason": "Test"}
    data = [(name, value) for name, value in fields if name not in changes] + [*changes.items(), ("_save", "Save")]
    started = time.monotonic()
    answer = browser.post(server, path, data)
    took = time.monotonic() - started
    assert answer.status == 302, re.findall(r'<ul class="errorlist[^>]*>.*?</ul>', answer.text, re.S)
    return took


def until(check, seconds: float):
    """Seconds until check() passed, or None if it did not within the time allowed."""
    started = time.monotonic()
    while time.monotonic() - started <= seconds:
        if check():
            return time.monotonic() - started
        time.sleep(0.05)
    return None


def warm(url: str, path: str) -> Answer:
    """Read a page until Varnish answers it fresh from its cache (a refetch after a purge may be under way)."""
    deadline = time.monotonic() + 3
    while True:
        answer = request(url, path)
        if answer.cache == "HIT" or time.monotonic() > deadline:
            return answer
        time.sleep(0.05)


def unrelated_role(stack) -> str:
    """A role page that does not show the edited role (so nothing about the edit concerns it)."""
    for slug in CANDIDATES:
        if "Bookkeeper" not in request(stack.app_urls[1], f"/roles/{slug}/").text:
            return f"/roles/{slug}/"
    pytest.fail(f"each of {CANDIDATES} shows the Bookkeeper; pick other unrelated roles")


@pytest.mark.parametrize("path", ["/", "/roles/", "/roles/?zone=red", f"/roles/{EDITED}/", "/roles.json"])
def test_a_second_request_for_a_public_page_is_a_varnish_hit(stack, path):
    first, second = request(stack.varnish_url, path), request(stack.varnish_url, path)
    assert first.status == second.status == 200
    assert (first.cache, second.cache) == ("MISS", "HIT"), second.cache_control
    assert second.text == first.text


def test_public_pages_carry_their_surrogate_keys(stack):
    """The app's side of the purge: the keys Varnish files each page under (the interface in editorial/purge.py)."""
    pk = role_pk(stack, EDITED)
    page = request(stack.app_urls[0], f"/roles/{EDITED}/")
    assert {"site", f"role-{pk}"} <= set(page.headers.get("xkey", "").split())
    assert {"site", "roles"} <= set(request(stack.app_urls[0], "/roles/").headers.get("xkey", "").split())
    assert "public" in page.cache_control and "s-maxage" in page.cache_control


def test_a_publish_through_server_a_reaches_varnish_and_server_b_within_a_second(stack, publisher):
    path, b = f"/roles/{EDITED}/", stack.app_urls[1]
    before = warm(stack.varnish_url, path)
    assert before.cache == "HIT"
    old = score(before)
    assert score(request(b, path)) == old  # B has it in its own page cache too
    new = "41.2" if old != "41.2" else "41.3"

    save_score(stack, publisher, role_pk(stack, EDITED), new)

    seen_by_varnish = until(lambda: score(request(stack.varnish_url, path)) == new, 1.0)
    seen_by_b = until(lambda: score(request(b, path)) == new, 1.0)
    assert seen_by_varnish is not None, f"Varnish still serves {old} a second after the save"
    assert seen_by_b is not None, f"app server B still serves {old} a second after the save"
    assert warm(stack.varnish_url, path).cache == "HIT"  # and it is kept again


def test_an_unrelated_role_page_is_still_a_hit_after_a_publish(stack, publisher):
    other = unrelated_role(stack)
    before = warm(stack.varnish_url, other)
    assert before.cache == "HIT"
    old = score(request(stack.varnish_url, f"/roles/{EDITED}/"))

    save_score(stack, publisher, role_pk(stack, EDITED), "39.9" if old != "39.9" else "39.8")
    assert until(lambda: score(request(stack.varnish_url, f"/roles/{EDITED}/")) != old, 1.0) is not None

    after = request(stack.varnish_url, other)
    assert after.cache == "HIT" and after.text == before.text


def test_staff_pages_are_never_cached(stack, publisher):
    for path in ["/admin/", f"/admin/scoring/assessment/{role_pk(stack, EDITED)}/change/", f"/roles/{EDITED}/"]:
        answers = [publisher.get(stack.varnish_url, path) for _ in range(2)]
        assert [answer.status for answer in answers] == [200, 200]
        assert [answer.cache for answer in answers] == ["PASS", "PASS"], path
        assert all("private" in a.cache_control and "no-store" in a.cache_control for a in answers), path
    sign_in = [request(stack.varnish_url, "/admin/login/") for _ in range(2)]
    assert "HIT" not in {answer.cache for answer in sign_in}  # a page with a CSRF form is one visitor's


def test_drafts_are_never_cached(stack, publisher):
    path = f"/roles/{draft_slug(stack)}/"
    previews = [publisher.get(stack.varnish_url, path) for _ in range(2)]
    assert all(answer.status == 200 and "Draft preview" in answer.text for answer in previews)
    assert [answer.cache for answer in previews] == ["PASS", "PASS"]
    visitors = [request(stack.varnish_url, path) for _ in range(2)]
    assert [answer.status for answer in visitors] == [404, 404]
    assert "HIT" not in {answer.cache for answer in visitors} and "Draft preview" not in visitors[1].text


def test_a_published_draft_appears_through_varnish_at_once(stack, publisher):
    slug = draft_slug(stack)
    pk = role_pk(stack, slug)
    assert request(stack.varnish_url, f"/roles/{slug}/").status == 404
    changelist = "/admin/scoring/assessment/"
    token = dict(form_fields(publisher.get(stack.app_urls[0], changelist).text, "changelist-form"))
    answer = publisher.post(
        stack.app_urls[0],
        changelist,
        {"csrfmiddlewaretoken": token["csrfmiddlewaretoken"], "action": "publish_selected", "_selected_action": pk},
    )
    assert answer.status == 302
    assert until(lambda: request(stack.varnish_url, f"/roles/{slug}/").status == 200, 1.0) is not None


def test_with_varnish_stopped_or_hanging_a_staff_save_still_succeeds_quickly(stack, publisher):
    pk, b, log = role_pk(stack, EDITED), stack.app_urls[1], stack.log_dir / "gunicorn-8201.log"
    usual = save_score(stack, publisher, pk, "30.1")
    stack.varnish.stop()
    try:
        took = save_score(stack, publisher, pk, "30.2")
        assert took < usual + 1, f"a save took {took:.1f} s with Varnish stopped ({usual:.1f} s with it)"
        assert until(lambda: score(request(b, f"/roles/{EDITED}/")) == "30.2", 1.0) is not None
        # The purge that could not be sent is logged by app server A once its tries are spent.
        assert until(lambda: "did not take the purge" in log.read_text(), 5.0) is not None, log.read_text()[-2000:]

        # A Varnish that takes the connection and never answers must not hold the save either.
        with socket.create_server(("127.0.0.1", stack.varnish.port)):
            took = save_score(stack, publisher, pk, "30.3")
        assert took < usual + 1, f"a save took {took:.1f} s with Varnish hanging ({usual:.1f} s with it)"
    finally:
        stack.varnish.start()
    assert warm(stack.varnish_url, f"/roles/{EDITED}/").status == 200
