"""The search results page without rendering its whole template for every search.

A results page is the browse page's shell (layout, search form, zone chips, sort menu) around the
results section. Only a few values in the shell change from one search to the next: the search
text (in the title and the search box) and the zone counts. So the shell is rendered once by the
template itself, with a marker where each of those values and the results section go, and kept
per content version, address and choice of zones and sort order; a search then makes only the
results section and fills the markers in, escaped as the template would have escaped them.
The shell is the same for every visitor without a session (nothing in base.html or the search
form depends on who asks); a visitor with one (signed-in staff) gets the template's own page, and
a shell holding a CSRF token or a CSP nonce is never kept. Anything added to the layout that
differs per visitor (a name, messages) must keep that so.

The results section of a search (the `results` partial of scoring/list.html, also all that a live
search through HTMX asks for) is written here in Python, as the browse rows are
(aijri_tags.role_rows): the template machinery cost more than the search in the index. The partial
stays the one description of the markup (browse pages render it), and tests/test_search.py checks
that search pages made here are the same, byte for byte, as the template's.
"""

from __future__ import annotations

import re
import secrets

from django.conf import settings
from django.template import Context
from django.template.base import render_value_in_context
from django.template.loader import render_to_string
from django.urls import get_script_prefix, reverse
from django.utils.html import conditional_escape as esc

from editorial.content_version import content_version
from scoring.templatetags.aijri_tags import item_url, role_rows, zone_badge, zone_name

TEMPLATE = "scoring/list.html"
_MARK = f"searchshell{secrets.token_hex(8)}"  # letters and digits: escaping leaves it as it is
_SLOT = re.compile(rf"{_MARK}([a-z]+)end")
_KEPT_SHELLS = 64  # zones x sorts x hosts; more only if a site answers to many host names
_shells: dict[tuple, list[str] | None] = {}
enabled = True  # tests turn it off to compare with the template's own pages


def search_page(request, context: dict, partial: bool) -> str | None:
    """A search's results section (partial) or whole page; None where the template must render it."""
    if not enabled:
        return None
    if partial:
        return results_section(request, context)
    # Without a session nobody is signed in (reading request.user would add Vary: Cookie).
    anonymous = settings.SESSION_COOKIE_NAME not in request.COOKIES
    parts = _shell(request, context) if anonymous and _fits(context["filters"]["q"]) else None
    if parts is None:
        return None
    values = {"q": esc(context["filters"]["q"]), "results": results_section(request, context)}
    values |= {f"count{zone}": _number(count) for zone, _, count in context["zone_counts"]}
    filled = list(parts)
    filled[1::2] = [values[name] for name in parts[1::2]]
    return "".join(filled)


def _fits(text: str) -> bool:
    """Whether the search text shows the same in the title (which runs white space together) as in
    the search box: any other text gets the template's own page. In development (DEBUG) templates
    are read again for every page, so no shell is kept."""
    return not settings.DEBUG and bool(text) and text == " ".join(text.split())


def _slot(name: str) -> str:
    return f"{_MARK}{name}end"


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


def _number(value) -> str:
    return render_value_in_context(value, Context())  # as {{ value }} shows it


def _plural(count, singular: str, plural: str) -> str:
    return singular if float(count) == 1 else plural  # as the pluralize filter chooses


