"""Which cached pages a change retires: surrogate keys, one per item and one per kind of list.

A public page is tagged with the keys of what it shows (`tag`): a role page with its role, its
career, its unit group and the roles its safer moves lead to; a list with "roles". Each key has a
version, the time it last changed; a page kept in the cache remembers the versions it was made
under and is stale once any of them moves on. A save bumps only its own item's keys, after the
transaction commits, so publishing one role leaves every other role page warm. The same keys go
out in the `xkey` header, and the HTTP cache tier in front (Varnish) is purged by them
(editorial.purge).

With Redis the versions live in the shared cache, so every app server agrees; otherwise each is a
file's modification time in one folder, which the workers of a host share (as the content version).
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from editorial import purge
from editorial.content_version import bump_file, file_stamp

HEADER = "xkey"
EVERYTHING = "site"  # on every page: retired by restores, reference data loads and bulk loads
# A page that names no keys may show anything, so any change retires it.
UNTAGGED = frozenset({EVERYTHING, "roles", "careers"})
_KEY = re.compile(r"^[a-z]+(-[0-9a-z]+)?$")


class FileVersions:
    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.prefix = f"{self.folder}{os.sep}"  # every cached page asks: plain strings, not Path objects

    def current(self, keys) -> dict[str, int]:
        return {key: file_stamp(self.prefix + key) for key in keys}

    def bump(self, keys) -> None:
        for key in keys:
            bump_file(self.folder / key)


class CacheVersions:
    PREFIX = "jobzone:key:"

    def current(self, keys) -> dict[str, int]:
        keys = list(keys)
        held = cache.get_many([self.PREFIX + key for key in keys])
        return {key: held.get(self.PREFIX + key, 0) for key in keys}

    def bump(self, keys) -> None:
        before = self.current(keys)
        now = time.time_ns()
        cache.set_many({self.PREFIX + key: max(now, before[key] + 1) for key in before}, None)


def versions() -> FileVersions | CacheVersions:
    if settings.CONTENT_VERSION_FILE:
        return FileVersions(Path(settings.CONTENT_VERSION_FILE).parent / "page-keys")
    return CacheVersions()


def valid(key: str) -> bool:
    return bool(_KEY.match(key))


def item_key(kind: str, pk) -> str | None:
    return f"{kind}-{pk}" if pk else None


def tag(response, keys) -> None:
    """Name the keys of what a page shows (added to any it names already); EVERYTHING always."""
    found = set(keys_of(response)) | {key for key in keys if key} | {EVERYTHING}
    response[HEADER] = " ".join(sorted(found))


def keys_of(response) -> list[str]:
    return [key for key in response.get(HEADER, "").split() if valid(key)]


def retire(keys) -> None:
    """Pages showing these keys go stale once the transaction commits (nothing, if it rolls back)."""
    keys = sorted({key for key in keys if key and valid(key)})
    if keys:
        transaction.on_commit(lambda: _flush(keys))


def _flush(keys: list[str]) -> None:
    # One save may report several rows of one item, each with the same keys; bumping a key again is
    # harmless (a newer version), and purging again costs Varnish one more lookup.
    versions().bump(keys)
    purge.purge(keys)


def retire_every_page() -> None:
    retire([EVERYTHING])
