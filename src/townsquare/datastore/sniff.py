"""Working out how a text file is laid out before DuckDB reads it: its encoding, delimiter and
quoting, which row holds the headings (title rows above it are skipped), and which rows at the
end are totals or notes rather than data. Only a sample from the start and the end is read."""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from charset_normalizer import from_bytes

SAMPLE_BYTES = 1024 * 1024
TAIL_BYTES = 64 * 1024
DELIMITERS = (",", ";", "\t", "|")
TOTAL_RE = re.compile(r"^\s*(grand\s+|sub-?\s*)?totals?\b|^\s*sum\b", re.IGNORECASE)
NOTE_RE = re.compile(r"^\s*(notes?|source|\*|n\.?b\.?)\b|^\s*\*", re.IGNORECASE)

csv.field_size_limit(64 * 1024 * 1024)


class IngestError(Exception):
    """A problem with the file, in words a publisher can act on."""

    def __init__(self, message: str, *, row: int | None = None, column: str | None = None):
        super().__init__(message)
        self.message, self.row, self.column = message, row, column


@dataclass
class Layout:
    encoding: str = "utf-8"
    delimiter: str = ","
    quotechar: str = '"'
    header_line: int | None = 0  # 0-based line of the headings; None: no heading row
    skip_lines: int = 0  # physical lines before the first data row
    headers: list[str] = field(default_factory=list)
    width: int = 0
    sample_rows: list[list[str]] = field(default_factory=list)  # data rows from the sample
    title_rows: list[list[str]] = field(default_factory=list)
    trailing_rows: list[tuple[list[str], int]] = field(default_factory=list)  # (row, line)
    ragged: bool = False  # some sampled rows are longer than the heading row


def detect_encoding(sample: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 (by BOM or NUL pattern), else Windows-1252 or
    Latin-1 as charset-normalizer judges. Raises IngestError for binary content."""
    if not sample:
        raise IngestError("The file is empty.")
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    head = sample[:4096]
    if head.count(b"\x00") > len(head) // 4:
        # UTF-16 without a BOM: every other byte of ASCII text is NUL.
        even, odd = head[0::2].count(b"\x00"), head[1::2].count(b"\x00")
        if odd > len(head) // 3:
            return "utf-16-le"
        if even > len(head) // 3:
            return "utf-16-be"
    if b"\x00" in head or _looks_binary(head):
        raise IngestError(
            "This file does not look like text, so it cannot be read as CSV. It may be a "
            "spreadsheet or another kind of file saved with the wrong name."
        )
    try:
        _strict_utf8(sample)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(sample[:65536], cp_isolation=["cp1252", "latin_1", "iso8859_15"]).best()
    if best is None:
        raise IngestError("The file's characters could not be read in any common encoding.")
    # Windows-1252 is a superset of Latin-1's printable characters; councils' Excel exports
    # use it, so prefer it whenever it decodes the sample.
    try:
        sample.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        return "latin-1"


def _strict_utf8(sample: bytes) -> None:
    # The sample may end part-way through a multi-byte character.
    decoder = codecs.getincrementaldecoder("utf-8")()
    decoder.decode(sample, final=False)


def _looks_binary(head: bytes) -> bool:
    if head.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"%PDF", b"\x89PNG", b"PAR1")):
        return True
    control = sum(1 for b in head if b < 9 or 13 < b < 32)
    return control > len(head) // 20


def transcode_to_utf8(src: Path, dest: Path, encoding: str) -> None:
    """Stream a file into UTF-8 (DuckDB reads UTF-8); memory stays at one chunk."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    with src.open("rb") as fin, dest.open("w", encoding="utf-8", newline="") as fout:
        offset = 0
        while chunk := fin.read(4 * 1024 * 1024):
            try:
                fout.write(decoder.decode(chunk))
            except UnicodeDecodeError as e:
                raise IngestError(
                    f"The file is not consistently encoded as {encoding}: byte {offset + e.start:,} "
                    "could not be read."
                ) from e
            offset += len(chunk)
        fout.write(decoder.decode(b"", final=True))


def read_sample(path: Path) -> tuple[str, bool]:
    """The first SAMPLE_BYTES of a UTF-8 file, cut at a line end; and whether it is all."""
    with path.open("rb") as f:
        raw = f.read(SAMPLE_BYTES + 1)
    whole = len(raw) <= SAMPLE_BYTES
    if not whole:
        raw = raw[: raw.rfind(b"\n") + 1] or raw[:SAMPLE_BYTES]
    text = raw.decode("utf-8", errors="replace")
    return text.removeprefix("\ufeff"), whole


def read_tail(path: Path) -> str:
    with path.open("rb") as f:
        f.seek(0, 2)
        size = f.tell()
        f.seek(max(0, size - TAIL_BYTES))
        raw = f.read()
    if size > TAIL_BYTES:
        raw = raw[raw.find(b"\n") + 1 :]
    return raw.decode("utf-8", errors="replace")


def _rows(text: str, delimiter: str, quotechar: str = '"') -> list[list[str]]:
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, quotechar=quotechar)
    try:
        return [row for row in reader]
    except csv.Error:
        return []


