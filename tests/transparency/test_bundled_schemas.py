"""Every bundled schema accepts files laid out as its source schema describes them: headed by
the field names or by the titles (the esd schemas give both and councils use either), and
refuses a file without a required column."""

import csv

import pytest

from townsquare.transparency import code, schemas
from townsquare.transparency.validation import validate_period

KEYS = schemas.keys()


def write(path, headers, row):
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(headers)
        writer.writerow(row)
    return path


def test_every_code_dataset_has_a_schema_and_grants_also_360giving():
    assert set(KEYS) == {d.schema for d in code.CODE_DATASETS} | {"grants-360giving"}


@pytest.mark.parametrize("key", KEYS)
def test_each_schema_records_its_source_and_describes_its_fields(key):
    schema = schemas.load(key)
    assert schema["sources"] and all(s["title"] and s["url"] for s in schema["sources"])
    assert all(f["name"] and f["title"] and f["type"] for f in schema["fields"])
    assert schemas.required_columns(key)


@pytest.mark.parametrize("key", KEYS)
def test_each_schema_accepts_its_source_header_layout_by_titles(tmp_path, key):
    # Headed by the field names is the templates' layout (test_schema_pages_and_templates).
    layout = "title"
    fields = schemas.fields(key)
    example = schemas.example_row(key)
    path = write(tmp_path / f"{key}.csv", [f[layout] for f in fields],
                 [example[f["name"]] for f in fields])  # fmt: skip
    report = validate_period(path, key, start=None, end=None)
    assert report.ok, report.as_dict()["errors"]
    assert set(report.mapping.values()) == {f["name"] for f in fields}


@pytest.mark.parametrize("key", KEYS)
def test_each_schema_refuses_a_file_without_a_required_column(tmp_path, key):
    fields = schemas.fields(key)
    dropped = schemas.required_columns(key)[0]
    kept = [f for f in fields if f["name"] != dropped]
    example = schemas.example_row(key)
    path = write(tmp_path / f"{key}.csv", [f["title"] for f in kept],
                 [example[f["name"]] for f in kept])  # fmt: skip
    report = validate_period(path, key, start=None, end=None)
    assert [(e.code, e.field) for e in report.errors] == [("missing-column", dropped)]


# Header rows as councils publish them, from the field names and titles of the esd schemas.
LGA_SPEND_NAMES = ["OrganisationLabel", "OrganisationURI", "OrganisationalUnit",
    "ServiceCategoryLabel", "BeneficiaryName", "BeneficiaryOtherID", "PaymentDate",
    "TransactionNumber", "Amount", "IrrecoverableVATAmount", "Purpose", "CategoryInternalName",
    "CPVCode"]  # fmt: skip
LGA_SPEND_TITLES = ["Organisation name", "Organisation code",
    "Directorate / service where expenditure occurred", "Supplier (beneficiary) name",
    "Date", "Transaction number", "Net Amount", "Irrecoverable VAT",
    "Purpose of spend (summary)", "Procurement classification: CPV code"]  # fmt: skip
LGA_CONTRACTS_TITLES = ["Contract Reference number / ID", "Title of the Agreement",
    "Local authority directorate/service responsible", "Description of goods and services",
    "Contract start date", "End date", "Review date", "Contract value", "Irrecoverable VAT",
    "Supplier name", "Supplier registered company number", "Supplier registered charity number",
    "SME supplier", "VCSE supplier", "Tender type"]  # fmt: skip
LAND_NAMES = ["UPRN", "AssetCode", "PropertyName", "PropertyNumber", "StreetName", "PostTown",
    "PostCode", "CoordinateReferenceSystem", "GeoX", "GeoY", "TenureType", "TenureDetail",
    "HoldingType"]  # fmt: skip


@pytest.mark.parametrize(
    ("key", "headers"),
    [("spend", LGA_SPEND_NAMES), ("spend", LGA_SPEND_TITLES),
     ("contracts", LGA_CONTRACTS_TITLES), ("land", LAND_NAMES)],
)  # fmt: skip
def test_published_header_rows_are_recognised(tmp_path, key, headers):
    example = schemas.example_row(key)
    row = [example[schemas.field_for_header(key, h)] for h in headers]
    report = validate_period(write(tmp_path / "f.csv", headers, row), key, start=None, end=None)
    assert report.ok, report.as_dict()["errors"]
    assert not [w for w in report.warnings if w.code == "unknown-column"]


def test_codes_are_checked_against_the_lists_in_the_source_schema(tmp_path):
    example = schemas.example_row("land")
    names = list(example)
    row = [("Rented" if n == "TenureType" else example[n]) for n in names]
    report = validate_period(write(tmp_path / "land.csv", names, row), "land", start=None, end=None)
    [e] = report.errors
    assert e.code == "not-allowed" and "Freehold, Leasehold, Other" in e.message


def test_uprn_is_text_so_leading_digits_are_kept_but_letters_refused(tmp_path):
    example = schemas.example_row("land")
    names = list(example)
    row = [("UPRN-12" if n == "UPRN" else example[n]) for n in names]
    report = validate_period(write(tmp_path / "land.csv", names, row), "land", start=None, end=None)
    assert [(e.code, e.column) for e in report.errors] == [("pattern", "UPRN")]
    assert schemas.field("land", "UPRN")["type"] == "string"
