"""Best match without scoring every match: tiers, then the order the index already keeps.

An exact title comes first. Then entries with every searched word in the title (tier 1), in the
title or other names (2), in those or the SOC title (3), or anywhere, what the job does included
(4). Within a tier, titles of fewer words come first (index.position). Counting a tier and reading
one page of it are both answered from the index, so a word that matches thousands of entries costs
a page of reading, not a rank for each of thousands of rows.

SQLite asks its FTS5 table (rowid = position; kind and zone are tokens of a facets column);
PostgreSQL asks the tsvector (every word, and the words of the title, other names and SOC title
again marked with their column; see index.COLUMN_MARKS) and walks the (kind, position) index for
a broad word; a few matches it ranks in one query (`rank`).
"""

from __future__ import annotations

from django.db import connection

from scoring.aijri import ZONES
from scoring.search.index import COLUMN_MARKS, FTS_TABLE, WEIGHTS, placeholders, remembered

COLUMNS = tuple(WEIGHTS)  # title, other names, SOC, what the job does
ALL = len(COLUMNS)
TIERS = range(1, ALL + 1)
WALK_FROM = 1000  # matches in a tier from which PostgreSQL reads a page in index order
RANK_AT_ONCE_UP_TO = 200  # matches PostgreSQL ranks in one query rather than counting tier by tier
KEPT_COUNTS = 20_000  # one-word counts a process keeps per content version


def one_word_count(query, what: tuple, count):
    """A count for a search of one word, kept per content version in this process.

    A broad word alone is the costliest search to count (thousands of matches, each read) and the
    most repeated: every search of "officer" asks the same counts. Two or more words together
    match few entries, cost little to count, and rarely come again, so they are counted each time."""
    if not query.one_word:
        return count()
    kept = remembered("one-word counts", dict)
    found = kept.get((query.terms[0], *what))
    if found is None:
        if len(kept) >= KEPT_COUNTS:
            kept.clear()
        found = kept[(query.terms[0], *what)] = count()
    return found


class SQLite:
    def match(self, terms, columns=ALL, prefix=False) -> str:
        """FTS5 text: every term in the first `columns` columns (the last term as a prefix if asked)."""
        last = len(terms) - 1
        words = " AND ".join(f'"{term}"' + ("*" if prefix and n == last else "") for n, term in enumerate(terms))
        return f"{{{' '.join(COLUMNS[:columns])}}} : ({words})"

    def facets(self, kind, zones) -> str:
        zones = [zone for zone in zones if zone.isalpha()]
        if zones:  # one token per kind and zone ("rolered"): one short list to meet, not two
            tokens = " OR ".join(f"{kind or 'zone'}{zone}" for zone in zones)
            return f" AND facets : ({tokens})"
        # Careers and occupations are few and roles many: "neither" reads two short lists where "a role"
        # reads a long one.
        found = {"role": " NOT facets : (kindcareer OR kindoccupation)"}
        return found.get(kind, f" AND facets : kind{kind}" if kind else "")

    def where(self, terms, kind=None, zones=(), prefix=False, tier=None, skip=(), within=ALL) -> tuple[str, list]:
        """Matches in the first `within` columns; or, given a tier, in its columns and not the tier before's."""
        if tier is None or tier == 1:
            text = self.match(terms, tier or within, prefix)
        else:
            text = f"({self.match(terms, tier)}) NOT ({self.match(terms, tier - 1)})"
        sql, params = f"{FTS_TABLE} MATCH %s", [f"({text}){self.facets(kind, zones)}"]
        if skip:
            sql, params = f"{sql} AND {FTS_TABLE}.rowid NOT IN ({placeholders(skip)})", [*params, *skip]
        return sql, params

    def exact(self, select, terms, positions, kind, zones) -> tuple[str, list]:
        where, params = self.where(terms, kind, zones)
        sql = f"{select} WHERE {where} AND {FTS_TABLE}.rowid IN ({placeholders(positions)}) ORDER BY {FTS_TABLE}.rowid"
        return sql, [*params, *positions]

    def within(self, query, kind, zones, columns) -> int:
        """Matches with every word in the first `columns` columns (each count is read from the index alone)."""
        where, params = self.where(query.terms, kind, zones, within=columns)
        sql = f"SELECT COUNT(*) FROM {FTS_TABLE} WHERE {where}"
        return one_word_count(query, (kind, tuple(zones), columns), lambda: fetch((sql, params))[0][0])

    def tier_page(self, select, terms, tier, kind, zones, skip, limit, offset, count) -> tuple[str, list]:
        where, params = self.where(terms, kind, zones, tier=tier, skip=skip)
        return f"{select} WHERE {where} ORDER BY {FTS_TABLE}.rowid LIMIT %s OFFSET %s", [*params, limit, offset]

    def zone_counts(self, query, kind) -> dict[str, int]:
        parts, params = [], []
        for zone in ZONES:
            where, more = self.where(query.terms, kind, [zone])
            parts.append(f"(SELECT COUNT(*) FROM {FTS_TABLE} WHERE {where})")
            params += more
        sql = f"SELECT {', '.join(parts)}"
        return one_word_count(query, (kind, "zones"), lambda: dict(zip(ZONES, fetch((sql, params))[0])))

    def ranks_at_once(self, total) -> bool:
        return False  # each tier's count and page come from the index alone, cheaper than ranking in full

    exact_first = False  # the exact titles come from their own small query, in rowid order

    def known_first_tier(self, query, kind, zones) -> None:
        return None  # tier 1 is read in rowid order from the index whatever its size

    def entries(self) -> str:
        """The entries joined to their full-text rows; CROSS JOIN keeps SQLite from matching once per entry."""
        return f"{FTS_TABLE} CROSS JOIN scoring_searchentry e ON e.position = {FTS_TABLE}.rowid"

    def first(self) -> str:
        return f"{FTS_TABLE}.rowid"

    def first_of(self, terms) -> str:
        return self.first()  # FTS5 gives its matches in rowid order


