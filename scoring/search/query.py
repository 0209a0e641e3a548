"""Finding roles and careers by the words people use for their job.

A search is read into stems (word forms meet: "therapy" finds therapist), joined where two words
are one ("fire fighter"), and corrected where a word is misspelt ("clinicle" -> clinical): with
pg_trgm on PostgreSQL and rapidfuzz over the same vocabulary on SQLite. The database's full-text
index then finds the entries, best first (see tiers): an exact title, then title words, other
names, the SOC title and what the job does.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import cached_property
from types import SimpleNamespace

from django.core.cache import cache
from django.db import connection
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from editorial.content_version import content_version
from scoring.search import tiers
from scoring.search.index import KIND_RANKS, WEIGHTS, remembered
from scoring.search.models import SearchEntry, SearchWord
from scoring.search.terms import all_without_numbers, key, query_words, stem, typed_key

# Orders a visitor may choose instead of best match (tiers.best_rows).
ORDERS = {
    "title": "e.title ASC, e.id",
    "-score": "e.score DESC, e.title ASC, e.id",
    "score": "e.score ASC, e.title ASC, e.id",
    "updated": "e.updated DESC, e.title ASC, e.id",
}
ENTRY_FIELDS = ("id", "kind", "slug", "title", "zone", "score")
SHORTLIST = 60  # names "did you mean" weighs closely, of all the names in the index
NAME_CANDIDATES = 64  # names read in key order for the suggestions; the best of them are shown


@dataclass
class Query:
    text: str
    terms: list[str] = field(default_factory=list)
    corrected: list[tuple[str, str]] = field(default_factory=list)  # (typed, read as)
    joined: dict[str, list[str]] = field(default_factory=dict)  # a term read from two words: their stems
    memo: dict = field(default_factory=dict, repr=False)  # counts a database keeps for this search

    @property
    def one_word(self) -> bool:
        """One word as typed (not two read as one): the searches whose counts are kept (tiers)."""
        return len(self.terms) == 1 and not self.joined

    @cached_property
    def exact(self) -> str:
        return key(self.text)

    @property
    def readings(self) -> list[list[str]]:
        """The terms, and where two typed words were read as one ("proof reader"), also as typed."""
        split = [part for term in self.terms for part in self.joined.get(term, [term])]
        return [self.terms, split] if self.joined else [self.terms]

    @cached_property
    def titled(self) -> list[int]:
        """Positions of the entries whose title is exactly what was typed (roles; careers and occupations
        are matched in memory, see find_few)."""
        return tiers.titled(self.exact)


def vocabulary() -> frozenset[str]:
    return remembered("words", lambda: frozenset(SearchWord.objects.values_list("word", flat=True)))


def word_list() -> list[str]:
    return remembered("word list", lambda: sorted(vocabulary()))


def nearest_word(typed: str) -> str | None:
    """The indexed word a misspelling most likely meant: one or two letters out, never more.

    The word as typed is compared first, then its stem ("plumer" is plumber, not plum), among one
    set of candidates."""
    corrections = remembered("corrections", dict)  # a word's correction holds until the vocabulary changes
    if typed not in corrections:
        if len(corrections) >= 20_000:
            corrections.clear()
        corrections[typed] = _nearest_word(typed)
    return corrections[typed]


def _nearest_word(typed: str) -> str | None:
    forms = list(dict.fromkeys([typed, stem(typed)]))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # pg_trgm's distance, nearest first from the GiST index (migration 0016).
            cursor.execute("SELECT word FROM scoring_searchword ORDER BY word <-> %s LIMIT 16", [typed])
            candidates = {row[0] for row in cursor.fetchall()}
    else:
        candidates = {
            match[0]
            for form in forms
            for match in process.extract(form, word_list(), scorer=Levenshtein.distance, limit=8, score_cutoff=2)
        }
    for form in forms:
        limit = 1 if len(form) <= 4 else 2
        close = sorted((Levenshtein.distance(form, c), len(c), c) for c in candidates)
        if close and close[0][0] <= limit:
            return close[0][2]
    return None


def read(text: str) -> Query:
    query = Query(text=text.strip())
    words = vocabulary()
    typed = query_words(query.text)
    index = 0
    while index < len(typed):
        word = typed[index]
        if index + 1 < len(typed) and (joined := stem(word + typed[index + 1])) in words:
            query.joined[joined] = [stem(word), stem(typed[index + 1])]
            word = word + typed[index + 1]  # "fire fighter" -> firefighter
            index += 1
        index += 1
        if stem(word) in words or word.isdigit():
            query.terms.append(stem(word))  # the stem meets every form of the word
        elif word in words:
            query.terms.append(word)
        elif nearest := nearest_word(word):
            query.terms.append(nearest)
            query.corrected.append((word, nearest))
        else:
            query.terms.append(stem(word))
    query.terms = list(dict.fromkeys(query.terms))
    return query


def find(query: Query, model, kind: str, zones=(), order="relevance", limit=20, offset=0, fields=("id",), total=None):
    """One page of the matching published items, best first or in `order` (with only `fields`).

    `total`, the number of matches when the caller has counted them, saves counting again."""
    if not query.terms or total == 0:
        return []
    columns, table = ", ".join(f"item.{name}" for name in fields), model._meta.db_table
    if order not in ORDERS:
        return _rows(model, fields, tiers.best_rows(query, kind, zones, limit, offset, total, columns, table))
    join = f"JOIN {table} item ON item.id = e.object_id AND item.status = 'published'"
    db = tiers.backend()
    where, params = db.where(query.terms, kind, zones)
    sql = f"SELECT {columns} FROM {db.entries()} {join} WHERE {where} ORDER BY {ORDERS[order]} LIMIT %s OFFSET %s"
    return _rows(model, fields, tiers.fetch((sql, [*params, limit, offset])))


def find_few(query: Query, kind: str, limit: int) -> list[SimpleNamespace]:
    """The best matches of a kind with few entries, matched in memory by the index's own rule.

    Careers (hand-written, hundreds at most) and SOC unit groups (412) cost less read once per
    content version than queried per search. An entry matches when every term is a word of its
    columns (or, where two typed words were read as one, every word as typed)."""
    if not query.terms:
        return []
    entries, postings = entries_in_memory(kind)
    found = {}
    for terms in query.readings:
        matching = set.intersection(*(postings.get(term, set()) for term in terms))
        for number in matching - found.keys():
            entry, tiers_words, other_keys = entries[number]
            tier = next(n for n, words in enumerate(tiers_words, start=1) if words.issuperset(terms))
            # An exact title first, then an exact other name (an official job title), then by tier.
            place = 0 if entry.title_key == query.exact else 1 if query.exact in other_keys else 1 + tier
            found[number] = (place, entry.position, entry)
    return [entry for _, _, entry in sorted(found.values(), key=lambda item: item[:2])[:limit]]


def entries_in_memory(kind: str) -> tuple[list[tuple[SimpleNamespace, list[set[str]], set[str]]], dict]:
    """Each entry of a kind with the words of each tier (its title's, then with its other names', ...)
    and its other names reduced for exact comparison; and for each word, the entries that have it."""

    def build():
        fields = ("object_id", "slug", "title", "title_key", "alternative_titles", "position", *WEIGHTS)
        entries, postings = [], {}
        for row in SearchEntry.objects.filter(kind=kind).values(*fields):
            words, tiers_words = set(), []
            for name in WEIGHTS:
                words = words | set(row[name].split())
                tiers_words.append(words)
            for word in words:
                postings.setdefault(word, set()).add(len(entries))
            entries.append((SimpleNamespace(**row), tiers_words, {key(name) for name in row["alternative_titles"]}))
        return entries, postings

    return remembered(f"entries {kind}", build)


def _rows(model, fields, found, extra=()) -> list[SimpleNamespace]:
    """Plain rows with the fields' own conversions (Decimal scores, JSON lists): a results page
    reads a few attributes of twenty rows, and building model instances cost more than the query."""
    table = model._meta.db_table
    converters = []
    for name in fields:
        column = model._meta.get_field(name).get_col(table)
        converters.append((column, connection.ops.get_db_converters(column) + column.get_db_converters(connection)))
    rows = []
    for values in found:
        row = {}
        for name, value, (column, convert) in zip(fields, values, converters):
            for converter in convert:
                value = converter(value, column, connection)
            row[name] = value
        row.update(zip(extra, values[len(fields) :]))
        rows.append(SimpleNamespace(**row))
    return rows


def suggestions(text: str, limit: int) -> list[SimpleNamespace]:
    """Roles and careers for what has been typed so far, best first.

    Names that start with the text (from any of their first words, see SearchName) come from one
    index range; only when they are too few does the full-text index fill in, for other word
    orders and corrected typos."""
    typed = typed_key(text)
    if not typed:
        return []
    after = typed[:-1] + chr(ord(typed[-1]) + 1)  # the first key past every key starting with `typed`
    sql = (
        f"SELECT {', '.join(f'e.{name}' for name in ENTRY_FIELDS)}, n.key, n.rank FROM scoring_searchname n "
        "JOIN scoring_searchentry e ON e.id = n.entry_id WHERE n.key >= %s AND n.key < %s ORDER BY n.key LIMIT %s"
    )
    best = {}
    found = tiers.fetch((sql, [typed, after, NAME_CANDIDATES]))
    for row in _rows(SearchEntry, ENTRY_FIELDS, found, extra=("key", "rank")):
        # Assessed roles and career profiles come before occupations whose names start the same way.
        order = (row.key != typed, row.kind == SearchEntry.OCCUPATION, row.rank, len(row.title), row.title)
        if row.id not in best or order < best[row.id][0]:
            best[row.id] = (order, row)
    found = [row for _, row in sorted(best.values(), key=lambda pair: pair[0])][:limit]
    if len(found) < limit:
        seen = {row.id for row in found}
        found += [row for row in _matching_entries(read(text), limit) if row.id not in seen][: limit - len(found)]
    return found


def _matching_entries(query: Query, limit: int) -> list[SimpleNamespace]:
    """Entries matching every word (the last as a prefix), in the index's own order: fewer title words first."""
    if not query.terms:
        return []
    db = tiers.backend()
    where, params = db.where(query.terms, prefix=True)
    columns = ", ".join(f"e.{name}" for name in ENTRY_FIELDS)
    sql = f"SELECT {columns} FROM {db.entries()} WHERE {where} ORDER BY {db.first_of(query.terms)} LIMIT %s"
    return _rows(SearchEntry, ENTRY_FIELDS, tiers.fetch((sql, [*params, limit])))


