"""Purge the HTTP cache tier (Varnish, deploy/varnish/default.vcl) by surrogate key.

Public pages go out with an `xkey` header naming what they show (`site roles role-12 career-3`);
`purge(["role-12", "roles"])` asks every Varnish in settings.VARNISH_URLS to retire the pages
carrying any of those keys. Varnish soft-purges: a retired page may still be served for a moment
while it is fetched again, so a publish never sends a crowd to the app servers at once.

Sent only after the transaction commits (a rolled-back save purges nothing, and Varnish never
refetches the old content), from a daemon thread per Varnish: a staff save never waits on a
Varnish and never fails because of one. A Varnish that is down is logged; the pages' short
s-maxage covers it. on_commit callbacks run in the order they were registered, so call purge()
after whatever retires the app's own page cache, or Varnish may refetch a page the app still
keeps.
"""

from __future__ import annotations

import logging
import threading
import time
import urllib.error
import urllib.request
from http.client import HTTPException

from django.conf import settings
from django.db import transaction

logger = logging.getLogger("jobzone")

TRIES = 3
TIMEOUT = 1.0  # seconds for each try to connect and be answered
PAUSE = 0.2  # seconds before the second try, twice that before the third

# Straight to each Varnish: an http_proxy in the environment must not carry purges elsewhere.
opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def purge(keys) -> None:
    """Retire every cached page tagged with any of these keys, once the current transaction commits."""
    keys = " ".join(sorted(set(keys)))
    urls = list(settings.VARNISH_URLS)
    if keys and urls:
        transaction.on_commit(lambda: send_all(urls, keys))


def send_all(urls: list[str], keys: str) -> list[threading.Thread]:
    threads = [threading.Thread(target=send, args=(url, keys), name="varnish-purge", daemon=True) for url in urls]
    for thread in threads:
        thread.start()
    return threads


def send(url: str, keys: str) -> bool:
    """One purge to one Varnish, tried up to TRIES times; True once it answered 200."""
    for attempt in range(1, TRIES + 1):
        request = urllib.request.Request(url.rstrip("/") + "/", method="PURGE", headers={"xkey-purge": keys})
        try:
            with opener.open(request, timeout=TIMEOUT):
                return True
        except urllib.error.HTTPError as error:
            if error.code < 500:  # refused (e.g. 403: this host is not in the VCL's purge ACL): retrying won't help
                logger.error("Varnish at %s refused the purge of %s: %s %s", url, keys, error.code, error.reason)
                return False
            problem = f"{error.code} {error.reason}"
        except (OSError, HTTPException) as error:
            problem = str(error) or type(error).__name__
        if attempt < TRIES:
            time.sleep(PAUSE * attempt)
    logger.warning("Varnish at %s did not take the purge of %s after %s tries (%s)", url, keys, TRIES, problem)
    return False
