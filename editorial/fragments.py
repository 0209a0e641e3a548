"""Parts of pages kept by the surrogate keys of what they show (editorial.surrogate_keys).

The slow part of a role or career page (its tables and safer moves, a dozen queries and a large
template) is made once and kept under the versions of its keys, so it survives every publish that
does not touch what it shows, whether or not whole pages are cached; the page around it (title,
links, structured data) is made for each request. Kept only for visitors without a session: staff
get everything afresh. A part holding a CSRF token belongs to one visitor and is never kept.
"""

from __future__ import annotations

import hashlib
import json

from django.conf import settings
from django.core.cache import cache
from django.utils.safestring import mark_safe

from editorial import surrogate_keys


def enabled() -> bool:
    return settings.FRAGMENT_CACHE_SECONDS > 0 and not settings.DEBUG  # in development a template edit shows at once


def for_visitor(request) -> bool:
    """Whether this request may be answered with kept parts: no session (staff get everything afresh;
    the cookie is read, not request.user, which would make the page vary on Cookie)."""
    return enabled() and settings.SESSION_COOKIE_NAME not in request.COOKIES


def kept(name: str, keys, render) -> str:
    """`render()`'s HTML, kept until any of `keys` changes (or FRAGMENT_CACHE_SECONDS pass)."""
    if not enabled():
        return render()
    # The versions are read before rendering: a change committed meanwhile files the part under the
    # old versions, which no later request asks for.
    stamps = surrogate_keys.versions().current(sorted({*keys, surrogate_keys.EVERYTHING} - {None}))
    digest = hashlib.sha256(json.dumps([name, stamps], sort_keys=True).encode()).hexdigest()
    cache_key = f"jobzone:fragment:{digest}"
    html = cache.get(cache_key)
    if html is None:
        html = render()
        if "csrfmiddlewaretoken" not in html:
            cache.set(cache_key, str(html), settings.FRAGMENT_CACHE_SECONDS)
    return mark_safe(html)
