"""Public pages on the council's spending over £500: an overview (totals, top suppliers,
spend by directorate and by category over time), the list of suppliers, one supplier's
payments, and each analysis table as CSV.

Every view finds the spend through `spend.source_for(request.user)`, which checks access:
a spend dataset the person may not see is a 404, the same as no spend at all. Reads of spend
that is not open to everyone are recorded in the audit log, as the table pages do.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from townsquare.core.audit import Action, audit_record
from townsquare.core.exports import csv_safe
from townsquare.datastore import charts
from townsquare.datastore.query import QueryError

from . import spend
from .spend import Analysis, Breakdown, Scope, SpendSource

PAGE_SIZE = 50
TOP_SUPPLIERS = 10
MAX_DOWNLOAD_ROWS = 100_000
PLURALS = {
    "directorate": "directorates",
    "category": "service categories",
    "expense_type": "expense types",
}
BREAKDOWNS = (
    ("directorate", "Spend by directorate", "directorates"),
    ("category", "Spend by service category", "categories"),
    ("expense_type", "Spend by expense type", "expense-types"),
)


def _source(request: HttpRequest, action: str = Action.VIEW) -> SpendSource:
    source = spend.source_for(request.user)
    if source is None:
        raise Http404("The council has not published its spending here")
    if not source.is_open:
        audit_record(
            actor=request.user,
            action=action,
            obj=source.dataset,
            request=request,
            details={"transparency": "spend", "path": request.path,
                     "query": request.GET.urlencode()[:1000]},
        )  # fmt: skip
    return source


def _private(response: HttpResponse, source: SpendSource) -> HttpResponse:
    if not source.is_open:
        response["Cache-Control"] = "private, no-store"
    return response


def _scope(request: HttpRequest, years: Sequence[int]) -> tuple[Scope, list[tuple[str, str]]]:
    """The year and quarter chosen, and what was wrong with them as (message, field id):
    a wrong choice is left out and the rest is shown."""
    errors, year, quarter = [], None, None
    text = request.GET.get("year", "")
    if text:
        if text.isdigit() and int(text) in years:
            year = int(text)
        else:
            errors.append(("Choose a financial year from the list.", "spend-year"))
    text = request.GET.get("quarter", "")
    if text:
        if text in ("1", "2", "3", "4"):
            quarter = int(text)
        else:
            errors.append(("Choose a quarter from the list.", "spend-quarter"))
    return Scope(year, quarter), errors


def _scope_words(scope: Scope) -> str:
    parts = []
    if scope.quarter:
        parts.append(f"quarter {scope.quarter}")
    if scope.year is not None:
        parts.append(f"of {spend.year_label(scope.year)}" if scope.quarter else
                     spend.year_label(scope.year))  # fmt: skip
    elif scope.quarter:
        parts.append("of every year")
    return " ".join(parts) if parts else "all years"


def _filter_context(years: Sequence[int], scope: Scope) -> dict[str, Any]:
    return {
        "years": [(y, spend.year_label(y)) for y in years],
        "quarters": [(1, "Q1 (April to June)"), (2, "Q2 (July to September)"),
                     (3, "Q3 (October to December)"), (4, "Q4 (January to March)")],
        "scope": scope,
        "scope_words": _scope_words(scope),
        "scope_query": _scope_query(scope),
    }  # fmt: skip


def _scope_query(scope: Scope) -> str:
    pairs = [(k, v) for k, v in (("year", scope.year), ("quarter", scope.quarter)) if v]
    return urlencode(pairs)


def _render(request, template: str, context: dict, source: SpendSource, *, charts_on: bool):
    errors = context.setdefault("errors", [])
    status = 400 if errors else 200
    for field in ("year", "quarter"):
        context[f"{field}_error"] = next((m for m, f in errors if f == f"spend-{field}"), "")
    if charts_on:
        context["importmap"] = charts.importmap()
    response = render(request, template, {**context, "dataset": source.dataset}, status=status)
    if charts_on:
        response = charts.allow_inline_script(response, context["importmap"])
    return _private(response, source)


# --- Pages -------------------------------------------------------------------------------


def overview(request: HttpRequest) -> HttpResponse:
    source = _source(request)
    context: dict[str, Any] = {"has_data": bool(source.tables)}
    if source.tables:
        try:
            with spend.analysis(source) as a:
                years = a.years()
                scope, errors = _scope(request, years)
                context.update(_filter_context(years, scope), errors=errors)
                context.update(_overview(a, scope))
        except QueryError as error:
            context.update(errors=[(str(error), "")], has_data=False)
    return _render(request, "transparency/spend/overview.html", context, source,
                   charts_on=bool(context.get("breakdowns")))  # fmt: skip


def _overview(a: Analysis, scope: Scope) -> dict[str, Any]:
    breakdowns = []
    for dimension, title, download in BREAKDOWNS:
        if not a.has(dimension):
            continue
        found = a.breakdown(dimension, scope)
        if found.rows:
            breakdowns.append(
                {
                    "id": dimension.replace("_", "-"),
                    "spec_id": f"{dimension.replace('_', '-')}-spec",
                    "title": title,
                    "noun": spend.DIMENSIONS[dimension],
                    "nouns": PLURALS[dimension],
                    "grouped": any(row.is_rest for row in found.rows),
                    "breakdown": found,
                    "spec": breakdown_chart(found, title),
                    "download": reverse(f"transparency:spend-download-{download}"),
                }
            )
    return {
        "totals": a.totals(scope),
        "quarter_totals": a.by_quarter(scope),
        "top": a.top_suppliers(scope, TOP_SUPPLIERS),
        "breakdowns": breakdowns,
    }


def suppliers(request: HttpRequest) -> HttpResponse:
    source = _source(request)
    search = request.GET.get("q", "").strip()[:100]
    context: dict[str, Any] = {
        "has_data": bool(source.tables),
        "search": search,
        "breadcrumbs": [("Council spending", reverse("transparency:spend")), ("Suppliers", "")],
    }
    if source.tables:
        try:
            with spend.analysis(source) as a:
                years = a.years()
                scope, errors = _scope(request, years)
                context.update(_filter_context(years, scope), errors=errors)
                paginator = Paginator(_LazySuppliers(a, scope, search), PAGE_SIZE)
                page = paginator.get_page(request.GET.get("page"))
                context.update(page_obj=page, total=paginator.count, rows=list(page))
                extra = [("q", search)] if search else []
                context["download_query"] = "&".join(
                    filter(None, [_scope_query(scope), urlencode(extra)])
                )
        except QueryError as error:
            context.update(errors=[(str(error), "")], has_data=False)
    return _render(request, "transparency/spend/suppliers.html", context, source,
                   charts_on=False)  # fmt: skip


class _LazySuppliers:
    """Suppliers for Django's Paginator: counted once, and only the page shown is read."""

    def __init__(self, a: Analysis, scope: Scope, search: str):
        self.a, self.scope, self.search = a, scope, search

    def count(self) -> int:
        return self.a.supplier_count(self.scope, search=self.search)

    def __getitem__(self, window: slice):
        size = window.stop - window.start
        if size <= 0:
            return []
        return self.a.suppliers(self.scope, search=self.search, limit=size, offset=window.start)


