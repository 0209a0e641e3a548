"""Whole-page caching for anonymous visitors, invalidated exactly by the site-wide content version.

Every public page is built only from published content, so the content version (editorial's
one number that changes whenever any content changes) makes every cached page stale at once.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.utils.cache import cc_delim_re, get_cache_key, learn_cache_key

from editorial.content_version import content_version


def key_prefix() -> str:
    return f"jobzone:page:{content_version().current()}"


def private(response) -> bool:
    """Marked for one visitor only (e.g. never_cache on a page with a CSRF form): never shared, like Django's
    own cache middleware."""
    directives = {part.split("=")[0].strip().lower() for part in cc_delim_re.split(response.get("Cache-Control", ""))}
    return bool(directives & {"private", "no-store"})


def normalise_accept_encoding(request) -> None:
    """Only "gzip or not" changes our response, so one variant per answer, not one per browser's header."""
    wants_gzip = "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", "")
    request.META["HTTP_ACCEPT_ENCODING"] = "gzip" if wants_gzip else ""


class PublicPageCacheMiddleware:
    """Serve anonymous GETs of public pages from the cache; staff (with a session) always see fresh pages.

    Keys follow each response's own Vary header, as Django's cache middleware does: the first
    response for an address records which request headers it varies on, and later requests are
    looked up by the values of exactly those headers.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def cacheable(self, request) -> bool:
        # Searches are not kept: nearly every one is a new address, and keeping each would push the
        # pages many people share out of the cache (the HTTP cache in front can still keep them).
        return (
            request.method in ("GET", "HEAD")
            and settings.PAGE_CACHE_SECONDS > 0
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not request.path.startswith((settings.ADMIN_URL_PREFIX, "/healthz"))
            and not request.GET.get("q", "").strip()
        )

    def __call__(self, request):
        if not self.cacheable(request):
            return self.get_response(request)
        normalise_accept_encoding(request)
        prefix = key_prefix()
        key = get_cache_key(request, prefix, request.method, cache)
        response = cache.get(key) if key else None
        if response is not None:
            return response
        response = self.get_response(request)
        if response.status_code == 200 and not response.cookies and not response.streaming and not private(response):
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            key = learn_cache_key(request, response, settings.PAGE_CACHE_SECONDS, prefix, cache)
            cache.set(key, response, settings.PAGE_CACHE_SECONDS)
        return response
