"""The demo council's data and generated files: deterministic, schema-shaped and consistent.

Pure Python, no database: run with ``pytest tests/demo/test_demo_files.py -p no:django``.
"""

import csv
import hashlib
import io
import json
import os
import re
import subprocess
import sys
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest

from townsquare.demo import council, files

SCHEMAS = Path(__file__).resolve().parents[3] / "shared" / "reference" / "esd-schemas"

THEMES = {
    "business-and-economy", "crime-and-justice", "education", "environment", "government",
    "government-spending", "health", "mapping", "society", "towns-and-cities", "transport",
}  # fmt: skip
LICENCES = {"OGL-UK-3.0", "CC-BY-4.0", "ODbL-1.0", "internal-use"}
FREQUENCIES = {"daily", "weekly", "monthly", "quarterly", "annual", "irregular", "not-planned"}
ROLE_KINDS = {"staff", "publisher", "steward", "caldicott_guardian", "administrator"}
UK_DATE = re.compile(r"^\d{2}/\d{2}/\d{4}$")
MONEY = re.compile(r"^-?\d+\.\d{2}$")

UPLOADS = [f for d in council.DATASETS for f in d.files if f.build is not None]


@pytest.fixture(autouse=True)
def _plain_static_files():
    """Replace tests/conftest.py's autouse fixture, which needs pytest-django's settings."""
    yield


def _rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))


def _schema_names(name: str) -> list[str]:
    path = SCHEMAS / name
    if not path.exists():
        pytest.skip(f"{path} is not available")
    # Some esd schemas contain regex escapes such as "\." that are not valid JSON: double
    # the backslash of any escape JSON does not know, reading escapes pair by pair.
    text = re.sub(
        r"\\(.)",
        lambda m: m[0] if m[1] in '"\\/bfnrtu' else "\\" + m[0],
        path.read_text(encoding="utf-8"),
    )
    return [field["name"] for field in json.loads(text)["fields"]]


def _units() -> list[council.UnitSpec]:
    return [unit for unit, _ in council.iter_units()]


def _people() -> dict[str, council.PersonSpec]:
    return {p.email: p for p in council.PEOPLE}


# --- determinism ---------------------------------------------------------------------


@pytest.mark.parametrize("spec", UPLOADS, ids=lambda f: f.filename)
def test_each_generator_gives_identical_bytes_twice(spec):
    assert spec.build() == spec.build()


def test_files_are_identical_in_a_fresh_interpreter():
    # Another process with another hash seed must build the same bytes and the same people.
    script = (
        "import hashlib; from townsquare.demo import council\n"
        "for d in council.DATASETS:\n"
        "    for f in d.files:\n"
        "        if f.build: print(f.filename, hashlib.sha256(f.build()).hexdigest())\n"
        "print('people', hashlib.sha256(repr(council.PEOPLE).encode()).hexdigest())\n"
    )
    result = subprocess.run(  # noqa: S603 - runs this interpreter on a fixed script
        [sys.executable, "-c", script],
        capture_output=True, text=True, check=True, env={**os.environ, "PYTHONHASHSEED": "12345"},
    )  # fmt: skip
    expected = [f"{f.filename} {hashlib.sha256(f.build()).hexdigest()}" for f in UPLOADS]
    expected.append(f"people {hashlib.sha256(repr(council.PEOPLE).encode()).hexdigest()}")
    assert result.stdout.splitlines() == expected


# --- every tabular file ----------------------------------------------------------------


@pytest.mark.parametrize(
    "spec", [f for f in UPLOADS if f.format == "CSV"], ids=lambda f: f.filename
)
def test_csv_files_are_rfc4180_utf8_with_a_header_row(spec):
    data = spec.build()
    assert not data.startswith(b"\xef\xbb\xbf")  # no BOM
    assert data.endswith(b"\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
    rows = _rows(data)
    header = rows[0]
    assert len(set(header)) == len(header) and all(header)
    assert len(rows) > 10
    assert all(len(row) == len(header) for row in rows)
    assert spec.filename.endswith(".csv")


def test_fleet_workbook_opens_with_a_header_row_and_fixed_properties():
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(files.fleet_mileage_xlsx()))
    sheet = workbook["Mileage"]
    assert [c.value for c in sheet[1]][:2] == ["Month", "Registration"]
    assert sheet.max_row > 100
    assert isinstance(sheet["A2"].value, datetime)
    assert workbook.properties.created == datetime(2026, 4, 1, 9, 0)  # noqa: DTZ001