class PostgreSQL:
    MARKS = tuple(COLUMN_MARKS.values())  # a word of the title, of the other names, of the SOC title

    @staticmethod
    def lexeme(text, prefix=False) -> str:
        return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'" + (":*" if prefix else "")

    def tsquery(self, terms, columns=ALL, prefix=False) -> str:
        """Every term in the first `columns` columns (the last as a prefix if asked), as tsquery text."""
        last = len(terms) - 1
        found = []
        for n, term in enumerate(terms):
            starts = prefix and n == last
            if columns >= ALL:
                found.append(self.lexeme(term, starts))
            else:
                found.append(f"({' | '.join(self.lexeme(mark + term, starts) for mark in self.MARKS[:columns])})")
        return " & ".join(found)

    def where(self, terms, kind=None, zones=(), prefix=False, tier=None, skip=(), within=ALL) -> tuple[str, list]:
        sql, params = "e.vector @@ %s::tsquery", [self.tsquery(terms, tier or within, prefix)]
        if tier and tier > 1:
            sql += " AND NOT e.vector @@ %s::tsquery"
            params.append(self.tsquery(terms, tier - 1))
        if kind:
            sql, params = f"{sql} AND e.kind = %s", [*params, kind]
        if zones:
            sql, params = f"{sql} AND e.zone IN ({placeholders(zones)})", [*params, *zones]
        if skip:
            sql, params = f"{sql} AND e.position NOT IN ({placeholders(skip)})", [*params, *skip]
        return sql, params

    def exact(self, select, terms, positions, kind, zones) -> tuple[str, list]:
        where, params = self.where(terms, kind, zones)
        sql = f"{select} WHERE {where} AND e.position IN ({placeholders(positions)}) ORDER BY e.position"
        return sql, [*params, *positions]

    def within(self, query, kind, zones, columns) -> int:
        if columns == ALL:
            counts = self.zone_counts(query, kind)
            return sum(count for zone, count in counts.items() if not zones or zone in zones)
        where, params = self.where(query.terms, kind, zones, within=columns)
        sql = f"SELECT COUNT(*) FROM scoring_searchentry e WHERE {where}"
        return one_word_count(query, (kind, tuple(zones), columns), lambda: fetch((sql, params))[0][0])

    def tier_page(self, select, terms, tier, kind, zones, skip, limit, offset, count) -> tuple[str, list]:
        # Walking the (kind, position) index finds a page of a broad word at once but reads the whole
        # table for a rare one, which the planner cannot tell apart; the tier's count can. Uncounted
        # (a first page), the tier's matches are read from the full-text index and the first kept:
        # no more rows than counting them would read.
        order = "e.position" if count is not None and count >= WALK_FROM else "e.position + 0"
        where, params = self.where(terms, kind, zones, tier=tier, skip=skip)
        return f"{select} WHERE {where} ORDER BY {order} LIMIT %s OFFSET %s", [*params, limit, offset]

    def zone_counts(self, query, kind) -> dict[str, int]:
        """Matches per zone, kept on the query: the page's chips and its total both read them."""
        if kind not in query.memo:
            where, params = self.where(query.terms, kind)
            # Every entry's zone is one of these (none for careers, occupations and unscored roles).
            # Said out loud, the planner sees what testing every row would cost and reads a word
            # found in 8,000 roles from the index (5 ms) rather than every row (15 ms).
            every_zone = ("", *ZONES)
            sql = f"SELECT e.zone, COUNT(*) FROM scoring_searchentry e WHERE {where}"
            sql += f" AND e.zone IN ({placeholders(every_zone)}) GROUP BY e.zone"
            count = lambda: dict(fetch((sql, [*params, *every_zone])))  # noqa: E731
            query.memo[kind] = one_word_count(query, (kind, "zones"), count)
        return query.memo[kind]

    def ranks_at_once(self, total) -> bool:
        return total <= RANK_AT_ONCE_UP_TO  # one query, where counting each tier would cost one more each

    exact_first = True

    def known_first_tier(self, query, kind, zones) -> int | None:
        """Tier 1's count where it is kept (one word): a broad word's first page is then read by
        walking the index in order, twenty rows or so, not by sorting its thousands of title matches."""
        if not query.one_word:
            return None
        return self.within(query, kind, zones, 1)

    def exact_first_page(self, query, kind, zones, limit) -> tuple[str, list]:
        """Tier 1's first entries with the exact titles first: the first page of a broad word in one
        query, without looking the exact titles up on their own."""
        where, params = self.where(query.terms, kind, zones, tier=1)
        sql = f"SELECT e.object_id, e.position, e.title_key <> %s AS later FROM scoring_searchentry e WHERE {where}"
        return f"{sql} ORDER BY later, e.position + 0 LIMIT %s", [query.exact, *params, limit]

    def rank(self, query) -> tuple[str, list]:
        """An entry's place among the matches: 0 for the exact title, else its tier."""
        cases = ["WHEN e.title_key = %s THEN 0"]
        cases += [f"WHEN e.vector @@ %s::tsquery THEN {tier}" for tier in TIERS[:-1]]
        tsqueries = [self.tsquery(query.terms, tier) for tier in TIERS[:-1]]
        return f"CASE {' '.join(cases)} ELSE {ALL} END", [query.exact, *tsqueries]

    def entries(self) -> str:
        return "scoring_searchentry e"

    def first(self) -> str:
        return "e.position"

    def first_of(self, terms) -> str:
        """How to read the first few entries matching all `terms` (suggestions). Several words are
        each found in thousands of entries but together in few, which the planner, taking them as
        independent, cannot see: walking the index for those read every entry (15 ms); the matches
        read from the full-text index and the first kept take under 1 ms. One word's own count it
        knows, and walks the index for a common one."""
        return "e.position" if len(terms) < 2 else "e.position + 0"


