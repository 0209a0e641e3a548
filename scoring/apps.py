from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save


class ScoringConfig(AppConfig):
    name = "scoring"
    verbose_name = "AIJRI assessments"

    def ready(self):
        from careers.models import Career, EntryRoute, PayBand
        from jobzone_site.caching import bump_content_version
        from scoring.groups import ensure_groups
        from scoring.models import Assessment, BarrierScore, EvidenceScore, NotThisRole, ScoreSnapshot, Task

        post_migrate.connect(ensure_groups, sender=self, dispatch_uid="scoring.ensure_groups")
        for model in (
            Assessment,
            Task,
            EvidenceScore,
            BarrierScore,
            NotThisRole,
            ScoreSnapshot,
            Career,
            EntryRoute,
            PayBand,
        ):
            for signal in (post_save, post_delete):
                signal.connect(bump_content_version, sender=model, dispatch_uid=f"bump-{model.__name__}-{signal}")