# --- spending over £500 ----------------------------------------------------------------


@pytest.mark.parametrize("quarter", [1, 2, 3, 4])
def test_spend_follows_the_lga_schema_and_stays_in_its_quarter(quarter):
    rows = _rows(files.spend_csv(quarter))
    header, body = rows[0], rows[1:]
    assert header == list(files.SPEND_FIELDS)
    assert 300 <= len(body) <= 600
    start, end = files.quarter_bounds(quarter)
    column = {name: i for i, name in enumerate(header)}
    for row in body:
        paid = row[column["PaymentDate"]]
        assert UK_DATE.match(paid), paid
        assert start <= datetime.strptime(paid, "%d/%m/%Y").date() <= end  # noqa: DTZ007
        amount = row[column["Amount"]]
        assert MONEY.match(amount) and abs(float(amount)) >= 500, amount
        assert MONEY.match(row[column["IrrecoverableVATAmount"]])
        assert row[column["BeneficiaryName"]] and row[column["Purpose"]]
    assert any(row[column["Amount"]].startswith("-") for row in body), "expected some credits"


def test_spend_header_matches_the_schema_file():
    assert list(files.SPEND_FIELDS) == _schema_names("Spend.json")


def test_quarters_are_financial_year_2025_26():
    assert files.quarter_bounds(1)[0].isoformat() == "2025-04-01"
    assert files.quarter_bounds(4)[1].isoformat() == "2026-03-31"
    with pytest.raises(ValueError):
        files.quarter_bounds(5)


def test_transaction_numbers_are_unique_across_the_year():
    numbers = [row[11] for q in (1, 2, 3, 4) for row in _rows(files.spend_csv(q))[1:]]
    assert len(numbers) == len(set(numbers))


def test_spend_services_and_suppliers_join_up():
    services = {u.name for u in _units() if u.kind == "service"}
    contracts = {row[2] for row in _rows(files.contracts_csv())[1:]}
    body = [row for q in (1, 2, 3, 4) for row in _rows(files.spend_csv(q))[1:]]
    assert {row[2] for row in body} <= services
    assert {row[21] for row in body if row[21]} <= contracts
    suppliers = Counter(row[5] for row in body)
    assert suppliers.most_common(1)[0][1] > 10, "suppliers should repeat"


# --- other Transparency Code and LOTI files --------------------------------------------


@pytest.mark.parametrize(
    "build,schema,fields",
    [
        (files.contracts_csv, "Contracts.json", files.CONTRACT_FIELDS),
        (files.land_and_buildings_csv, "Land_and_building.json", files.LAND_FIELDS),
        (files.public_toilets_csv, "PublicToilets.json", files.TOILET_FIELDS),
        (files.planning_applications_csv, "PlanningApplications.json", files.PLANNING_FIELDS),
    ],
    ids=["contracts", "land", "toilets", "planning"],
)
def test_headers_match_their_schemas(build, schema, fields):
    assert _rows(build())[0] == list(fields) == _schema_names(schema)


def test_contract_values_and_dates_are_well_formed():
    rows = _rows(files.contracts_csv())
    column = {name: i for i, name in enumerate(rows[0])}
    for row in rows[1:]:
        assert float(row[column["ContractValue"]]) >= 5000
        for name in ("StartDate", "EndDate", "ReviewDate"):
            assert UK_DATE.match(row[column[name]])


def test_land_uprns_are_twelve_digit_text_some_with_leading_zeros():
    rows = _rows(files.land_and_buildings_csv())
    uprns = [row[3] for row in rows[1:]]
    assert all(re.fullmatch(r"\d{12}", u) for u in uprns)
    assert len(set(uprns)) == len(uprns)
    assert any(u.startswith("0") for u in uprns)
    eastings = [int(row[11]) for row in rows[1:]]
    northings = [int(row[12]) for row in rows[1:]]
    assert min(eastings) > 400_000 and max(eastings) < 500_000
    assert min(northings) > 250_000 and max(northings) < 330_000


