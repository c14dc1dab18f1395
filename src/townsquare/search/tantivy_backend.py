"""The tantivy engine: the embedded default (decision 0034).

The documents stay in the main database (`Document`, `Facet`, written by `search.api.store` in
the content's own transaction); tantivy holds an index of them under
TOWNSQUARE_SEARCH_INDEX_DIR (DATA_DIR/search):

    search/CURRENT          the name of the live index directory (replaced atomically)
    search/index-<n>/       tantivy's files
    search/writer.lock      one writer at a time, across processes

Consistency. Each change also writes a `Pending` row (the outbox) in the same transaction, so
it commits or rolls back with the content. After commit the rows are applied to the index and
deleted (`apply_on_commit`), and the periodic task `catch_up` applies any left behind. Until a
row is applied, searches leave that document's indexed version out and read its current
version from the database instead (a small in-memory index, "the overlay"): a search always
agrees with the committed content, plus the searcher's own uncommitted writes, and never shows
what was rolled back. Only committed rows are ever applied (never inside a transaction).

Access. Each document carries its audience (`visibility`: public, staff, or the name of a
scope rule) and its scope (`dataset:12`, `community:3`). The access filter is one clause:
public, or staff for staff, or the scope ids the searcher was granted (a few), or every scope
of a kind for an administrator. Counts, facets, snippets and suggestions all run inside it.
"""

from __future__ import annotations

import bisect
import contextlib
import fcntl
import functools
import logging
import os
import re
import shutil
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tantivy
from django.conf import settings
from django.db import connection, transaction

from . import query as q
from .backends import (
    BODY_WEIGHT,
    KEYWORDS_WEIGHT,
    MARK_END,
    MARK_START,
    TITLE_WEIGHT,
    YEAR,
    Access,
    Row,
)
from .models import Document, Facet, Pending
from .registry import ALL, FACET_NAMES, PUBLIC, STAFF

log = logging.getLogger(__name__)

ANYONE = "anyone"
TEXT_FIELDS = {"title": TITLE_WEIGHT, "keywords": KEYWORDS_WEIGHT, "body": BODY_WEIGHT}
BATCH = 2000
FACET_SIZE = 500  # values returned per facet
SNIPPET_CHARS = 200
SNIPPET_SCAN_CHARS = 20_000  # a snippet comes from the start of a long body
SNIPPET_MATCHES = 50  # of which the first so many matches are weighed
WEIGHT_SCALE = 16.0  # see _weight
TERM_UNION_LIMIT = 200  # see _any_of
FEW_HITS = 50  # see _Part.few
KEEP_OLD_INDEXES = 1  # the previous index stays until the next rebuild (open readers)


def _schema() -> tantivy.Schema:
    b = tantivy.SchemaBuilder()
    b.add_text_field("uid", stored=True, tokenizer_name="raw")  # "kind:key"
    b.add_text_field("kind", stored=True, tokenizer_name="raw", fast=True)
    b.add_text_field("key", stored=True, tokenizer_name="raw")
    b.add_integer_field("doc_id", stored=True)
    b.add_text_field("title", stored=True, tokenizer_name="en_stem")
    b.add_text_field("keywords", stored=False, tokenizer_name="en_stem")
    b.add_text_field("body", stored=True, tokenizer_name="en_stem")
    b.add_text_field("url", stored=True, tokenizer_name="raw")
    b.add_float_field("updated", stored=True)
    b.add_float_field("weight", fast=True)
    b.add_text_field("visibility", tokenizer_name="raw")
    b.add_text_field("audience", tokenizer_name="raw")  # see _audience
    b.add_text_field("scope", tokenizer_name="raw")
    for name in FACET_NAMES:
        b.add_text_field(f"f_{name}", tokenizer_name="raw", fast=True)
    return b.build()


SCHEMA = _schema()
# The query side of the en_stem tokenizer the text fields are indexed with.
ANALYZER = (
    tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
    .filter(tantivy.Filter.remove_long(40))
    .filter(tantivy.Filter.lowercase())
    .filter(tantivy.Filter.stemmer("english"))
    .build()
)


