"""Finding roles and careers by the words people use for their job.

A search is read into stems (word forms meet: "therapy" finds therapist), joined where two words
are one ("fire fighter"), and corrected where a word is misspelt ("clinicle" -> clinical): with
pg_trgm on PostgreSQL and rapidfuzz over the same vocabulary on SQLite. The database's full-text
index then finds the entries; an exact title comes first, then title words, other names, the SOC
title and what the job does (column weights on both databases).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import connection
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from editorial.content_version import content_version
from scoring.search.index import FTS_TABLE, remembered
from scoring.search.models import SearchEntry, SearchWord
from scoring.search.terms import key, query_words, stem

# Orders over the ranked columns (see find); "relevance" puts an exact title first, then the rank.
ORDERS = {
    "relevance": "exact DESC, r {direction}, t ASC",
    "title": "t ASC",
    "-score": "s DESC, t ASC",
    "score": "s ASC, t ASC",
    "updated": "u DESC, t ASC",
}


@dataclass
class Query:
    text: str
    terms: list[str] = field(default_factory=list)
    corrected: list[tuple[str, str]] = field(default_factory=list)  # (typed, read as)

    @property
    def exact(self) -> str:
        return key(self.text)


def vocabulary() -> frozenset[str]:
    return remembered("words", lambda: frozenset(SearchWord.objects.values_list("word", flat=True)))


def word_list() -> list[str]:
    return remembered("word list", lambda: sorted(vocabulary()))


def nearest_word(word: str, words: frozenset[str]) -> str | None:
    """The indexed word a misspelling most likely meant: one or two letters out, never more."""
    limit = 1 if len(word) <= 4 else 2
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT word FROM scoring_searchword WHERE word %% %s ORDER BY similarity(word, %s) DESC, word LIMIT 8",
                [word, word],
            )
            candidates = [row[0] for row in cursor.fetchall()]
    else:
        found = process.extract(word, word_list(), scorer=Levenshtein.distance, limit=8, score_cutoff=limit)
        candidates = [match[0] for match in found]
    close = sorted((Levenshtein.distance(word, c), len(c), c) for c in candidates)
    return close[0][2] if close and close[0][0] <= limit else None


def read(text: str) -> Query:
    query = Query(text=text.strip())
    words = vocabulary()
    typed = query_words(query.text)
    index = 0
    while index < len(typed):
        word = typed[index]
        if index + 1 < len(typed) and stem(word + typed[index + 1]) in words:
            word = word + typed[index + 1]  # "fire fighter" -> firefighter
            index += 1
        index += 1
        if stem(word) in words or word.isdigit():
            query.terms.append(stem(word))  # the stem meets every form of the word
        elif word in words:
            query.terms.append(word)
        elif nearest := nearest_word(stem(word), words):
            query.terms.append(nearest)
            query.corrected.append((word, nearest))
        else:
            query.terms.append(stem(word))
    query.terms = list(dict.fromkeys(query.terms))
    return query


def _match(query: Query, prefix: bool) -> tuple[str, str]:
    """The WHERE clause and its text for the database in use."""
    last = len(query.terms) - 1
    if connection.vendor == "postgresql":
        text = " & ".join(term + (":*" if prefix and n == last else "") for n, term in enumerate(query.terms))
        return "e.vector @@ to_tsquery('simple', %s)", text
    text = " AND ".join(f'"{term}"' + ("*" if prefix and n == last else "") for n, term in enumerate(query.terms))
    return f"{FTS_TABLE} MATCH %s", text


def _from() -> str:
    if connection.vendor == "postgresql":
        return "scoring_searchentry e"
    # CROSS JOIN keeps SQLite from walking the entries and running the full-text match once per row.
    return f"{FTS_TABLE} CROSS JOIN scoring_searchentry e ON e.id = {FTS_TABLE}.rowid"


def _rank(query_text: str) -> tuple[str, str, list]:
    """The rank expression, which way is better, and its parameters."""
    if connection.vendor == "postgresql":
        return "ts_rank('{0.001, 0.01, 0.1, 1.0}', e.vector, to_tsquery('simple', %s))", "DESC", [query_text]
    return f"bm25({FTS_TABLE}, 1000.0, 100.0, 10.0, 1.0)", "ASC", []


def _where(query: Query, kind: str | None, zones, prefix: bool) -> tuple[str, list, str]:
    clause, text = _match(query, prefix)
    sql, params = (f"{clause} AND e.kind = %s", [text, kind]) if kind else (clause, [text])
    if zones:
        sql += f" AND e.zone IN ({', '.join(['%s'] * len(zones))})"
        params += list(zones)
    return sql, params, text


def find(query: Query, model, kind: str, zones=(), order="relevance", limit=20, offset=0, fields=("id",)) -> list:
    """The matching published items, best first, one page at a time (with only `fields`).

    The index is ranked on its own and only the page's rows are joined to the items, so a broad
    word that matches thousands of entries costs a sort, not thousands of row reads."""
    if not query.terms:
        return []
    where, params, text = _where(query, kind, zones, False)
    rank, direction, rank_params = _rank(text)
    ranked = (
        f"SELECT e.object_id AS oid, (e.title_key = %s) AS exact, {rank} AS r, e.title AS t, e.score AS s, "
        f"e.updated AS u FROM {_from()} WHERE {where} ORDER BY ORDERING LIMIT %s OFFSET %s"
    )
    ordering = ORDERS.get(order, ORDERS["relevance"]).format(direction=direction)
    columns = ", ".join(f"item.{name}" for name in fields)
    sql = (
        f"SELECT {columns} FROM ({ranked.replace('ORDERING', ordering)}) ranked "
        f"JOIN {model._meta.db_table} item ON item.id = ranked.oid AND item.status = 'published' ORDER BY {ordering}"
    )
    return list(model.objects.raw(sql, [query.exact, *rank_params, *params, limit, offset]))


def suggestions(query: Query, limit: int) -> list[SearchEntry]:
    """Roles and careers for the words typed so far, the last word as a prefix; one query, no joins."""
    if not query.terms:
        return []
    where, params, text = _where(query, None, (), True)
    rank, direction, rank_params = _rank(text)
    sql = (
        f"SELECT e.id, e.kind, e.slug, e.title, e.zone, e.score FROM {_from()} WHERE {where} "
        f"ORDER BY (e.title_key = %s) DESC, {rank} {direction}, e.title ASC LIMIT %s"
    )
    return list(SearchEntry.objects.raw(sql, [*params, query.exact, *rank_params, limit]))


def zone_counts(query: Query, kind: str = SearchEntry.ROLE) -> dict[str, int]:
    if not query.terms:
        return {}
    where, params, _ = _where(query, kind, (), False)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT e.zone, COUNT(*) FROM {_from()} WHERE {where} GROUP BY e.zone", params)
        return dict(cursor.fetchall())


def names() -> tuple[list[str], list[tuple[str, str, str]]]:
    """Every distinct title and other name in the index, reduced for comparison, with the item it leads to.

    Numbers are left out, so a family of titles differing only by a number is one name."""

    def build():
        found: dict[str, tuple[str, str, str]] = {}
        rows = SearchEntry.objects.order_by("kind", "title").values_list("title", "alternative_titles", "kind", "slug")
        for title, others, kind, slug in rows.iterator(chunk_size=2000):
            for name in [title, *others]:
                reduced = " ".join(word for word in key(name).split() if not word.isdigit())
                found.setdefault(reduced, (title, kind, slug))
        return list(found), list(found.values())

    return remembered("names", build)


def did_you_mean(text: str, limit: int = 5) -> list[tuple[str, str, str]]:
    """The nearest titles to what was typed: (title, kind, slug), best first."""
    digest = hashlib.sha256(key(text).encode()).hexdigest()
    cache_key = f"jobzone:did-you-mean:{content_version().current()}:{digest}"
    found = cache.get(cache_key)
    if found is None:
        reduced, items = names()
        matches = process.extract(key(text), reduced, scorer=fuzz.WRatio, limit=limit * 4, score_cutoff=60)
        found, seen = [], set()
        for _, _, index in matches:
            title, kind, slug = items[index]
            if (kind, slug) not in seen:
                seen.add((kind, slug))
                found.append((title, kind, slug))
        found = found[:limit]
        cache.set(cache_key, found, 600)
    return found
