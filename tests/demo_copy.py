"""The demo content, loaded once per test process and copied back for each later test that wants it.

Loading the demo takes seconds and many tests want it. The first load's rows are kept in memory,
table by table (on PostgreSQL through COPY), and written back in one transaction: inside a test's
own transaction (`db`, rolled back after) or committed for the live server (`transactional_db`).
Foreign keys are checked at commit, so the order of the tables does not matter. SQLite's full-text
table is not a Django model and is copied beside the models' tables.
"""

from io import StringIO

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction

from editorial.content_version import bump_content_version
from tests.factories import load_demo

FULL_TEXT_TABLES = ["scoring_searchfts"]  # SQLite only (scoring.search)
kept: dict[str, object] = {}
report: list[str] = []


def loaded_demo() -> str:
    """The test database holds exactly the demo content, published; the value is load_demo's report."""
    if kept:
        with transaction.atomic():
            restore()
        ContentType.objects.clear_cache()  # the rows are the first load's, not the ones a flush made since
        bump_content_version()  # what each process keeps per content version (search vocabularies) starts afresh
        return report[0]
    report.append(load_demo())
    # The search index as a deployment's bulk load leaves it (rebuilt, its full-text segments merged).
    call_command("rebuild_search_index", stdout=StringIO())
    keep()
    return report[0]


def tables() -> list[str]:
    names = sorted(connection.introspection.django_table_names(only_existing=True))
    return names + (FULL_TEXT_TABLES if connection.vendor == "sqlite" else [])


def columns(cursor, table: str) -> list[str]:
    cursor.execute(f'PRAGMA table_info("{table}")')
    return [row[1] for row in cursor.fetchall()]


def quoted(names: list[str]) -> str:
    return ", ".join(connection.ops.quote_name(name) for name in names)


def keep() -> None:
    with connection.cursor() as cursor:
        for table in tables():
            if connection.vendor == "postgresql":
                with cursor.copy(f'COPY "{table}" TO STDOUT') as copy:
                    kept[table] = b"".join(bytes(block) for block in copy)
            else:
                names = ["rowid", *columns(cursor, table)] if table in FULL_TEXT_TABLES else columns(cursor, table)
                cursor.execute(f'SELECT {quoted(names)} FROM "{table}"')
                kept[table] = (names, cursor.fetchall())


def restore() -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("TRUNCATE " + ", ".join(f'"{table}"' for table in kept) + " CASCADE")
            for table, data in kept.items():
                with cursor.copy(f'COPY "{table}" FROM STDIN') as copy:
                    copy.write(data)
            for sql in connection.ops.sequence_reset_sql(no_style(), apps.get_models(include_auto_created=True)):
                cursor.execute(sql)
            return
        for table, (names, rows) in kept.items():
            cursor.execute(f'DELETE FROM "{table}"')
            if rows:
                marks = ", ".join(["%s"] * len(names))
                cursor.executemany(f'INSERT INTO "{table}" ({quoted(names)}) VALUES ({marks})', rows)