class _LazyPayments:
    def __init__(self, a: Analysis, name: str, scope: Scope, count: int):
        self.a, self.name, self.scope, self._count = a, name, scope, count

    def count(self) -> int:
        return self._count

    def __getitem__(self, window: slice):
        size = window.stop - window.start
        if size <= 0:
            return []
        return self.a.supplier_payments(self.name, self.scope, limit=size, offset=window.start)


def supplier(request: HttpRequest, key: str) -> HttpResponse:
    source = _source(request)
    if not source.tables:
        raise Http404("No such supplier")
    context: dict[str, Any] = {
        "breadcrumbs": [
            ("Council spending", reverse("transparency:spend")),
            ("Suppliers", reverse("transparency:spend-suppliers")),
        ]
    }
    try:
        with spend.analysis(source) as a:
            name = a.supplier_name(key)
            if name is None:
                raise Http404("No such supplier")
            if spend.supplier_key(name) != key:  # the same supplier under its current slug
                query = f"?{request.GET.urlencode()}" if request.GET else ""
                url = reverse("transparency:spend-supplier", args=[spend.supplier_key(name)])
                return redirect(url + query)
            years = a.years()
            scope, errors = _scope(request, years)
            context.update(_filter_context(years, scope), errors=errors, name=name)
            quarters = a.supplier_quarters(name, scope)
            count = sum(q.payments for q in quarters)
            paginator = Paginator(_LazyPayments(a, name, scope, count), PAGE_SIZE)
            page = paginator.get_page(request.GET.get("page"))
            context.update(
                key=spend.supplier_key(name),
                quarter_totals=quarters,
                total=sum((q.amount for q in quarters), Decimal("0.00")),
                count=count,
                page_obj=page,
                payments=list(page),
                table_links=_table_links(source, a, name),
                show=_shown_columns(a),
            )
    except QueryError as error:
        context.setdefault("name", "")
        context.update(errors=[(str(error), "")])
    return _render(request, "transparency/spend/supplier.html", context, source, charts_on=False)


def _shown_columns(a: Analysis) -> dict[str, bool]:
    return {role: a.has(role) for role in spend.CANDIDATES}


def _table_links(source: SpendSource, a: Analysis, name: str) -> list[dict[str, str]]:
    """The supplier's rows in each table page, filtered by the table's own supplier column."""
    links = []
    for table in source.tables:
        names = {f.get("name", "") for f in table.fields}
        column = next((c for c in a.roles.get("supplier", []) if c in names), None)
        if column is None:
            continue
        url = reverse("datastore:table", kwargs={"slug": source.dataset.slug, "name": table.name})
        links.append({"url": f"{url}?{urlencode({column: name})}",
                      "text": table.resource.title or table.name})  # fmt: skip
    return links


