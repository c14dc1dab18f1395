"""The one place the feeds learn a dataset's tables and their Frictionless Table Schemas.

The datastore (tables with Table Schemas) is built separately; when it lands, this function
asks it (`datastore.api`) and every feed (schema.org variableMeasured, the Data Package,
DCAT's conformsTo) follows with no other change.
"""

from __future__ import annotations

from typing import Any

from townsquare.catalogue.models import Dataset


def table_schemas_for(dataset: Dataset) -> list[dict[str, Any]]:
    """Each table in the dataset, in file order, as `{"resource": <the file's uuid as text>,
    "schema": <its Table Schema, {"fields": [...], ...}>}`."""
    return []


def schemas_by_resource(dataset: Dataset) -> dict[str, dict[str, Any]]:
    return {table["resource"]: table["schema"] for table in table_schemas_for(dataset)}
