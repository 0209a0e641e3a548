from django.core.management.base import BaseCommand

from editorial.content_version import content_version
from scoring.search import index


class Command(BaseCommand):
    help = "Index published roles and careers and the SOC unit groups again (after bulk loads; saves keep it current)."

    def handle(self, *args, **options):
        count = index.rebuild_published()
        content_version().bump()
        self.stdout.write(f"Indexed {count} published roles, careers and SOC unit groups.")
