"""CKAN's parameters arrive as JSON values (a POSTed JSON body) or as strings (a query string or
a form). These read either into the type an action needs, or say plainly what was wrong."""

from __future__ import annotations

import json
from typing import Any

from .registry import Invalid

TRUE = {"true", "1", "yes", "on", "t"}
FALSE = {"false", "0", "no", "off", "f", ""}


def as_bool(data: dict[str, Any], key: str, default: bool = False) -> bool:
    value = data.get(key, default)
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    raise Invalid(fields={key: [f"Enter true or false, not {value!r}"]})


def as_int(data: dict[str, Any], key: str, default: int, *, low: int = 0, high: int = 1000) -> int:
    value = data.get(key)
    if value in (None, ""):
        return default
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise Invalid(fields={key: [f"Enter a whole number, not {value!r}"]}) from None
    if not low <= number <= high:
        raise Invalid(fields={key: [f"Enter a number from {low} to {high}"]})
    return number


def as_list(data: dict[str, Any], key: str) -> list:
    """A list sent as JSON, or as a JSON string (CKAN's GET form: facet.field=["tags"])."""
    value = data.get(key)
    if value in (None, ""):
        return []
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            value = [v.strip() for v in value.split(",") if v.strip()]
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise Invalid(fields={key: ['Send a list, like ["tags", "organization"]']})
    return value


def as_str(data: dict[str, Any], key: str, default: str = "") -> str:
    value = data.get(key, default)
    return "" if value is None else str(value)


def required(data: dict[str, Any], key: str) -> str:
    value = as_str(data, key).strip()
    if not value:
        raise Invalid(fields={key: ["Missing value"]})
    return value
