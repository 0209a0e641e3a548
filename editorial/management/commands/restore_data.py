import sqlite3
import subprocess
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from editorial.content_version import content_version
from editorial.management.commands.backup_data import postgres_url
from editorial.surrogate_keys import retire_every_page


class Command(BaseCommand):
    help = "Restore a backup made by backup_data, replacing everything in the database."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, path, **options):
        source = Path(path)
        if not source.is_file():
            raise CommandError(f"{source}: no such backup file.")
        connection.close()
        if connection.vendor == "postgresql":
            run = subprocess.run(
                ["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", "--dbname",
                 postgres_url(), str(source)],
                capture_output=True,
                text=True,
            )  # fmt: skip
            if run.returncode:
                raise CommandError(f"pg_restore failed: {run.stderr.strip()}")
        elif connection.vendor == "sqlite":
            with sqlite3.connect(source) as backup, sqlite3.connect(settings.DATABASES["default"]["NAME"]) as live:
                backup.backup(live)
        else:
            raise CommandError(f"No restore method for {connection.vendor}.")
        content_version().bump()  # every cached page predates the restore
        retire_every_page()
        self.stdout.write(f"Restored {source}.")
