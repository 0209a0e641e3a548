import logging

from csp.middleware import CheckableLazyObject, CSPMiddleware
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponseBase
from django.middleware.gzip import GZipMiddleware
from django.template.loader import render_to_string

logger = logging.getLogger("jobzone")
DATABASE_DOWN = (OperationalError, InterfaceError)


class PublicGZipMiddleware(GZipMiddleware):
    """Compress public pages; admin pages carry CSRF tokens, so they stay uncompressed (BREACH)."""

    def process_response(self, request, response):
        if request.path.startswith(settings.ADMIN_URL_PREFIX):
            return response
        return super().process_response(request, response)


class SecurityHeadersMiddleware:
    """Headers Django does not set itself."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


def unavailable_response():
    from django.http import HttpResponse

    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = "5"
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """While the database is unreachable, answer 503 "temporarily unavailable" rather than a 500.

    Django's connection health checks reconnect on the next request once it is back, so recovery
    needs no restart.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            return self.get_response(request)
        except DATABASE_DOWN:  # raised outside a view, e.g. by a session lookup
            logger.warning("Database unavailable for %s", request.path)
            return unavailable_response()

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_DOWN):
            logger.warning("Database unavailable for %s: %s", request.path, exception)
            return unavailable_response()
        return None


PER_RESPONSE_POLICY = ("_csp_config", "_csp_update", "_csp_replace")
HEADERS = ("Content-Security-Policy", "Content-Security-Policy-Report-Only")


class SiteCSPMiddleware(CSPMiddleware):
    """django-csp, with the site's one policy built once per process: no page uses a nonce or a policy
    of its own, and building the header for every response cost a cached page a tenth of its time.
    A response or request that does (a decorator, a nonce) gets django-csp's own handling."""

    built: dict[str, dict[str, str]] = {}

    def process_response(self, request, response):
        own = any(hasattr(response, name + end) for name in PER_RESPONSE_POLICY for end in ("", "_ro"))
        if own or getattr(request, "_csp_nonce", None) is not None or settings.DEBUG:
            return super().process_response(request, response)
        if getattr(response, "_csp_exempt", False) or getattr(response, "_csp_exempt_ro", False):
            return super().process_response(request, response)
        policy = repr(
            [
                getattr(settings, "CONTENT_SECURITY_POLICY", None),
                getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None),
            ]
        )
        if policy not in self.built:
            probe = super().process_response(request, HttpResponseBase())
            self.built.clear()
            self.built[policy] = {name: probe[name] for name in HEADERS if name in probe}
        for name, value in self.built[policy].items():
            response.headers.setdefault(name, value)
        # As django-csp does: a nonce asked for after the header is written is an error, not a silent one.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response
