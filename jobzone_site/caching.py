"""Whole-page caching for anonymous visitors, invalidated exactly by the site-wide content version.

Every public page is built only from published content, so the content version (editorial's
one number that changes whenever any content changes) makes every cached page stale at once.
"""

from __future__ import annotations

from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core.cache import cache
from django.utils.cache import cc_delim_re, get_cache_key, learn_cache_key, patch_cache_control

from editorial.content_version import content_version
from jobzone_site.sessions import issued_here


def key_prefix() -> str:
    return f"jobzone:page:{content_version().current()}"


def private(response) -> bool:
    """Marked for one visitor only (e.g. never_cache on a page with a CSRF form): never shared, like Django's
    own cache middleware."""
    directives = {part.split("=")[0].strip().lower() for part in cc_delim_re.split(response.get("Cache-Control", ""))}
    return bool(directives & {"private", "no-store"})


def signed_in(request) -> bool:
    """Whether the session cookie belongs to someone signed in (staff, who may preview drafts).

    Decided from the stored session, not from the cookie being there: a made-up cookie must not
    turn every request into a fresh render (one indexed lookup is far cheaper than a page)."""
    session_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if not issued_here(session_key):  # made up: known without the database (jobzone_site/sessions.py)
        return False
    return SESSION_KEY in import_module(settings.SESSION_ENGINE).SessionStore(session_key)


def ignore_cookies(response) -> None:
    """A page kept for everyone not signed in is the same whatever cookies they send (the session is
    read only to tell staff apart), so it does not vary on Cookie: a made-up cookie gets the kept page."""
    kept = [name for name in cc_delim_re.split(response.get("Vary", "")) if name and name.lower() != "cookie"]
    if kept:
        response["Vary"] = ", ".join(kept)
    elif "Vary" in response:
        del response["Vary"]


def normalise_accept_encoding(request) -> None:
    """Only "gzip or not" changes our response, so one variant per answer, not one per browser's header."""
    wants_gzip = "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", "")
    request.META["HTTP_ACCEPT_ENCODING"] = "gzip" if wants_gzip else ""


class PublicPageCacheMiddleware:
    """Serve anonymous GETs of public pages from the cache; staff (signed in) always see fresh pages,
    marked private and no-store, as they may show drafts.

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
            and not request.path.startswith((settings.ADMIN_URL_PREFIX, "/healthz"))
            and not request.GET.get("q", "").strip()
        )

    def __call__(self, request):
        if signed_in(request):
            response = self.get_response(request)
            patch_cache_control(response, private=True, no_store=True)
            return response
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
            ignore_cookies(response)
            key = learn_cache_key(request, response, settings.PAGE_CACHE_SECONDS, prefix, cache)
            cache.set(key, response, settings.PAGE_CACHE_SECONDS)
        return response
