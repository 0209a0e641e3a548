"""Text is stored with "\\n" line breaks whatever sent it (browsers post "\\r\\n", documents may carry
either), so two versions of an item differ only where someone really changed something."""

from django.db import models
from django.db.models.signals import pre_save


def normalised(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def normalise_line_endings(sender, instance, **kwargs):
    for field in instance._meta.concrete_fields:
        if isinstance(field, models.CharField | models.TextField):
            value = getattr(instance, field.attname)
            if isinstance(value, str) and "\r" in value:
                setattr(instance, field.attname, normalised(value))


def normalised_post(post):
    """A posted form with "\n" line breaks, so comparing it with stored text shows only real changes."""
    copy = post.copy()
    for key in copy:
        copy.setlist(key, [normalised(value) if isinstance(value, str) else value for value in post.getlist(key)])
    return copy


def connect(models_with_text) -> None:
    for model in models_with_text:
        pre_save.connect(normalise_line_endings, sender=model, dispatch_uid=f"line-endings-{model._meta.label}")
