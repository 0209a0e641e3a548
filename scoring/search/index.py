"""Keeping the search index in step with published content."""

from __future__ import annotations

import gc

from django.db import OperationalError, connection, connections
from django.db.models.expressions import RawSQL
from django.utils import timezone

from editorial.content_version import content_version
from scoring.search.models import SearchEntry, SearchName, SearchWord
from scoring.search.terms import index_terms, key, name_keys, words

FTS_TABLE = "scoring_searchfts"
_memory: dict[str, tuple[int, object]] = {}
# Title words rank above other names, the SOC title and then what the job does (A > B > C > D).
WEIGHTS = {"terms_title": "A", "terms_alt": "B", "terms_soc": "C", "terms_body": "D"}
ID_BITS = 40  # the item's id fills the low bits of an entry's position
# PostgreSQL's vector holds every word of an entry, and each word of the first three columns again,
# marked with its column ("a.nurse" for a title word). A tier is then a plain lexeme match that the
# GIN index answers alone, where weights made PostgreSQL reread and parse every matching row's vector
# (about 10 ms to count a broad word's title matches). Migration 0018 wrote vectors the same way; 0019 reindexes.
COLUMN_MARKS = {"terms_title": "a.", "terms_alt": "b.", "terms_soc": "c."}
_MARKED = " UNION ALL ".join(
    f"SELECT '{mark}' || unnest(string_to_array({column}, ' '))" for column, mark in COLUMN_MARKS.items()
)
VECTOR_SQL = (
    "array_to_tsvector(ARRAY(SELECT DISTINCT w FROM ("
    f"SELECT unnest(string_to_array(concat_ws(' ', {', '.join(WEIGHTS)}), ' ')) UNION ALL {_MARKED}"
    f") lexemes(w) WHERE w NOT IN ('', {', '.join(repr(mark) for mark in COLUMN_MARKS.values())})))"
)


def role_values(role) -> dict:
    group = role.occupation if role.occupation_id else None
    return {
        "slug": role.slug,
        "title": role.job_title,
        "alternative_titles": list(role.alternative_titles),
        "terms_title": index_terms(role.job_title),
        "terms_alt": index_terms(" ".join(role.alternative_titles)),
        # The unit group's official job titles find the roles in it ("ward clerk" finds a clinical coder).
        "terms_soc": index_terms(f"{group.code} {group.title} {' '.join(group.related_titles)}" if group else ""),
        "terms_body": index_terms(f"{role.seniority_level} {role.primary_function}"),
        "zone": role.zone or "",
        "score": role.score,
        "updated": role.updated,
    }


def career_values(career) -> dict:
    return {
        "slug": career.slug,
        "title": career.title,
        "alternative_titles": list(career.alternative_titles),
        "terms_title": index_terms(career.title),
        "terms_alt": index_terms(" ".join(career.alternative_titles)),
        "terms_soc": "",
        "terms_body": index_terms(f"{career.summary} {career.what_you_do}"),
        "zone": "",
        "score": None,
        "updated": career.updated,
    }


def occupation_values(group) -> dict:
    """A SOC 2020 unit group: found by its title, its official job titles, its code and its texts."""
    return {
        "slug": group.code,
        "title": group.title,
        "alternative_titles": list(group.related_titles),
        "terms_title": index_terms(group.title),
        "terms_alt": index_terms(" ".join(group.related_titles)),
        "terms_soc": index_terms(group.code),
        "terms_body": index_terms(f"{group.description} {' '.join(group.tasks)}"),
        "zone": "",
        "score": None,
        "updated": timezone.now(),
    }


VALUES = {SearchEntry.ROLE: role_values, SearchEntry.CAREER: career_values, SearchEntry.OCCUPATION: occupation_values}
KIND_RANKS = {SearchEntry.ROLE: 0, SearchEntry.CAREER: 1, SearchEntry.OCCUPATION: 2}


def item_number(kind: str, item) -> int:
    return int(item.code) if kind == SearchEntry.OCCUPATION else item.pk  # SOC codes are digits


def update(kind: str, item, visible: bool) -> None:
    """Index a published item (or take it out when it is not public)."""
    if not visible:
        remove(kind, item.pk)
        return
    values = VALUES[kind](item)
    values["title_key"] = key(values["title"])
    number = item_number(kind, item)
    values["position"] = position(kind, number, values["title"])
    drop_match_index(list(SearchEntry.objects.filter(kind=kind, object_id=number).values_list("id", flat=True)))
    entry, _ = SearchEntry.objects.update_or_create(kind=kind, object_id=number, defaults=values)
    remember_words(values)
    write_match_index([entry])
    write_names([entry])


def remove(kind: str, object_id) -> None:
    _memory.clear()
    ids = list(SearchEntry.objects.filter(kind=kind, object_id=object_id).values_list("id", flat=True))
    if ids:
        drop_match_index(ids)
        SearchEntry.objects.filter(id__in=ids).delete()


def remembered(name: str, build):
    """Built once per content version in each process; this process forgets at once when it indexes."""
    version = content_version().current()
    held = _memory.get(name)
    if held is None or held[0] != version:
        held = (version, build())
        _memory[name] = held
        # What is kept here lives long and holds no cycles. Left to the collector, it made each full
        # collection walk a hundred thousand objects (80 ms, a search stalled now and then); frozen,
        # the collector skips it, and dropping it on the next version frees it by reference count.
        gc.freeze()
    return held[1]


def remember_words(*value_sets: dict) -> None:
    _memory.clear()
    words = {word for values in value_sets for name in WEIGHTS for word in values[name].split()}
    SearchWord.objects.bulk_create([SearchWord(word=word[:60]) for word in words], ignore_conflicts=True)


