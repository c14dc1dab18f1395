"""Search's one interface. Content apps call `index_object` / `remove_object` from their
services, inside the same transaction as the write; pages call `search` and `suggest`.

    from townsquare.search import api as search
    search.index_object(dataset)
    results = search.search(request.user, "temporary accommodation", kinds=["dataset"])
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from html import escape as html_escape
from typing import Any

from django.core.paginator import Page, Paginator
from django.db import connection, transaction
from django.db.models.functions import Length
from django.utils.safestring import SafeString, mark_safe

from . import query as q
from .backends import MARK_END, MARK_START, Access, access_for, get_backend
from .models import Document, Facet, Pending, Word
from .registry import FACET_NAMES, SearchDocument, kind_labels, source_for_object, sources

MAX_PER_PAGE = 50
MAX_PAGE = 500
VOCAB_BODY_CHARS = 2000  # the vocabulary takes words from the start of each body
_VOCAB_WORD = re.compile(r"[^\W\d_]{3,30}")


@dataclass
class Hit:
    kind: str
    kind_label: str
    title: str
    url: str
    updated: datetime
    score: float
    title_html: SafeString
    snippet_html: SafeString


@dataclass
class FacetValue:
    value: str
    count: int
    selected: bool


@dataclass
class SearchResults:
    query: str
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    kind_counts: dict[str, int] = field(default_factory=dict)
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    suggestion: str | None = None
    page: Page | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "total": self.total,
            "page": self.page.number if self.page else 1,
            "suggestion": self.suggestion,
            "counts": {"kind": self.kind_counts} | {
                name: {v.value: v.count for v in values} for name, values in self.facets.items()
            },
            "results": [
                {"kind": h.kind, "title": h.title, "url": h.url, "score": round(h.score, 4),
                 "updated": h.updated.isoformat() if hasattr(h.updated, "isoformat") else h.updated,
                 "title_html": str(h.title_html), "snippet_html": str(h.snippet_html)}
                for h in self.hits
            ],
        }  # fmt: skip


# Writing ---------------------------------------------------------------------------------------


def index_object(obj: Any) -> None:
    """(Re)index one object from the source registered for its class. Call it inside the
    transaction that changed the object, so the index can never disagree with the content."""
    source = source_for_object(obj)
    if source is None:
        raise LookupError(f"No search source for {type(obj).__name__}")
    document = source.document_for(obj)
    if document is None:
        remove(source.kind, source.key_for(obj))
    else:
        store([document])


def remove_object(obj: Any) -> None:
    source = source_for_object(obj)
    if source is not None:
        remove(source.kind, source.key_for(obj))


@transaction.atomic
def remove(kind: str, key: str) -> None:
    Document.objects.filter(kind=kind, key=str(key)).delete()
    _changed([(kind, str(key))])


def _changed(keys: list[tuple[str, str]]) -> None:
    """Note changed documents in the tantivy outbox, in the caller's transaction, and apply
    them to the index once it commits (never before: a rollback must not reach the index)."""
    if get_backend().name != "tantivy":
        return
    from . import tantivy_backend

    Pending.objects.bulk_create([Pending(kind=kind, key=key) for kind, key in keys])
    tantivy_backend.apply_on_commit()


@transaction.atomic
def store(documents: Iterable[SearchDocument]) -> None:
    """Replace the stored documents with these (same kind and key), facets and vocabulary too.
    One transaction: a reader sees the old version or the new one, never neither."""
    documents = list(documents)
    if not documents:
        return
    for kind in {d.kind for d in documents}:
        keys = [str(d.key) for d in documents if d.kind == kind]
        Document.objects.filter(kind=kind, key__in=keys).delete()
    rows = Document.objects.bulk_create([_row(d) for d in documents])
    Facet.objects.bulk_create(
        Facet(document=row, name=name, value=str(value)[:200])
        for row, d in zip(rows, documents, strict=True)
        for name, values in d.facets.items()
        for value in dict.fromkeys(values)
        if value
    )
    text = " ".join(f"{d.title} {d.keywords} {d.body[:VOCAB_BODY_CHARS]}" for d in documents)
    words = {w.lower() for w in _VOCAB_WORD.findall(text)}
    Word.objects.bulk_create([Word(word=w) for w in sorted(words)], ignore_conflicts=True)
    _changed([(d.kind, str(d.key)) for d in documents])


def _clean(text: str) -> str:
    return (text or "").replace(MARK_START, "").replace(MARK_END, "")


def _row(d: SearchDocument) -> Document:
    return Document(
        kind=d.kind, key=str(d.key), title=_clean(d.title)[:500], keywords=_clean(d.keywords),
        body=_clean(d.body), url=d.url, updated=d.updated, updated_ts=d.updated.timestamp(),
        published=d.published, boost=d.boost, visibility=d.visibility, scope_id=d.scope_id,
    )  # fmt: skip


def rebuild(batch_size: int = 500) -> dict[str, int]:
    """Re-read every source and replace the index, batch by batch. Each batch swaps old rows for
    new ones in one transaction, and rows whose content has gone are removed at the end, so
    searches keep finding everything while a rebuild runs."""
    counts: dict[str, int] = {}
    for source in sources():
        seen: set[str] = set()
        batch: list[SearchDocument] = []
        for document in source.documents():
            batch.append(document)
            seen.add(str(document.key))
            if len(batch) >= batch_size:
                store(batch)
                batch = []
        store(batch)
        stale = Document.objects.filter(kind=source.kind).values_list("key", flat=True)
        gone = [k for k in stale if k not in seen]
        for start in range(0, len(gone), batch_size):
            with transaction.atomic():
                Document.objects.filter(
                    kind=source.kind, key__in=gone[start : start + batch_size]
                ).delete()
                _changed([(source.kind, k) for k in gone[start : start + batch_size]])
        counts[source.kind] = len(seen)
    with transaction.atomic():
        orphans = Document.objects.exclude(kind__in=[s.kind for s in sources()])
        _changed(list(orphans.values_list("kind", "key")))
        orphans.delete()
    if get_backend().name == "tantivy":
        from . import tantivy_backend

        # A new index directory from the documents just stored, swapped in when complete.
        tantivy_backend.rebuild_index()
    return counts


# Reading ---------------------------------------------------------------------------------------


def search(
    user,
    query: str,
    *,
    kinds: list[str] | None = None,
    facets: dict[str, list[str]] | None = None,
    page: int = 1,
    per_page: int = 20,
    facet_counts: bool = True,
) -> SearchResults:
    """The documents matching `query` that `user` may see, best first, with counts by kind and
    (unless `facet_counts` is false) by facet, all obeying access, and a "did you mean" when a
    word is not in the index."""
    results = SearchResults(query=query)
    parsed = q.with_completions(q.parse(query), _completions)
    if not parsed:
        return results
    backend = get_backend()
    facets = {k: v for k, v in (facets or {}).items() if k in FACET_NAMES and v}
    kinds = [k for k in (kinds or []) if k in kind_labels()]
    allowed = access_for(user)

    counts, facet_rows = backend.search_counts(
        parsed, allowed, kinds, facets, facet_counts=facet_counts
    )
    results.kind_counts = dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    results.total = sum(n for k, n in counts.items() if not kinds or k in kinds)
    per_page = max(1, min(per_page, MAX_PER_PAGE))
    results.page = Paginator(range(results.total), per_page).get_page(min(page, MAX_PAGE))
    if results.total:
        offset = (results.page.number - 1) * per_page
        rows = backend.search_hits(parsed, allowed, kinds, facets, per_page, offset)
        labels = kind_labels()
        results.hits = [
            Hit(r.kind, labels.get(r.kind, r.kind), r.title, r.url, r.updated, r.score,
                _marked(r.title_marked), _marked(r.snippet_marked))
            for r in rows
        ]  # fmt: skip
        results.facets = _facet_values(facet_rows, facets)
    results.suggestion = _did_you_mean(backend, parsed, query, allowed, results.total)
    return results


def suggest(user, prefix: str, limit: int = 8) -> list[Hit]:
    """Titles to offer as someone types: the best visible matches, the last word a prefix."""
    parsed = q.with_completions(q.parse(prefix, prefix_last=True), _completions)
    if not parsed:
        return []
    rows = get_backend().search_hits(
        parsed, access_for(user), None, None, max(1, min(limit, 20)), 0
    )
    labels = kind_labels()
    return [
        Hit(r.kind, labels.get(r.kind, r.kind), r.title, r.url, r.updated, r.score,
            _marked(r.title_marked), mark_safe(""))  # noqa: S308 - empty
        for r in rows
    ]  # fmt: skip


@dataclass
class Similar:
    kind: str
    key: str
    title: str
    url: str
    similarity: float  # 0-1, of the normalised titles


def similar_titles(
    user, title: str, *, kind: str = "dataset", exclude_key: str | None = None,
    limit: int = 5, threshold: float = 0.5,
) -> list[Similar]:  # fmt: skip
    """Things of this kind the user may see whose titles look like `title`: for "does this
    already exist?" as a publisher types, and for the duplicates report. Candidates come from
    the index (any title word in common), ordered by how alike the whole titles are."""
    words = list(dict.fromkeys(q.parse(title).words()))[:12]
    if not words:
        return []
    rows = get_backend().visible_similar_titles(words, access_for(user), kind, 50)
    wanted = _normalise(title)
    found = [
        Similar(row_kind, key, row_title, url,
                difflib.SequenceMatcher(None, wanted, _normalise(row_title)).ratio())
        for _id, row_kind, key, row_title, url in rows
        if key != exclude_key
    ]  # fmt: skip
    found = [s for s in found if s.similarity >= threshold]
    return sorted(found, key=lambda s: -s.similarity)[:limit]


def likely_duplicates(user, *, kind: str = "dataset", threshold: float = 0.8) -> list[tuple]:
    """Pairs of documents of this kind with near-identical titles, most alike first. For the
    administrators' report; it reads through the same access filter as everything else."""
    pairs: dict[tuple[str, str], tuple] = {}
    for doc in Document.objects.filter(kind=kind).only("key", "title", "url").order_by("key"):
        for other in similar_titles(user, doc.title, kind=kind, exclude_key=doc.key, limit=3,
                                    threshold=threshold):  # fmt: skip
            pair = tuple(sorted([doc.key, other.key]))
            pairs.setdefault(pair, (Similar(kind, doc.key, doc.title, doc.url, 1.0), other))
    return sorted(pairs.values(), key=lambda p: (-p[1].similarity, p[0].title))


