"""make backup / make restore round trip: back up, change and delete things, restore, all is back."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
STATE = (
    "import json; from scoring.models import Assessment; from careers.models import Career;"
    "print(json.dumps({'roles': sorted((a.slug, str(a.score), a.tasks.count()) for a in Assessment.objects.all()),"
    "'careers': sorted(Career.objects.values_list('slug', flat=True))}))"
)
CHANGE = (
    "from scoring.models import Assessment; from careers.models import Career;"
    "Assessment.objects.get(slug='clinical-coder-nhs').delete(); Career.objects.get(slug='plumber').delete();"
    "a = Assessment.objects.get(slug='paramedic'); a.score_override = 5; a.override_reason = 'vandal'; a.save()"
)


def manage(database_url, *args):
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "jobzone_site.settings"}
    run = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    return run.stdout.strip()


def state(database_url):
    return json.loads(manage(database_url, "shell", "--no-imports", "-c", STATE).splitlines()[-1])


def round_trip(database_url, backup_path):
    manage(database_url, "migrate", "--noinput")
    manage(database_url, "load_demo")
    before = state(database_url)
    manage(database_url, "backup_data", str(backup_path))
    manage(database_url, "shell", "--no-imports", "-c", CHANGE)
    changed = state(database_url)
    assert changed != before and len(changed["roles"]) == len(before["roles"]) - 1
    manage(database_url, "restore_data", str(backup_path))
    assert state(database_url) == before


def test_sqlite_backup_and_restore(tmp_path):
    round_trip(f"sqlite:///{tmp_path / 'site.sqlite3'}", tmp_path / "backup.sqlite3")


def postgres_available():
    return subprocess.run(["pg_isready", "-h", "127.0.0.1", "-q"]).returncode == 0


@pytest.mark.skipif(not postgres_available(), reason="no PostgreSQL server on 127.0.0.1")
def test_postgres_backup_and_restore(tmp_path):
    psql = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-qc"]
    subprocess.run([*psql, "DROP DATABASE IF EXISTS jobzone_backup_test"], check=True, capture_output=True)
    subprocess.run([*psql, "CREATE DATABASE jobzone_backup_test"], check=True, capture_output=True)
    try:
        round_trip("postgres://postgres@127.0.0.1:5432/jobzone_backup_test", tmp_path / "backup.dump")
    finally:
        subprocess.run([*psql, "DROP DATABASE IF EXISTS jobzone_backup_test"], capture_output=True)
