"""The HTTP methods a view answers, declared once where the view is written."""

from django.views.decorators.http import require_http_methods

PAGE_METHODS = ("GET", "HEAD")


def allow_methods(*methods: str):
    """Like Django's require_http_methods, and recorded on the view, so the site's request checks
    (jobzone_site.request_checks) can answer 405 for any other method before the view runs."""

    def decorate(view):
        checked = require_http_methods(list(methods))(view)
        checked.allowed_methods = tuple(methods)
        return checked

    return decorate
