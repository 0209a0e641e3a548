"""Requests the site refuses before any view sees them: unusable characters and unsupported methods.

Checked once here rather than in each form and filter: PostgreSQL refuses NUL in text (a 500 where
it reached a query), and XML (the sitemap) cannot carry the other control characters at all.
"""

import re

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string

from editorial.http import PAGE_METHODS

# C0 controls other than tab, line feed and carriage return, and DEL.
UNUSABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def unusable(values) -> bool:
    return any(UNUSABLE.search(value) for value in values)


def texts(query_dict) -> list[str]:
    return [text for key, values in query_dict.lists() for text in (key, *values)]


def refusal(request, status: int, heading: str, message: str) -> HttpResponse:
    body = render_to_string("request_refused.html", {"heading": heading, "message": message}, request)
    response = HttpResponse(body, status=status)
    response["Cache-Control"] = "no-store"
    return response


class RequestChecksMiddleware:
    """400 for control characters in the address, the query string or a staff form; 405 for methods a view
    does not answer (GET and HEAD, unless it declares others with editorial.http.allow_methods)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if unusable([request.path, *texts(request.GET)]):
            return refusal(
                request, 400, "This address cannot be used",
                "It contains a control character (such as a NUL byte) that no page accepts. "
                "Check the link, or type your search again.",
            )  # fmt: skip
        # Public forms explain a hidden character beside the field it is in (their own clean methods);
        # staff forms are refused whole here, with nothing saved (an uploaded file's text is the
        # import page's to check).
        staff_form = request.method == "POST" and request.path.startswith(settings.ADMIN_URL_PREFIX)
        if staff_form and unusable(texts(request.POST)):
            return refusal(
                request, 400, "This form cannot be saved",
                "Something you entered contains a control character (such as a NUL byte), often pasted from "
                "another program. Nothing was saved. Go back, remove it and try again.",
            )  # fmt: skip
        return self.get_response(request)

    def process_view(self, request, view, args, kwargs):
        if request.path.startswith(settings.ADMIN_URL_PREFIX):
            allowed = (*PAGE_METHODS, "POST")  # the admin's own views take forms
        else:
            allowed = getattr(view, "allowed_methods", PAGE_METHODS)
        if request.method in allowed:
            return None
        allowed = ", ".join(allowed)
        response = refusal(
            request, 405, "This page cannot do that", f"It answers {allowed} requests, not {request.method[:20]}."
        )
        response["Allow"] = allowed
        return response
