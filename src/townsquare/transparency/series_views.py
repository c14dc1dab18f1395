"""Pages of a dataset series, for those who manage the dataset (its publishers and stewards):
set it up, upload a period's file, match its columns, read the check's report, redact
individuals' names and publish. Everyone else gets a 404, as for a dataset they cannot see."""

from __future__ import annotations

import csv
import io
from collections import Counter
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from townsquare.core import access
from townsquare.core.uploads import upload_refused

from . import periods as fy
from . import series_selectors as selectors
from . import series_services as services
from .series_forms import ColumnMappingForm, PeriodUploadForm, SeriesForm

ERRORS_SHOWN = 100


def _managed_dataset(request: HttpRequest, slug: str):
    dataset = access.dataset_for_user(request.user, slug)
    if not (
        access.can(request.user, "edit", dataset) or access.can(request.user, "publish", dataset)
    ):
        raise Http404("No dataset found")
    return dataset


def _series_or_404(dataset):
    series = selectors.series_for(dataset)
    if series is None:
        raise Http404("This dataset is not a series")
    return series


def _row_or_404(series, start: str) -> selectors.PeriodRow:
    try:
        day = date.fromisoformat(start)
    except ValueError as e:
        raise Http404("No such period") from e
    row = selectors.period_row(series, day, timezone.localdate())
    if row is None:
        raise Http404("No such period")
    return row


def _series_url(dataset) -> str:
    return reverse("transparency:series", kwargs={"slug": dataset.slug})


def _period_url(dataset, start: date) -> str:
    return reverse("transparency:period", kwargs={"slug": dataset.slug, "start": start.isoformat()})


@login_required
def series_detail(request: HttpRequest, slug: str) -> HttpResponse:
    dataset = _managed_dataset(request, slug)
    series = selectors.series_for(dataset)
    if series is None:
        return redirect("transparency:series_settings", slug=dataset.slug)
    rows = selectors.period_rows(series, timezone.localdate())
    return render(
        request,
        "transparency/series/series_detail.html",
        {"dataset": dataset, "series": series, "rows": rows,
         "schema_title": dict(_schema_choices()).get(series.schema, series.schema)},
    )  # fmt: skip


def _schema_choices():
    from .series_forms import schema_choices

    return schema_choices()


