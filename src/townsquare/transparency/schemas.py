"""The bundled Frictionless Table Schemas for the Transparency Code datasets.

One JSON file per key in `schemas/` (made by `schema_build`, then committed). Besides the
standard properties each schema has `sources` (where it came from) and each field may have:
`x-aliases` (other header spellings councils use), `x-example` (the templates' example value),
`x-amount` (money: at most two decimals, the LGA form), `x-column-required` (the column must be
in the file even where a value may be blank). Schema-level `x-period-field` names the date that
must fall inside the period; `x-unique-across-periods` the field unique across a series.
"""

from __future__ import annotations

import copy
import json
import re
from functools import cache
from pathlib import Path

DIR = Path(__file__).with_name("schemas")


@cache
def _all() -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(DIR.glob("*.json"))}


def keys() -> list[str]:
    """Every bundled schema's key (the Code datasets' keys plus 'grants-360giving')."""
    return list(_all())


def exists(key: str) -> bool:
    return key in _all()


def load(key: str) -> dict:
    """A copy of the schema (KeyError for an unknown key), safe for the caller to change."""
    return copy.deepcopy(_all()[key])


def raw_json(key: str) -> str:
    return (DIR / f"{key}.json").read_text(encoding="utf-8")


def fields(key: str) -> list[dict]:
    return load(key)["fields"]


def field(key: str, name: str) -> dict | None:
    return next((f for f in _all()[key]["fields"] if f["name"] == name), None)


def required_columns(key: str) -> list[str]:
    """Fields whose column must be in the file."""
    return [f["name"] for f in _all()[key]["fields"] if field_column_required(f)]


def field_column_required(f: dict) -> bool:
    return bool(f.get("x-column-required") or (f.get("constraints") or {}).get("required"))


def normalise(header: str) -> str:
    """'Supplier Name', 'supplier_name' and 'SUPPLIER-NAME.' all become 'suppliername'."""
    return re.sub(r"[^a-z0-9]", "", header.lower().replace("£", ""))


def _spellings(key: str) -> list[dict[str, str]]:
    """Three lookups, strongest first: normalised name, title, then aliases -> field name."""
    by_name, by_title, by_alias = {}, {}, {}
    for f in _all()[key]["fields"]:
        by_name[normalise(f["name"])] = f["name"]
        by_title.setdefault(normalise(f.get("title") or ""), f["name"])
        for alias in f.get("x-aliases", []):
            by_alias.setdefault(normalise(alias), f["name"])
    return [by_name, by_title, by_alias]


def field_for_header(key: str, header: str) -> str | None:
    """The schema field a file's header means, by name, title or a known other spelling."""
    found = match_header(key, header)
    return found[0] if found else None


def match_header(key: str, header: str) -> tuple[str, int] | None:
    """(field name, how: 0 by name, 1 by title, 2 by another spelling) or None."""
    n = normalise(header)
    if not n:
        return None
    for strength, lookup in enumerate(_spellings(key)):
        if n in lookup:
            return lookup[n], strength
    return None


def example_row(key: str) -> dict[str, str]:
    """The templates' example row: field name -> example value."""
    return {f["name"]: f.get("x-example", "") for f in _all()[key]["fields"]}


def source_titles(key: str) -> str:
    return "; ".join(s["title"] for s in _all()[key].get("sources", []))


def register_all() -> None:
    """Make every bundled schema usable as `townsquare import --schema KEY FILE`."""
    from townsquare.datastore.validate import register_schema

    from . import validation

    for key in keys():
        register_schema(key, lambda key=key: load(key), checker=validation.file_checker(key))
