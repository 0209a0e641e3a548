"""The search results page without rendering its whole template for every search.

A results page is the browse page's shell (layout, search form, zone chips, sort menu) around the
results section. Only a few values in the shell change from one search to the next: the search
text (in the title and the search box) and the zone counts. So the shell is rendered once by the
template itself, with a marker where each of those values and the results section go, and kept
per content version, address and choice of zones and sort order; a search then renders only the
results section and fills the markers in, escaped as the template would have escaped them.
tests/test_search.py checks that pages made this way are the same, byte for byte, as the template's.
"""

from __future__ import annotations

import re
import secrets

from django.conf import settings
from django.template import Context
from django.template.base import render_value_in_context
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils.html import conditional_escape

from editorial.content_version import content_version

TEMPLATE = "scoring/list.html"
_MARK = f"searchshell{secrets.token_hex(8)}"  # letters and digits: escaping leaves it as it is
_SLOT = re.compile(rf"{_MARK}([a-z]+)end")
_KEPT_SHELLS = 64  # zones x sorts x hosts; more only if a site answers to many host names
_shells: dict[tuple, list[str] | None] = {}
enabled = True  # tests turn it off to compare with the template's own page


def _slot(name: str) -> str:
    return f"{_MARK}{name}end"


def fits(text: str) -> bool:
    """Whether the search text shows the same in the title (which runs white space together) as in
    the search box: any other text gets the template's own page. In development (DEBUG) templates
    are read again for every page, so no shell is kept."""
    return enabled and not settings.DEBUG and bool(text) and text == " ".join(text.split())


def _shell(request, context: dict) -> list[str] | None:
    """The page around the results, split at its slots: text, slot name, text, slot name, ... text.

    None when the shell would hold something that belongs to one visitor (a CSRF token, a CSP
    nonce), which must never be handed to the next."""
    filters = context["filters"]
    held = (content_version().current(), request.scheme, request.get_host(), request.path, get_script_prefix())
    held += (tuple(filters["zone"]), filters["sort"])
    if held in _shells:
        return _shells[held]
    marked = {
        **context,
        "filters": {**filters, "q": _slot("q")},
        "zone_counts": [(zone, label, _slot(f"count{zone}")) for zone, label, _ in context["zone_counts"]],
        "results_slot": _slot("results"),
    }
    text = render_to_string(TEMPLATE, marked, request)
    parts = None if "csrfmiddlewaretoken" in text or "nonce=" in text else _SLOT.split(text)
    if len(_shells) >= _KEPT_SHELLS or any(key[0] != held[0] for key in _shells):
        _shells.clear()  # an older content version's shells, or too many
    _shells[held] = parts
    return parts


def render_results_page(request, context: dict) -> str | None:
    """The whole results page, or None where the template must render it (see fits and _shell)."""
    parts = _shell(request, context)
    if parts is None:
        return None
    plain = Context()
    values = {"q": conditional_escape(context["filters"]["q"])}
    values |= {f"count{zone}": render_value_in_context(count, plain) for zone, _, count in context["zone_counts"]}
    values["results"] = render_to_string(f"{TEMPLATE}#results", context, request)
    filled = list(parts)
    filled[1::2] = [values[name] for name in parts[1::2]]
    return "".join(filled)