def position(kind: str, object_id: int, title: str) -> int:
    """Fewer title words first ('Nurse' before 'Staff Nurse' before 'Nurse Practitioner, Advanced'),
    then roles before careers before occupations, then the item, packed into one number the
    databases keep in order (known before the row is written)."""
    return (min(len(words(title)), 255) << 2 | KIND_RANKS[kind]) << ID_BITS | object_id


def write_match_index(entries: list[SearchEntry]) -> None:
    """The database's own full-text index over the entries' terms (their old rows dropped first)."""
    if not entries:
        return
    if connection.vendor == "postgresql":
        SearchEntry.objects.filter(id__in=[entry.id for entry in entries]).update(vector=RawSQL(VECTOR_SQL, []))
        return
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {FTS_TABLE} (rowid, {', '.join(WEIGHTS)}, facets) VALUES (%s, %s, %s, %s, %s, %s)",
                [(e.position, e.terms_title, e.terms_alt, e.terms_soc, e.terms_body, facets(e)) for e in entries],
            )


def placeholders(values) -> str:
    """'%s, %s, %s' for an IN (...) list of these values."""
    return ", ".join(["%s"] * len(values))


def facets(entry: SearchEntry) -> str:
    """What SQLite filters and counts by inside its full-text index ('kindrole zonered rolered'), so
    counting the matches of a broad word per zone reads the index alone, not thousands of rows."""
    zone = entry.zone or "none"
    return f"kind{entry.kind} zone{zone} {entry.kind}{zone}"


def drop_match_index(ids: list[int]) -> None:
    """Takes entries out of SQLite's full-text table, by the places they were written at."""
    if connection.vendor == "sqlite" and ids:
        with connection.cursor() as cursor:
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                cursor.execute(
                    f"DELETE FROM {FTS_TABLE} WHERE rowid IN (SELECT position FROM scoring_searchentry "
                    f"WHERE position IS NOT NULL AND id IN ({placeholders(chunk)}))",
                    chunk,
                )


def drop_stray_rows(using: str) -> None:
    """Takes out of SQLite's full-text table the rows no entry has. The table is not a model, so
    `manage.py flush` (and each transactional test's flush) empties the entries and leaves it full,
    and a later item written at a place still taken would be refused. Runs after every migrate and
    flush; after a migrate every row has its entry and nothing goes."""
    target = connections[using]
    if target.vendor != "sqlite" or FTS_TABLE not in target.introspection.table_names():
        return
    with target.cursor() as cursor:
        try:
            cursor.execute(
                f"DELETE FROM {FTS_TABLE} WHERE rowid NOT IN "
                "(SELECT position FROM scoring_searchentry WHERE position IS NOT NULL)"
            )
        except OperationalError:  # migrated back to before entries had places: nothing to match yet
            pass


def write_names(entries: list[SearchEntry]) -> None:
    """The keys suggestions are looked up by (see SearchName)."""
    SearchName.objects.filter(entry__in=entries).delete()
    names = []
    for entry in entries:
        seen = set()
        for other, name in [(False, entry.title), *((True, title) for title in entry.alternative_titles)]:
            for start, name_key in enumerate(name_keys(name)):
                if name_key not in seen:
                    seen.add(name_key)
                    names.append(SearchName(entry=entry, key=name_key, rank=2 * other + (start > 0)))
    SearchName.objects.bulk_create(names, batch_size=2000)


def rebuild_published() -> int:
    """Index everything public again: published roles and careers, and every SOC unit group."""
    from careers.models import Career, Occupation
    from scoring.models import Assessment

    roles = Assessment.objects.published().select_related("occupation")
    return rebuild(roles, Career.objects.published(), Occupation.objects.units())


def rebuild(roles, careers, occupations=()) -> int:
    """Index every published role and career, and the SOC unit groups, from scratch (after bulk loads)."""
    SearchName.objects.all().delete()
    count = rebuild_entries(roles, careers, occupations)
    entries = list(SearchEntry.objects.only("id", "title", "alternative_titles"))
    for start in range(0, len(entries), 1000):
        write_names(entries[start : start + 1000])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE scoring_searchname")
        if connection.vendor == "sqlite":
            # A bulk load leaves the full-text index in many small segments; one merged b-tree reads faster.
            cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('optimize')")
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            # The rows a bulk load replaced stay in the table, and in every search's scan, until vacuumed.
            cursor.execute("VACUUM ANALYZE scoring_searchentry")
    return count


def rebuild_entries(roles, careers, occupations=()) -> int:
    """The entries, their full-text index and the vocabulary (the search index as migration 0007 made it)."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE}")
    SearchEntry.objects.all().delete()
    kinds = ((SearchEntry.ROLE, roles), (SearchEntry.CAREER, careers), (SearchEntry.OCCUPATION, occupations))
    built = [(kind, VALUES[kind](item), item_number(kind, item)) for kind, items in kinds for item in items]
    entries = []
    for kind, values, pk in built:
        values["title_key"] = key(values["title"])
        values["position"] = position(kind, pk, values["title"])
        entries.append(SearchEntry(kind=kind, object_id=pk, **values))
    SearchEntry.objects.bulk_create(entries, batch_size=1000)
    entries = list(SearchEntry.objects.all())
    for start in range(0, len(entries), 1000):
        write_match_index(entries[start : start + 1000])
    for start in range(0, len(built), 1000):
        remember_words(*(values for _, values, _ in built[start : start + 1000]))
    with connection.cursor() as cursor:
        # After a bulk load the planner's statistics are stale and it may walk the table, not the index.
        for table in ("scoring_searchentry", "scoring_searchword", "scoring_assessment", "careers_career"):
            cursor.execute(f"ANALYZE {table}")
    return len(entries)
