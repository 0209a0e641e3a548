from django.core.management.base import BaseCommand

from careers.models import Career
from editorial.content_version import content_version
from scoring.models import Assessment
from scoring.search import index


class Command(BaseCommand):
    help = "Index every published role and career for search again (saves keep it current; use after bulk loads)."

    def handle(self, *args, **options):
        count = index.rebuild(Assessment.objects.published().select_related("occupation"), Career.objects.published())
        content_version().bump()
        self.stdout.write(f"Indexed {count} published roles and careers.")