def _filled(row: list[str]) -> int:
    return sum(1 for c in row if c.strip())


def detect_delimiter(text: str) -> str:
    lines = "\n".join(text.splitlines()[:200])
    best, best_score = ",", -1.0
    for d in DELIMITERS:
        rows = [r for r in _rows(lines, d) if _filled(r)]
        if not rows:
            continue
        counts = Counter(len(r) for r in rows)
        width, n = counts.most_common(1)[0]
        if width < 2:
            continue
        score = n / len(rows) + width / 1000  # consistency first, then more columns
        if score > best_score:
            best, best_score = d, score
    return best


def _modal_width(rows: list[list[str]]) -> int:
    widths = Counter(_filled(r) for r in rows if _filled(r) >= 2)
    return widths.most_common(1)[0][0] if widths else 1


def find_header(rows: list[list[str]]) -> int | None:
    """Index of the heading row: the first row as long as the typical row and at least half
    full, so title rows ("Spend over £500, April 2025") above it are skipped. None if there
    are no rows."""
    width = _modal_width(rows[:200])
    lengths = Counter(len(r) for r in rows[:200] if _filled(r) >= 2)
    length = lengths.most_common(1)[0][0] if lengths else 1
    for i, row in enumerate(rows[:200]):
        if len(row) >= length and _filled(row) >= max(1, (width + 1) // 2):
            return i
    for i, row in enumerate(rows[:200]):  # no row is as long: take the first full enough
        if _filled(row) >= max(1, (width + 1) // 2):
            return i
    return None


def is_trailing(row: list[str], width: int) -> bool:
    cells = [c.strip() for c in row]
    filled = [c for c in cells if c]
    if not filled:
        return True
    first = filled[0]
    if any(TOTAL_RE.match(c) for c in cells[:3] if c):
        return True
    if cells[0] and NOTE_RE.match(cells[0]) and len(filled) < max(2, width):
        return True
    return width >= 3 and len(filled) == 1 and len(first) > 40


def sniff_layout(path: Path, *, trailing: bool = True) -> Layout:
    """How to read a UTF-8 delimited file (see module docstring)."""
    text, whole = read_sample(path)
    if not text.strip():
        raise IngestError("The file is empty.")
    delimiter = detect_delimiter(text)
    layout = Layout(delimiter=delimiter)
    rows, ends = _rows_with_lines(text, delimiter)
    if not whole and len(rows) > 1:
        rows, ends = rows[:-1], ends[:-1]  # the last row may be cut short
    header = find_header(rows)
    if header is None:
        raise IngestError("The file has no rows.")
    layout.title_rows = [r for r in rows[:header] if _filled(r)]
    layout.headers = list(rows[header])
    layout.header_line = header
    layout.skip_lines = ends[header]
    data = rows[header + 1 :]
    width = len(layout.headers)
    found: list[tuple[list[str], int]] = []
    if trailing and data:
        if whole:
            tail, tail_ends, offset = data, ends[header + 1 :], 0
        else:
            tail, tail_ends = _rows_with_lines(read_tail(path), delimiter)
            offset = count_lines(path) - (tail_ends[-1] if tail_ends else 0)
        span = 0
        for row, end in zip(reversed(tail[-20:]), reversed(tail_ends[-20:]), strict=False):
            if not is_trailing(row, width):
                break
            span += 1  # noqa: SIM113 - counts until the first data row, then stops
            if _filled(row):
                found.append((row, offset + end))
        if whole and len(found) >= len([r for r in data if _filled(r)]):
            found, span = [], 0  # everything looks like a note: keep it all as data
        if whole and span:
            data = data[: len(data) - span]
    layout.trailing_rows = list(reversed(found))
    layout.width = max([width, *(len(r) for r in data)])
    layout.ragged = layout.width > width
    layout.sample_rows = [r for r in data if _filled(r)][:10000]
    return layout


def _rows_with_lines(text: str, delimiter: str) -> tuple[list[list[str]], list[int]]:
    """Parsed rows and the physical line number on which each ends."""
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows: list[list[str]] = []
    ends: list[int] = []
    try:
        for row in reader:
            rows.append(row)
            ends.append(reader.line_num)
    except csv.Error:
        pass  # a quoted field running past the end of the sample
    return rows, ends


def count_lines(path: Path) -> int:
    """Lines in the file, counting a last line without a line end."""
    n, last = 0, b"\n"
    with path.open("rb") as f:
        while chunk := f.read(8 * 1024 * 1024):
            n += chunk.count(b"\n")
            last = chunk[-1:]
    return n + (last != b"\n")
