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
from scoring.search.index import COLUMN_MARKS, FTS_TABLE, WEIGHTS, placeholders

COLUMNS = tuple(WEIGHTS)  # title, other names, SOC, what the job does
ALL = len(COLUMNS)
TIERS = range(1, ALL + 1)
WALK_FROM = 1000  # matches in a tier from which PostgreSQL reads a page in index order
RANK_AT_ONCE_UP_TO = 200  # matches PostgreSQL ranks in one query rather than counting tier by tier


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
        return fetch((f"SELECT COUNT(*) FROM {FTS_TABLE} WHERE {where}", params))[0][0]

    def tier_page(self, select, terms, tier, kind, zones, skip, limit, offset, count) -> tuple[str, list]:
        where, params = self.where(terms, kind, zones, tier=tier, skip=skip)
        return f"{select} WHERE {where} ORDER BY {FTS_TABLE}.rowid LIMIT %s OFFSET %s", [*params, limit, offset]

    def zone_counts(self, query, kind) -> dict[str, int]:
        parts, params = [], []
        for zone in ZONES:
            where, more = self.where(query.terms, kind, [zone])
            parts.append(f"(SELECT COUNT(*) FROM {FTS_TABLE} WHERE {where})")
            params += more
        return dict(zip(ZONES, fetch((f"SELECT {', '.join(parts)}", params))[0]))

    def ranks_at_once(self, total) -> bool:
        return False  # each tier's count and page come from the index alone, cheaper than ranking in full

    def entries(self) -> str:
        """The entries joined to their full-text rows; CROSS JOIN keeps SQLite from matching once per entry."""
        return f"{FTS_TABLE} CROSS JOIN scoring_searchentry e ON e.position = {FTS_TABLE}.rowid"

    def first(self) -> str:
        return f"{FTS_TABLE}.rowid"


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
        return fetch((f"SELECT COUNT(*) FROM scoring_searchentry e WHERE {where}", params))[0][0]

    def tier_page(self, select, terms, tier, kind, zones, skip, limit, offset, count) -> tuple[str, list]:
        # Walking the (kind, position) index finds a page of a broad word at once but reads the whole
        # table for a rare one, which the planner cannot tell apart; the tier's count can.
        order = "e.position" if count >= WALK_FROM else "e.position + 0"
        where, params = self.where(terms, kind, zones, tier=tier, skip=skip)
        return f"{select} WHERE {where} ORDER BY {order} LIMIT %s OFFSET %s", [*params, limit, offset]

    def zone_counts(self, query, kind) -> dict[str, int]:
        """Matches per zone, kept on the query: the page's chips and its total both read them."""
        if kind not in query.memo:
            where, params = self.where(query.terms, kind)
            sql = f"SELECT e.zone, COUNT(*) FROM scoring_searchentry e WHERE {where} GROUP BY e.zone"
            query.memo[kind] = dict(fetch((sql, params)))
        return query.memo[kind]

    def ranks_at_once(self, total) -> bool:
        return total <= RANK_AT_ONCE_UP_TO  # one query, where counting each tier would cost one more each

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

    Tiers are counted only as far as the page reaches: the first page of a broad word counts its
    title matches and stops. `total` (every match) saves a count when the caller knows it."""
    db = backend()
    terms = query.terms
    select = f"SELECT e.object_id, {db.first()} AS position FROM {db.entries()}"

    def with_items(sql_and_params, order="t.position") -> list[tuple]:
        # The page is chosen first and its items joined after: joined inside, PostgreSQL may read
        # every item to find twenty, as it cannot tell how few entries a tier holds.
        sql, params = sql_and_params
        outer = f"SELECT {columns}, t.position FROM ({sql}) t JOIN {table} item ON item.id = t.object_id"
        return fetch((f"{outer} AND item.status = 'published' ORDER BY {order}", params))

    if total is None:
        total = db.within(query, kind, zones, ALL)
    if db.ranks_at_once(total):
        where, params = db.where(terms, kind, zones)
        rank, more = db.rank(query)
        inner = f"SELECT e.object_id, e.position, {rank} AS place FROM {db.entries()} WHERE {where}"
        inner += " ORDER BY place, e.position LIMIT %s OFFSET %s"
        return with_items((inner, [*more, *params, limit, offset]), "t.place, t.position")
    exact_rows = with_items(db.exact(select, terms, query.titled, kind, zones)) if query.titled else []
    exact = [row[-1] for row in exact_rows]
    page = exact_rows[offset : offset + limit]
    skip_rows, counted = max(0, offset - len(exact)), len(exact)  # exact titles are all within tier 1
    for tier in TIERS:
        if len(page) >= limit or counted >= total:
            break
        within = total if tier == ALL else db.within(query, kind, zones, tier)
        count, counted = within - counted, within
        if skip_rows >= count:
            skip_rows -= count
            continue
        wanted = limit - len(page)
        page += with_items(db.tier_page(select, terms, tier, kind, zones, exact, wanted, skip_rows, count))
        skip_rows = 0
    return page


def zone_counts(query, kind) -> dict[str, int]:
    return backend().zone_counts(query, kind)
