"""Recompute every assessment from its stored inputs with the engine, e.g. after a methodology change."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from scoring.models import STORED_RESULTS, Assessment

REASON = "Methodology recalculation"
CHUNK = 500
# What recompute() stores; any of these moving makes the stored row stale.
FIGURES = [*STORED_RESULTS.values(), "calculation_problem"]


def figures(role: Assessment) -> dict:
    return {field: getattr(role, field) for field in FIGURES}


def headline(role: Assessment) -> str:
    return f"{role.score} {role.zone_label}" if role.zone else "not scored"


class Command(BaseCommand):
    help = (
        "Recompute every assessment's stored figures from its stored inputs, saving a version "
        f"(reason {REASON!r}) for each one that moves. --check fails, saving nothing, if any are stale."
    )

    def add_arguments(self, parser):
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument("--dry-run", action="store_true", help="Print what would move; save nothing.")
        mode.add_argument("--check", action="store_true", help="Fail if any stored figure is stale; save nothing.")

    @transaction.atomic  # one switch: the site never shows some roles on the old methodology and some on the new
    def handle(self, *args, dry_run, check, **options):
        roles = (
            Assessment.objects.select_related("career")
            .prefetch_related("tasks", "evidence", "barriers", "not_roles")
            .order_by("pk")  # rows are saved while iterating; the primary key keeps the walk stable
        )
        total, changed, moved, stale = 0, 0, 0, []
        for role in roles.iterator(chunk_size=CHUNK):
            total += 1
            before, stored = (role.score, role.zone, role.sub_label), figures(role)
            before_text = headline(role)
            role.recompute()
            differs = {
                field: (stored[field], value) for field, value in figures(role).items() if stored[field] != value
            }
            if not differs:
                continue
            changed += 1
            if check:
                stale.append(f"{role.slug}: " + ", ".join(f"{f} {old} -> {new}" for f, (old, new) in differs.items()))
                continue
            if before != (role.score, role.zone, role.sub_label):
                moved += 1
                self.stdout.write(f"{role.slug}: {before_text} -> {headline(role)}")
            if not dry_run:
                role._change_reason = REASON
                role.save()
                role.record_publication(REASON, public_note="Recalculated after a change to the scoring method.")
        if check:
            if stale:
                raise CommandError(
                    f"{len(stale)} of {total} assessment(s) store figures the engine no longer gives; "
                    "run manage.py recompute_scores.\n" + "\n".join(stale)
                )
            self.stdout.write(self.style.SUCCESS(f"All {total} assessment(s) match the engine."))
            return
        verb = "would be recalculated (dry run, nothing saved)" if dry_run else "recalculated"
        self.stdout.write(
            self.style.SUCCESS(
                f"{changed} of {total} assessment(s) {verb}; {moved} with a new score, zone or sub-label."
            )
        )
