"""The engines behind `search.api`. Both keep the documents in the main database, so a
content write and its index entry commit or roll back together, and both check access in the
same SQL statement as the match (never hit by hit in Python).

`SqliteBackend`: FTS5 (porter stemmer), bm25 with column weights, highlight() and snippet().
`PostgresBackend`: a weighted tsvector with a GIN index, websearch_to_tsquery, ts_rank_cd and
ts_headline.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import connection

from . import query as q
from .registry import ALL, PUBLIC, STAFF, resolvers

# Highlight marks: private-use characters, stripped from every document when it is indexed,
# so the only ones in an engine's output are the engine's own. The view escapes the text and
# then turns these into <mark> tags.
MARK_START, MARK_END = "\ue000", "\ue001"
YEAR = 365.25 * 86400
TITLE_WEIGHT, KEYWORDS_WEIGHT, BODY_WEIGHT = 10.0, 4.0, 1.0


@dataclass
class Row:
    id: int
    kind: str
    title: str
    url: str
    updated: Any
    score: float
    title_marked: str
    snippet_marked: str


@dataclass
class Where:
    sql: str
    params: list[Any]


@dataclass(frozen=True)
class Access:
    """Who is searching, as the index sees it: staff or not, and for each kind of restricted
    scope the ids they may see (ALL for every one). Loaded once per search."""

    staff: bool
    scopes: dict[str, frozenset[int] | object]


def access_for(user) -> Access:
    """The searcher's access, remembered between searches until anything deciding it changes
    (core.access_cache): search runs on every keystroke."""
    from townsquare.core import access_cache

    return access_cache.remember(user, "search", lambda: _load_access(user))


def _load_access(user) -> Access:
    from townsquare.core import access

    scopes: dict[str, frozenset[int] | object] = {}
    for name, resolver in resolvers().items():
        allowed = resolver(user)
        if allowed is ALL:
            scopes[name] = ALL
            continue
        # A queryset of `.values("pk")` rows or of plain ids, or any collection of ids.
        scopes[name] = frozenset(
            int(next(iter(i.values())) if isinstance(i, dict) else i) for i in allowed
        )
    return Access(staff=access.is_staff(user), scopes=scopes)


def access_where(access: Access) -> Where:
    """Which documents this user may see, as SQL on `d` (search_document)."""
    parts, params = [f"d.visibility = '{PUBLIC}'"], []
    if access.staff:
        parts.append(f"d.visibility = '{STAFF}'")
    for name, ids in access.scopes.items():
        if ids is ALL:
            parts.append("d.visibility = %s")
            params.append(name)
        elif ids:
            marks = ", ".join(["%s"] * len(ids))
            parts.append(f"(d.visibility = %s AND d.scope_id IN ({marks}))")
            params += [name, *sorted(ids)]
    return Where("(" + " OR ".join(parts) + ")", params)


def filter_where(kinds: list[str] | None, facets: dict[str, list[str]] | None) -> Where:
    parts, params = [], []
    if kinds:
        parts.append(f"d.kind IN ({', '.join(['%s'] * len(kinds))})")
        params += kinds
    for name, values in sorted((facets or {}).items()):
        if values:
            marks = ", ".join(["%s"] * len(values))
            parts.append(
                "d.id IN (SELECT document_id FROM search_facet"
                f" WHERE name = %s AND value IN ({marks}))"
            )
            params += [name, *values]
    return Where(" AND ".join(parts) or "1 = 1", params)


def _and(a: Where, b: Where) -> Where:
    return Where(f"{a.sql} AND {b.sql}", a.params + b.params)


class SqlBackend:
    """What `search.api` asks of an engine, in terms of access and filters; the SQL engines
    turn those into one WHERE clause."""

    def search_hits(self, parsed, access: Access, kinds, facets, limit: int, offset: int):
        where = _and(
            _and(access_where(access), filter_where(None, facets)), filter_where(kinds, None)
        )
        return self.hits(parsed, where, limit, offset)

    def search_counts(self, parsed, access: Access, kinds, facets, *, facet_counts=True):
        where = _and(access_where(access), filter_where(None, facets))
        if not facet_counts:
            return self.kind_counts(parsed, where), []
        return self.counts(parsed, where, kinds)

    def visible_kind_counts(self, parsed, access: Access) -> dict[str, int]:
        return self.kind_counts(parsed, access_where(access))

    def known_words(self, words: list[str], total: int) -> set[str] | None:
        return None  # the vocabulary table decides

    def visible_similar_titles(self, words, access: Access, kind: str, limit: int):
        return self.similar_titles(
            words, _and(access_where(access), filter_where([kind], None)), limit
        )


class SqliteBackend(SqlBackend):
    name = "sqlite"
    # Facet values by document, from the covering index: matches first, then their facets
    # (CROSS JOIN keeps that order), never a scan of every facet row.
    _facets = "search_facet f INDEXED BY search_facet_by_document"

    def _match(self, parsed: q.ParsedQuery) -> tuple[str, str, list[Any]]:
        # The narrow covering index, named: without fresh ANALYZE statistics SQLite would read
        # each match's wide row instead.
        source = (
            "search_fts JOIN search_document d INDEXED BY search_document_rank"
            " ON d.id = search_fts.rowid"
        )
        return source, "search_fts MATCH %s", [q.to_fts5(parsed)]

    def _score(self) -> str:
        relevance = f"(-bm25(search_fts, {TITLE_WEIGHT}, {KEYWORDS_WEIGHT}, {BODY_WEIGHT}))"
        # The title bonus: bm25 over the title alone is below zero exactly when a query phrase
        # occurs in the title. It reads the position lists FTS5 already has; highlight() would
        # re-read and re-tokenise every matching title.
        in_title = "bm25(search_fts, 1.0, 0.0, 0.0) < 0"
        return relevance + _FACTORS.format(max="max", in_title=in_title)

    def hits(self, parsed, where: Where, limit: int, offset: int) -> list[Row]:
        source, match, params = self._match(parsed)
        # Rank every match, but highlight and cut snippets for the page of hits only: in one
        # SELECT, SQLite would compute them for every match before sorting.
        ranked = f"""
            SELECT d.id, {self._score()} AS score FROM {source} WHERE {match} AND {where.sql}
            ORDER BY score DESC, d.id LIMIT %s OFFSET %s"""
        with connection.cursor() as cursor:
            cursor.execute(ranked, [_now(), *params, *where.params, limit, offset])
            page = cursor.fetchall()
        if not page:
            return []
        scores = dict(page)
        marks = ", ".join(["%s"] * len(page))
        sql = f"""
            SELECT d.id, d.kind, d.title, d.url, d.updated, 0.0,
                highlight(search_fts, 0, %s, %s),
                snippet(search_fts, 2, %s, %s, '…', 24)
            FROM {source} WHERE {match} AND search_fts.rowid IN ({marks})"""
        args = [*[MARK_START, MARK_END] * 2, *params, *scores]
        rows = _rows(sql, args)
        for row in rows:
            row.score = scores[row.id]
        return sorted(rows, key=lambda r: (-r.score, r.id))

    def similar_titles(self, words: list[str], where: Where, limit: int) -> list[tuple]:
        """Documents whose title shares any of these words, best first: (id, kind, key,
        title, url)."""
        match = "{title} : (" + " OR ".join(f'"{w}"' for w in words) + ")"
        sql = f"""
            SELECT d.id, d.kind, d.key, d.title, d.url
            FROM search_fts JOIN search_document d ON d.id = search_fts.rowid
            WHERE search_fts MATCH %s AND {where.sql}
            ORDER BY bm25(search_fts, 1.0, 0.0, 0.0) LIMIT %s"""
        with connection.cursor() as cursor:
            cursor.execute(sql, [match, *where.params, limit])
            return cursor.fetchall()

    def counts(
        self, parsed, where: Where, kinds: list[str] | None
    ) -> tuple[dict[str, int], list[tuple[str, str, int]]]:
        """Counts by kind of the matches `where` allows, and (name, value, count) by facet of
        those of them among `kinds` (all kinds if none): one full-text match for both."""
        source, match, params = self._match(parsed)
        only = ""
        if kinds:
            only = f" AND m.kind IN ({', '.join(['%s'] * len(kinds))})"
        sql = f"""
            WITH m AS MATERIALIZED (SELECT d.id, d.kind FROM {source} WHERE {match} AND {where.sql})
            SELECT '', m.kind, COUNT(*) FROM m GROUP BY m.kind
            UNION ALL
            SELECT f.name, f.value, COUNT(*) FROM m CROSS JOIN {self._facets}
            WHERE f.document_id = m.id{only} GROUP BY f.name, f.value"""
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, *where.params, *(kinds or [])])
            rows = cursor.fetchall()
        by_kind = {value: n for name, value, n in rows if name == ""}
        return by_kind, [r for r in rows if r[0] != ""]

    def kind_counts(self, parsed, where: Where) -> dict[str, int]:
        source, match, params = self._match(parsed)
        sql = f"SELECT d.kind, COUNT(*) FROM {source} WHERE {match} AND {where.sql} GROUP BY d.kind"
        with connection.cursor() as cursor:
            cursor.execute(sql, params + where.params)
            return dict(cursor.fetchall())


class PostgresBackend(SqliteBackend):
    name = "postgresql"
    _facets = "search_facet f"

    def _match(self, parsed: q.ParsedQuery) -> tuple[str, str, list[Any]]:
        text, prefixes = q.to_websearch(parsed)
        parts, params = [], []
        if text:
            parts.append("websearch_to_tsquery('english', %s)")
            params.append(text)
        for word in prefixes:  # already `word:* | completion`, built from letters and digits
            parts.append("to_tsquery('english', %s)")
            params.append(word)
        tsquery = " && ".join(parts)
        source = f"search_document d, (SELECT {tsquery} AS query) tq"
        return source, "d.vector @@ tq.query", params

    def _score(self) -> str:
        # Weights are listed D, C, B, A; normalisation 1 divides by 1 + log(length).
        weights = f"'{{{BODY_WEIGHT / 10}, 0.1, {KEYWORDS_WEIGHT / 10}, {TITLE_WEIGHT / 10}}}'"
        relevance = f"ts_rank_cd({weights}, d.vector, tq.query, 1)"
        in_title = "ts_filter(d.vector, '{a}') @@ tq.query"
        return relevance + _FACTORS.format(max="GREATEST", in_title=in_title)

    def similar_titles(self, words: list[str], where: Where, limit: int) -> list[tuple]:
        sql = f"""
            SELECT d.id, d.kind, d.key, d.title, d.url
            FROM search_document d, (SELECT to_tsquery('english', %s) AS query) tq
            WHERE ts_filter(d.vector, '{{a}}') @@ tq.query AND {where.sql}
            ORDER BY ts_rank('{{0, 0, 0, 1}}', d.vector, tq.query) DESC LIMIT %s"""
        with connection.cursor() as cursor:
            cursor.execute(sql, [" | ".join(words), *where.params, limit])
            return cursor.fetchall()

    def hits(self, parsed, where: Where, limit: int, offset: int) -> list[Row]:
        source, match, params = self._match(parsed)
        title_opts = f'HighlightAll=true, StartSel="{MARK_START}", StopSel="{MARK_END}"'
        body_opts = (
            f'MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … ", '
            f'StartSel="{MARK_START}", StopSel="{MARK_END}"'
        )
        # ts_headline is costly: run it only on the page of hits, not on every match.
        sql = f"""
            SELECT page.id, page.kind, page.title, page.url, page.updated, page.score,
                ts_headline('english', page.title, page.query, %s),
                ts_headline('english', page.body, page.query, %s)
            FROM (
                SELECT d.id, d.kind, d.title, d.url, d.updated, d.body, tq.query,
                    {self._score()} AS score
                FROM {source} WHERE {match} AND {where.sql}
                ORDER BY score DESC, d.id LIMIT %s OFFSET %s
            ) page ORDER BY page.score DESC, page.id"""
        args = [title_opts, body_opts, _now(), *params, *where.params, limit, offset]
        return _rows(sql, args)


# Relevance times: double when the title matches (so title matches come above body matches);
# (1 + boost) for accepted answers and the like; 1 for published, 0.6 for a draft; and a
# gentle decay with age (a three-year-old document scores about half).
_FACTORS = (
    " * (CASE WHEN {in_title} THEN 2.0 ELSE 1.0 END)"
    " * (1.0 + d.boost)"
    " * (CASE WHEN d.published THEN 1.0 ELSE 0.6 END)"
    " * (1.0 / (1.0 + {max}(0.0, %s - d.updated_ts) / " + str(YEAR) + " * 0.33))"
)


def _now() -> float:
    return time.time()


def _rows(sql: str, args: list[Any]) -> list[Row]:
    with connection.cursor() as cursor:
        cursor.execute(sql, args)
        return [Row(*r) for r in cursor.fetchall()]


def get_backend():
    """The engine TOWNSQUARE_SEARCH_BACKEND names: tantivy (the default, embedded, index files
    in the data folder), or the main database's own full text (`sqlite` FTS5, `postgresql`;
    `database` picks whichever the database is)."""
    name = getattr(settings, "SEARCH_BACKEND", "tantivy")
    if name == "tantivy":
        from .tantivy_backend import TantivyBackend

        return TantivyBackend()
    if name in ("database", "auto"):
        name = connection.vendor
    if name == "postgresql":
        return PostgresBackend()
    if name == "sqlite":
        return SqliteBackend()
    raise ValueError(f"No search backend for {name!r}")
