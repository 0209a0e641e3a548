import shutil
import sqlite3
import subprocess
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection


def postgres_url() -> str:
    db = settings.DATABASES["default"]
    port = db.get("PORT") or 5432
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgresql://{db.get('USER') or ''}{password}@{db.get('HOST') or 'localhost'}:{port}/{db['NAME']}"


def default_path() -> Path:
    suffix = "dump" if connection.vendor == "postgresql" else "sqlite3"
    return settings.BASE_DIR / "backups" / f"jobzone-{datetime.now():%Y%m%d-%H%M%S}.{suffix}"


class Command(BaseCommand):
    help = "Back up the database: pg_dump for PostgreSQL, a consistent file copy for SQLite."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="Where to write the backup (default: backups/jobzone-TIME.*).")

    def handle(self, *args, path=None, **options):
        target = Path(path) if path else default_path()
        target.parent.mkdir(parents=True, exist_ok=True)
        if connection.vendor == "postgresql":
            if not shutil.which("pg_dump"):
                raise CommandError("pg_dump is not installed (apt-get install postgresql-client).")
            run = subprocess.run(
                ["pg_dump", "--format=custom", "--no-owner", "--file", str(target), postgres_url()],
                capture_output=True,
                text=True,
            )
            if run.returncode:
                raise CommandError(f"pg_dump failed: {run.stderr.strip()}")
        elif connection.vendor == "sqlite":
            # The backup API copies a consistent snapshot even while the site is writing.
            source = sqlite3.connect(settings.DATABASES["default"]["NAME"])
            with sqlite3.connect(target) as copy:
                source.backup(copy)
            source.close()
        else:
            raise CommandError(f"No backup method for {connection.vendor}.")
        self.stdout.write(str(target))