# Documents -------------------------------------------------------------------------------------


def _weight(boost: float, published: bool, updated_ts: float, now: float) -> float:
    """Ranking factors as tantivy's `weight_by_field`, which multiplies the score by
    log2(2 + weight): the same product as the SQL engines, (1 + boost) × 0.6 for a draft ×
    a gentle decay with age, scaled so that log2(2 + weight) = 16 × the product (≥ 1)."""
    age = max(0.0, now - updated_ts) / YEAR
    factor = (1.0 + boost) * (1.0 if published else 0.6) / (1.0 + age * 0.33)
    return max(0.0, 2.0 ** max(1.0, WEIGHT_SCALE * factor) - 2.0)


def _tantivy_documents(rows: Iterable[Document], now: float) -> Iterator[tantivy.Document]:
    rows = list(rows)
    facets: dict[int, dict[str, list[str]]] = {}
    for document_id, name, value in Facet.objects.filter(
        document_id__in=[r.id for r in rows]
    ).values_list("document_id", "name", "value"):
        facets.setdefault(document_id, {}).setdefault(name, []).append(value)
    for r in rows:
        scope = f"{r.visibility}:{r.scope_id}" if r.scope_id is not None else ""
        fields: dict[str, Any] = {
            "uid": f"{r.kind}:{r.key}", "kind": r.kind, "key": r.key, "doc_id": r.id,
            "title": r.title, "keywords": r.keywords, "body": r.body, "url": r.url,
            "updated": r.updated_ts, "weight": _weight(r.boost, r.published, r.updated_ts, now),
            "visibility": r.visibility, "audience": _audience(r.visibility),
        }  # fmt: skip
        if scope:
            fields["scope"] = scope
        for name, values in facets.get(r.id, {}).items():
            if name in FACET_NAMES:
                fields[f"f_{name}"] = values
        yield tantivy.Document(**fields)


def _audience(visibility: str) -> list[str]:
    """Who a document is for, as tokens a searcher's filter matches with a single term: a
    public document is for anyone and for staff; a staff one for staff; a restricted one names
    its scope rule (matched whole only by administrators; others match its scope id)."""
    if visibility == PUBLIC:
        return [ANYONE, STAFF]
    return [visibility]


def _rows_for(keys: Iterable[tuple[str, str]]) -> list[Document]:
    by_kind: dict[str, list[str]] = {}
    for kind, key in keys:
        by_kind.setdefault(kind, []).append(key)
    found: list[Document] = []
    for kind, kind_keys in by_kind.items():
        for start in range(0, len(kind_keys), 500):
            found += Document.objects.filter(kind=kind, key__in=kind_keys[start : start + 500])
    return found


# The index on disk ----------------------------------------------------------------------------


def _root() -> Path:
    return Path(getattr(settings, "SEARCH_INDEX_DIR", Path(settings.DATA_DIR) / "search"))