def backend() -> SQLite | PostgreSQL:
    return PostgreSQL() if connection.vendor == "postgresql" else SQLite()


def fetch(sql_and_params) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(*sql_and_params)
        return cursor.fetchall()


def titled(title_key: str) -> list[int]:
    return [row[0] for row in fetch(("SELECT position FROM scoring_searchentry WHERE title_key = %s", [title_key]))]


def best_rows(query, kind, zones, limit, offset, total, columns, table) -> list[tuple]:
    """One page of the best matches, best first: rows of `columns` from the published items of
    `table`, and the entry's position last (each tier's page read with its items, one query a tier).

    The first page reads tier after tier until it is full, counting nothing; a later page counts
    the tiers before it, as far as it reaches. `total` (every match) saves a count when the caller
    knows it."""
    db = backend()
    pages = _Pages(db, query, kind, zones, columns, table)
    if total is None:
        total = db.within(query, kind, zones, ALL)
    if db.ranks_at_once(total):
        where, params = db.where(query.terms, kind, zones)
        rank, more = db.rank(query)
        inner = f"SELECT e.object_id, e.position, {rank} AS place FROM {db.entries()} WHERE {where}"
        inner += " ORDER BY place, e.position LIMIT %s OFFSET %s"
        return pages.with_items((inner, [*more, *params, limit, offset]), "t.place, t.position")
    if offset == 0:
        return first_page(pages, limit, total)
    return counted_page(pages, limit, offset, total)


