"""Checking one period's file against its bundled schema before it is published.

The file is written to a temporary Parquet with every cell as text and the file's own row
numbers (`datastore.api.file_as_text`), then DuckDB runs the checks: required columns, blank
rows, total rows, required values, types, codes, amounts (two decimals, the LGA form), dates
inside the period and values that must be unique, within the file and across the series'
published periods. Every problem names the row as the publisher sees it (the heading row is
row 1 when it is the first row) and the column by the file's own heading.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

import duckdb

from townsquare.datastore import api as datastore
from townsquare.datastore import infer
from townsquare.datastore.ingest import IngestError

from . import code, periods, schemas

# ruff: noqa: S608 - identifiers come from infer.quote / c{i}, values from infer.sql_literal

# The LGA asks for dd/mm/yyyy; ISO 8601 is what open standards and spreadsheets give.
DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S",
                "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M:%SZ")  # fmt: skip
LGA_AMOUNT = r"-?\d+(\.\d+)?"  # decimals are checked on their own
TOTAL_WORD = r"^\s*(grand\s*|sub-?\s*)?totals?\b"
TOTAL_CELL = r"^\s*(grand\s*|sub-?\s*)?totals?\s*:?\s*$"
MAX_LISTED = 200  # issues listed per kind of problem; the counts are always complete

PROBLEMS = {
    "unreadable": "The file could not be read",
    "missing-column": "Required columns missing",
    "duplicate-column": "Columns given twice",
    "unknown-column": "Columns that are not in the schema",
    "no-rows": "No rows of data",
    "blank-row": "Blank rows",
    "total-row": "Total or subtotal rows",
    "required": "Blank values where one is required",
    "not-a-number": "Values that are not numbers",
    "not-an-integer": "Values that are not whole numbers",
    "not-a-date": "Values that are not dates",
    "not-yes-no": "Values that are not yes or no",
    "decimals": "Amounts with more than two decimal places",
    "amount-form": "Amounts not in the LGA form",
    "not-allowed": "Values not in the list of allowed codes",
    "pattern": "Values in the wrong format",
    "format": "Values that do not look like a web address or email",
    "outside-period": "Dates outside the period",
    "duplicate": "Values repeated that must be unique",
    "duplicate-across-periods": "Values already published in another period",
    "period-guessed": "The period was worked out from the dates",
    "other-period-unchecked": "Other periods that could not be compared",
}


@dataclass
class Issue:
    code: str
    message: str
    row: int | None = None
    column: str | None = None  # the file's heading
    field: str | None = None  # the schema's field name
    value: str | None = None


@dataclass
class Report:
    schema: str
    start: date | None
    end: date | None
    rows: int = 0
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # problem code -> how many
    mapping: dict[str, str] = field(default_factory=dict)  # file heading -> schema field
    missing_optional: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def summary(self) -> str:
        period = f" for {_period_words(self.start, self.end)}" if self.start and self.end else ""
        rows = f"{self.rows:,} row{'s' if self.rows != 1 else ''}"
        if self.ok:
            extra = f", with {len(self.warnings):,} warning(s)" if self.warnings else ""
            return f"The file meets the {self.schema} schema{period}: {rows} checked{extra}."
        kinds = [
            f"{self.counts[c]:,} × {PROBLEMS.get(c, c).lower()}"
            for c in dict.fromkeys(i.code for i in self.errors)
        ]
        return (
            f"The file has problems to fix before it can be published{period} ({rows}): "
            + "; ".join(kinds)
            + "."
        )

    def problems(self) -> list[dict]:
        """One line per kind of problem: code, plain label, error or warning, count."""
        out = []
        for severity, issues in (("error", self.errors), ("warning", self.warnings)):
            for c in dict.fromkeys(i.code for i in issues):
                out.append({"code": c, "label": PROBLEMS.get(c, c), "severity": severity,
                            "count": self.counts.get(c, 0)})  # fmt: skip
        return out

    def as_dict(self) -> dict:
        """JSON-serialisable (dates as ISO 8601), for Period.report."""
        return {
            "schema": self.schema,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "ok": self.ok,
            "summary": self.summary,
            "rows": self.rows,
            "errors": [asdict(i) for i in self.errors],
            "warnings": [asdict(i) for i in self.warnings],
            "counts": dict(self.counts),
            "problems": self.problems(),
            "mapping": dict(self.mapping),
            "missing_optional": list(self.missing_optional),
        }

    @classmethod
    def from_dict(cls, data: dict) -> Report:
        return cls(
            schema=data["schema"],
            start=date.fromisoformat(data["start"]) if data.get("start") else None,
            end=date.fromisoformat(data["end"]) if data.get("end") else None,
            rows=data.get("rows", 0),
            errors=[Issue(**i) for i in data.get("errors", [])],
            warnings=[Issue(**i) for i in data.get("warnings", [])],
            counts=dict(data.get("counts", {})),
            mapping=dict(data.get("mapping", {})),
            missing_optional=list(data.get("missing_optional", [])),
        )

    def _add(self, issue: Issue, *, warning: bool = False, count: int = 1) -> None:
        self.counts[issue.code] = self.counts.get(issue.code, 0) + count
        (self.warnings if warning else self.errors).append(issue)


def _period_words(start: date | None, end: date | None) -> str:
    return f"{_day(start)} to {_day(end)}"


def _day(d: date | None) -> str:
    return f"{d.day} {d:%B %Y}" if d else ""


def suggest_mapping(headers: list[str], schema_key: str) -> dict[str, str]:
    """File heading -> schema field for the headings recognised (by name, title or a common
    other spelling such as 'Supplier Name' or 'Net Amount'); each field used once."""
    out, used = {}, set()
    for header in headers:
        name = schemas.field_for_header(schema_key, header)
        if name and name not in used:
            out[header] = name
            used.add(name)
    return out


OtherPeriod = Path | tuple[str, Path]


def validate_period(
    path: Path,
    schema_key: str,
    *,
    start: date | None,
    end: date | None,
    mapping: dict[str, str] | None = None,
    other_periods: Sequence[OtherPeriod] = (),
    filename: str = "",
    sheet: str = "",
) -> Report:
    """Check a period's file (CSV, XLSX, XLS or ODS) against the bundled schema `schema_key`.

    `mapping` is the council's heading -> schema field name ('' to ignore a column); headings
    not in it are recognised by name, title or known other spelling. `other_periods` are the
    Parquet files of the series' published periods, each a path or (label, path): values
    that must be unique across the series are looked for there. Without `start`/`end` the
    period is worked out from the dates (and said so in a warning)."""
    schema = schemas.load(schema_key)
    report = Report(schema=schema_key, start=start, end=end)
    with tempfile.TemporaryDirectory(prefix="townsquare-tc-") as tmpdir:
        text = Path(tmpdir) / "text.parquet"
        try:
            table = datastore.file_as_text(path, filename or path.name, text, sheet=sheet)
        except IngestError as e:
            report._add(Issue("unreadable", e.message, row=e.row, column=e.column))
            return report
        con = _database().cursor()
        try:
            _Checker(con, text, table, schema, report, mapping or {}).run(other_periods)
        finally:
            con.close()
    return report


_DB: duckdb.DuckDBPyConnection | None = None


def _database() -> duckdb.DuckDBPyConnection:
    """One in-memory DuckDB per process: starting one costs more than a small file's checks,
    and each check gets its own cursor (its own temporary tables)."""
    global _DB
    if _DB is None:
        _DB = duckdb.connect(config={"memory_limit": "512MB", "threads": 2})
    return _DB


class _Checker:
    def __init__(self, con, text: Path, table, schema: dict, report: Report, mapping: dict):
        self.con, self.table, self.schema, self.report = con, table, schema, report
        self.fields = {f["name"]: f for f in schema["fields"]}
        self.src = f"read_parquet({infer.sql_literal(str(text))})"
        self.col: dict[str, str] = {}  # field name -> c{i}
        self.heading: dict[str, str] = {}  # field name -> the file's heading
        self.mapping = mapping

    # Columns -------------------------------------------------------------------------------

    def _resolve_columns(self) -> None:
        given = {schemas.normalise(k): v for k, v in self.mapping.items()}
        matches = []  # (strength, column index, heading, field): the mapping, name, title, alias
        for i, header in enumerate(self.table.headers):
            if not header:
                continue
            if header in self.mapping or schemas.normalise(header) in given:
                name = self.mapping.get(header, given.get(schemas.normalise(header), ""))
                if not name:
                    continue  # the publisher chose to leave this column out of the check
                if name not in self.fields:
                    self._unknown(header, f"The heading “{header}” is mapped to “{name}”, which is "
                                  "not a field of this schema.")  # fmt: skip
                    continue
                matches.append((0, i, header, name))
                continue
            found = schemas.match_header(self.schema["name"], header)
            if found is None:
                self._unknown(header, f"The column “{header}” is not in the {self.schema['title']} "
                              "schema; it will be published as it is but not checked.")  # fmt: skip
                continue
            matches.append((found[1] + 1, i, header, found[0]))
        # A heading that says the field's name or title wins over one that only resembles it.
        for strength, i, header, name in sorted(matches):
            if name not in self.col:
                self.col[name], self.heading[name] = f"c{i}", header
                self.report.mapping[header] = name
            elif strength == 3:
                self._unknown(header, f"The column “{header}” looks like “{self._label(name)}”, "
                              f"which “{self.heading[name]}” already gives; it will be published "
                              "as it is but not checked.")  # fmt: skip
            else:
                self.report._add(Issue(
                    "duplicate-column",
                    f"The columns “{self.heading[name]}” and “{header}” both give "
                    f"“{self._label(name)}”: keep one.",
                    row=self.table.header_row, column=header, field=name,
                ))  # fmt: skip
        self._missing()

    def _missing(self) -> None:
        for name, f in self.fields.items():
            if name in self.col:
                continue
            if f.get("x-column-required") or (f.get("constraints") or {}).get("required"):
                self.report._add(Issue(
                    "missing-column",
                    f"The required column “{self._label(name)}” is missing. Add it (headed "
                    f"“{name}” or “{f.get('title', name)}”), or say which of your columns holds it.",
                    row=self.table.header_row, field=name,
                ))  # fmt: skip
            else:
                self.report.missing_optional.append(name)

    def _unknown(self, header: str, message: str) -> None:
        issue = Issue("unknown-column", message, row=self.table.header_row, column=header)
        self.report._add(issue, warning=True)

    def _label(self, name: str) -> str:
        f = self.fields[name]
        title = f.get("title") or name
        return title if schemas.normalise(title) == schemas.normalise(name) else f"{title} ({name})"

    # Helpers -------------------------------------------------------------------------------

    def _shown(self, name: str) -> str:
        return self.heading.get(name) or self._label(name)

    def _trimmed(self, name: str) -> str:
        return f"nullif(trim({self.col[name]}), '')"

    def _rows(
        self, condition: str, value_sql: str = "NULL", source: str = "data"
    ) -> tuple[int, list[tuple]]:
        count = self.con.execute(f"SELECT count(*) FROM {source} WHERE {condition}").fetchone()[0]
        if not count:
            return 0, []
        found = self.con.execute(
            f"SELECT __row, {value_sql} FROM {source} WHERE {condition} ORDER BY __row LIMIT {MAX_LISTED}"
        ).fetchall()
        return count, found

    def _report_rows(
        self, code_: str, condition: str, message: Callable[[int, str], str], *,
        name: str | None = None, value_sql: str = "NULL", warning: bool = False,
        source: str = "data",
    ) -> None:  # fmt: skip
        count, found = self._rows(condition, value_sql, source)
        for i, (row, value) in enumerate(found):
            self.report._add(
                Issue(code_, message(row, value), row=row, column=self.heading.get(name) if name else None,
                      field=name, value=value),
                warning=warning, count=count - len(found) + 1 if i == 0 else 1,
            )  # fmt: skip

    # Rows ----------------------------------------------------------------------------------

    def _nonblank(self) -> str:
        cols = [f"nullif(trim(c{i}), '')" for i in range(len(self.table.headers))]
        return f"coalesce({', '.join(cols)}) IS NOT NULL"

    def _identifiers(self) -> list[str]:
        s = self.schema
        ids = [s.get("x-period-field"), s.get("x-unique-across-periods")]
        ids += [n for n, f in self.fields.items() if (f.get("constraints") or {}).get("unique")]
        ids = [n for n in dict.fromkeys(ids) if n and n in self.col]
        if not ids:
            ids = [n for n, f in self.fields.items() if n in self.col and f["type"] == "string"
                   and (f.get("constraints") or {}).get("required")]  # fmt: skip
        return ids

    def _define_rows(self) -> None:
        con, nonblank = self.con, self._nonblank()
        con.execute(f"CREATE TEMP TABLE t AS SELECT *, ({nonblank}) AS __filled FROM {self.src}")
        last = con.execute("SELECT max(__row) FROM t WHERE __filled").fetchone()[0]
        if last is None:
            self.report._add(Issue("no-rows", "The file has headings but no rows of data."))
            con.execute("CREATE TEMP TABLE data AS SELECT * FROM t WHERE false")
            return
        self._report_rows(
            "blank-row", f"NOT __filled AND __row < {int(last)}",
            lambda row, _v: f"Row {row:,} is blank: remove blank rows.", source="t",
        )  # fmt: skip
        totals = self._total_rows(last)
        excluded = f" AND __row NOT IN ({', '.join(str(r) for r in totals)})" if totals else ""
        con.execute(f"CREATE TEMP TABLE data AS SELECT * FROM t WHERE __filled{excluded}")
        self.report.rows = con.execute("SELECT count(*) FROM data").fetchone()[0]

    def _total_rows(self, last: int) -> list[int]:
        """Rows whose text says Total, or whose amount adds up the rows above with the
        identifying fields (date, transaction number …) blank."""
        ids = self._identifiers()
        id_blank = " AND ".join(f"{self._trimmed(n)} IS NULL" for n in ids) if ids else "false"
        text_cols = [f"c{i}" for i in range(min(3, len(self.table.headers)))]
        text_cols += [
            self.col[n] for n, f in self.fields.items() if n in self.col and f["type"] == "string"
        ]
        text_cols = list(dict.fromkeys(text_cols))
        # ILIKE first: a regular expression on every cell of a large file is slow.
        word = " OR ".join(
            f"({c} ILIKE '%total%' AND regexp_matches({c}, {infer.sql_literal(TOTAL_WORD)}, 'i'))"
            for c in text_cols
        )
        cell = " OR ".join(
            f"({c} ILIKE '%total%' AND regexp_matches({c}, {infer.sql_literal(TOTAL_CELL)}, 'i'))"
            for c in text_cols
        )
        said = f"(({cell}) OR (({word}) AND {id_blank}))" if text_cols else "false"
        found: dict[int, str] = {}
        for row, value in self.con.execute(
            f"SELECT __row, concat_ws(', ', {', '.join(text_cols) or 'NULL'}) FROM t "
            f"WHERE __filled AND {said} ORDER BY __row"
        ).fetchall():
            found[row] = (
                f"Row {row:,} looks like a total row (“{value[:80]}”): remove totals and subtotals."
            )
        amount = self._amount_field()
        if amount and ids:
            num = infer.convert_sql(self._trimmed(amount), {"type": "number"})
            sums = self.con.execute(f"""
                WITH n AS (SELECT __row, {num} AS a, ({id_blank}) AS idb FROM t WHERE __filled),
                r AS (SELECT *, sum(CASE WHEN idb THEN 0 ELSE coalesce(a, 0) END) OVER w AS run,
                             sum(CASE WHEN idb THEN 0 ELSE 1 END) OVER w AS cnt
                      FROM n WINDOW w AS (ORDER BY __row ROWS UNBOUNDED PRECEDING)),
                b AS (SELECT *, lag(run, 1, 0) OVER (ORDER BY __row) AS prun,
                             lag(cnt, 1, 0) OVER (ORDER BY __row) AS pcnt FROM r WHERE idb)
                SELECT __row, a FROM b, (SELECT sum(a) FILTER (WHERE NOT idb) AS s,
                                               count(*) FILTER (WHERE NOT idb) AS k FROM n) tot
                WHERE a IS NOT NULL AND a <> 0 AND (
                    (abs(a - tot.s) < 0.005 AND tot.k >= 2)
                    OR (abs(a - (run - prun)) < 0.005 AND cnt - pcnt >= 2))
                ORDER BY __row""").fetchall()  # fmt: skip
            for row, a in sums:
                found.setdefault(
                    row,
                    f"Row {row:,} looks like a total row: its {self._shown(amount)} ({a:,.2f}) "
                    "adds up the rows above and it has no "
                    + " or ".join(f"“{self._shown(n)}”" for n in ids) + ". Remove totals and subtotals.",
                )  # fmt: skip
        for row in sorted(found):
            self.report._add(Issue("total-row", found[row], row=row))
        return sorted(found)

    def _amount_field(self) -> str | None:
        amounts = [n for n, f in self.fields.items() if f.get("x-amount") and n in self.col]
        required = [n for n in amounts if (self.fields[n].get("constraints") or {}).get("required")]
        return (required or amounts or [None])[0]

    # Values --------------------------------------------------------------------------------

    def _check_values(self) -> None:
        for name, col in self.col.items():
            f = self.fields[name]
            c = f.get("constraints") or {}
            v = self._trimmed(name)
            shown = self._shown(name)
            if c.get("required"):
                self._report_rows(
                    "required", f"{v} IS NULL",
                    lambda row, _v, shown=shown: f"Row {row:,}: “{shown}” is blank; a value is required.",
                    name=name,
                )  # fmt: skip
            kind = f.get("type", "string")
            if kind == "number":
                self._check_number(name, v, shown, f)
            elif kind == "integer":
                conv = infer.convert_sql(v, {"type": "integer"})
                self._bad(
                    name,
                    "not-an-integer",
                    f"{v} IS NOT NULL AND ({conv}) IS NULL",
                    "is not a whole number",
                )
            elif kind == "boolean":
                conv = infer.convert_sql(v, {"type": "boolean"})
                self._bad(name, "not-yes-no", f"{v} IS NOT NULL AND ({conv}) IS NULL",
                          "is not yes or no (write Yes or No)")  # fmt: skip
            elif kind == "date":
                self._check_date(name, v, shown)
            if c.get("enum"):
                allowed = ", ".join(infer.sql_literal(str(x).lower()) for x in c["enum"])
                listed = ", ".join(str(x) for x in c["enum"][:12])
                self._bad(name, "not-allowed", f"{v} IS NOT NULL AND lower({v}) NOT IN ({allowed})",
                          f"is not one of the allowed values ({listed})")  # fmt: skip
            if c.get("pattern"):
                pattern = infer.sql_literal(c["pattern"])
                self._bad(name, "pattern", f"{v} IS NOT NULL AND NOT regexp_full_match({v}, {pattern})",
                          "is not in the expected format")  # fmt: skip
            fmt = f.get("format")
            if kind == "string" and fmt in ("uri", "email"):
                from townsquare.datastore.validate import FORMAT_PATTERNS

                pattern = infer.sql_literal(FORMAT_PATTERNS[fmt])
                words = "a web address" if fmt == "uri" else "an email address"
                self._bad(name, "format", f"{v} IS NOT NULL AND NOT regexp_full_match({v}, {pattern})",
                          f"does not look like {words}", warning=True)  # fmt: skip
            if c.get("unique") or self.schema.get("x-unique-across-periods") == name:
                self._check_unique(name, col, shown)

    def _bad(
        self, name: str, code_: str, condition: str, words: str, *, warning: bool = False
    ) -> None:
        shown = self._shown(name)
        self._report_rows(
            code_, condition,
            lambda row, value: f"Row {row:,}: “{shown}” is “{value}”, which {words}.",
            name=name, value_sql=self.col[name], warning=warning,
        )  # fmt: skip

    def _check_number(self, name: str, v: str, shown: str, f: dict) -> None:
        conv = infer.convert_sql(v, {"type": "number"})
        self._bad(name, "not-a-number", f"{v} IS NOT NULL AND ({conv}) IS NULL", "is not a number")
        if not f.get("x-amount"):
            return
        self._bad(
            name, "decimals",
            f"({conv}) IS NOT NULL AND abs(({conv}) * 100 - round(({conv}) * 100)) > 0.000001",
            "has more than two decimal places",
        )  # fmt: skip
        lga = infer.sql_literal(LGA_AMOUNT)
        self._bad(
            name, "amount-form",
            f"({conv}) IS NOT NULL AND NOT regexp_full_match({v}, {lga})",
            "is not in the LGA form: write amounts like 1234.50, without £ or commas, "
            "with a leading minus for credits", warning=True,
        )  # fmt: skip

    def _date_sql(self, v: str) -> str:
        listed = "[" + ", ".join(infer.sql_literal(f) for f in DATE_FORMATS) + "]"
        return f"CAST(try_strptime({v}, {listed}) AS DATE)"

    def _check_date(self, name: str, v: str, shown: str) -> None:
        d = self._date_sql(v)
        self._bad(name, "not-a-date", f"{v} IS NOT NULL AND ({d}) IS NULL",
                  "is not a date (write dates as dd/mm/yyyy, for example 15/05/2026)")  # fmt: skip
        if self.schema.get("x-period-field") != name:
            return
        if self.report.start is None or self.report.end is None:
            self._guess_period(d)
        start, end = self.report.start, self.report.end
        if start is None or end is None:
            return
        within = _period_words(start, end)
        self._report_rows(
            "outside-period",
            f"({d}) IS NOT NULL AND (({d}) < DATE '{start.isoformat()}' OR ({d}) > DATE '{end.isoformat()}')",
            lambda row, value: f"Row {row:,}: the {shown} “{value}” is outside the period ({within}).",
            name=name, value_sql=self.col[name],
        )  # fmt: skip

    def _guess_period(self, d: str) -> None:
        frequency = code.BY_KEY.get(self.schema["name"].removesuffix("-360giving"))
        frequency_name = frequency.frequency if frequency else "quarterly"
        counts: Counter = Counter()
        for day, n in self.con.execute(
            f"SELECT {d} AS d, count(*) FROM data WHERE {d} IS NOT NULL GROUP BY 1"
        ).fetchall():
            counts[periods.period_containing(day, frequency_name)] += n
        if not counts:
            return
        period = counts.most_common(1)[0][0]
        self.report.start, self.report.end = period.start, period.end
        self.report._add(Issue(
            "period-guessed",
            f"No period was given, so the file was checked against {period.label}, the period "
            "most of its dates fall in.",
        ), warning=True)  # fmt: skip

    def _check_unique(self, name: str, col: str, shown: str) -> None:
        v = self._trimmed(name)
        found = self.con.execute(f"""
            SELECT __row, val, first FROM (
                SELECT __row, {v} AS val, min(__row) OVER (PARTITION BY {v}) AS first,
                       count(*) OVER (PARTITION BY {v}) AS n FROM data WHERE {v} IS NOT NULL)
            WHERE n > 1 AND __row <> first ORDER BY __row""").fetchall()  # fmt: skip
        for i, (row, value, first) in enumerate(found[:MAX_LISTED]):
            self.report._add(
                Issue("duplicate", f"Row {row:,}: “{shown}” “{value}” is also in row {first:,}; "
                      "each must be different.", row=row, column=self.heading.get(name), field=name,
                      value=value),
                count=len(found) - min(len(found), MAX_LISTED) + 1 if i == 0 else 1,
            )  # fmt: skip

    # Across periods ------------------------------------------------------------------------

    def _check_other_periods(self, others: Sequence[OtherPeriod]) -> None:
        name = self.schema.get("x-unique-across-periods")
        if not name or name not in self.col or not others:
            return
        shown, v = self._shown(name), self._trimmed(name)
        for other in others:
            label, path = other if isinstance(other, tuple) else (Path(other).stem, Path(other))
            column = self._column_in(path, name)
            if column is None:
                self.report._add(Issue(
                    "other-period-unchecked",
                    f"{label} has no “{shown}” column, so repeats of it there were not looked for.",
                ), warning=True)  # fmt: skip
                continue
            other_src = f"read_parquet({infer.sql_literal(str(path))})"
            found = self.con.execute(f"""
                SELECT d.__row, {v} FROM data d
                WHERE {v} IS NOT NULL AND {v} IN (
                    SELECT trim(CAST({infer.quote(column)} AS VARCHAR)) FROM {other_src})
                ORDER BY d.__row""").fetchall()  # fmt: skip
            for i, (row, value) in enumerate(found[:MAX_LISTED]):
                self.report._add(
                    Issue("duplicate-across-periods",
                          f"Row {row:,}: “{shown}” “{value}” was already published in {label}; "
                          "each must be different across the series.",
                          row=row, column=self.heading.get(name), field=name, value=value),
                    count=len(found) - min(len(found), MAX_LISTED) + 1 if i == 0 else 1,
                )  # fmt: skip

    def _column_in(self, path: Path, name: str) -> str | None:
        """The column of another period's Parquet that holds `name`, however it was headed."""
        described = self.con.execute(
            f"DESCRIBE SELECT * FROM read_parquet({infer.sql_literal(str(path))})"
        ).fetchall()
        for column, *_ in described:
            if schemas.field_for_header(self.schema["name"], column) == name:
                return column
        return None

    def typed_sql(self, f: dict) -> str:
        """The field's value in its type (NULL where the file lacks it or it does not convert)."""
        kind = f.get("type", "string")
        if f["name"] not in self.col:
            return f"CAST(NULL AS {infer.DUCKDB_TYPES.get(kind, 'VARCHAR')})"
        v = self._trimmed(f["name"])
        if kind == "date":
            return self._date_sql(v)
        if kind in ("number", "integer", "boolean"):
            return infer.convert_sql(v, {"type": kind})
        return v

    def run(self, others: Sequence[OtherPeriod]) -> None:
        self._resolve_columns()
        self._define_rows()
        if self.report.rows:
            self._check_values()
            self._check_other_periods(others)
        # Problems in file order, so the report reads top to bottom.
        self.report.errors.sort(key=lambda i: i.row or 0)
        self.report.warnings.sort(key=lambda i: i.row or 0)


