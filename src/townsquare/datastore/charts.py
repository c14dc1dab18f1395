"""Vega-Lite specifications for the chart page, built on the server from a grouped query, so
the browser gets only the figures it draws (and the page can show them as a table too)."""

from __future__ import annotations

from typing import Any

from .query import Aggregate, Column

MAX_GROUPS = 500
KIND_TO_VEGA = {"date": "temporal", "datetime": "temporal", "integer": "quantitative",
                "number": "quantitative"}  # fmt: skip
AGGREGATE_WORDS = {"sum": "Total", "mean": "Average", "count": "Number of rows", "min": "Smallest",
                   "max": "Largest"}  # fmt: skip


def chart_spec(
    result: Aggregate, *, kind: str, x: Column, y: Column | None, aggregate: str
) -> dict[str, Any]:
    """A Vega-Lite spec drawing `result` (x values, then one figure per x)."""
    y_title = "Number of rows" if y is None else f"{AGGREGATE_WORDS[aggregate]} of {y.title}"
    x_type = KIND_TO_VEGA.get(x.kind, "nominal")
    if kind == "bar" and x_type == "quantitative":
        x_type = "ordinal"  # a bar for each value, not a continuous axis
    values = [{"x": _json_value(row[0]), "y": _json_value(row[1])} for row in result.rows]
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "description": f"{y_title} by {x.title}",
        "width": "container",
        "height": 360,
        "data": {"values": values},
        "mark": {"type": kind, "tooltip": False, **({"point": True} if kind == "line" else {})},
        "encoding": {
            "x": {"field": "x", "type": x_type, "title": x.title, "sort": None},
            "y": {"field": "y", "type": "quantitative", "title": y_title},
        },
    }


def _json_value(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return float(value)
