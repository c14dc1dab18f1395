"""The spend analysis's figures: totals net of credits, suppliers by amount with their number
of payments, quarters of the financial year, redacted lines counted but never named, and
tables whose columns are named the way finance systems name them."""

from decimal import Decimal

import pytest
from spend_analysis_support import FORMULA, ODD, PAYMENTS, parquet_table, spend_series

from townsquare.transparency import spend
from townsquare.transparency.spend import Scope


@pytest.fixture
def source(world):
    spend_series(world.datasets["open"], world.payments)
    return spend.source_for(None)


def test_totals_include_credits_and_redacted_lines(source):
    with spend.analysis(source) as a:
        totals = a.totals()
    assert totals.amount == Decimal("9160.25")
    assert totals.payments == len(PAYMENTS)
    assert totals.credits == Decimal("-100.25")
    assert totals.suppliers == 4  # redacted lines are not a supplier


def test_top_suppliers_by_net_amount_with_their_payments(source):
    with spend.analysis(source) as a:
        top = a.top_suppliers(limit=3)
    assert [(s.label, s.amount, s.payments) for s in top] == [
        ("Big Co plc", Decimal("5010.00"), 2),
        (spend.REDACTED, Decimal("1700.00"), 2),
        ("Acme Ltd", Decimal("1150.25"), 3),
    ]
    assert top[1].key is None  # redacted: no supplier page
    assert top[0].key.startswith("big-co-plc-")


def test_quarters_follow_the_financial_year_and_net_off_credits(source):
    with spend.analysis(source) as a:
        quarters = [(q.quarter.label, q.amount, q.payments) for q in a.by_quarter()]
        assert a.years() == [2025, 2026]
    assert quarters == [
        ("2025/26 Q1", Decimal("2150.50"), 3),
        ("2025/26 Q2", Decimal("1999.75"), 4),
        ("2025/26 Q4", Decimal("5000.00"), 1),  # 31 March is the last day of Q4
        ("2026/27 Q1", Decimal("10.00"), 1),
    ]


def test_a_year_and_quarter_narrow_every_figure(source):
    with spend.analysis(source) as a:
        assert a.totals(Scope(2025, 2)).amount == Decimal("1999.75")
        assert a.totals(Scope(2025)).amount == Decimal("9150.25")
        assert a.totals(Scope(quarter=1)).amount == Decimal("2160.50")  # Q1 of both years
        assert [s.label for s in a.top_suppliers(Scope(2026))] == ["Big Co plc"]


def test_spend_by_directorate_quarter_by_quarter(source):
    with spend.analysis(source) as a:
        found = a.breakdown("directorate", Scope(2025))
    assert [q.label for q in found.quarters] == ["2025/26 Q1", "2025/26 Q2", "2025/26 Q4"]
    rows = {r.group: (r.amounts, r.total) for r in found.rows}
    assert rows["Housing"] == ([Decimal("1250.50"), Decimal("-100.25"), 0], Decimal("1150.25"))
    assert rows["Environment"][1] == Decimal("6300.00")
    assert [r.group for r in found.rows] == ["Environment", "Adult Social Care", "Housing"]


def test_the_smallest_groups_are_shown_together(source):
    with spend.analysis(source) as a:
        found = a.breakdown("expense_type", groups=2)
    assert [r.group for r in found.rows] == ["Vehicles", "Direct payments", spend.OTHERS]
    assert found.rows[-1].total == Decimal("2450.25")
    assert found.rows[-1].is_rest


def test_supplier_keys_find_odd_names_and_never_redacted_lines(source):
    with spend.analysis(source) as a:
        for name in (ODD, FORMULA, "Acme Ltd"):
            assert a.supplier_name(spend.supplier_key(name)) == name
        assert a.supplier_name(spend.supplier_key(spend.REDACTED)) is None
        assert a.supplier_name(spend.supplier_key("Redacted – personal data")) is None
        assert a.supplier_name("not-a-key") is None
        payments = a.supplier_payments("Acme Ltd")
    assert [p.transaction for p in payments] == ["T3", "T2", "T1"]  # latest first
    assert payments[0].amount == Decimal("-100.25")


def test_searching_suppliers_by_words_in_the_name(source):
    with spend.analysis(source) as a:
        assert [s.name for s in a.suppliers(search="brien sons")] == [ODD]
        assert a.supplier_count(search="ltd") == 2
        assert a.supplier_count() == 5  # four suppliers and the redacted lines


def test_finance_system_headers_and_amounts_as_text(world):
    ds = world.datasets["open"]
    parquet_table(
        ds,
        "export",
        """SELECT * FROM (VALUES
        ('Acme Ltd', '£1,000.50', '2025-04-02', 'Housing', 'Repairs'),
        ('Acme Ltd', '(20.50)', '02/07/2025', 'Housing', 'Repairs'),
        ('Beta LLP', '300', '30/06/2025', 'Finance', 'Audit')
    ) v("Supplier Name", "Net Amount", "Date Paid", "Department", "Expense Type")""",
    )
    from spend_analysis_support import register

    register(ds, world.payments)
    with spend.analysis(spend.source_for(None)) as a:
        assert a.totals().amount == Decimal("1280.00")
        assert [(q.quarter.label, q.amount) for q in a.by_quarter()] == [
            ("2025/26 Q1", Decimal("1300.50")), ("2025/26 Q2", Decimal("-20.50")),
        ]  # fmt: skip
        assert [r.group for r in a.breakdown("directorate").rows] == ["Housing", "Finance"]


def test_quarterly_files_are_read_together_until_there_is_a_combined_table(world):
    ds = world.datasets["open"]
    series = spend_series(ds, world.payments, PAYMENTS[:3], filename="q1.csv")
    spend_series_file = PAYMENTS[3:5]
    from spend_analysis_support import ingest, spend_csv

    ingest(ds, "q2.csv", spend_csv(spend_series_file))
    assert len(spend.spend_tables(series)) == 2
    with spend.analysis(spend.source_for(None)) as a:
        assert a.totals().amount == Decimal("2450.25")
    combined = parquet_table(
        ds,
        "all_periods",
        """SELECT * FROM (VALUES
        ('Only Ltd', 12.34, DATE '2025-04-01', '2025/26 Q1')
    ) v(BeneficiaryName, Amount, PaymentDate, Period)""",
    )
    assert spend.spend_tables(series) == [combined]
    with spend.analysis(spend.source_for(None)) as a:
        assert a.totals().amount == Decimal("12.34")


def test_once_a_series_has_periods_only_published_ones_count(world):
    from datetime import date

    from townsquare.transparency.models import Period

    ds = world.datasets["open"]
    series = spend_series(ds, world.payments, PAYMENTS[:3], filename="q1.csv")
    first = ds.resources.get(title="q1.csv")
    Period.objects.create(series=series, start=date(2025, 4, 1), end=date(2025, 6, 30),
                          resource=first, status=Period.Status.VALID)  # fmt: skip
    assert spend.spend_tables(series) == []
    Period.objects.filter(series=series).update(status=Period.Status.PUBLISHED)
    assert [t.resource for t in spend.spend_tables(series)] == [first]
