from django.core.management.base import BaseCommand

from editorial.content_version import content_version
from editorial.surrogate_keys import retire_every_page
from scoring import moves


class Command(BaseCommand):
    help = "Work out every published role's safer moves again (saves do it for small sites; run it after bulk loads)."

    def handle(self, *args, **options):
        count = moves.refresh()
        content_version().bump()
        retire_every_page()
        self.stdout.write(f"Stored {count} safer moves.")
