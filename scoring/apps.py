from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


def index_role(sender, instance, **kwargs):
    from scoring.search import index

    index.update(index.SearchEntry.ROLE, instance, instance.is_published and instance.score is not None)


def index_career(sender, instance, **kwargs):
    from scoring.search import index

    index.update(index.SearchEntry.CAREER, instance, instance.is_published)


def unindex(kind):
    def handler(sender, instance, **kwargs):
        from scoring.search import index

        index.remove(kind, instance.pk)

    return handler


class ScoringConfig(AppConfig):
    name = "scoring"
    verbose_name = "AIJRI assessments"

    def ready(self):
        from careers.models import Career
        from scoring.models import Assessment

        # The search index holds published items only, so it follows every save and delete.
        post_save.connect(index_role, sender=Assessment, dispatch_uid="search-role")
        post_save.connect(index_career, sender=Career, dispatch_uid="search-career")
        post_delete.connect(unindex("role"), sender=Assessment, dispatch_uid="unsearch-role")
        post_delete.connect(unindex("career"), sender=Career, dispatch_uid="unsearch-career")
