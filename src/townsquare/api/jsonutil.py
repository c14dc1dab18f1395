"""JSON the way both APIs write it: ISO 8601 dates and times, UUIDs as strings."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder


def dumps(data: Any) -> str:
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)


def plain(value: Any) -> Any:
    """A datastore value as JSON carries it: decimals as numbers, bytes as hex text."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, bytes | bytearray):
        return value.hex()
    return value
