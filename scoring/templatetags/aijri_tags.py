import html
import json
import re
from functools import cache

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import get_script_prefix, reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from scoring import aijri

register = template.Library()

# The characters json_script escapes so a value cannot close the script element.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def signed(value):
    """+1, 0, −1 with a real minus sign, as the documents write them."""
    if value is None or value == "":
        return ""
    text = str(value)
    if text.startswith("-"):
        return "−" + text[1:]
    return text if float(value) == 0 else f"+{text}"


@register.filter
def pct(value):
    """A share of time as people write it: 12.5, 20."""
    if value is None or value == "":
        return ""
    return aijri.format_pct(value)


@register.filter
def zone_name(zone):
    return aijri.ZONES.get(zone, "Not scored")


@register.simple_tag
def zone_badge(zone, sub_label=""):
    """The zone as a coloured badge, e.g. "Red (Displacing)"; a tag, not an include, as lists show many."""
    label = f"{zone_name(zone)} ({sub_label})" if sub_label else zone_name(zone)
    return format_html('<span class="zone zone-{}">{}</span>', zone or "none", label)


ROLE_ROW = (
    '<li class="role-row"><a class="role-title" href="{url}">{title}</a>\n'
    '<span class="role-score"><span class="visually-hidden">Score </span>{score}</span>\n'
    '<span class="zone zone-{zone}">{zone_label}</span>\n'
    '<span class="role-seniority">{seniority}</span>\n'
    '<a class="compare-link" href="{compare}?roles={slug}">'
    'Compare<span class="visually-hidden"> {title}</span></a></li>'
)


@cache
def _item_paths(script_prefix: str) -> dict[str, str]:
    """Where role, career and occupation pages live, reversed once: lists link to many of them."""
    return {
        kind: reverse(name, args=[example])[: -len(example) - 1]
        for kind, name, example in (
            ("role", "scoring:detail", "-"),
            ("career", "careers:detail", "-"),
            ("occupation", "occupations:detail", "1"),
        )
    }


@register.simple_tag
def item_url(kind, slug):
    """The page of a role or career by slug, or of an occupation by code, as {% url %} would give it."""
    return f"{_item_paths(get_script_prefix())[kind]}{slug}/"


def _escape(value) -> str:
    """Django's escape without its lazy-string wrapper, which cost more than escaping a short value."""
    return html.escape(str(value))


@register.simple_tag
def role_rows(roles):
    """The browse list's rows, built in Python with plain escaping: it is the most rendered fragment on the site."""
    compare = reverse("compare")
    rows = []
    for role in roles:
        label = zone_name(role.zone)
        label = f"{label} ({role.sub_label})" if role.sub_label else label
        seniority = role.seniority_level
        rows.append(ROLE_ROW.format(
            url=_escape(item_url("role", role.slug)), title=_escape(role.job_title), score=_escape(role.score),
            zone=_escape(role.zone or "none"), zone_label=_escape(label),
            seniority=_escape(seniority if len(seniority) <= 80 else Truncator(seniority).chars(80)),
            compare=compare, slug=_escape(role.slug),
        ))  # fmt: skip
    return mark_safe("\n".join(rows))


@register.filter
def sub_label_meaning(label):
    return aijri.SUB_LABEL_MEANINGS.get(label, "")


@register.simple_tag
def jsonld(data):
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


@register.filter
def get_item(mapping, key):
    return mapping.get(key, "") if hasattr(mapping, "get") else ""


_SPACED_DASH = re.compile(r"\s+--?\s+|(?<=\w)--(?=\w)")


@register.filter(is_safe=True)
def dashes(value):
    """Authors type "--" for a dash (documents stay ASCII); pages show an en dash: "needed – the NCCQ"."""
    if not isinstance(value, str):
        return value
    if value.strip() in {"-", "--"}:
        return "—"
    return _SPACED_DASH.sub(lambda match: " – " if match.group(0).strip() != match.group(0) else "–", value)


@register.filter
def task_words(score):
    return aijri.TASK_SCORE_WORDS.get(score, "")
