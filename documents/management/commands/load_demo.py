import hashlib
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from careers.models import Career
from documents.importer import import_text
from documents.management.commands.import_documents import document_paths
from documents.text import DocumentError
from editorial import revisions
from scoring import moves
from scoring.models import Assessment

DEMO_FOLDERS = [Path(__file__).resolve().parents[2] / "demo" / kind for kind in ("careers", "assessments")]
MODELS = {"assessment": Assessment, "career": Career}
RESET = " (reset)"
REASON_LENGTH = 100 - len(RESET)  # history keeps reasons of at most 100 characters


def demo_reason(path: Path, text: str) -> str:
    """The version a demo load records names the document and a fingerprint of its text, so a later
    run can tell "loaded from this very text, untouched since" from anything staff did after."""
    digest = hashlib.sha256(text.encode()).hexdigest()[:12]
    return f"Demo content {digest} from {path.name}"[:REASON_LENGTH]


def latest_reason(item) -> tuple[str, object]:
    """The reason and author of an item's newest version."""
    record = item.history.order_by("-history_date", "-history_id").only("history_change_reason", "history_user")
    record = record.first()
    return (record.history_change_reason or "", record.history_user_id) if record else ("", None)


def plan(path: Path, text: str, reset: bool) -> tuple[str, str]:
    """(action, title): "add", "update", "reset", "current" or "skip" for one demo document."""
    check = import_text(text, path.name, dry_run=True)
    if check.created:
        return "add", check.title
    if reset:
        return "reset", check.title
    item = MODELS[check.kind].objects.get(slug=check.slug)
    reason, author = latest_reason(item)
    if reason.startswith(demo_reason(path, text)):
        return "current", check.title
    if reason.startswith("Demo content ") and author is None and revisions.of(item) is None:
        return "update", check.title  # the demo document changed and nobody has touched the item (or revised it) since
    return "skip", check.title


class Command(BaseCommand):
    help = (
        "Load the demo career profiles and assessments, published. Adds what is missing and updates what nobody "
        "has edited since it was loaded; items staff have changed are kept and listed. --reset overwrites them."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset", action="store_true", help="Put every demo item back to the demo text, staff edits included."
        )

    def handle(self, *args, reset=False, **options):
        paths = document_paths([str(folder) for folder in DEMO_FOLDERS if Path(folder).is_dir()])
        done, kept, failed = {"add": 0, "update": 0, "reset": 0, "current": 0}, [], 0
        with moves.held():  # one refresh below, not one per document
            for path in paths:
                text = path.read_text(encoding="utf-8-sig")
                try:
                    action, title = plan(path, text, reset)
                    if action == "skip":
                        kept.append(title)
                        continue
                    if action != "current":
                        reason = demo_reason(path, text) + (RESET if action == "reset" else "")
                        import_text(text, path.name, publish=True, reason=reason)
                except DocumentError as error:
                    failed += 1
                    self.stderr.write(f"ERROR {error.describe()}")
                    continue
                done[action] += 1
        if done["add"] or done["update"] or done["reset"]:
            moves.refresh()  # at once, even inside an outer transaction that has not committed yet
        if failed:
            raise CommandError(f"{failed} demo document(s) failed to import.")
        for title in kept:
            self.stdout.write(f"Kept “{title}”: edited by staff since the demo loaded it (--reset overwrites).")
        summary = ", ".join(f"{count} {word}" for word, count in (
            ("added", done["add"]), ("updated", done["update"]), ("reset", done["reset"]),
            ("already up to date", done["current"]), ("kept as staff left them", len(kept)),
        ) if count)  # fmt: skip
        self.stdout.write(self.style.SUCCESS(f"Demo content: {len(paths)} documents: {summary or 'nothing to do'}."))
