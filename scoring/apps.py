from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ScoringConfig(AppConfig):
    name = "scoring"
    verbose_name = "AIJRI assessments"

    def ready(self):
        from scoring.groups import ensure_groups

        post_migrate.connect(ensure_groups, sender=self, dispatch_uid="scoring.ensure_groups")