# --- Charts ------------------------------------------------------------------------------


def breakdown_chart(found: Breakdown, title: str) -> dict[str, Any]:
    """A Vega-Lite stacked bar chart: one bar per quarter, one colour per group."""
    values = [
        {"quarter": q.label, "group": row.group, "amount": float(amount), "rank": rank}
        for rank, row in enumerate(found.rows)
        for q, amount in zip(found.quarters, row.amounts, strict=True)
    ]
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "description": f"{title}, quarter by quarter",
        "width": "container",
        "height": 320,
        "data": {"values": values},
        "mark": {"type": "bar", "tooltip": False},
        "encoding": {
            "x": {"field": "quarter", "type": "ordinal", "title": "Financial quarter",
                  "sort": [q.label for q in found.quarters], "axis": {"labelAngle": 0}},
            "y": {"field": "amount", "type": "quantitative", "title": "Net spend (£)"},
            "color": {"field": "group", "type": "nominal",
                      "title": spend.DIMENSIONS[found.dimension].capitalize(),
                      "sort": [row.group for row in found.rows],
                      "scale": {"scheme": "tableau10"}},
            # The biggest group at the bottom of every bar, as in the legend and the table.
            "order": {"field": "rank", "type": "quantitative", "sort": "ascending"},
        },
    }  # fmt: skip


# --- CSV downloads -----------------------------------------------------------------------


def download(request: HttpRequest, what: str) -> HttpResponse:
    """One analysis table as CSV, for the same year and quarter as the page."""
    source = _source(request, Action.DOWNLOAD)
    if not source.tables:
        raise Http404("No spending published")
    try:
        with spend.analysis(source) as a:
            scope, _ = _scope(request, a.years())
            header, rows = _download_rows(a, what, scope, request.GET.get("q", "").strip()[:100])
    except QueryError as error:
        return HttpResponse(str(error), status=400, content_type="text/plain; charset=utf-8")
    return _csv_response(f"spend-{what}{_scope_suffix(scope)}.csv", header, rows, source)


def _scope_suffix(scope: Scope) -> str:
    year = f"-{scope.year}-{(scope.year + 1) % 100:02d}" if scope.year is not None else ""
    return year + (f"-q{scope.quarter}" if scope.quarter else "")


def supplier_download(request: HttpRequest, key: str) -> HttpResponse:
    source = _source(request, Action.DOWNLOAD)
    if not source.tables:
        raise Http404("No such supplier")
    try:
        with spend.analysis(source) as a:
            name = a.supplier_name(key)
            if name is None:
                raise Http404("No such supplier")
            scope, _ = _scope(request, a.years())
            payments = a.supplier_payments(name, scope, limit=MAX_DOWNLOAD_ROWS)
    except QueryError as error:
        return HttpResponse(str(error), status=400, content_type="text/plain; charset=utf-8")
    header = ["Supplier", "Date paid", "Transaction number", "Directorate", "Service category",
              "Expense type", "Purpose", "Net amount (£)"]  # fmt: skip
    rows = [
        [name, p.paid, p.transaction, p.directorate, p.category, p.expense_type, p.purpose,
         p.amount]
        for p in payments
    ]  # fmt: skip
    return _csv_response(f"spend-supplier-{spend.supplier_key(name)}.csv", header, rows, source)


def _download_rows(a: Analysis, what: str, scope: Scope, search: str):
    if what == "quarters":
        header = ["Financial quarter", "Payments", "Net amount (£)"]
        return header, [[q.quarter.label, q.payments, q.amount] for q in a.by_quarter(scope)]
    if what in ("top-suppliers", "suppliers"):
        found = (
            a.top_suppliers(scope, TOP_SUPPLIERS)
            if what == "top-suppliers"
            else a.suppliers(scope, search=search, limit=MAX_DOWNLOAD_ROWS)
        )
        return ["Supplier", "Payments", "Net amount (£)"], [
            [s.label, s.payments, s.amount] for s in found
        ]
    dimension = {d: role for role, _, d in BREAKDOWNS}.get(what)
    if dimension is None or not a.has(dimension):
        raise Http404("No such table")
    # Every group, not only the biggest: a download is for working with the figures.
    found = a.breakdown(dimension, scope, groups=MAX_DOWNLOAD_ROWS)
    header = [spend.DIMENSIONS[dimension].capitalize(), *(q.label for q in found.quarters),
              "Total (£)", "Payments"]  # fmt: skip
    return header, [[r.group, *r.amounts, r.total, r.payments] for r in found.rows]


def _csv_response(
    filename: str, header: Sequence[str], rows: Iterable[Sequence[Any]], source: SpendSource
) -> HttpResponse:
    response = HttpResponse(_csv(header, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return _private(response, source)


def _csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """RFC 4180 CSV; text that a spreadsheet would run as a formula gets an apostrophe
    (core.exports), numbers and dates are written as they are (a credit stays -12.50)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([csv_safe(h) for h in header])
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    return out.getvalue()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    return csv_safe(value)
