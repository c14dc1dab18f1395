"""Where a table's rows are on a map: latitude and longitude columns, British National Grid
easting and northing (converted to WGS84 with pyproj on the server), or GeoJSON geometry."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from pyproj import Transformer

from . import query
from .query import Column, QuerySpec, Source

MAX_FEATURES = 5000
LATITUDE = ("latitude", "lat", "y_latitude", "wgs84_latitude")
LONGITUDE = ("longitude", "lon", "lng", "long", "x_longitude", "wgs84_longitude")
EASTING = ("easting", "eastings", "x_easting", "grid_easting", "os_easting")
NORTHING = ("northing", "northings", "y_northing", "grid_northing", "os_northing")


@dataclass(frozen=True)
class Locator:
    kind: str  # "wgs84", "bng" or "geojson"
    columns: tuple[str, ...]


def locator(columns: list[Column]) -> Locator | None:
    """How this table's rows can be placed on a map, if they can."""
    by_name = {c.name.lower(): c for c in columns}
    for kind, (first, second) in (("wgs84", (LATITUDE, LONGITUDE)), ("bng", (EASTING, NORTHING))):
        a = next((by_name[n] for n in first if n in by_name), None)
        b = next((by_name[n] for n in second if n in by_name), None)
        if a and b and a.kind in ("number", "integer") and b.kind in ("number", "integer"):
            return Locator(kind, (a.name, b.name))
    geometry = by_name.get("geometry")
    if geometry is not None and geometry.kind == "string":
        return Locator("geojson", (geometry.name,))
    return None


@lru_cache(maxsize=1)
def _bng_to_wgs84() -> Transformer:
    return Transformer.from_crs("EPSG:27700", "EPSG:4326", always_xy=True)


def features(
    source: Source, where: Locator, spec: QuerySpec, *, label: str | None = None
) -> tuple[dict[str, Any], bool]:
    """A GeoJSON FeatureCollection of the matching rows (at most MAX_FEATURES), each with a
    `label` property, and whether there were more rows than that."""
    label_col = label or _label_column(source, where)
    wanted = tuple(dict.fromkeys([*where.columns, label_col] if label_col else where.columns))
    found = query.rows(
        source,
        replace(spec, columns=wanted, limit=MAX_FEATURES, offset=0, cursor=""),
        max_limit=MAX_FEATURES,
    )
    out = []
    for row in found.rows:
        values = dict(zip(wanted, row, strict=True))
        geometry = _geometry(where, values)
        if geometry is not None:
            text = values.get(label_col) if label_col else None
            out.append({"type": "Feature", "geometry": geometry,
                        "properties": {"label": "" if text is None else str(text)}})  # fmt: skip
    return {"type": "FeatureCollection", "features": out}, found.next_cursor is not None


def _geometry(where: Locator, values: dict[str, Any]) -> dict[str, Any] | None:
    if where.kind == "geojson":
        try:
            geometry = json.loads(values[where.columns[0]] or "null")
        except ValueError:
            return None
        return geometry if isinstance(geometry, dict) and "type" in geometry else None
    a, b = (values[c] for c in where.columns)
    if a is None or b is None:
        return None
    if where.kind == "wgs84":
        lat, lon = float(a), float(b)
    else:
        lon, lat = _bng_to_wgs84().transform(float(a), float(b))
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]}


def _label_column(source: Source, where: Locator) -> str | None:
    """The first text column that is not the geometry: a name, usually."""
    return next((c.name for c in source.text_columns if c.name not in where.columns), None)
