"""Whole-page caching for anonymous visitors, invalidated exactly by a site-wide content version.

Every public page is built only from published content, so one number that changes whenever any
content changes is enough to make every cached page stale at once: pages are cached under that
number, and saving or deleting content bumps it (after the transaction commits, so nobody caches
the old page under the new number). With Redis the number lives in the shared cache, so several
app servers agree; otherwise it is a file's modification time, shared by the workers of one host.
"""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "jobzone:content-version"


class FileVersion:
    def __init__(self, path: Path):
        self.path = Path(path)

    def current(self) -> int:
        return self._stamp() or self.bump()

    def bump(self) -> int:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        now = max(time.time_ns(), self._stamp() + 1)  # never the same number twice, even within a tick
        self.path.touch()
        os.utime(self.path, ns=(now, now))
        return now

    def _stamp(self) -> int:
        try:
            return os.stat(self.path).st_mtime_ns
        except FileNotFoundError:
            return 0


class CacheVersion:
    def current(self) -> int:
        value = cache.get(VERSION_KEY)
        return value if value is not None else self.bump()

    def bump(self) -> int:
        try:
            return cache.incr(VERSION_KEY)
        except ValueError:
            value = time.time_ns()
            cache.set(VERSION_KEY, value, None)
            return value


def content_version():
    if settings.CONTENT_VERSION_FILE:
        return FileVersion(settings.CONTENT_VERSION_FILE)
    return CacheVersion()


def bump_content_version(**kwargs) -> None:
    transaction.on_commit(lambda: content_version().bump())


def page_key(request, version: int) -> str:
    headers = "|".join(
        request.headers.get(name, "") for name in ("HX-Request", "HX-Target", "HX-History-Restore-Request")
    )
    gzip = "gzip" in request.headers.get("Accept-Encoding", "")
    raw = f"{request.method}|{request.get_full_path()}|{headers}|{gzip}|{request.get_host()}|{request.scheme}"
    return f"jobzone:page:{version}:{hashlib.sha256(raw.encode()).hexdigest()}"


class PublicPageCacheMiddleware:
    """Serve anonymous GETs of public pages from the cache; staff (with a session) always see fresh pages."""

    def __init__(self, get_response):
        self.get_response = get_response

    def cacheable(self, request) -> bool:
        return (
            request.method in ("GET", "HEAD")
            and settings.PAGE_CACHE_SECONDS > 0
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not request.path.startswith((settings.ADMIN_URL_PREFIX, "/healthz"))
        )

    def __call__(self, request):
        if not self.cacheable(request):
            return self.get_response(request)
        key = page_key(request, content_version().current())
        response = cache.get(key)
        if response is not None:
            return response
        response = self.get_response(request)
        if response.status_code == 200 and not response.cookies and not response.streaming:
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            cache.set(key, response, settings.PAGE_CACHE_SECONDS)
        return response
