"""The search index's own tables. Content apps never touch these: they describe their content
as `SearchDocument`s (see `registry.py`) and `search.api` stores them.

One row per indexed thing in `Document`, one row per facet value in `Facet` (so facet counts are
one grouped query), and `Word`, the vocabulary "did you mean" draws on. The full-text part lives
beside them and is vendor-specific: an FTS5 table on SQLite, a `tsvector` column with a GIN
index on PostgreSQL (both made by migration 0002 and kept in step by triggers).
"""

from __future__ import annotations

import uuid

from django.db import models


class Document(models.Model):
    kind = models.CharField(max_length=40)
    key = models.CharField(max_length=100)
    title = models.CharField(max_length=500)
    keywords = models.TextField(blank=True)  # weighted between title and body
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    updated = models.DateTimeField()
    updated_ts = models.FloatField()  # seconds since the epoch, for the freshness factor
    published = models.BooleanField(default=True)
    boost = models.FloatField(default=0.0)
    visibility = models.CharField(max_length=20)
    scope_id = models.BigIntegerField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="search_unique_key")]
        indexes = [
            models.Index(fields=["visibility", "scope_id"]),
            # Everything ranking, counting and access read, by id: a match then never reads
            # the wide row (whose body pushes the later columns onto overflow pages).
            models.Index(
                fields=["id", "kind", "visibility", "scope_id", "published", "boost", "updated_ts"],
                name="search_document_rank",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.key}"


class Facet(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="facet_values")
    name = models.CharField(max_length=30)
    value = models.CharField(max_length=200)

    class Meta:
        indexes = [
            models.Index(fields=["name", "value", "document"]),
            models.Index(fields=["document", "name", "value"], name="search_facet_by_document"),
        ]

    def __str__(self) -> str:
        return f"{self.name}={self.value}"


class Word(models.Model):
    """A word seen in an indexed title, keyword or body: candidates for "did you mean". Suggestions
    are only shown after the corrected query has found something the searcher may see."""

    word = models.CharField(max_length=60, unique=True)

    def __str__(self) -> str:
        return self.word


class Pending(models.Model):
    """The outbox for the tantivy index: one row per document changed, written in the same
    transaction as the change (so it rolls back with it). After commit the rows are applied to
    the index and deleted; until then searches read those documents from `Document` instead
    of the index, so a search never shows a version the database does not hold.
    `token` is unique forever (ids can be reused after a rollback on SQLite)."""

    kind = models.CharField(max_length=40)
    key = models.CharField(max_length=100)
    token = models.UUIDField(default=uuid.uuid4, editable=False)

    def __str__(self) -> str:
        return f"{self.kind}:{self.key}"