class _Opened:
    """The live index of this process, reopened when CURRENT names another directory and
    reloaded when its meta.json changes (another process committed); and one searcher of it,
    shared by every search until then (a new searcher starts with cold caches: a search on
    one costs half as much again)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.key: tuple | None = None
        self.index: tantivy.Index | None = None
        self.meta: tuple | None = None
        self._searcher: tuple[tantivy.Index, tuple, tantivy.Searcher] | None = None

    def searcher(self) -> tuple[tantivy.Index, tantivy.Searcher] | None:
        index = self.get()
        if index is None:
            return None
        with self.lock:
            if self._searcher is None or self._searcher[:2] != (index, self.meta):
                self._searcher = (index, self.meta, index.searcher())
            return index, self._searcher[2]

    def get(self) -> tantivy.Index | None:
        root = str(_root())  # strings: comparing paths costs more than the rest of this
        try:
            with open(os.path.join(root, "CURRENT")) as handle:
                current = os.path.join(root, handle.read().strip())
            meta = os.stat(os.path.join(current, "meta.json"))
        except (FileNotFoundError, NotADirectoryError):
            return None
        stamp = (meta.st_ino, meta.st_mtime_ns, meta.st_size)
        with self.lock:
            if self.key != (root, current):
                self.index = tantivy.Index.open(current)
                self.key, self.meta = (root, current), stamp
            elif self.meta != stamp:
                self.index.reload()
                self.meta = stamp
            return self.index


_opened = _Opened()


@contextlib.contextmanager
def _writer_lock(root: Path, *, blocking: bool) -> Iterator[bool]:
    root.mkdir(parents=True, exist_ok=True)
    with open(root / "writer.lock", "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _new_index(root: Path) -> tuple[Path, tantivy.Index]:
    folder = root / f"index-{time.time_ns()}"
    folder.mkdir(parents=True)
    return folder, tantivy.Index(SCHEMA, path=str(folder), reuse=False)


def _make_current(root: Path, folder: Path) -> None:
    temporary = root / "CURRENT.new"
    temporary.write_text(folder.name)
    os.replace(temporary, root / "CURRENT")  # atomic: readers see the old name or the new


def _writable(root: Path) -> tantivy.Index:
    """The live index, made (empty) if there is none yet. Call with the writer lock held."""
    index = _opened.get()
    if index is None:
        folder, index = _new_index(root)
        writer = index.writer(15_000_000, 1)
        writer.commit()
        writer.wait_merging_threads()
        _make_current(root, folder)
        index = _opened.get()
    return index


def _drain(index: tantivy.Index) -> int:
    """Apply every pending change to `index`, batch by batch, reading each document's current
    version from the database; then delete the rows applied. Idempotent."""
    applied = 0
    while True:
        pending = list(Pending.objects.order_by("id").values_list("id", "kind", "key")[:BATCH])
        if not pending:
            return applied
        keys = {(kind, key) for _id, kind, key in pending}
        writer = index.writer(50_000_000, 1)
        for kind, key in keys:
            writer.delete_documents_by_term("uid", f"{kind}:{key}")
        for document in _tantivy_documents(_rows_for(keys), time.time()):
            writer.add_document(document)
        writer.commit()
        writer.wait_merging_threads()
        index.reload()
        Pending.objects.filter(id__in=[i for i, _k, _key in pending]).delete()
        applied += len(pending)


def apply_pending(*, blocking: bool = False) -> int:
    """Apply committed changes to the index; the number applied. Never inside a transaction
    (it would read changes that may yet be rolled back); without `blocking`, returns at once
    if another process is writing (it, or the periodic task, will apply these too)."""
    if connection.in_atomic_block:
        return 0
    root = _root()
    with _writer_lock(root, blocking=blocking) as locked:
        if not locked:
            return 0
        return _drain(_writable(root))


def _apply_after_commit() -> None:
    try:
        apply_pending()
    except Exception:  # the content is committed; the periodic task will catch up
        log.exception("Search: applying changes to the tantivy index failed; will retry")


def apply_on_commit() -> None:
    """Schedule `apply_pending` for when the current transaction commits (once per commit)."""
    conn = transaction.get_connection()
    if conn.in_atomic_block:
        if any(entry[1] is _apply_after_commit for entry in conn.run_on_commit):
            return
        transaction.on_commit(_apply_after_commit)
    else:
        _apply_after_commit()


def rebuild_index() -> Path | None:
    """Index every stored document into a new directory, then make it the live one: searches
    use the old index until the new one is complete. Changes made meanwhile wait in the
    outbox (searches read them from the database) and are applied to the new index."""
    if connection.in_atomic_block:
        return None  # only committed documents are indexed; these stay pending till then
    root = _root()
    with _writer_lock(root, blocking=True):
        folder, index = _new_index(root)
        writer = index.writer(200_000_000, 0)
        now, last = time.time(), 0
        while True:
            rows = list(Document.objects.filter(id__gt=last).order_by("id")[:BATCH])
            if not rows:
                break
            for document in _tantivy_documents(rows, now):
                writer.add_document(document)
            last = rows[-1].id
        writer.commit()
        writer.wait_merging_threads()
        _make_current(root, folder)
        _drain(_opened.get())
        _remove_old(root, folder)
    return folder


def _remove_old(root: Path, current: Path) -> None:
    old = sorted(p for p in root.glob("index-*") if p != current)
    for folder in old[: max(0, len(old) - KEEP_OLD_INDEXES)]:
        shutil.rmtree(folder, ignore_errors=True)


def index_missing() -> bool:
    return _opened.get() is None


# Searching -------------------------------------------------------------------------------------


@dataclass
class _Overlay:
    index: tantivy.Index
    uids: list[str]


class _OverlayCache:
    """The last overlay built, by the set of pending tokens it was built from: tokens are
    never reused, and every change adds one, so equal sets mean equal documents."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.tokens: frozenset | None = None
        self.overlay: _Overlay | None = None

    def get(self) -> _Overlay | None:
        pending = _pending_rows()
        if not pending:
            return None
        tokens = frozenset(t for t, _k, _key in pending)
        with self.lock:
            if self.tokens == tokens:
                return self.overlay
        keys = {(kind, key) for _t, kind, key in pending}
        index = tantivy.Index(SCHEMA)
        writer = index.writer(15_000_000, 1)
        for document in _tantivy_documents(_rows_for(keys), time.time()):
            writer.add_document(document)
        writer.commit()
        writer.wait_merging_threads()
        index.reload()
        overlay = _Overlay(index, sorted(f"{kind}:{key}" for kind, key in keys))
        with self.lock:
            self.tokens, self.overlay = tokens, overlay
        return overlay


