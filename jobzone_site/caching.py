"""Whole-page caching for anonymous visitors, retired precisely by surrogate keys, and the HTTP
caching headers that let browsers and the cache tier in front (Varnish) keep the same pages.

Every public page is built only from published content and names the keys of what it shows
(editorial.surrogate_keys). A kept page remembers its keys' versions and is stale once any of them
moves on, so publishing one role retires the pages that show it and no others.
"""

from __future__ import annotations

import time
from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core.cache import cache
from django.utils.cache import (
    cc_delim_re,
    get_cache_key,
    learn_cache_key,
    patch_cache_control,
    set_response_etag,
)
from django.utils.http import http_date

from editorial import surrogate_keys
from editorial.content_version import content_version
from jobzone_site.sessions import issued_here

KEY_PREFIX = "jobzone:page"


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


def public_headers(response, stamps: dict[str, int]) -> None:
    """What lets browsers and shared caches keep a public page: a short max-age for browsers, a longer
    s-maxage for the cache tier (purged on publish), the page's keys, an ETag and the time the newest
    of its keys changed."""
    patch_cache_control(response, public=True, max_age=settings.HTTP_MAX_AGE, s_maxage=settings.HTTP_SHARED_MAX_AGE)
    response[surrogate_keys.HEADER] = " ".join(sorted(stamps))
    # Keys never bumped: the content version's first stamp, which stays put (unlike "now").
    changed = max(stamps.values(), default=0) or content_version().current()
    if not response.has_header("Last-Modified"):
        response["Last-Modified"] = http_date(changed / 1e9)
    if not response.has_header("ETag"):
        set_response_etag(response)


def page_keys(response) -> list[str]:
    return surrogate_keys.keys_of(response) or sorted(surrogate_keys.UNTAGGED)


def personal(request, response) -> bool:
    """Made for this visitor alone: marked so, setting a cookie, or holding their CSRF token."""
    return private(response) or bool(response.cookies) or bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))


class PublicPageCacheMiddleware:
    """Serve anonymous GETs of public pages from the cache; staff (signed in) always see fresh pages,
    marked private and no-store, as they may show drafts.

    Keys follow each response's own Vary header, as Django's cache middleware does: the first
    response for an address records which request headers it varies on, and later requests are
    looked up by the values of exactly those headers. A kept page is used only while every one of
    its surrogate keys is at the version it was made under.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def public(self, request) -> bool:
        return request.method in ("GET", "HEAD") and not request.path.startswith(
            (settings.ADMIN_URL_PREFIX, "/healthz")
        )

    def cacheable(self, request) -> bool:
        # Searches are not kept: nearly every one is a new address, and keeping each would push the
        # pages many people share out of the cache (the HTTP cache in front can still keep them).
        return settings.PAGE_CACHE_SECONDS > 0 and not request.GET.get("q", "").strip()

    def __call__(self, request):
        if signed_in(request):
            response = self.get_response(request)
            patch_cache_control(response, private=True, no_store=True)
            return response
        if not self.public(request):
            return self.get_response(request)
        normalise_accept_encoding(request)
        versions = surrogate_keys.versions()
        keep = self.cacheable(request)
        key = get_cache_key(request, KEY_PREFIX, request.method, cache) if keep else None
        held = cache.get(key) if key else None
        if held is not None:
            response, stamps = held
            if versions.current(stamps) == stamps:
                response["X-Page-Cache"] = "hit"
                return response
        started = time.time_ns()
        response = self.get_response(request)
        if response.status_code != 200:
            return response
        if personal(request, response):
            patch_cache_control(response, private=True, no_store=True)
            return response
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        ignore_cookies(response)
        stamps = versions.current(page_keys(response))
        public_headers(response, stamps)
        # A key that moved on while the page was made may mean it shows the old content: not kept.
        if keep and not response.streaming and max(stamps.values(), default=0) < started:
            key = learn_cache_key(request, response, settings.PAGE_CACHE_SECONDS, KEY_PREFIX, cache)
            cache.set(key, (response, stamps), settings.PAGE_CACHE_SECONDS)
        response["X-Page-Cache"] = "miss"
        return response
