from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save, pre_delete


def index_role(sender, instance, **kwargs):
    from scoring.search import index

    index.update(index.SearchEntry.ROLE, instance, instance.is_published and instance.score is not None)


def index_career(sender, instance, **kwargs):
    from scoring.search import index

    index.update(index.SearchEntry.CAREER, instance, instance.is_published)


def reindex_everything(sender, **kwargs):
    from scoring.search import index

    index.rebuild_published()


def drop_stray_search_rows(sender, using, **kwargs):
    from scoring.search import index

    index.drop_stray_rows(using)


def refresh_moves(instance):
    from scoring import moves

    moves.refresh_after_commit(getattr(instance, "role_id", instance.pk))


def moves_choice_changed(sender, instance, **kwargs):
    refresh_moves(instance)


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
        from careers.signals import occupations_changed
        from editorial import public_changes
        from editorial.signals import item_restored
        from scoring import career_links
        from scoring.models import Assessment, MoveChoice

        # The search index holds published items only, so it follows every save and delete.
        post_save.connect(index_role, sender=Assessment, dispatch_uid="search-role")
        post_save.connect(index_career, sender=Career, dispatch_uid="search-career")
        post_delete.connect(unindex("role"), sender=Assessment, dispatch_uid="unsearch-role")
        post_delete.connect(unindex("career"), sender=Career, dispatch_uid="unsearch-career")
        occupations_changed.connect(reindex_everything, dispatch_uid="search-occupations")
        post_migrate.connect(drop_stray_search_rows, sender=self, dispatch_uid="search-stray-rows")
        # Safer moves are worked out when public content changes, never while a page is served (and not
        # for drafts, whose moves nobody sees).
        public_changes.connect(refresh_moves, [Assessment], "moves-role")
        # A role's career link changes as a version of the role, also when the career goes or comes back.
        pre_delete.connect(career_links.unlink_roles, sender=Career, dispatch_uid="unlink-roles")
        item_restored.connect(career_links.relink_roles, sender=Career, dispatch_uid="relink-roles")
        post_save.connect(moves_choice_changed, sender=MoveChoice, dispatch_uid="moves-choice")
        post_delete.connect(moves_choice_changed, sender=MoveChoice, dispatch_uid="moves-choice-gone")