_overlays = _OverlayCache()


def _pending_rows() -> list[tuple]:
    """Every row in the outbox. Read on each search, so a plain query (the ORM's own cost
    would be most of it); as text, as the ORM would compare them."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT token, kind, {connection.ops.quote_name('key')} FROM "  # noqa: S608
                       f"{Pending._meta.db_table}")  # fmt: skip
        return [(str(token), kind, key) for token, kind, key in cursor.fetchall()]


def _tokens(text: str) -> list[str]:
    return [t for t in ANALYZER.analyze(text)]


@functools.lru_cache(maxsize=50_000)
def _stem(word: str) -> str | None:
    tokens = ANALYZER.analyze(word)
    return tokens[0] if tokens else None


# What the `simple` tokenizer counts as a word: a run of letters and digits.
_WORD = re.compile(r"[^\W_]+")


PREFIX_TERMS = 30  # indexed terms a prefix expands to, per field, the most frequent first


def _term_query(part, parts: list[str], prefix: bool, completions: tuple[str, ...]):
    """One user term (a word, a phrase, a prefix) over every text field, title first."""
    schema = part.schema
    tokens = _tokens(" ".join(parts))
    clauses = []
    for field, weight in TEXT_FIELDS.items():
        if prefix:
            stems = part.prefix_stems(field, parts[0], completions)
            options = [tantivy.Query.term_query(schema, field, t) for t in stems]
            if not options:
                continue
            query = tantivy.Query.boolean_query([(tantivy.Occur.Should, o) for o in options])
        elif len(tokens) > 1:
            query = tantivy.Query.phrase_query(schema, field, tokens)
        elif tokens:
            query = tantivy.Query.term_query(schema, field, tokens[0])
        else:
            continue
        clauses.append((tantivy.Occur.Should, tantivy.Query.boost_query(query, weight)))
    if not clauses:
        return None
    return tantivy.Query.boolean_query(clauses)


def _text_query(part, parsed: q.ParsedQuery):
    """The words: all positive terms must match, none of the negative ones."""
    clauses = []
    for term in parsed.positive:
        query = _term_query(part, list(term.words), term.prefix, term.completions)
        if query is None:
            if term.prefix:
                continue
            return None  # a word with nothing to match (too long): nothing matches
        clauses.append((tantivy.Occur.Must, query))
    if not clauses:
        return None
    for term in parsed.negative:
        query = _term_query(part, list(term.words), False, ())
        if query is not None:
            clauses.append((tantivy.Occur.MustNot, query))
    return tantivy.Query.boolean_query(clauses)


def _filter(query) -> tantivy.Query:
    return tantivy.Query.const_score_query(query, 0.0)


def _any_of(schema, field: str, values) -> tantivy.Query:
    """Documents with any of these exact values in `field`. For a few values, a union of term
    queries: tantivy's term set query walks the field's whole term dictionary, which costs
    more than the search itself when the values are few (as they mostly are here)."""
    values = list(dict.fromkeys(values))
    if len(values) == 1:
        return tantivy.Query.term_query(schema, field, values[0])
    if len(values) > TERM_UNION_LIMIT:
        return tantivy.Query.term_set_query(schema, field, values)
    return tantivy.Query.boolean_query(
        [(tantivy.Occur.Should, tantivy.Query.term_query(schema, field, v)) for v in values]
    )


def _access_filters(schema, access: Access) -> list:
    """What the searcher may see, as one or two disjoint filters: their audience (for most
    people one term, so tantivy intersects it by skipping, not by merging two long lists), and
    apart from it the few restricted scope ids they were granted. A search runs once per
    filter and adds the counts; the scores are the same, so the hits merge exactly."""
    tokens = [STAFF if access.staff else ANYONE]
    tokens += sorted(name for name, ids in access.scopes.items() if ids is ALL)
    filters = [_any_of(schema, "audience", tokens)]
    scopes = [
        f"{name}:{i}"
        for name, ids in sorted(access.scopes.items())
        if ids is not ALL
        for i in sorted(ids)
    ]
    if scopes:
        filters.append(_any_of(schema, "scope", scopes))
    return [_filter(f) for f in filters]


def _query(part, text, access_filter, kinds, facets, exclude: list[str]):
    if text is None:
        return None
    schema = part.schema
    clauses = [(tantivy.Occur.Must, text), (tantivy.Occur.Must, access_filter)]
    if kinds:
        clauses.append((tantivy.Occur.Must, _filter(_any_of(schema, "kind", kinds))))
    for name, values in sorted((facets or {}).items()):
        if values:
            facet = _any_of(schema, f"f_{name}", values)
            clauses.append((tantivy.Occur.Must, _filter(facet)))
    if exclude:
        stale = _any_of(schema, "uid", exclude)
        clauses.append((tantivy.Occur.MustNot, stale))
    return tantivy.Query.boolean_query(clauses)


# Highlighting. The words to mark are those whose stem (by the index's own analyzer) is one of
# the query's. Rather than stem every word of a long body, only the few words that could be
# (they start like a query stem, or like a query word as typed) are found and stemmed.


@dataclass(frozen=True)
class _Highlight:
    stems: frozenset[str]
    starts: tuple[str, ...]  # how words that may have one of the stems begin (lower case)
    candidates: re.Pattern | None  # the same as a pattern


def _highlight(stems: Iterable[str], typed: Iterable[str]) -> _Highlight:
    # A stem mostly keeps all but the last two letters of its word ("temporary" → "temporari");
    # the words as typed cover the irregular ones ("dying" → "die").
    starts = {stem[: max(3, len(stem) - 2)] for stem in stems if stem}
    starts |= {word.lower() for word in typed if word}
    if not starts:
        return _Highlight(frozenset(stems), (), None)
    alternatives = "|".join(re.escape(p) for p in sorted(starts, key=len, reverse=True))
    pattern = re.compile(rf"(?<![^\W_])(?:{alternatives})[^\W_]*", re.IGNORECASE)
    return _Highlight(frozenset(stems), tuple(sorted(starts)), pattern)


def _matches(text: str, highlight: _Highlight) -> list[re.Match]:
    """The words of `text` with one of the stems, in order. Each candidate start is looked for
    with str.find, much faster than a regular expression over the whole text."""
    lower = text.lower()
    if len(lower) != len(text):  # lower case moved the offsets (rare letters): the slow way
        found = highlight.candidates.finditer(text) if highlight.candidates else []
        return [m for m in found if _stem(m.group()) in highlight.stems]
    matches: dict[int, re.Match] = {}
    for start in highlight.starts:
        at = lower.find(start)
        while at >= 0:
            if at == 0 or not lower[at - 1].isalnum():
                word = _WORD.match(text, at)
                if word and _stem(word.group()) in highlight.stems:
                    matches[at] = word
            at = lower.find(start, at + 1)
    return [matches[at] for at in sorted(matches)]


def _marked_words(text: str, matches: list[re.Match], start: int = 0, end: int | None = None):
    """`text[start:end]` with the matched words between highlight marks."""
    end = len(text) if end is None else end
    out, at = [], start
    for match in matches:
        if match.start() >= at and match.end() <= end:
            out += [text[at : match.start()], MARK_START, match.group(), MARK_END]
            at = match.end()
    out.append(text[at:end])
    return "".join(out)


def _snippet(body: str, highlight: _Highlight, chars: int = SNIPPET_CHARS) -> str:
    """About `chars` characters of `body` around its densest cluster of matched words (the
    most different query words, the earliest of equals), cut at spaces, marked."""
    matches = _matches(body[:SNIPPET_SCAN_CHARS], highlight)[:SNIPPET_MATCHES]
    if not matches:
        return body[:chars]
    lead = chars // 4  # context before the first match in the window
    starts = [m.start() for m in matches]
    ends = [m.end() for m in matches]
    stems_found = [_stem(m.group()) for m in matches]
    best, best_words, first = 0, -1, 0
    for position in starts:
        start = max(0, position - lead)
        low, high = bisect.bisect_left(starts, start), bisect.bisect_right(ends, start + chars)
        words = len(set(stems_found[low:high]))
        if words > best_words:
            best, best_words, first = start, words, starts[low]
    start, end = best, min(len(body), best + chars)
    if start > 0:  # begin and end on whole words, never after the first match
        space = body.find(" ", start, first)
        start = space + 1 if space >= 0 else start
    if end < len(body):
        space = body.rfind(" ", start, end)
        end = space if space > start else end
    text = _marked_words(body, matches, start, end)
    return ("…" if start > 0 else "") + text + ("…" if end < len(body) else "")


class _Part:
    """One index searched: the live one (leaving out pending documents) or the overlay. Keeps
    what one search builds (the text query, the access filter, highlights, the documents
    read), so a search builds each once."""

    def __init__(self, index: tantivy.Index, exclude: list[str], searcher=None) -> None:
        self.index, self.exclude = index, exclude
        self.searcher = searcher or index.searcher()
        self.schema = index.schema
        self._built: dict[Any, Any] = {}

    def _once(self, key, make):
        if key not in self._built:
            self._built[key] = make()
        return self._built[key]

    def text(self, parsed):
        return self._once(("text", parsed), lambda: _text_query(self, parsed))

    def access(self, access: Access) -> list:
        return self._once(("access", id(access)), lambda: _access_filters(self.schema, access))

    def queries(self, parsed, access, kinds=None, facets=None) -> list:
        """The search as tantivy queries, one per access filter (none if nothing can match)."""
        key = ("query", parsed, id(access), tuple(kinds or ()),
               tuple(sorted((k, tuple(v)) for k, v in (facets or {}).items())))  # fmt: skip
        return self._once(key, lambda: self._queries(parsed, access, kinds, facets))

    def _queries(self, parsed, access, kinds, facets) -> list:
        text = self.text(parsed)
        if text is None:
            return []
        return [_query(self, text, f, kinds, facets, self.exclude) for f in self.access(access)]

    def few(self, query):
        """The first FEW_HITS hits of a narrow query (a searcher's granted scopes), with the
        count: most such searches match nothing, or a handful, so one pass gives the hits and
        the counts by kind that would otherwise take a search and an aggregation."""
        return self._once(
            ("few", id(query)),
            lambda: self.searcher.search(query, FEW_HITS, count=True, weight_by_field="weight"),
        )

    def kinds_of_few(self, query) -> dict[str, int] | None:
        """Counts by kind of a narrow query's matches, from its hits; None if there are more
        matches than hits."""
        result = self.few(query)
        if result.count > len(result.hits):
            return None
        counts: dict[str, int] = {}
        for _score, address in result.hits:
            kind = self.doc(address).get_first("kind")
            counts[kind] = counts.get(kind, 0) + 1
        return counts

    def doc(self, address) -> tantivy.Document:
        key = ("doc", address.segment_ord, address.doc)
        return self._once(key, lambda: self.searcher.doc(address))

    def prefix_stems(self, field: str, prefix: str, completions: tuple[str, ...]) -> list[str]:
        """The indexed stems a prefix stands for in `field`: those starting with it, read from
        the term dictionary, and the stems of the whole words it completes to ("plann" →
        planning → "plan")."""

        def make():
            word = prefix.lower()
            found = self.searcher.terms_with_prefix(field, word, limit=PREFIX_TERMS) if word else []
            return list(dict.fromkeys([t for t, _n in found] + _tokens(" ".join(completions))))

        return self._once(("prefix", field, prefix, completions), make)

    def highlight(self, parsed, field: str) -> _Highlight:
        """What is highlighted in `field`: words with the stem of any positive term."""

        def make():
            stems: set[str] = set()
            for term in parsed.positive:
                if term.prefix:
                    stems.update(self.prefix_stems(field, term.words[0], term.completions))
                else:
                    stems.update(_tokens(" ".join(term.words)))
            return _highlight(stems, [w for t in parsed.positive for w in t.words])

        return self._once(("highlight", parsed, field), make)


def _parts() -> list[_Part]:
    overlay = _overlays.get()  # first: a change applied meanwhile is then in the index
    parts = []
    live = _opened.searcher()
    if live is not None:
        index, searcher = live
        parts.append(_Part(index, overlay.uids if overlay else [], searcher))
    if overlay is not None:
        parts.append(_Part(overlay.index, []))
    return parts


def _aggregate(parts: list[_Part], parsed, access, kinds, facets, names) -> dict[str, dict]:
    spec = {
        name: {"terms": {"field": "kind" if name == "kind" else f"f_{name}",
                         "size": FACET_SIZE}}
        for name in names
    }  # fmt: skip
    totals: dict[str, dict[str, int]] = {name: {} for name in names}
    for part in parts:
        # The first query is the searcher's audience; any after it, their few granted scopes.
        for narrow, query in enumerate(part.queries(parsed, access, kinds, facets)):
            found = part.kinds_of_few(query) if narrow and names == ["kind"] else None
            if found is not None:
                buckets = [{"key": kind, "doc_count": n} for kind, n in found.items()]
                result = {"kind": {"buckets": buckets}}
            else:
                result = part.searcher.aggregate(query, spec)
            for name in names:
                for bucket in result.get(name, {}).get("buckets", []):
                    counts = totals[name]
                    counts[bucket["key"]] = counts.get(bucket["key"], 0) + bucket["doc_count"]
    return totals


class TantivyBackend:
    """One per search (`get_backend()`): the indexes are opened and the pending documents read
    once for all the steps of a search."""

    name = "tantivy"

    def __init__(self) -> None:
        self._parts: list[_Part] | None = None

    def parts(self) -> list[_Part]:
        if self._parts is None:
            self._parts = _parts()
        return self._parts

    def search_counts(self, parsed, access: Access, kinds, facets, *, facet_counts=True):
        parts = self.parts()
        if not facet_counts:
            return _aggregate(parts, parsed, access, None, facets, ["kind"])["kind"], []
        if kinds:
            by_kind = _aggregate(parts, parsed, access, None, facets, ["kind"])["kind"]
            found = _aggregate(parts, parsed, access, kinds, facets, list(FACET_NAMES))
        else:
            found = _aggregate(parts, parsed, access, None, facets, ["kind", *FACET_NAMES])
            by_kind = found.pop("kind")
        rows = [(name, value, n) for name in FACET_NAMES for value, n in found[name].items()]
        return by_kind, rows

    def known_words(self, words: list[str], total: int) -> set[str] | None:
        """Words the index holds (as stems, in any text field). When the search found
        something, every word in it matched, so all are known without looking."""
        if total:
            return set(words)
        known = set()
        for word in words:
            stems = _tokens(word)
            if stems and any(
                part.searcher.doc_freq(field, stems[0])
                for part in self.parts()
                for field in TEXT_FIELDS
            ):
                known.add(word)
        return known

    def visible_kind_counts(self, parsed, access: Access) -> dict[str, int]:
        return _aggregate(self.parts(), parsed, access, None, None, ["kind"])["kind"]

    def search_hits(self, parsed, access: Access, kinds, facets, limit: int, offset: int):
        found = []
        for part in self.parts():
            for narrow, query in enumerate(part.queries(parsed, access, kinds, facets)):
                if narrow and offset + limit <= FEW_HITS:
                    result = part.few(query)
                else:
                    result = part.searcher.search(
                        query, offset + limit, count=False, weight_by_field="weight"
                    )
                found += [(score, address, part) for score, address in result.hits]
        found.sort(key=lambda f: -f[0])
        page = found[offset : offset + limit]
        marks = {id(part): (part.highlight(parsed, "title"), part.highlight(parsed, "body"))
                 for part in self.parts()}  # fmt: skip
        return [
            self._row(score, part.doc(address), *marks[id(part)]) for score, address, part in page
        ]

    @staticmethod
    def _row(score: float, doc, title_marks: _Highlight, body_marks: _Highlight) -> Row:
        title, body = doc.get_first("title") or "", doc.get_first("body") or ""
        title_marked = _marked_words(title, _matches(title, title_marks))
        updated = _datetime(doc.get_first("updated"))
        return Row(doc.get_first("doc_id"), doc.get_first("kind"), title, doc.get_first("url"),
                   updated, score, title_marked, _snippet(body, body_marks))  # fmt: skip

    def visible_similar_titles(self, words, access: Access, kind: str, limit: int):
        found = []
        for part in self.parts():
            options = [
                tantivy.Query.term_query(part.schema, "title", t)
                for t in dict.fromkeys(_tokens(" ".join(words)))
            ]
            if not options:
                return []
            text = tantivy.Query.boolean_query([(tantivy.Occur.Should, o) for o in options])
            for allowed in part.access(access):
                found += self._similar(part, text, allowed, kind, limit)
        found.sort(key=lambda f: -f[0])
        return [row for _score, row in found[:limit]]

    def _similar(self, part: _Part, text, allowed, kind: str, limit: int) -> list:
        kind_filter = _filter(tantivy.Query.term_query(part.schema, "kind", kind))
        clauses = [
            (tantivy.Occur.Must, text),
            (tantivy.Occur.Must, allowed),
            (tantivy.Occur.Must, kind_filter),
        ]
        if part.exclude:
            stale = _any_of(part.schema, "uid", part.exclude)
            clauses.append((tantivy.Occur.MustNot, stale))
        result = part.searcher.search(tantivy.Query.boolean_query(clauses), limit, count=False)
        found = []
        for score, address in result.hits:
            doc = part.searcher.doc(address)
            found.append((score, (doc.get_first("doc_id"), doc.get_first("kind"),
                                  doc.get_first("key"), doc.get_first("title"),
                                  doc.get_first("url"))))  # fmt: skip
        return found


def _datetime(timestamp: float | None):
    from datetime import UTC, datetime

    return datetime.fromtimestamp(timestamp or 0.0, tz=UTC)
