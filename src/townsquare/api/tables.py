"""The one place the feeds learn a dataset's tables and their Frictionless Table Schemas.

It asks the datastore (`datastore.api.tables_for_dataset`); every feed (schema.org
variableMeasured, the Data Package, DCAT's conformsTo) follows from it. Callers have already
checked access to the dataset through `core.access`. `refuses_files` says when a description
goes to someone who may not have the original files, and so offers their tables instead.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from townsquare.catalogue.models import Dataset
from townsquare.core import access
from townsquare.datastore import api as datastore

# Townsquare's own notes on a field (x-edited...) are not part of the Table Schema standard.
_PRIVATE_PREFIX = "x-"


def table_schemas_for(dataset: Dataset, *, reader=datastore.SYSTEM) -> list[dict[str, Any]]:
    """Each table in the dataset, in file order, as `{"resource": <the file's uuid as text>,
    "table": <its name>, "sheet": <its sheet, or "">, "schema": <its Table Schema>}`. Pass
    the `reader` when it describes the dataset to one person (their columns only); the
    public feeds list only open data, whose every column anyone may see."""
    return [
        {
            "resource": str(table.resource.uuid),
            "table": table.name,
            "sheet": table.sheet,
            "schema": published_schema(table.table_schema or {}),
        }
        for table in _tables(dataset, reader)
    ]


def _tables(dataset: Dataset, reader) -> list:
    """The datastore's tables, or, when the feed fetched them with the dataset
    (`selectors.with_feed_details`), those, so a catalogue page makes no query per dataset."""
    if reader is not datastore.SYSTEM:
        return datastore.tables_for_dataset(dataset, reader=reader)
    resources = getattr(dataset, "_prefetched_objects_cache", {}).get("resources")
    if resources is None or not all(
        "tables" in getattr(r, "_prefetched_objects_cache", {}) for r in resources
    ):
        return datastore.tables_for_dataset(dataset)
    return [t for r in resources for t in sorted(r.tables.all(), key=lambda t: t.sheet)]


def schemas_by_resource(dataset: Dataset, *, reader=datastore.SYSTEM) -> dict[str, dict[str, Any]]:
    """One schema per file: a workbook's first sheet (what a Data Package reader opens)."""
    found: dict[str, dict[str, Any]] = {}
    for table in table_schemas_for(dataset, reader=reader):
        found.setdefault(table["resource"], table["schema"])
    return found


def refuses_files(dataset: Dataset, reader) -> bool:
    """Does this description go to someone who may not have the dataset's original files (a
    column-limited grantee, `core.access.columns_limited`)? Then it offers the narrowed
    tables instead, and gives nothing of the whole file: no link, size or hash (decision
    0044)."""
    return reader is not datastore.SYSTEM and access.columns_limited(reader, dataset)


def narrowed_tables_by_resource(dataset: Dataset, reader) -> dict[int, list]:
    """The reader's tables (only their columns) of each file, by the file's pk: what such a
    reader may download in place of the files. A file none of whose columns they may see
    has none."""
    found: dict[int, list] = {}
    for table in sorted(
        datastore.tables_for_dataset(dataset, reader=reader), key=lambda t: t.sheet
    ):
        found.setdefault(table.resource_id, []).append(table)
    return found


def table_csv_path(dataset: Dataset, table) -> str:
    """The site path of the table's CSV download (with the reader's columns only)."""
    return reverse(
        "datastore:table-download-csv", kwargs={"slug": dataset.slug, "name": table.name}
    )


def published_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """The Table Schema without Townsquare's own `x-` notes."""
    fields = [
        {k: v for k, v in field.items() if not k.startswith(_PRIVATE_PREFIX)}
        for field in schema.get("fields", [])
    ]
    kept = {k: v for k, v in schema.items() if k != "fields" and not k.startswith(_PRIVATE_PREFIX)}
    return {"fields": fields, **kept}
