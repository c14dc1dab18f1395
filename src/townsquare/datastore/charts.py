"""Vega-Lite specifications for the chart page, built on the server from a grouped query, so
the browser gets only the figures it draws (and the page can show them as a table too)."""

from __future__ import annotations

import base64
import hashlib
import json
from typing import Any

from django.http import HttpResponse
from django.templatetags.static import static

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


def importmap() -> str:
    """Where the browser finds the modules a chart script imports by name: the shared chart
    start-up ("townsquare-chart", `datastore/chart.mjs`, which every chart page's script
    calls) and vega-interpreter (it draws without `new Function`, so the policy needs no
    'unsafe-eval'). Named here, the static files' hashed names resolve in production."""
    return json.dumps(
        {
            "imports": {
                "townsquare-chart": static("datastore/chart.mjs"),
                "vega-interpreter": static("vega-interpreter/vega-interpreter.js"),
                "vega-util": static("vega-util/index.js"),
            }
        },
        separators=(",", ":"),
    )


def allow_inline_script(response: HttpResponse, script: str) -> HttpResponse:
    """The site's Content Security Policy, plus this one inline script by its hash (an import
    map cannot be a separate file). django-csp merges `_csp_update` into the site's policy."""
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    response._csp_update = {"script-src": ["'self'", f"'sha256-{digest}'"]}
    return response
