from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from documents.management.commands.import_documents import document_paths, import_paths
from scoring import moves

DEMO_FOLDERS = [Path(__file__).resolve().parents[2] / "demo" / kind for kind in ("careers", "assessments")]


class Command(BaseCommand):
    help = "Import the demo career profiles and assessments, published. Safe to run again."

    def handle(self, *args, **options):
        paths = document_paths([str(folder) for folder in DEMO_FOLDERS if Path(folder).is_dir()])
        failed = import_paths(self, paths, publish=True, dry_run=False)
        if failed:
            raise CommandError(f"{failed} demo document(s) failed to import.")
        moves.refresh()  # at once, even inside an outer transaction that has not committed yet
        self.stdout.write(self.style.SUCCESS(f"Demo content loaded: {len(paths)} documents."))
