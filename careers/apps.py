from django.apps import AppConfig
from django.db.models.signals import post_migrate


def ensure_occupations(sender, apps=None, using="default", **kwargs) -> None:
    """After a migrate, or a flush (which transactional tests do after each test), the SOC table is filled.

    The migration that creates the table loads it; this only refills an emptied table, so it costs one
    query when nothing is missing.
    """
    from careers.occupations import load

    try:
        model = (apps or sender.apps).get_model("careers", "Occupation")
    except LookupError:  # migrated back to before the table existed
        return
    if not model._base_manager.using(using).exists():
        load(model)


class CareersConfig(AppConfig):
    name = "careers"
    verbose_name = "Career profiles"

    def ready(self):
        post_migrate.connect(ensure_occupations, sender=self, dispatch_uid="careers.ensure_occupations")