# Duplicate tables --------------------------------------------------------------------------
# The datastore computes and keeps each table's fingerprint (decision 0025); search asks it,
# always through the access policy, so a table is only named to someone who may view it.


def _seen_whole(user):
    """The datasets whose tables `user` may compare with: those they may view, but not those
    they see only some columns of. A fingerprint is of whole rows and every column's name, so
    "the same rows" or "mostly the same columns" would tell of the hidden ones (decision
    0044)."""
    from townsquare.core.access import column_limited_dataset_ids, datasets_visible_to

    return datasets_visible_to(user, "view").exclude(pk__in=column_limited_dataset_ids(user))


def similar_tables(user, table, *, threshold: float = 0.8, limit: int = 10) -> list:
    """Tables `user` may view in full with the same content as `table` or columns at least
    `threshold` alike (datastore `TableMatch`es): "does this file already exist?". Nothing
    when `user` sees only some columns of `table` itself."""
    from townsquare.datastore import api as datastore

    within = _seen_whole(user)
    if not within.filter(pk=table.resource.dataset_id).exists():
        return []
    return datastore.tables_like(table, within=within, threshold=threshold, limit=limit)


def likely_duplicate_tables(user, *, threshold: float = 0.8) -> list[tuple]:
    """Pairs of tables `user` may view in full that look like copies, for the duplicates
    report."""
    from townsquare.datastore import api as datastore

    return datastore.duplicate_table_pairs(within=_seen_whole(user), threshold=threshold)