def write_canonical(
    path: Path,
    schema_key: str,
    dest: Path,
    *,
    mapping: dict[str, str] | None = None,
    filename: str = "",
    sheet: str = "",
) -> int:
    """Write the file's data rows (no blank or total rows) to Parquet at `dest` with one column
    per schema field, in the schema's order, named and typed by the schema (dates as DATE,
    amounts as DOUBLE; a field the file lacks is NULL): every period of a series in the same
    shape, so the periods can be queried as one table. Call it on a file that passed
    `validate_period`. Returns the number of rows written. Raises IngestError."""
    schema = schemas.load(schema_key)
    with tempfile.TemporaryDirectory(prefix="townsquare-tc-") as tmpdir:
        text = Path(tmpdir) / "text.parquet"
        table = datastore.file_as_text(path, filename or path.name, text, sheet=sheet)
        con = _database().cursor()
        try:
            checker = _Checker(
                con, text, table, schema, Report(schema_key, None, None), mapping or {}
            )
            checker._resolve_columns()
            checker._define_rows()
            columns = [
                f"{checker.typed_sql(f)} AS {infer.quote(f['name'])}" for f in schema["fields"]
            ]
            con.execute(
                f"COPY (SELECT {', '.join(columns)} FROM data ORDER BY __row) "
                f"TO {infer.sql_literal(str(dest))} (FORMAT parquet)"
            )
            return checker.report.rows
        finally:
            con.close()


def file_checker(schema_key: str) -> Callable[..., dict]:
    """The check `townsquare import --schema KEY` runs before loading a file."""

    def check(path: Path, filename: str = "", *, start: date | None = None,
              end: date | None = None, sheet: str = "", **_options) -> dict:  # fmt: skip
        report = validate_period(
            path, schema_key, start=start, end=end, filename=filename, sheet=sheet
        )
        return report.as_dict()

    return check


__all__ = [
    "PROBLEMS", "Issue", "Report", "file_checker", "suggest_mapping", "validate_period",
    "write_canonical",
]  # fmt: skip