def zone_counts(query: Query, kind: str = SearchEntry.ROLE) -> dict[str, int]:
    return tiers.zone_counts(query, kind) if query.terms else {}


def names() -> tuple[list[str], list[tuple[str, str, str]]]:
    """Every distinct title and other name in the index, reduced for comparison, with the item it leads to.

    Numbers are left out, so a family of titles differing only by a number is one name."""

    def build():
        # Read as plain rows and the other names decoded in one pass: model rows and a JSON decode per
        # row cost more than the reduction itself.
        sql = "SELECT title, alternative_titles, kind, slug FROM scoring_searchentry ORDER BY position"
        rows = tiers.fetch((sql, []))
        stored = [row[1] for row in rows]
        if all(isinstance(value, str) for value in stored):
            stored = json.loads(f"[{','.join(stored)}]")
        # A name shared by a role, a career and an occupation leads to the role, the most useful answer.
        order = sorted(range(len(rows)), key=lambda n: KIND_RANKS[rows[n][2]])
        every_name, leads_to = [], []
        for n in order:
            title, _, kind, slug = rows[n]
            others = stored[n]
            every_name.append(title)
            every_name += others
            leads_to += [(title, kind, slug)] * (1 + len(others))
        found: dict[str, tuple[str, str, str]] = {}
        for reduced, item in zip(all_without_numbers(every_name), leads_to):
            if reduced not in found:
                found[reduced] = item
        return list(found), list(found.values())

    return remembered("names", build)


