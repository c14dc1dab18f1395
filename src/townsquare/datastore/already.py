"""The "does this already exist?" box on the ingest panel and page: asked of search, which applies
the access policy, so only tables the publisher may view are named."""

from __future__ import annotations


def already_exists(user, tables: list, may_edit: bool) -> list:
    """For the publisher of a loaded file: tables they may view that look like its tables."""
    if not may_edit:
        return []
    from townsquare.search import api as search

    seen, found = set(), []
    for table in tables:
        for match in search.similar_tables(user, table):
            if match.table.pk not in seen and match.table.pk not in {t.pk for t in tables}:
                seen.add(match.table.pk)
                found.append(match)
    return found
