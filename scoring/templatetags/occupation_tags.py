"""Occupation pages' small parts: a group's roles by zone, in words with a bar beside them."""

from django import template
from django.utils.html import format_html, format_html_join

from scoring.templatetags.aijri_tags import item_url

register = template.Library()


@register.simple_tag
def group_url(code):
    """A SOC 2020 group's page, as {% url 'occupations:detail' code %} gives it (lists link to many)."""
    return item_url("occupation", code)


@register.simple_tag
def zone_spread(spread):
    """A group's roles by zone in words ("3 assessed roles: 1 Green, 1 Yellow, 1 Red") with a bar of the same
    shares, hidden from screen readers as the words say it all; "No roles assessed yet" for none.
    A tag, not an include: lists show many."""
    total = spread.total
    if not total:
        return format_html('<span class="spread spread-none">{}</span>', "No roles assessed yet")
    bands = format_html_join(
        "",
        '<rect x="{}" width="{}" height="4" class="band-{}"/>',
        ((x, width, zone) for zone, x, width in spread.bands()),
    )
    words = ", ".join(f"{count} {label}" for _, label, count in spread.zones())
    return format_html(
        '<span class="spread"><svg class="spread-bar" viewBox="0 0 100 4" preserveAspectRatio="none" '
        'aria-hidden="true" focusable="false">{}</svg>'
        '<span class="spread-words">{} assessed role{}: {}</span></span>',
        bands,
        total,
        "" if total == 1 else "s",
        words,
    )