def did_you_mean(text: str, limit: int = 5) -> list[tuple[str, str, str]]:
    """The nearest titles to what was typed: (title, kind, slug), roles and careers first, then occupations."""
    digest = hashlib.sha256(key(text).encode()).hexdigest()
    cache_key = f"jobzone:did-you-mean:{content_version().current()}:{digest}"
    found = cache.get(cache_key)
    if found is None:
        reduced, items = names()
        # WRatio weighs partial and reordered matches well but costs twenty times a plain ratio:
        # a cheap word-order-blind pass shortlists the names, WRatio orders the shortlist.
        typed = key(text)
        shortlist = process.extract(typed, reduced, scorer=fuzz.token_sort_ratio, limit=SHORTLIST, score_cutoff=40)
        choices = {index: reduced[index] for _, _, index in shortlist}
        matches = process.extract(typed, choices, scorer=fuzz.WRatio, limit=limit * 4, score_cutoff=60)
        found, seen = [], set()
        for _, _, index in matches:
            title, kind, slug = items[index]
            if (kind, slug) not in seen:
                seen.add((kind, slug))
                found.append((title, kind, slug))
        # Assessed roles and career profiles answer the question; occupations follow (a stable sort).
        found = sorted(found, key=lambda item: item[1] == SearchEntry.OCCUPATION)[:limit]
        cache.set(cache_key, found, 600)
    return found
