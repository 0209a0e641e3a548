"""A list of short names (a job's other titles) stored as a JSON list and edited one per line."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

MAX_TITLES = 30
MAX_TITLE_LENGTH = 100


def clean_titles(raw, separators=("\n", ";")) -> list[str]:
    """'carer; home carer\\nCarer' -> ['carer', 'home carer']: trimmed, blank and repeated entries dropped."""
    text = raw if isinstance(raw, str) else "\n".join(map(str, raw or []))
    for separator in separators[1:]:
        text = text.replace(separator, separators[0])
    titles, seen = [], set()
    for title in (" ".join(part.split()) for part in text.split(separators[0])):
        if title and title.lower() not in seen:
            seen.add(title.lower())
            titles.append(title)
    too_long = [title for title in titles if len(title) > MAX_TITLE_LENGTH]
    if too_long:
        raise ValidationError(f"Each title may be at most {MAX_TITLE_LENGTH} characters: “{too_long[0][:40]}…”.")
    if len(titles) > MAX_TITLES:
        raise ValidationError(f"Give at most {MAX_TITLES} titles (there are {len(titles)}).")
    return titles


class TitleListFormField(forms.CharField):
    widget = forms.Textarea(attrs={"rows": 4})

    def __init__(self, **kwargs):
        kwargs.pop("encoder", None)
        kwargs.pop("decoder", None)
        kwargs.pop("max_length", None)
        kwargs.setdefault("help_text", "One title per line, as people call this job in the UK.")
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        return clean_titles(value or "")

    def has_changed(self, initial, data):
        return clean_titles(initial or []) != self.to_python(data)


class TitleListField(models.JSONField):
    """A JSON list of titles; forms show one title per line."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": TitleListFormField, **kwargs})
