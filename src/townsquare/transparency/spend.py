"""The public analysis of the council's spending over £500: totals, the suppliers paid most,
what each directorate and category spends quarter by quarter, and every payment to one
supplier — the questions journalists and residents ask first.

The payments come from the spend series' combined table (`all_periods`, every published
period in one table) or, before there is one, from the dataset's tables that have the spend
columns, read together. Columns are found by the LGA Spend schema's field names with the
variants finance systems use ("Supplier Name", "Net Amount", "Date Paid" …), so a table whose
headers were not mapped still works. Amounts are exact decimals (credits are negative) and
quarters follow the financial year (Q1 is April to June).

Every SQL text here is built from fixed fragments and column names quoted by the datastore;
every value is a bound parameter.
"""

# ruff: noqa: S608 - identifiers are quoted (`TablesReader.quote`), values are bound

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.text import slugify

from townsquare.catalogue.models import Dataset
from townsquare.core import access
from townsquare.datastore import api as datastore
from townsquare.datastore.models import Table

from .models import Period, Series

CODE_DATASET = "spend"
COMBINED_TABLE = "all_periods"
REDACTED = "Redacted – personal data"
NOT_NAMED = "Supplier not named"
KEY_HASH_LENGTH = 10

# Each thing the analysis needs and the column names that may hold it, normalised (lower
# case, letters and digits only), the LGA Spend schema's name first.
CANDIDATES: dict[str, tuple[str, ...]] = {
    "supplier": ("beneficiaryname", "suppliername", "supplier", "beneficiary", "payee",
                 "payeename", "vendorname", "vendor", "merchantname", "creditorname"),
    "amount": ("amount", "netamount", "amountnet", "amountexcludingvat", "amountexvat",
               "netvalue", "value", "amountgbp", "transactionamount", "paymentamount"),
    "date": ("paymentdate", "effectivedate", "datepaid", "paiddate", "transactiondate",
             "date", "paymentdatepaid", "invoicedate"),
    "directorate": ("organisationalunit", "directorate", "department", "servicearea",
                    "service", "expenditurearea", "serviceunit", "businessunit"),
    "category": ("servicecategorylabel", "servicecategory", "servicelabel",
                 "sercopservice", "servicedivision"),
    "expense_type": ("categoryinternalname", "expensetype", "expensesdescription",
                     "expensearea", "expenditurecategory", "procurementcategory",
                     "proclasslabel", "cpvlabel", "subjectivedescription", "accountdescription"),
    "transaction": ("transactionnumber", "transactionno", "transactionid", "transactionref",
                    "transactionreference", "paymentreference", "reference"),
    "purpose": ("purpose", "purposeofspend", "description", "narrative", "details"),
}  # fmt: skip
REQUIRED = ("supplier", "amount", "date")
DIMENSIONS = {
    "directorate": "directorate",
    "category": "service category",
    "expense_type": "expense type",
}