class _Pages:
    """Reads pages of one search's tiers with their items."""

    def __init__(self, db, query, kind, zones, columns, table):
        self.db, self.query, self.kind, self.zones, self.columns, self.table = db, query, kind, zones, columns, table
        self.select = f"SELECT e.object_id, {db.first()} AS position FROM {db.entries()}"

    def with_items(self, sql_and_params, order="t.position") -> list[tuple]:
        # The page is chosen first and its items joined after: joined inside, PostgreSQL may read
        # every item to find twenty, as it cannot tell how few entries a tier holds.
        sql, params = sql_and_params
        outer = f"SELECT {self.columns}, t.position FROM ({sql}) t JOIN {self.table} item ON item.id = t.object_id"
        return fetch((f"{outer} AND item.status = 'published' ORDER BY {order}", params))

    def exact(self) -> list[tuple]:
        """The entries titled exactly as searched (all within tier 1), in index order."""
        query = self.query
        return (
            self.with_items(self.db.exact(self.select, query.terms, query.titled, self.kind, self.zones))
            if query.titled
            else []
        )

    def tier(self, tier, skip, limit, offset, count=None) -> list[tuple]:
        db, query = self.db, self.query
        return self.with_items(
            db.tier_page(self.select, query.terms, tier, self.kind, self.zones, skip, limit, offset, count)
        )


def first_page(pages: _Pages, limit: int, total: int) -> list[tuple]:
    """The first page: the exact titles, then each tier's first entries until the page is full.

    Tier 1 is read without counting it (PostgreSQL reads it with its exact titles first, in one
    query); a tier that gives fewer rows than asked for has no more. A later tier is counted first,
    as its count chooses how PostgreSQL reads it (see PostgreSQL.tier_page)."""
    db, query = pages.db, pages.query
    known = db.known_first_tier(query, pages.kind, pages.zones)
    if db.exact_first and known is None:
        page = pages.with_items(db.exact_first_page(query, pages.kind, pages.zones, limit), "t.later, t.position")
        exact, seen, tiers = [], len(page), TIERS[1:]
    else:
        page = pages.exact()[:limit]
        exact, seen, tiers = [row[-1] for row in page], len(page), TIERS
    for tier in tiers:
        if len(page) >= limit or seen >= total:
            break
        count = None if tier > 1 or known is None else known - seen
        if tier > 1:
            count = (total if tier == ALL else db.within(query, pages.kind, pages.zones, tier)) - seen
            if count <= 0:
                continue
        rows = pages.tier(tier, exact, limit - len(page), 0, count)
        page, seen = page + rows, seen + len(rows)
    return page


def counted_page(pages: _Pages, limit: int, offset: int, total: int) -> list[tuple]:
    """A later page: each tier before it is counted (from the index alone) to know how many to pass over."""
    db, query = pages.db, pages.query
    exact_rows = pages.exact()
    exact = [row[-1] for row in exact_rows]
    page = exact_rows[offset : offset + limit]
    skip_rows, counted = max(0, offset - len(exact)), len(exact)  # exact titles are all within tier 1
    for tier in TIERS:
        if len(page) >= limit or counted >= total:
            break
        within = total if tier == ALL else db.within(query, pages.kind, pages.zones, tier)
        count, counted = within - counted, within
        if skip_rows >= count:
            skip_rows -= count
            continue
        page += pages.tier(tier, exact, limit - len(page), skip_rows, count)
        skip_rows = 0
    return page


def zone_counts(query, kind) -> dict[str, int]:
    return backend().zone_counts(query, kind)
