"""Helpers for the ingest tests: a dataset with one uploaded file, loaded synchronously."""

from __future__ import annotations

import duckdb
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from townsquare.catalogue import services as catalogue
from townsquare.datastore import api


def upload(ds, filename: str, content: bytes, *, resource=None):
    """Add (or replace) a file without queuing a task; return its resource."""
    f = SimpleUploadedFile(filename, content)
    if resource is None:
        return catalogue.resource_add_file(
            actor=None, dataset=ds, title=filename, upload=f, ingest=False
        )
    return catalogue.resource_replace_file(actor=None, resource=resource, upload=f, ingest=False)


def ingest(ds, filename: str, content: bytes, *, resource=None, sheet: str = "", schema=None):
    """Upload and load a file now; return (job, resource)."""
    res = upload(ds, filename, content, resource=resource)
    job = api.ingest_version(res.current_version, sheet=sheet, schema=schema)
    return job, res


def rows(table) -> list[tuple]:
    return duckdb.execute(
        "SELECT * FROM read_parquet(?)", [str(api.parquet_path(table))]
    ).fetchall()


def types(table) -> dict[str, str]:
    return {f["name"]: f["type"] for f in table.fields}


def stored(name: str) -> bool:
    return default_storage.exists(name)
