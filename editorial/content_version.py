"""One number that changes whenever any public content changes.

Pages are cached under it, so bumping it retires every cached page at once. It is bumped after the
transaction commits, so nobody caches the old page under the new number. With Redis the number
lives in the shared cache, so several app servers agree; otherwise it is a file's modification
time, shared by the workers of one host.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "jobzone:content-version"


def file_stamp(path) -> int:
    """A file's modification time in nanoseconds, 0 when there is none (a path or a plain string)."""
    try:
        return os.stat(path).st_mtime_ns
    except FileNotFoundError:
        return 0


def bump_file(path: Path) -> int:
    """Move a file's modification time on (creating it): never the same number twice, even within a tick."""
    path.parent.mkdir(parents=True, exist_ok=True)
    now = max(time.time_ns(), file_stamp(path) + 1)
    path.touch()
    os.utime(path, ns=(now, now))
    return now


class FileVersion:
    def __init__(self, path: Path):
        self.path = Path(path)

    def current(self) -> int:
        return file_stamp(self.path) or self.bump()

    def bump(self) -> int:
        return bump_file(self.path)


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