@login_required
@require_http_methods(["GET", "POST"])
def series_settings(request: HttpRequest, slug: str) -> HttpResponse:
    dataset = _managed_dataset(request, slug)
    series = selectors.series_for(dataset)
    locked = bool(series and services.published_periods(series).exists())
    initial = (
        {"schema": series.schema, "code_dataset": series.code_dataset,
         "frequency": series.frequency, "responsible_unit": series.responsible_unit_id,
         "first_period_start": series.first_period_start}
        if series
        else {"frequency": "quarterly", "responsible_unit": dataset.publisher_id}
    )  # fmt: skip
    form = SeriesForm(request.POST or None, initial=initial, series=series, locked=locked)
    if request.method == "POST" and form.is_valid():
        services.series_save(actor=request.user, dataset=dataset, request=request,
                             **form.cleaned_data)  # fmt: skip
        messages.success(request, "Series saved")
        return redirect(_series_url(dataset))
    return render(
        request,
        "transparency/series/series_form.html",
        {"dataset": dataset, "series": series, "form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def period_upload(request: HttpRequest, slug: str) -> HttpResponse:
    dataset = _managed_dataset(request, slug)
    series = selectors.series_for(dataset)
    if series is None:
        return redirect("transparency:series_settings", slug=dataset.slug)
    today = timezone.localdate()
    rows = selectors.period_rows(series, today)
    default = request.GET.get("period") or _iso(selectors.default_upload_period(series, today))
    form = PeriodUploadForm(
        request.POST or None, request.FILES or None, periods=[r.period for r in rows],
        initial={"period": default}, upload_too_large=upload_refused(request),
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        start = date.fromisoformat(form.cleaned_data["period"])
        period = next(r.period for r in rows if r.period.start == start)
        try:
            record = services.period_upload(
                actor=request.user, series=series, period=period,
                upload=form.cleaned_data["file"], request=request,
            )  # fmt: skip
        except services.SeriesError as e:
            form.add_error("file", str(e))
        else:
            if record.report.get("needs_mapping"):
                return redirect("transparency:period_columns", slug=dataset.slug,
                                start=record.start.isoformat())  # fmt: skip
            return redirect(_period_url(dataset, record.start))
    return render(
        request,
        "transparency/series/period_upload.html",
        {"dataset": dataset, "series": series, "form": form, "has_periods": bool(rows)},
    )


def _iso(period: fy.Period | None) -> str:
    return period.start.isoformat() if period else ""


@login_required
@require_http_methods(["GET", "POST"])
def period_columns(request: HttpRequest, slug: str, start: str) -> HttpResponse:
    dataset = _managed_dataset(request, slug)
    series = _series_or_404(dataset)
    row = _row_or_404(series, start)
    if not row.waiting:
        return redirect(_period_url(dataset, row.period.start))
    headers = row.record.report["upload"]["headers"]
    form = ColumnMappingForm(
        request.POST or None, fields=services.schema_for(series)["fields"], headers=headers,
        initial_map=services.suggested_mapping(series, row.record),
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        services.period_map_columns(actor=request.user, record=row.record, request=request,
                                    field_to_header=form.field_to_header())  # fmt: skip
        messages.success(request, "Columns matched. They will be matched the same way next time.")
        return redirect(_period_url(dataset, row.period.start))
    return render(
        request,
        "transparency/series/period_columns.html",
        {"dataset": dataset, "series": series, "row": row, "form": form, "headers": headers},
    )


@login_required
def period_detail(request: HttpRequest, slug: str, start: str) -> HttpResponse:
    """The check's report for the file waiting to be published (or the one published)."""
    dataset = _managed_dataset(request, slug)
    series = _series_or_404(dataset)
    row = _row_or_404(series, start)
    report = row.record.report if row.record else {}
    validation = report.get("validation", {})
    errors = _items(validation.get("errors", []))
    problems = validation.get("problems", [])
    return render(
        request,
        "transparency/series/period_detail.html",
        {
            "dataset": dataset, "series": series, "row": row, "report": report,
            "errors": errors[:ERRORS_SHOWN], "listed": len(errors), "summary": validation.get("summary", ""),
            "error_count": sum(p["count"] for p in problems if p["severity"] == "error") or len(errors),
            "error_kinds": [(p["label"], p["count"]) for p in problems if p["severity"] == "error"]
            or _kinds(errors),
            "warnings": _items(validation.get("warnings", [])),
            "flagged": report.get("redaction", {}).get("flagged", []),
            "redacted": report.get("redaction", {}).get("redacted", 0),
            "shown": ERRORS_SHOWN,
        },
    )  # fmt: skip


def _items(problems: list) -> list[dict]:
    """Problems as the page shows them: row, column, message (and the value, if given)."""
    return [
        {"row": p.get("row"), "column": p.get("column") or p.get("field") or "",
         "message": p.get("message", ""), "value": p.get("value"),
         "kind": p.get("title") or p.get("code") or p.get("type") or ""}
        if isinstance(p, dict) else {"row": None, "column": "", "message": str(p), "value": None,
                                     "kind": ""}
        for p in problems
    ]  # fmt: skip


def _kinds(errors: list[dict]) -> list[tuple[str, int]]:
    """How many rows have each kind of problem, the commonest first."""
    counts = Counter(_kind(e) for e in errors)
    return counts.most_common()


def _kind(error: dict) -> str:
    what = error["kind"] or error["message"]
    return f"{error['column']}: {what}" if error["column"] else what


@login_required
def period_errors_csv(request: HttpRequest, slug: str, start: str) -> HttpResponse:
    dataset = _managed_dataset(request, slug)
    row = _row_or_404(_series_or_404(dataset), start)
    errors = _items(
        (row.record.report if row.record else {}).get("validation", {}).get("errors", [])
    )
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["Row", "Column", "Problem", "Value"])
    for e in errors:
        writer.writerow([_cell(e["row"]), _cell(e["column"]), _cell(e["message"]),
                         _cell(e["value"])])  # fmt: skip
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    name = f"{dataset.slug}-{row.period.start.isoformat()}-problems.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _cell(value) -> str:
    text = "" if value is None else str(value)
    # A cell starting like a formula would run in a spreadsheet: show it as text.
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@login_required
@require_POST
def period_redact(request: HttpRequest, slug: str, start: str) -> HttpResponse:
    dataset = _managed_dataset(request, slug)
    row = _row_or_404(_series_or_404(dataset), start)
    if not row.waiting:
        return redirect(_period_url(dataset, row.period.start))
    chosen = {int(r) for r in request.POST.getlist("rows") if r.isdigit()}
    changed = services.period_redact(actor=request.user, record=row.record, rows=chosen,
                                     request=request)  # fmt: skip
    if changed:
        names = "name was" if changed == 1 else "names were"
        messages.success(request, f"{changed} {names} replaced with ‘Redacted – personal data’.")
    else:
        messages.info(request, "No names were changed. Select the names to redact.")
    return redirect(_period_url(dataset, row.period.start))


@login_required
@require_POST
def period_publish(request: HttpRequest, slug: str, start: str) -> HttpResponse:
    dataset = _managed_dataset(request, slug)
    row = _row_or_404(_series_or_404(dataset), start)
    if row.record is None:
        return redirect(_period_url(dataset, row.period.start))
    try:
        services.period_publish(actor=request.user, record=row.record, request=request)
    except services.SeriesError as e:
        messages.error(request, f"The file was not published. {e}.")
        return redirect(_period_url(dataset, row.period.start))
    messages.success(request, f"{row.period.label} published.")
    return redirect(_series_url(dataset))