def _normalise(title: str) -> str:
    return " ".join(sorted(q.parse(title).words()))


def _completions(prefix: str, limit: int = 20) -> list[str]:
    """Whole words in the vocabulary starting with `prefix`, shortest first. They only widen
    the match: what is found is still filtered by access."""
    if len(prefix) < 2:
        return []
    # A range on the unique index (vocabulary words are lower case), where LIKE would scan;
    # a plain query, as it runs on every keystroke.
    sql = (
        f"SELECT word FROM {Word._meta.db_table} WHERE word > %s AND word < %s"  # noqa: S608
        " ORDER BY LENGTH(word), word LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [prefix, prefix + "\U0010ffff", limit])
        return [word for (word,) in cursor.fetchall()]


def _marked(text: str | None) -> SafeString:
    """Escape everything, then turn the engine's own highlight marks into <mark> tags."""
    html = html_escape(text or "").replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    return mark_safe(html)  # noqa: S308 - escaped on the line above


def _facet_values(rows: list[tuple[str, str, int]], chosen: dict[str, list[str]]):
    found: dict[str, list[FacetValue]] = {name: [] for name in FACET_NAMES}
    for name, value, count in sorted(rows, key=lambda r: (r[0], -r[2], r[1])):
        if name in found:
            found[name].append(FacetValue(value, count, value in chosen.get(name, [])))
    return {name: values for name, values in found.items() if values}


def _did_you_mean(backend, parsed, query: str, allowed: Access, total: int) -> str | None:
    """A correction for words the index has never seen, offered only if the corrected query
    finds more documents this user may see (so it can never come from hidden content)."""
    # Prefixes are unfinished words, not misspellings: they are completed, never corrected.
    words = [
        w for t in parsed.positive if not t.prefix for w in t.words if w.isalpha() and len(w) >= 3
    ]
    if not words:
        return None
    known = backend.known_words(words, total)
    if known is None:
        known = set(Word.objects.filter(word__in=words).values_list("word", flat=True))
    corrected = query
    for word in dict.fromkeys(w for w in words if w not in known):
        candidates = Word.objects.annotate(n=Length("word")).filter(
            word__startswith=word[0], n__gte=len(word) - 2, n__lte=len(word) + 2
        )
        best = difflib.get_close_matches(
            word, candidates.values_list("word", flat=True)[:5000], 1, 0.75
        )
        if best:
            corrected = re.sub(rf"\b{re.escape(word)}\b", best[0], corrected, flags=re.IGNORECASE)
    if corrected == query:
        return None
    fixed = q.parse(corrected)
    found = sum(backend.visible_kind_counts(fixed, allowed).values()) if fixed else 0
    return corrected if found > total else None
