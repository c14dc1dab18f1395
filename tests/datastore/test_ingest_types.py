"""Type inference: numbers as councils write them, UK dates, yes/no, codes that stay text, and
a value that does not fit its column is reported with its row and column, never lost."""

# ruff: noqa: DTZ001 - the CSV's dates and times have no zone

from datetime import date, datetime

import pytest
from factories import dataset, org_units
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ingest_support import ingest, rows, types

from townsquare.datastore.infer import guess


@pytest.fixture
def ds(db):
    return dataset("Types", publisher=org_units()["payments"], access_level="open", with_file=False)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["1", "-2", "1,234"], {"type": "integer"}),
        (["£1,234.56", "(123.45)", "123.45-", "12.5%", "-£3"], {"type": "number"}),
        (["yes", "No", "Y", "n", "TRUE"], {"type": "boolean"}),
        (["01/04/2025", "31/12/2024"], {"type": "date", "format": "%d/%m/%Y"}),
        (["1/4/25", "13/12/24"], {"type": "date", "format": "%d/%m/%y"}),
        (["2025-04-01"], {"type": "date", "format": "%Y-%m-%d"}),
        (["1 April 2025", "30 June 2025"], {"type": "date", "format": "%d %B %Y"}),
        (["2025-04-01 09:30:00"], {"type": "datetime", "format": "%Y-%m-%d %H:%M:%S"}),
        (["0164A", "12"], {"type": "string"}),
        (["SW1A 1AA", "M1 1AA"], {"type": "string"}),
        (["01632 960000", "07700900123"], {"type": "string"}),
        (["0012", "0345"], {"type": "string"}),
    ],
)
def test_guesses(values, expected):
    assert guess(values) == expected


def test_whole_numbers_under_a_code_heading_stay_text():
    assert guess(["100023336956"], "UPRN") == {"type": "string"}
    assert guess(["4412"], "Cost centre code") == {"type": "string"}
    assert guess(["12"], "Number of visits") == {"type": "integer"}


def test_council_numbers_are_converted_exactly(ds):
    text = 'Amount\n"£1,234.56"\n(123.45)\n123.45-\n12.5%\n-£3\n£ 40\n'
    job, _ = ingest(ds, "n.csv", text.encode())
    assert [r[0] for r in rows(job.table)] == [1234.56, -123.45, -123.45, 12.5, -3.0, 40.0]


def test_dates_in_uk_order_and_words(ds):
    job, _ = ingest(ds, "d.csv", b"Paid,Due\n01/04/2025,1 April 2025\n2/5/2025,30 June 2025\n")
    assert types(job.table) == {"paid": "date", "due": "date"}
    assert rows(job.table) == [
        (date(2025, 4, 1), date(2025, 4, 1)),
        (date(2025, 5, 2), date(2025, 6, 30)),
    ]


def test_a_value_past_the_sample_that_does_not_fit_is_reported_and_kept(ds):
    # 10,000 rows are sampled; the odd value comes after them.
    body = "".join(f"{i},{i}.5\n" for i in range(12000)) + "N/A,7\n"
    job, _ = ingest(ds, "late.csv", ("Count,Amount\n" + body).encode())
    assert job.status == "succeeded", job.error
    assert types(job.table) == {"count": "string", "amount": "number"}
    assert rows(job.table)[-1] == ("N/A", 7.0)
    assert rows(job.table)[0] == ("0", 0.5)
    (warning,) = job.warnings
    assert warning["row"] == 12002
    assert warning["column"] == "count"
    assert "“N/A” is not a whole number" in warning["message"]


def test_a_code_with_leading_zeros_past_the_sample_is_not_turned_into_a_number(ds):
    body = "".join(f"{i + 1}\n" for i in range(12000)) + "007\n"
    job, _ = ingest(ds, "codes.csv", ("Value\n" + body).encode())
    assert rows(job.table)[-1] == ("007",)


def test_a_schema_sets_types_and_reports_what_does_not_fit(ds):
    schema = {"fields": [
        {"name": "ref", "type": "string", "constraints": {"required": True, "unique": True, "pattern": "R[0-9]+"}},
        {"name": "amount", "type": "number", "constraints": {"minimum": 0}},
        {"name": "status", "type": "string", "constraints": {"enum": ["paid", "due"]}},
    ]}  # fmt: skip
    text = "ref,amount,status\nR1,10,paid\nR1,-5,due\nX3,abc,lost\n,4,paid\n"
    job, _ = ingest(ds, "v.csv", text.encode(), schema=schema)
    assert job.status == "succeeded", job.error
    report = job.report["validation"]
    assert not report["valid"]
    problems = {(p["column"], p["message"]): p for p in report["problems"]}
    assert problems[("ref", "A value is required")]["examples"] == [{"row": 5, "value": None}]
    assert problems[("ref", "Not unique")]["count"] == 2
    assert problems[("ref", "Does not match the pattern")]["examples"][0] == {
        "row": 4,
        "value": "X3",
    }
    assert problems[("amount", "Not a valid number")]["examples"] == [{"row": 4, "value": "abc"}]
    assert problems[("amount", "Below the minimum (0)")]["count"] == 1
    assert problems[("status", "Not one of the allowed values")]["count"] == 1


KINDS = {
    "integer": st.integers(min_value=-(10**15), max_value=10**15),
    "number": st.floats(allow_nan=False, allow_infinity=False, width=64).filter(lambda f: abs(f) < 1e15 and not f.is_integer()),
    "boolean": st.booleans(),
    "date": st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
    "datetime": st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 1, 1)).map(lambda d: d.replace(microsecond=0)),
    "string": st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=12).filter(
        lambda s: s.strip() == s and guess([s]) == {"type": "string"}
    ),
}  # fmt: skip


def _cell(kind: str, value) -> str:
    if kind == "number":
        return repr(value)
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "datetime":
        return value.strftime("%Y-%m-%d %H:%M:%S")
    return str(value)


@st.composite
def tables(draw):
    kinds = draw(st.lists(st.sampled_from(sorted(KINDS)), min_size=1, max_size=5))
    n = draw(st.integers(min_value=1, max_value=15))
    columns = [draw(st.lists(KINDS[k], min_size=n, max_size=n)) for k in kinds]
    return kinds, columns


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(table=tables())
def test_random_typed_tables_load_back_with_the_same_values_and_types(ds, table):
    import csv
    import io

    kinds, columns = table
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([f"col{i}" for i in range(len(kinds))])
    for row in zip(*columns, strict=True):
        writer.writerow([_cell(k, v) for k, v in zip(kinds, row, strict=True)])
    job, _ = ingest(ds, "random.csv", out.getvalue().encode())
    assert job.status == "succeeded", job.error
    got_types = [f["type"] for f in job.table.fields]
    loaded = rows(job.table)
    for i, kind in enumerate(kinds):
        values = [r[i] for r in loaded]
        if got_types[i] != kind:
            # A narrower reading is allowed only where every value reads the same.
            assert (kind, got_types[i]) in {("number", "integer"), ("string", "integer")}, (
                kind,
                got_types[i],
                columns[i],
            )
            continue
        assert values == columns[i]