def _normalise(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def columns_for(names: Sequence[str]) -> dict[str, list[str]]:
    """For each thing the analysis needs, the columns among `names` that hold it, best first."""
    by_norm: dict[str, list[str]] = {}
    for name in names:
        by_norm.setdefault(_normalise(name), []).append(name)
    found: dict[str, list[str]] = {}
    for role, candidates in CANDIDATES.items():
        taken = [n for c in candidates for n in by_norm.get(c, [])]
        if taken:
            found[role] = taken
    return found


def has_spend_columns(table: Table) -> bool:
    roles = columns_for([f.get("name", "") for f in table.fields])
    return all(r in roles for r in REQUIRED)


# --- Which payments: the spend series' dataset and its tables ---------------------------


@dataclass
class SpendSource:
    """The spend dataset a person may see, and the tables its payments are read from."""

    dataset: Dataset
    tables: list[Table]

    @property
    def is_open(self) -> bool:
        return self.dataset.access_level == "open" and self.dataset.is_published


def spend_series() -> Series | None:
    return (
        Series.objects.filter(code_dataset=CODE_DATASET)
        .select_related("dataset__publisher")
        .first()
    )


def source_for(user) -> SpendSource | None:
    """The council's spend for this person, or None when there is none they may see (a
    restricted spend dataset is as invisible as a missing one)."""
    series = spend_series()
    if series is None or not access.can(user, "view", series.dataset):
        return None
    tables = spend_tables(series, reader=user)
    if any(t.limited_to is not None for t in tables):
        # A grant of some columns only: the analysis reads whole rows, so it is not offered.
        return None
    return SpendSource(series.dataset, tables)


def spend_tables(series: Series, *, reader=datastore.SYSTEM) -> list[Table]:
    """The combined table of every published period; before there is one, the dataset's
    tables with the spend columns (only published periods' tables, once the series has
    periods), read together, as `reader` may see them."""
    combined = datastore.table_get(series.dataset, COMBINED_TABLE, reader=reader)
    if combined is not None and has_spend_columns(combined):
        return [combined]
    tables = datastore.tables_for_dataset(series.dataset, reader=reader)
    tables = [t for t in tables if has_spend_columns(t)]
    periods = Period.objects.filter(series=series)
    if periods.exists():
        published = set(
            periods.filter(status=Period.Status.PUBLISHED).values_list("resource_id", flat=True)
        )
        tables = [t for t in tables if t.resource_id in published]
    return tables


# --- Suppliers' keys: stable, URL-safe, whatever the name holds --------------------------


def supplier_key(name: str) -> str:
    """A readable slug of the name and a short hash of it (the hash finds the supplier)."""
    slug = slugify(name)[:60].strip("-") or "supplier"
    return f"{slug}-{_name_hash(name)}"


def _name_hash(name: str) -> str:
    return hashlib.md5(name.encode(), usedforsecurity=False).hexdigest()[:KEY_HASH_LENGTH]


def _hash_of_key(key: str) -> str | None:
    found = re.fullmatch(rf"(?:.*-)?([0-9a-f]{{{KEY_HASH_LENGTH}}})", key)
    return found[1] if found else None


# --- The analysis -----------------------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    """Which payments: one financial year (by the calendar year it starts in) and quarter."""

    year: int | None = None
    quarter: int | None = None  # 1 (April to June) to 4 (January to March)

    def sql(self) -> tuple[str, list]:
        clauses, params = [], []
        if self.year is not None:
            clauses.append("fy = ?")
            params.append(self.year)
        if self.quarter is not None:
            clauses.append("fq = ?")
            params.append(self.quarter)
        return " AND ".join(clauses), params


def quarter_label(year: int | None, quarter: int | None) -> str:
    if year is None or quarter is None:
        return "Date not given"
    return f"{year}/{(year + 1) % 100:02d} Q{quarter}"


def year_label(year: int) -> str:
    return f"{year}/{(year + 1) % 100:02d}"


@dataclass
class Totals:
    amount: Decimal
    payments: int
    suppliers: int
    credits: Decimal  # the sum of negative lines (refunds, credit notes)
    first: date | None
    last: date | None


@dataclass
class SupplierTotal:
    name: str | None
    redacted: bool
    amount: Decimal
    payments: int

    @property
    def label(self) -> str:
        return REDACTED if self.redacted else (self.name or NOT_NAMED)

    @property
    def key(self) -> str | None:
        """None for lines that have no supplier page: redacted or unnamed."""
        return supplier_key(self.name) if self.name and not self.redacted else None


@dataclass
class Quarter:
    year: int | None
    quarter: int | None

    @property
    def label(self) -> str:
        return quarter_label(self.year, self.quarter)


@dataclass
class Breakdown:
    """Net spend per group per quarter: the biggest groups, the rest together."""

    dimension: str
    quarters: list[Quarter]
    rows: list[BreakdownRow]


@dataclass
class BreakdownRow:
    group: str
    amounts: list[Decimal]  # one per quarter of the breakdown
    total: Decimal = Decimal("0.00")
    payments: int = 0
    is_rest: bool = False


@dataclass
class Payment:
    paid: date | None
    transaction: str | None
    directorate: str | None
    category: str | None
    expense_type: str | None
    purpose: str | None
    amount: Decimal | None


@dataclass
class QuarterTotal:
    quarter: Quarter
    amount: Decimal
    payments: int


ZERO = Decimal("0.00")
OTHERS = "Everything else"


@dataclass
class Analysis:
    """Aggregate queries over the payments of one SpendSource, in one DuckDB database."""

    reader: datastore.TablesReader
    roles: dict[str, list[str]] = field(default_factory=dict)

    # The payments as one relation with fixed column names, whatever the table calls them.
    def _base(self) -> str:
        q = self.reader.quote
        types = self.reader.columns
        exprs = {
            "d": self._coalesce("date", lambda c: _date_sql(q(c), types[c])),
            "raw_supplier": self._coalesce("supplier", lambda c: _text_sql(q(c))),
            "amount": self._coalesce("amount", lambda c: _amount_sql(q(c), types[c])),
            "directorate": self._coalesce("directorate", lambda c: _text_sql(q(c))),
            "category": self._coalesce("category", lambda c: _text_sql(q(c))),
            "expense_type": self._coalesce("expense_type", lambda c: _text_sql(q(c))),
            "txn": self._coalesce("transaction", lambda c: _text_sql(q(c))),
            "purpose": self._coalesce("purpose", lambda c: _text_sql(q(c))),
        }
        select = ", ".join(f"{sql} AS {name}" for name, sql in exprs.items())
        return (
            f'WITH s AS (SELECT {select} FROM "t"), '
            "p AS (SELECT *, "
            "starts_with(lower(raw_supplier), 'redacted') AS redacted, "
            "CASE WHEN starts_with(lower(raw_supplier), 'redacted') THEN NULL "
            "ELSE raw_supplier END AS supplier, "
            "year(d) - CASE WHEN month(d) < 4 THEN 1 ELSE 0 END AS fy, "
            "(month(d) + 8) % 12 // 3 + 1 AS fq FROM s) "
        )

    def _coalesce(self, role: str, convert) -> str:
        names = self.roles.get(role, [])
        if not names:
            return "NULL"
        parts = [convert(n) for n in names]
        return parts[0] if len(parts) == 1 else f"coalesce({', '.join(parts)})"

    def has(self, role: str) -> bool:
        return bool(self.roles.get(role))

    def _fetch(self, tail: str, where: str, params: Sequence) -> list[tuple]:
        clause = f" WHERE {where}" if where else ""
        return self.reader.fetch(self._base() + tail.replace("{where}", clause), params)

    # --- the figures ---

    def years(self) -> list[int]:
        rows = self._fetch("SELECT DISTINCT fy FROM p WHERE fy IS NOT NULL ORDER BY fy", "", [])
        return [r[0] for r in rows]

    def totals(self, scope: Scope = Scope()) -> Totals:
        where, params = scope.sql()
        row = self._fetch(
            "SELECT coalesce(sum(amount), 0), count(*), "
            "count(DISTINCT supplier), coalesce(sum(amount) FILTER (WHERE amount < 0), 0), "
            "min(d), max(d) FROM p{where}",
            where,
            params,
        )[0]
        return Totals(_money(row[0]), row[1], row[2], _money(row[3]), row[4], row[5])

    def by_quarter(self, scope: Scope = Scope()) -> list[QuarterTotal]:
        where, params = scope.sql()
        rows = self._fetch(
            "SELECT fy, fq, coalesce(sum(amount), 0), count(*) FROM p{where} "
            "GROUP BY fy, fq ORDER BY fy NULLS LAST, fq",
            where,
            params,
        )
        return [QuarterTotal(Quarter(r[0], r[1]), _money(r[2]), r[3]) for r in rows]

    def top_suppliers(self, scope: Scope = Scope(), limit: int = 10) -> list[SupplierTotal]:
        return self.suppliers(scope, limit=limit)

    def suppliers(
        self, scope: Scope = Scope(), *, search: str = "", limit: int = 50, offset: int = 0
    ) -> list[SupplierTotal]:
        """Suppliers by net amount paid, largest first (redacted lines as one)."""
        where, params = self._supplier_where(scope, search)
        rows = self._fetch(
            "SELECT supplier, redacted, coalesce(sum(amount), 0) AS total, count(*) FROM p{where} "
            "GROUP BY supplier, redacted ORDER BY total DESC, supplier NULLS LAST "
            "LIMIT ? OFFSET ?",
            where,
            [*params, limit, offset],
        )
        return [SupplierTotal(r[0], bool(r[1]), _money(r[2]), r[3]) for r in rows]

    def supplier_count(self, scope: Scope = Scope(), *, search: str = "") -> int:
        where, params = self._supplier_where(scope, search)
        tail = "SELECT count(*) FROM (SELECT DISTINCT supplier, redacted FROM p{where})"
        return self._fetch(tail, where, params)[0][0]

    def _supplier_where(self, scope: Scope, search: str) -> tuple[str, list]:
        where, params = scope.sql()
        words = search.lower().split()[:10]
        clauses = [where] if where else []
        for word in words:
            clauses.append("contains(lower(coalesce(supplier, '')), ?)")
            params.append(word)
        return " AND ".join(clauses), params

    def breakdown(self, dimension: str, scope: Scope = Scope(), *, groups: int = 8) -> Breakdown:
        """Net spend by directorate, service category or expense type, quarter by quarter:
        the `groups` biggest by total, then everything else together."""
        if dimension not in DIMENSIONS:
            raise ValueError(dimension)
        where, params = scope.sql()
        rows = self._fetch(
            f"SELECT {dimension}, fy, fq, coalesce(sum(amount), 0), count(*) FROM p{{where}} "
            f"GROUP BY {dimension}, fy, fq",
            where,
            params,
        )
        quarters = sorted({(r[1], r[2]) for r in rows}, key=_quarter_sort)
        position = {q: i for i, q in enumerate(quarters)}
        by_group: dict[str, BreakdownRow] = {}
        for name, fy, fq, amount, count in rows:
            label = name or "Not given"
            row = by_group.setdefault(label, BreakdownRow(label, [ZERO] * len(quarters)))
            row.amounts[position[(fy, fq)]] += _money(amount)
            row.total += _money(amount)
            row.payments += count
        ranked = sorted(by_group.values(), key=lambda r: (-r.total, r.group))
        if len(ranked) > groups + 1:  # never an "everything else" of a single group
            rest = BreakdownRow(OTHERS, [ZERO] * len(quarters), is_rest=True)
            for row in ranked[groups:]:
                rest.amounts = [a + b for a, b in zip(rest.amounts, row.amounts, strict=True)]
                rest.total += row.total
                rest.payments += row.payments
            ranked = [*ranked[:groups], rest]
        return Breakdown(dimension, [Quarter(*q) for q in quarters], ranked)

    def supplier_name(self, key: str) -> str | None:
        """The supplier a key names (None for an unknown key or a redacted line)."""
        wanted = _hash_of_key(key)
        if wanted is None:
            return None
        rows = self._fetch(
            "SELECT DISTINCT supplier FROM p WHERE supplier IS NOT NULL "
            f"AND substr(md5(supplier), 1, {KEY_HASH_LENGTH}) = ? ORDER BY supplier LIMIT 1",
            "",
            [wanted],
        )
        return rows[0][0] if rows else None

    def supplier_quarters(self, name: str, scope: Scope = Scope()) -> list[QuarterTotal]:
        where, params = self._one_supplier(name, scope)
        rows = self._fetch(
            "SELECT fy, fq, coalesce(sum(amount), 0), count(*) FROM p{where} "
            "GROUP BY fy, fq ORDER BY fy NULLS LAST, fq",
            where,
            params,
        )
        return [QuarterTotal(Quarter(r[0], r[1]), _money(r[2]), r[3]) for r in rows]

    def supplier_payments(
        self, name: str, scope: Scope = Scope(), *, limit: int = 50, offset: int = 0
    ) -> list[Payment]:
        """The supplier's payments, latest first."""
        where, params = self._one_supplier(name, scope)
        rows = self._fetch(
            "SELECT d, txn, directorate, category, expense_type, purpose, amount FROM p{where} "
            "ORDER BY d DESC NULLS LAST, txn, amount LIMIT ? OFFSET ?",
            where,
            [*params, limit, offset],
        )
        return [Payment(*r[:6], _money(r[6]) if r[6] is not None else None) for r in rows]

    def _one_supplier(self, name: str, scope: Scope) -> tuple[str, list]:
        where, params = scope.sql()
        return " AND ".join(filter(None, ["supplier = ?", where])), [name, *params]


@contextmanager
def analysis(source: SpendSource) -> Iterator[Analysis]:
    """An Analysis of the source's payments (its tables read together)."""
    with datastore.read_tables(source.tables) as reader:
        yield Analysis(reader, columns_for(list(reader.columns)))


def _quarter_sort(q: tuple[int | None, int | None]) -> tuple:
    return (q[0] is None, q[0] or 0, q[1] or 0)


def _money(value) -> Decimal:
    return Decimal(value if value is not None else 0).quantize(Decimal("0.01"))


# --- Column values as the analysis wants them --------------------------------------------


def _text_sql(col: str) -> str:
    return f"nullif(trim(CAST({col} AS VARCHAR)), '')"


def _amount_sql(col: str, sql_type: str) -> str:
    """Pounds and pence as DECIMAL(18,2): numbers as they are; text without "£", commas or
    spaces, "(12.50)" read as a credit of 12.50."""
    kind = sql_type.upper()
    if kind.startswith("DECIMAL") or kind in {"DOUBLE", "FLOAT", "REAL"} or "INT" in kind:
        return f"CAST({col} AS DECIMAL(18,2))"
    text = f"regexp_replace(trim(CAST({col} AS VARCHAR)), '[£,\\s]', '', 'g')"
    return (
        f"CASE WHEN regexp_matches({text}, '^\\(.*\\)$') "
        f"THEN -TRY_CAST(trim({text}, '()') AS DECIMAL(18,2)) "
        f"ELSE TRY_CAST({text} AS DECIMAL(18,2)) END"
    )


def _date_sql(col: str, sql_type: str) -> str:
    """A DATE: dates as they are, date-times' day, text as dd/mm/yyyy or ISO."""
    kind = sql_type.upper()
    if kind == "DATE":
        return col
    if kind.startswith("TIMESTAMP"):
        return f"CAST({col} AS DATE)"
    text = f"trim(CAST({col} AS VARCHAR))"
    return (
        f"CAST(coalesce(try_strptime({text}, '%d/%m/%Y'), try_strptime({text}, '%Y-%m-%d'), "
        f"try_strptime({text}, '%d-%m-%Y'), try_strptime({text}, '%d/%m/%Y %H:%M:%S')) AS DATE)"
    )
