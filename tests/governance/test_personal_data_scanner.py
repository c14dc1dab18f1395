"""The personal-data scanner finds each kind of personal data by its header and values, masks
what it shows, and leaves ordinary open data alone."""

import pytest

from townsquare.governance import personal_data as pd


def _kinds(findings):
    return {(f.column, f.kind) for f in findings}


@pytest.mark.parametrize(
    ("number", "valid"),
    [("943 476 5919", True), ("9434765919", True), ("943-476-5919", True),
     ("943 476 5918", False), ("0000000000", False), ("123456789", False)],
)  # fmt: skip
def test_nhs_number_check_digit(number, valid):
    assert pd.nhs_number_valid(number) is valid


def test_nhs_numbers_found_only_with_a_valid_check_digit():
    findings = pd.scan_table(["ref"], [["943 476 5919", "943 476 5918", "401 023 2137"]])
    (finding,) = [f for f in findings if f.kind == pd.NHS_NUMBER]
    assert finding.count == 2
    assert finding.examples == ("943 *** ****", "401 *** ****")


@pytest.mark.parametrize(
    ("value", "found"),
    [("QQ 12 34 56 C", False), ("AB123456C", True), ("ab 12 34 56 d", True),
     ("DA123456A", False), ("GB123456A", False), ("AB123456E", False)],
)  # fmt: skip
def test_national_insurance_numbers_need_a_valid_prefix(value, found):
    findings = pd.scan_table(["x"], [[value]])
    assert ((("x", pd.NI_NUMBER)) in _kinds(findings)) is found


def test_emails_and_phone_numbers_are_found_and_masked():
    findings = pd.scan_table(
        ["contact"],
        [["ada@example.org", "call 07700 900123", "+44 20 7946 0958", "year 2024", "12345"]],
    )
    by_kind = {f.kind: f for f in findings}
    assert by_kind[pd.EMAIL].examples == ("a***@example.org",)
    assert by_kind[pd.PHONE].count == 2
    assert "900123" not in " ".join(by_kind[pd.PHONE].examples)


def test_postcodes_count_only_beside_dates_of_birth():
    postcodes = ["SW1A 1AA", "LS1 4AP"]
    assert pd.scan_table(["postcode"], [postcodes]) == []
    findings = pd.scan_table(
        ["postcode", "Date of birth"], [postcodes, ["01/02/1980", "1975-06-30"]]
    )
    assert _kinds(findings) == {
        ("postcode", pd.POSTCODE_WITH_BIRTH_DATE),
        ("Date of birth", pd.DATE_OF_BIRTH),
    }
    (postcode,) = [f for f in findings if f.kind == pd.POSTCODE_WITH_BIRTH_DATE]
    assert postcode.examples == ("SW1A ***", "LS1 ***")


def test_name_columns_by_header_and_values():
    findings = pd.scan_table(["Surname", "Ward"], [["Lovelace", "Babbage"], ["Ada Lovelace"]])
    assert _kinds(findings) == {("Surname", pd.NAME)}
    (name,) = findings
    assert name.count == 2
    findings = pd.scan_table(["Tenant name"], [["Mary Ann Evans", "x"]])
    assert findings[0].examples == ("M*** *** *****",)


@pytest.mark.parametrize(
    "header",
    ["Health condition", "ethnicity", "Religion or belief", "sexual_orientation", "Disability",
     "Trade union member"],
)  # fmt: skip
def test_special_category_words_in_headers(header):
    assert _kinds(pd.scan_table([header], [["yes"]])) == {(header, pd.SPECIAL_CATEGORY)}


def test_ordinary_open_data_has_no_findings():
    rows = [
        ["Ward", "Year", "Amount", "Supplier", "Postcode"],
        ["Central", "2024", "1234.50", "Acme Ltd", "LS1 4AP"],
        ["North", "2023", "99.99", "Widgets plc", "LS2 7HZ"],
    ]
    assert pd.scan_rows(rows) == []


def test_results_serialise_for_storage():
    (finding,) = pd.scan_table(["email"], [["bob@example.com"]])
    assert finding.as_dict() == {
        "column": "email", "kind": "email", "count": 1, "examples": ["b***@example.com"],
    }  # fmt: skip
    assert finding.label == "Email addresses"


def test_headers_and_columns_must_match():
    with pytest.raises(ValueError, match="one list of values"):
        pd.scan_table(["a", "b"], [[1]])
