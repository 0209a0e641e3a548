from django.core.management.base import BaseCommand

from editorial.content_version import content_version
from scoring import moves


class Command(BaseCommand):
    help = "Work out every published role's safer moves again (saves do it for small sites; run it after bulk loads)."

    def handle(self, *args, **options):
        count = moves.refresh()
        content_version().bump()
        self.stdout.write(f"Stored {count} safer moves.")
