"""Keeping the search index in step with published content."""

from __future__ import annotations

from django.contrib.postgres.search import SearchVector
from django.db import connection

from editorial.content_version import content_version
from scoring.search.models import SearchEntry, SearchWord
from scoring.search.terms import index_terms, key

FTS_TABLE = "scoring_searchfts"
_memory: dict[str, tuple[int, object]] = {}
# Title words rank above other names, the SOC title and then what the job does (A > B > C > D).
WEIGHTS = {"terms_title": "A", "terms_alt": "B", "terms_soc": "C", "terms_body": "D"}


def role_values(role) -> dict:
    return {
        "slug": role.slug,
        "title": role.job_title,
        "alternative_titles": list(role.alternative_titles),
        "terms_title": index_terms(role.job_title),
        "terms_alt": index_terms(" ".join(role.alternative_titles)),
        "terms_soc": index_terms(f"{role.soc_code} {role.soc_title}"),
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


def update(kind: str, item, visible: bool) -> None:
    """Index a published item (or take it out when it is not public)."""
    if not visible:
        remove(kind, item.pk)
        return
    values = role_values(item) if kind == SearchEntry.ROLE else career_values(item)
    values["title_key"] = key(values["title"])
    entry, _ = SearchEntry.objects.update_or_create(kind=kind, object_id=item.pk, defaults=values)
    remember_words(values)
    write_match_index([entry])


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
    return held[1]


def remember_words(*value_sets: dict) -> None:
    _memory.clear()
    words = {word for values in value_sets for name in WEIGHTS for word in values[name].split()}
    SearchWord.objects.bulk_create([SearchWord(word=word[:60]) for word in words], ignore_conflicts=True)


def write_match_index(entries: list[SearchEntry]) -> None:
    """The database's own full-text index over the entries' terms."""
    if not entries:
        return
    if connection.vendor == "postgresql":
        vector = None
        for name, weight in WEIGHTS.items():
            part = SearchVector(name, weight=weight, config="simple")
            vector = part if vector is None else vector + part
        SearchEntry.objects.filter(id__in=[entry.id for entry in entries]).update(vector=vector)
        return
    if connection.vendor == "sqlite":
        drop_match_index([entry.id for entry in entries])
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {FTS_TABLE} (rowid, {', '.join(WEIGHTS)}) VALUES (%s, %s, %s, %s, %s)",
                [(e.id, e.terms_title, e.terms_alt, e.terms_soc, e.terms_body) for e in entries],
            )


def drop_match_index(ids: list[int]) -> None:
    if connection.vendor == "sqlite" and ids:
        with connection.cursor() as cursor:
            cursor.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [(pk,) for pk in ids])


def rebuild(roles, careers) -> int:
    """Index every published role and career from scratch (after bulk loads and in migrations)."""
    drop_match_index(list(SearchEntry.objects.values_list("id", flat=True)))
    SearchEntry.objects.all().delete()
    built = [(SearchEntry.ROLE, role_values(role), role.pk) for role in roles]
    built += [(SearchEntry.CAREER, career_values(career), career.pk) for career in careers]
    entries = []
    for kind, values, pk in built:
        values["title_key"] = key(values["title"])
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
