from django.apps import AppConfig
from django.db.models.signals import post_migrate


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = "Editorial workflow"

    def ready(self):
        from editorial import line_endings, public_changes, revisions, surrogate_keys
        from editorial.content_version import bump_content_version
        from editorial.groups import ensure_groups
        from editorial.models import content_models

        post_migrate.connect(ensure_groups, dispatch_uid="editorial.ensure_groups")
        # Every row a public page is built from retires the cached pages when it changes (drafts do not).
        public_changes.track_publishable_models()
        public_changes.connect(lambda instance: bump_content_version(), content_models(), "bump")
        # ... and the pages that show it, precisely (editorial.surrogate_keys; Varnish too).
        public_changes.connect(
            lambda instance: surrogate_keys.retire(public_changes.keys_for(instance)), content_models(), "keys"
        )
        line_endings.connect(content_models())
        revisions.follow_deletions()
