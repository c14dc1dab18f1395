"""Table fingerprints, computed by DuckDB over the Parquet (the rows never come into Python).

Columns are keyed by their normalised title (or name): lower-case, runs of anything but
letters and digits made one space. A row's hash is the MD5 of its values (as text, trimmed)
taken in the order of those keys, so the column order in the file does not matter; the
table's content fingerprint is the row count with the sum and the xor of the row hashes, so
row order does not matter either. The K smallest row hashes are kept as a bottom-k MinHash
sketch, from which the share of rows two tables have in common can be estimated."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from . import infer

SAMPLE_SIZE = 64
_NOT_WORD = re.compile(r"[^0-9a-z]+")
_SEPARATOR = "\x1f"  # the ASCII unit separator: never in a trimmed cell that matters


@dataclass
class Fingerprint:
    columns: list[str]
    content: str
    sample: list[str] = field(default_factory=list)


def normalise_column(text: str) -> str:
    return _NOT_WORD.sub(" ", (text or "").strip().lower()).strip()


def column_keys(fields: list[dict]) -> list[tuple[str, str]]:
    """(normalised key, stored column name) for each field, sorted by key then name."""
    keys = [(normalise_column(f.get("title") or f["name"]) or f["name"], f["name"]) for f in fields]
    return sorted(keys)


def column_set(fields: list[dict]) -> list[str]:
    return sorted({key for key, _name in column_keys(fields)})


def compute(parquet: Path, fields: list[dict]) -> Fingerprint:
    """The fingerprint of the table stored at `parquet` with these Table Schema fields."""
    keys = column_keys(fields)
    if not keys:
        return Fingerprint(columns=[], content="0")
    cells = ", ".join(
        f"coalesce(trim(CAST({infer.quote(name)} AS VARCHAR)), '')" for _key, name in keys
    )
    row_hash = (
        f"CAST(('0x' || substr(md5(concat_ws({infer.sql_literal(_SEPARATOR)}, {cells})), 1, 16))"
        " AS UBIGINT)"
    )
    source = f"read_parquet({infer.sql_literal(str(parquet))})"
    con = duckdb.connect(":memory:", config={"memory_limit": "256MB"})
    try:
        con.execute(f"CREATE TEMP VIEW h AS SELECT {row_hash} AS h FROM {source}")  # noqa: S608
        count, total, xor = con.execute(
            "SELECT count(*), coalesce(sum(h), 0) % 18446744073709551616, coalesce(bit_xor(h), 0)"
            " FROM h"
        ).fetchone()
        smallest = con.execute(
            "SELECT DISTINCT h FROM h ORDER BY h LIMIT ?", [SAMPLE_SIZE]
        ).fetchall()
    finally:
        con.close()
    content = f"{count}:{int(total):016x}:{int(xor):016x}"
    return Fingerprint(
        columns=column_set(fields), content=content, sample=[f"{h:016x}" for (h,) in smallest]
    )


def jaccard(a: list[str] | set[str], b: list[str] | set[str]) -> float:
    a, b = set(a), set(b)
    return len(a & b) / len(a | b) if a or b else 0.0


def row_overlap(a: list[str], b: list[str]) -> float:
    """Estimated Jaccard similarity of two tables' row sets, from their bottom-k sketches."""
    if not a or not b:
        return 0.0
    k = min(SAMPLE_SIZE, len(set(a) | set(b)))
    union = sorted(set(a) | set(b))[:k]
    both = set(a) & set(b)
    return sum(1 for h in union if h in both) / len(union)
