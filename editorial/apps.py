from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = "Editorial workflow"

    def ready(self):
        from editorial.content_version import bump_content_version
        from editorial.groups import ensure_groups
        from editorial.models import content_models

        post_migrate.connect(ensure_groups, dispatch_uid="editorial.ensure_groups")
        # Every row a public page is built from retires the cached pages when it changes.
        for model in content_models():
            for signal in (post_save, post_delete):
                signal.connect(bump_content_version, sender=model, dispatch_uid=f"bump-{model._meta.label}-{signal}")