def results_section(request, context: dict) -> str:
    """The `results` partial of scoring/list.html for a search, byte for byte (see the module's note)."""
    page, count = context["page"], context["page"].paginator.count
    out = ['\n<section id="results" class="results" aria-labelledby="results-heading" aria-live="polite">\n  ']
    if request.htmx:
        for zone, _, zone_count in context["zone_counts"]:
            out.append(f'<span class="count" id="count-{esc(zone)}" hx-swap-oob="true">{_number(zone_count)}</span>')
    heading = f"{_number(count)} role{_plural(count, '', 's')}"
    if context["filtered"]:
        heading += f" match{_plural(count, 'es', '')}"
    out.append(f'\n  <h2 id="results-heading" tabindex="-1">{heading}</h2>\n  ')
    out += [f'<p class="note" role="status">{esc(note)}</p>' for note in context["notes"]]
    out.append("\n  ")
    if context["found"] and context["found"].corrected:
        corrected = context["found"].corrected
        read = ", ".join(f"“{esc(read)}”" for _, read in corrected)
        typed = ", ".join(f"“{esc(typed)}”" for typed, _ in corrected)
        out.append(f'<p class="note">Showing results for {read} (you typed {typed}).</p>')
    out.append("\n  ")
    if context["nearest"]:
        out.append(_block("nearest", "<p><strong>Did you mean …?</strong></p>", map(_nearest, context["nearest"])))
    out.append("\n  ")
    if context["careers"]:
        out.append(_block("matching-careers", "<h3>Career profiles</h3>", map(_career, context["careers"])))
    out.append("\n  ")
    if context["occupations"]:
        heading = "<h3>Occupations <small>(UK SOC 2020)</small></h3>"
        out.append(_block("matching-occupations", heading, map(_occupation, context["occupations"])))
    out.append("\n  ")
    if page.object_list:
        start = _number(page.start_index())
        out.append(f'\n  <ol class="role-list" start="{start}">\n    {role_rows(page.object_list)}\n  </ol>\n  ')
        if page.has_other_pages():
            out.append(_pagination(page, context["query"]))
        out.append("\n  ")
    else:
        clear = f'<a href="{esc(reverse("scoring:list"))}">Clear all filters</a>'
        out.append(f'\n  <p class="empty">No roles match these filters. {clear} or try a shorter search.</p>\n  ')
    out.append("\n  ")
    if context["filters"]["q"] and count < 3:
        invitation = render_to_string(
            "scoring/includes/job_request_form.html", {"initial_title": context["filters"]["q"]}
        )
        out.append(f"\n    {invitation}\n  ")
    out.append("\n</section>\n")
    return "".join(out)


def _block(name: str, heading: str, items) -> str:
    return f'\n  <div class="{name}">\n    {heading}\n    <ul>{"".join(items)}</ul>\n  </div>\n  '


def _nearest(item) -> str:
    title, kind, slug = item
    what = {"career": " (career profile)", "occupation": f" (occupation, SOC {esc(slug)})"}.get(kind, "")
    return f'<li><a href="{esc(item_url(kind, slug))}">{esc(title)}</a>{what}</li>'


def _career(career) -> str:
    names = career.alternative_titles
    also = f' <span class="also">also called {", ".join(esc(name) for name in names[:3])}</span>' if names else ""
    return f'<li><a href="{esc(item_url("career", career.slug))}">{esc(career.title)}</a>{also}</li>'


def _occupation(group: dict) -> str:
    code = esc(group["code"])
    page = f'<a href="{esc(item_url("occupation", group["code"]))}">{esc(group["title"])}</a> (SOC {code})'
    if not group["roles"]:
        return f"<li>{page} – not assessed yet: its page shows the nearest assessed roles</li>"
    roles = ", ".join(f"{_role_link(role)} {zone_badge(role.zone, role.sub_label)}" for role in group["roles"])
    return f"<li>{roles} – in {page}</li>"


def _role_link(role) -> str:
    return f'<a href="{esc(item_url("role", role.slug))}">{esc(role.job_title)}</a>'


def _pagination(page, query: str) -> str:
    query = f"{esc(query)}&amp;" if query else ""
    before = after = ""
    if page.has_previous():
        before = f'<a href="?{query}page={_number(page.previous_page_number())}" rel="prev">Previous page</a>'
    if page.has_next():
        after = f'<a href="?{query}page={_number(page.next_page_number())}" rel="next">Next page</a>'
    where = f"<span>Page {_number(page.number)} of {_number(page.paginator.num_pages)}</span>"
    nav = '<nav class="pagination" aria-label="Pages" hx-boost="true" hx-target="#results" hx-swap="outerHTML">'
    return f"\n  {nav}\n    {before}\n    {where}\n    {after}\n  </nav>\n  "


SUGGESTION = (
    '<li role="option" id="suggestion-{kind}-{slug}" data-href="{url}" aria-selected="false">{title} '
    '<span class="suggestion-meta">{meta}</span></li>\n'
)


def suggestion_list(entries) -> str:
    """The options of the search box's list box (static/js/combobox.js), one a line: a role with its
    score and zone, an occupation with its SOC code, a career profile."""
    items = []
    for entry in entries:
        kind = entry.kind if entry.kind in ("role", "occupation") else "career"
        if kind == "role":
            meta = f"{_number(entry.score)} · {esc(zone_name(entry.zone))}"
        else:
            meta = f"Occupation · SOC {esc(entry.slug)}" if kind == "occupation" else "Career profile"
        url, slug, title = esc(item_url(kind, entry.slug)), esc(entry.slug), esc(entry.title)
        items.append(SUGGESTION.format(kind=kind, slug=slug, url=url, title=title, meta=meta))
    return "".join(items) + "\n"