def test_planning_applications_are_a_few_hundred_with_unique_references():
    rows = _rows(files.planning_applications_csv())[1:]
    assert 200 <= len(rows) <= 600
    refs = [row[5] for row in rows]
    assert len(set(refs)) == len(refs)
    statuses = {row[15] for row in rows}
    assert {"Pending", "Decided"} <= statuses <= {"Pending", "Decided", "Withdrawn", "Appealed"}


def test_housing_summary_suppresses_small_numbers():
    counts = [row[3] for row in _rows(files.housing_register_summary_csv())[1:]]
    assert "<5" in counts
    assert all(c == "<5" or (c.isdigit() and (int(c) == 0 or int(c) >= 5)) for c in counts)


# --- ward boundaries -------------------------------------------------------------------


def _inside(x: float, y: float, ring: list[list[float]]) -> bool:
    inside = False
    for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def test_wards_geojson_is_a_feature_collection_of_polygons():
    collection = json.loads(files.wards_geojson())
    assert collection["type"] == "FeatureCollection"
    features = collection["features"]
    assert len(features) == 12
    for feature in features:
        props = feature["properties"]
        assert re.fullmatch(r"E05\d{6}", props["ward_code"])
        assert props["ward_name"] and props["councillors"] in (1, 2, 3)
        assert feature["geometry"]["type"] == "Polygon"
        ring = feature["geometry"]["coordinates"][0]
        assert ring[0] == ring[-1] and len(ring) >= 4
        assert all(-2.0 < lon < -0.5 and 52.0 < lat < 53.0 for lon, lat in ring)
    assert len({f["properties"]["ward_code"] for f in features}) == 12


def test_wards_do_not_overlap_and_leave_no_holes_inside_the_borough():
    rings = [f["geometry"]["coordinates"][0] for f in json.loads(files.wards_geojson())["features"]]
    # A grid over the middle of the borough: every point is in exactly one ward.
    for i in range(1, 40):
        for j in range(1, 30):
            x, y = -1.41 + i * 0.0056, 52.45 + j * 0.0034
            assert sum(_inside(x, y, ring) for ring in rings) == 1, (x, y)


# --- the council -----------------------------------------------------------------------


def test_organisation_has_five_directorates_and_about_twenty_teams():
    units = _units()
    kinds = Counter(u.kind for u in units)
    assert kinds["organisation"] == 1 and council.COUNCIL.kind == "organisation"
    assert kinds["directorate"] == 5
    assert 18 <= kinds["team"] <= 25
    assert len({u.slug for u in units}) == len(units)
    assert all(u.kind == "team" for u in units if not u.children)
    assert all(u.email.endswith("@eastmere.example") for u in units)


def test_people_are_unique_and_plausible():
    people = council.PEOPLE
    teams = {u.slug for u in _units() if u.kind == "team"}
    slugs = {u.slug for u in _units()}
    assert 55 <= len(people) <= 65
    assert len({p.email for p in people}) == len(people)
    assert len({p.phone for p in people}) == len(people)
    assert len({p.name for p in people}) == len(people)
    for person in people:
        assert person.team_slug in teams
        assert re.fullmatch(r"[a-z]+(\.[a-z]+)?@eastmere\.example", person.email), person.email
        assert re.fullmatch(r"01632 960\d{3}", person.phone)
        assert person.skills and person.bio and person.job_title
        assert ("staff", None) in person.roles
        for kind, slug in person.roles:
            assert kind in ROLE_KINDS and (slug is None or slug in slugs)


def test_demo_sign_ins_are_people_with_the_right_roles():
    people = _people()
    emails = [email for _, email in council.DEMO_SIGN_INS]
    assert emails == [f"{who}@eastmere.example" for who in
                      ("staff", "publisher", "steward", "admin", "grantee")]  # fmt: skip
    assert all(email in people for email in emails)
    roles = {email: set(people[email].roles) - {("staff", None)} for email in emails}
    assert roles["staff@eastmere.example"] == set()
    assert roles["publisher@eastmere.example"] == {("publisher", "finance")}
    assert roles["steward@eastmere.example"] == {("steward", council.COUNCIL.slug)}
    assert roles["admin@eastmere.example"] == {("administrator", None)}
    assert roles["grantee@eastmere.example"] == set()
    assert all(" " in people[email].name for email in emails)


