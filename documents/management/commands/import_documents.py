from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from documents.importer import import_text
from documents.text import DocumentError

DOCUMENT_SUFFIXES = {".txt", ".md"}


def document_paths(paths: list[str]) -> list[Path]:
    found = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES)
        elif path.is_file():
            found.append(path)
        else:
            raise CommandError(f"{raw}: no such file or directory.")
    return found


def import_paths(command: BaseCommand, paths: list[Path], publish: bool, dry_run: bool) -> int:
    """Import each document on its own (atomically); returns how many failed."""
    failed = 0
    width = len(str(len(paths)))
    for number, path in enumerate(paths, start=1):
        progress = f"[{number:>{width}}/{len(paths)}]"
        try:
            text = path.read_text(encoding="utf-8-sig")
            report = import_text(text, str(path), publish=publish, dry_run=dry_run)
        except UnicodeDecodeError:
            failed += 1
            command.stderr.write(f"{progress} ERROR {path.name}: not a UTF-8 text document; nothing saved.")
            continue
        except DocumentError as error:
            failed += 1
            message = error.describe()
            stop = "" if message.endswith((".", "?", "!")) else "."
            command.stderr.write(f"{progress} ERROR {message}{stop} Nothing from this document was saved.")
            continue
        verb = (
            ("would create" if report.created else "would update")
            if dry_run
            else ("created" if report.created else "updated")
        )
        command.stdout.write(f"{progress} {verb} {report.kind} {report.title} ({report.slug}): {report.summary}")
        for change in report.changes:
            command.stdout.write(f"      changed {change}")
        for warning in report.warnings:
            command.stdout.write(command.style.WARNING(f"      WARNING {warning['message']}"))
    return failed


class Command(BaseCommand):
    help = "Import assessment and career profile documents (files or directories); each document is atomic."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument("--publish", action="store_true", help="Publish what is imported (default: draft).")
        parser.add_argument("--dry-run", action="store_true", help="Report what would change; save nothing.")

    def handle(self, *args, paths, publish, dry_run, **options):
        documents = document_paths(paths)
        if not documents:
            raise CommandError("No documents found in the paths given.")
        failed = import_paths(self, documents, publish=publish, dry_run=dry_run)
        done = len(documents) - failed
        self.stdout.write(f"{done} of {len(documents)} documents {'checked' if dry_run else 'imported'}.")
        if failed:
            raise CommandError(f"{failed} document(s) could not be imported; see the errors above.")
