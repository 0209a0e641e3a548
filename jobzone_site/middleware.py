import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
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