def test_every_directorate_has_a_publisher_and_there_is_a_caldicott_guardian():
    held = {role for p in council.PEOPLE for role in p.roles}
    for unit in council.COUNCIL.children:
        assert ("publisher", unit.slug) in held
    guardian = _people()[council.CALDICOTT_GUARDIAN_EMAIL]
    assert ("caldicott_guardian", "adults-and-health") in guardian.roles


def test_datasets_refer_to_real_units_and_people():
    slugs, people = {u.slug for u in _units()}, _people()
    assert len({d.slug for d in council.DATASETS}) == len(council.DATASETS)
    for dataset in council.DATASETS:
        assert dataset.publisher_slug in slugs
        assert dataset.steward_email in people
        assert dataset.contact_email.endswith("@eastmere.example") and dataset.contact_name
        for grant in dataset.grants:
            assert grant.approver_email in people
            assert (grant.person_email is None) != (grant.unit_slug is None)
            assert grant.person_email is None or grant.person_email in people
            assert grant.unit_slug is None or grant.unit_slug in slugs
            assert grant.days > 0 and grant.purpose


def test_dataset_counts_and_access_levels():
    published = Counter(d.access_level for d in council.DATASETS if d.status == "published")
    assert 20 <= published["open"] <= 28
    assert 8 <= published["internal"] <= 12
    assert published["restricted"] == 6
    drafts = [d for d in council.DATASETS if d.status == "draft"]
    assert 2 <= len(drafts) <= 3
    assert 38 <= len(council.DATASETS) <= 45
    assert sum(any(f.build for f in d.files) for d in council.DATASETS) >= 10


def test_dataset_vocabularies_and_metadata_limits():
    titles = [d.title for d in council.DATASETS]
    assert len(set(titles)) == len(titles)
    for d in council.DATASETS:
        assert set(d.themes) <= THEMES and d.themes, d.slug
        assert d.licence_id in LICENCES
        assert d.update_frequency in FREQUENCIES
        assert d.status in {"published", "draft"}
        assert d.classification in {"OFFICIAL", "OFFICIAL-SENSITIVE"}
        assert len(d.title) <= 65, d.title  # data.gov.uk guidance
        assert len(re.split(r"(?<=\.)\s", d.summary)[0]) <= 140, d.slug
        assert d.description.count("\n\n") >= 2 and "\n- " in d.description
        if d.access_level == "open":
            assert d.licence_id != "internal-use" and not d.personal_data
        else:
            assert d.licence_id == "internal-use"
        if d.temporal_start and d.temporal_end:
            assert d.temporal_start <= d.temporal_end


def test_restricted_datasets_are_personal_data_with_grants():
    restricted = [d for d in council.DATASETS if d.access_level == "restricted"]
    for d in restricted:
        assert d.personal_data and d.classification == "OFFICIAL-SENSITIVE"
        assert 1 <= len(d.grants) <= 2
    assert any(d.special_category for d in restricted)
    assert not any(d.grants for d in council.DATASETS if d.access_level != "restricted")


def test_the_grantees_team_holds_exactly_one_grant():
    team = _people()["grantee@eastmere.example"].team_slug
    held = [d.slug for d in council.DATASETS for g in d.grants if g.unit_slug == team]
    assert held == ["housing-register-applicants"]
    named = {g.person_email for d in council.DATASETS for g in d.grants}
    assert not named & {email for _, email in council.DEMO_SIGN_INS}


def test_files_are_uploads_or_links_on_the_council_website():
    for dataset in council.DATASETS:
        for spec in dataset.files:
            assert (spec.build is None) != (spec.url == ""), spec.title
            assert spec.url == "" or spec.url.startswith("https://www.eastmere.example/")
            assert spec.title and spec.filename and spec.format
    spend = next(d for d in council.DATASETS if d.slug == "spending-over-500")
    assert [f.filename for f in spend.files] == [
        f"eastmere-spend-2025-26-q{q}.csv" for q in (1, 2, 3, 4)
    ]
    assert spend.update_frequency == "quarterly"
