"""What every piece of public content shares: a status, publication dates and the rows it is made of."""

from django.apps import apps
from django.db import models
from django.db.models import Prefetch
from django.utils import timezone


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class PublishableQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)

    def visible_to(self, user):
        """The public sees published items; staff also preview drafts exactly as they will look."""
        if user.is_authenticated and user.is_staff:
            return self.previewable()
        return self.published()

    def previewable(self):
        return self.all()


class Publishable(models.Model):
    """Status and dates shared by careers and assessments; only published rows are public.

    A subclass lists the rows it is made of in `history_children` (versioned with it, restored with
    it) and `public_children` (shown on its page but not part of a version).
    """

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True, db_index=True)
    # Counts saves: a staff form remembers the number it was opened at, and a save from an older one is
    # refused (editorial.locking) rather than silently undoing someone else's work.
    edit_version = models.PositiveIntegerField(default=0, editable=False)

    objects = PublishableQuerySet.as_manager()

    history_children: list = []
    history_parent_field = ""
    public_children: list = []
    # The surrogate keys of its own page ("role-12") and of the lists it appears in ("roles"); see
    # editorial.surrogate_keys.
    page_key = ""
    list_key = ""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.edit_version = (self.edit_version or 0) + 1
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "edit_version"}
        super().save(*args, **kwargs)

    def surrogate_keys(self) -> set[str]:
        """The keys of every page that shows this item, read from its own row (no queries)."""
        return {f"{self.page_key}-{self.pk}", self.list_key}

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED

    def stamp_publication(self) -> None:
        if self.is_published and self.published_at is None:
            self.published_at = timezone.now()


def publishable_models() -> list:
    return [model for model in apps.get_models() if issubclass(model, Publishable)]


def content_models() -> list:
    """Every model whose rows appear on public pages: the publishable items and their rows."""
    found = []
    for model in publishable_models():
        for part in (model, *model.history_children, *model.public_children):
            if part not in found:
                found.append(part)
    return found


def published_related(model, relation: str, to_attr: str) -> Prefetch:
    """Prefetch the published items across a reverse relation, so a lower app never imports the higher one."""
    related = model._meta.get_field(relation).related_model
    return Prefetch(relation, queryset=related.objects.published(), to_attr=to_attr)


from editorial.revisions import PendingRevision  # noqa: E402,F401  (registered with the editorial app)
