"""Deterministic generators for the Eastmere demo council's files.

Every generator returns bytes and draws only from its own seeded ``random.Random`` or
``Faker("en_GB")`` instance, so two runs produce byte-identical files. Shared made-up
geography (wards, assets, suppliers) is built once and cached; each cached builder has its
own seed, so the order in which generators are called never changes their output.

The Transparency Code files follow the LGA schemas in ``shared/reference/esd-schemas``:
header row of schema field names, dates ``dd/mm/yyyy``, amounts with two decimals and no
``£``. Everything is made up; postcodes use the non-existent ``EM`` area and telephone
numbers the Ofcom drama ranges.
"""

from __future__ import annotations

import csv
import io
import json
import random
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from faker import Faker

ORG_LABEL = "Eastmere Borough Council"
ORG_URI = "https://www.eastmere.example/id/council"
WEBSITE = "https://www.eastmere.example"
FINANCIAL_YEAR_START = date(2025, 4, 1)  # FY 2025/26
EXTRACT_DATE = date(2026, 4, 7)  # "today" for every generated extract
# The council's service contacts the open files publish (a team mailbox, a report-a-problem
# line): not personal data, so the demo puts them on the scan's list (decision 0042).
PROCUREMENT_EMAIL = "procurement@eastmere.example"
STREETCARE_EMAIL, STREETCARE_PHONE = "streetcare@eastmere.example", "01632 960000"
SERVICE_CONTACTS = (
    (PROCUREMENT_EMAIL, "Procurement Team mailbox, in the contracts register"),
    (STREETCARE_EMAIL, "Street care report-a-problem mailbox, in the public toilets file"),
    (STREETCARE_PHONE, "Street care report-a-problem line, in the public toilets file"),
)

# Field orders copied from the esd-schemas files so headers match the schema field names.
SPEND_FIELDS = (
    "OrganisationLabel", "OrganisationURI", "OrganisationalUnit", "ServiceCategoryLabel",
    "ServiceCategoryURI", "BeneficiaryName", "BeneficiaryOtherID",
    "CompaniesHouseRegistrationNumber", "CharityCommissionNumber", "VCSEGrant", "PaymentDate",
    "TransactionNumber", "Amount", "IrrecoverableVATAmount", "Purpose", "CategoryInternalName",
    "CPVLabel", "CPVCode", "ProclassLabel", "ProclassCode", "CardTransaction", "ContractRef",
)  # fmt: skip
CONTRACT_FIELDS = (
    "OrganisationLabel", "OrganisationURI", "ContractReference", "OpenContractingID",
    "ContractTitle", "ContractType", "OrganisationalUnit", "ServiceCategoryLabel",
    "ServiceCategoryURI", "Description", "ProcurementCategory", "CPVLabel", "CPVCode",
    "ProclassLabel", "ProclassCode", "StartDate", "EndDate", "ReviewDate", "LastExtensionDate",
    "ContractValue", "FixedCost", "IrrecoverableVAT", "SupplierName",
    "CompaniesHouseRegistrationNumber", "CharityCommissionNumber", "OtherSupplierID",
    "SMESupplier", "VCSESupplier", "VCSESupplierType", "ContactName", "ContactEmail",
    "ContactURL", "ProcessType", "TenderDocumentURL", "ContractDocumentURL",
    "PerformanceInformationURL", "AreaServedLabel", "AreaServedURI",
)  # fmt: skip
LAND_FIELDS = (
    "OrganisationLabel", "OrganisationURI", "ApplicableDate", "UPRN", "AssetCode",
    "PropertyName", "PropertyNumber", "StreetName", "PostTown", "PostCode",
    "CoordinateReferenceSystem", "GeoX", "GeoY", "GeoPointLicensingURL", "TenureType",
    "TenureDetail", "OtherDetail", "HoldingType", "BuildingSize", "LandArea", "FunctionLabel",
    "FunctionURI", "Purpose", "BuildingCosts", "RequiredMaintenance", "SuitabilityRating",
    "EnergyRating", "LandRegistryTitleNumber", "InspireURL",
)  # fmt: skip
TOILET_FIELDS = (
    "ExtractDate", "OrganisationURI", "OrganisationLabel", "ServiceTypeURI", "ServiceTypeLabel",
    "LocationText", "CoordinateReferenceSystem", "GeoX", "GeoY", "GeoPointLicensingURL",
    "Category", "AccessibleCategory", "RADARKeyNeeded", "BabyChange", "FamilyToilet",
    "ChangingPlace", "AutomaticPublicConvenience", "FullTimeStaffing", "PartOfCommunityScheme",
    "CommunitySchemeName", "ChargeAmount", "InfoURL", "OpeningHours", "ManagedBy",
    "ReportEmail", "ReportTel", "Notes", "UPRN", "Postcode", "StreetAddress", "GeoAreaURI",
    "GeoAreaLabel",
)  # fmt: skip
PLANNING_FIELDS = (
    "ExtractDate", "PublisherURI", "PublisherLabel", "OrganisationURI", "OrganisationLabel",
    "CaseReference", "CaseURL", "CaseDate", "ServiceTypeURI", "ServiceTypeLabel",
    "ClassificationURI", "ClassificationLabel", "CaseText", "LocationText",
    "DecisionTargetDate", "Status", "CoordinateReferenceSystem", "GeoX", "GeoY",
    "GeoPointLicensingURL", "DecisionDate", "Decision", "DecisionType", "DecisionNoticeDate",
    "AppealRef", "AppealDecisionDate", "AppealDecision", "GeoAreaURI", "GeoAreaLabel",
    "GroundArea", "UPRN", "Agent", "PublicConsultationStartDate", "PublicConsultationEndDate",
    "ResponsesFor", "ResponsesAgainst",
)  # fmt: skip


# --- small shared helpers -------------------------------------------------------------


def _csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """RFC 4180 CSV in UTF-8 (no BOM), header in the first row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def _rng(name: str) -> random.Random:
    # String seeds are hashed with SHA-512 by random.seed, so they do not depend on
    # PYTHONHASHSEED and give the same stream in every process.
    return random.Random(f"eastmere-{name}")


def _faker(seed: int) -> Faker:
    fake = Faker("en_GB")
    fake.seed_instance(seed)
    return fake


def _uk_date(value: date) -> str:
    return value.strftime("%d/%m/%Y")


def _money(value: float) -> str:
    return f"{value:.2f}"


def _yes_no(flag: bool) -> str:
    return "Yes" if flag else "No"


def _months(first: date, count: int) -> list[date]:
    """First days of ``count`` consecutive months starting at ``first``."""
    return [
        date(first.year + (first.month - 1 + i) // 12, (first.month - 1 + i) % 12 + 1, 1)
        for i in range(count)
    ]


def quarter_bounds(quarter: int) -> tuple[date, date]:
    """First and last day of a quarter of financial year 2025/26 (Q1 = April to June)."""
    if quarter not in (1, 2, 3, 4):
        raise ValueError(f"quarter must be 1 to 4, not {quarter!r}")
    start = _months(FINANCIAL_YEAR_START, 3 * quarter - 2)[-1]
    end = _months(start, 4)[-1] - timedelta(days=1)
    return start, end


def _weekday_between(rng: random.Random, start: date, end: date) -> date:
    # Payment runs happen on working days, so skip weekends.
    while True:
        day = start + timedelta(days=rng.randint(0, (end - start).days))
        if day.weekday() < 5:
            return day


def _lognormal_amount(rng: random.Random, typical: float, floor: float) -> float:
    for _ in range(50):
        amount = typical * rng.lognormvariate(0, 0.8)
        if amount >= floor:
            return round(amount, 2)
    return round(floor + rng.uniform(0, typical), 2)


# --- made-up geography -----------------------------------------------------------------

# A 4 x 3 grid of wards around lon -1.3, lat 52.5. Names run west to east, south to north.
_WEST, _SOUTH, _CELL_LON, _CELL_LAT = -1.42, 52.44, 0.06, 0.04
_COLS = 4  # and three rows


@dataclass(frozen=True)
class Ward:
    code: str
    name: str
    town: str
    district: str  # postcode district, in the made-up EM area
    councillors: int


WARDS: tuple[Ward, ...] = (
    Ward("E05990001", "Saltham", "Saltham", "EM7", 2),
    Ward("E05990002", "Saltham Fields", "Saltham", "EM7", 2),
    Ward("E05990003", "Oakby", "Oakby", "EM6", 3),
    Ward("E05990004", "Oakby Cross", "Oakby", "EM6", 2),
    Ward("E05990005", "Fennbridge West", "Fennbridge", "EM5", 2),
    Ward("E05990006", "Fennbridge", "Fennbridge", "EM4", 3),
    Ward("E05990007", "Eastmere Central", "Eastmere", "EM1", 3),
    Ward("E05990008", "Eastmere Waterside", "Eastmere", "EM2", 3),
    Ward("E05990009", "Holmcroft", "Holmcroft", "EM8", 2),
    Ward("E05990010", "Fennbridge North", "Fennbridge", "EM4", 2),
    Ward("E05990011", "Eastmere North", "Eastmere", "EM3", 3),
    Ward("E05990012", "Mere Park", "Eastmere", "EM3", 2),
)

Point = tuple[float, float]


def _vertex(col: int, row: int) -> Point:
    rng = _rng(f"vertex-{col}-{row}")
    lon = _WEST + col * _CELL_LON + rng.uniform(-0.15, 0.15) * _CELL_LON
    lat = _SOUTH + row * _CELL_LAT + rng.uniform(-0.15, 0.15) * _CELL_LAT
    return (lon, lat)


def _edge(a: tuple[int, int], b: tuple[int, int]) -> list[Point]:
    """Points from grid vertex a to b, with wiggles seeded by the edge itself.

    Two neighbouring wards ask for the same edge (in opposite directions) and get the same
    points, so the polygons share their borders and never overlap.
    """
    first, last = sorted((a, b))
    rng = _rng(f"edge-{first}-{last}")
    (x0, y0), (x1, y1) = _vertex(*first), _vertex(*last)
    horizontal = first[1] == last[1]
    points = [(x0, y0)]
    for t in (0.25, 0.5, 0.75):
        wiggle = rng.uniform(-0.08, 0.08)
        x, y = x0 + (x1 - x0) * t, y0 + (y1 - y0) * t
        points.append((x, y + wiggle * _CELL_LAT) if horizontal else (x + wiggle * _CELL_LON, y))
    points.append((x1, y1))
    return points if (a, b) == (first, last) else points[::-1]


@lru_cache(maxsize=1)
def ward_polygons() -> tuple[tuple[Point, ...], ...]:
    """One closed, anticlockwise (RFC 7946) exterior ring per ward, in WARDS order."""
    rings = []
    for index in range(len(WARDS)):
        col, row = index % _COLS, index // _COLS
        corners = [(col, row), (col + 1, row), (col + 1, row + 1), (col, row + 1), (col, row)]
        ring: list[Point] = []
        for a, b in zip(corners, corners[1:], strict=False):
            ring.extend(_edge(a, b)[:-1])
        ring.append(ring[0])
        rings.append(tuple((round(x, 6), round(y, 6)) for x, y in ring))
    return tuple(rings)


def _inside(point: Point, ring: Sequence[Point]) -> bool:
    """Ray-casting point-in-polygon test."""
    x, y = point
    inside = False
    for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def _point_in_ward(rng: random.Random, ward_index: int) -> Point:
    ring = ward_polygons()[ward_index]
    lons, lats = [p[0] for p in ring], [p[1] for p in ring]
    while True:
        point = (rng.uniform(min(lons), max(lons)), rng.uniform(min(lats), max(lats)))
        if _inside(point, ring):
            return (round(point[0], 6), round(point[1], 6))


def to_osgb(point: Point) -> tuple[int, int]:
    """Approximate British National Grid easting and northing for a lon/lat point.

    A linear fit around (-1.3, 52.5), ignoring the OSGB36 datum shift: out by up to a few
    hundred metres across the borough, which is plenty for made-up data and avoids a
    projection library.
    """
    lon, lat = point
    return (round(447_500 + (lon + 1.3) * 67_900), round(289_400 + (lat - 52.5) * 111_250))


def wards_geojson() -> bytes:
    """A FeatureCollection of the twelve made-up wards, WGS84 polygons."""
    features = [
        {
            "type": "Feature",
            "id": ward.code,
            "properties": {
                "ward_code": ward.code,
                "ward_name": ward.name,
                "councillors": ward.councillors,
            },
            "geometry": {"type": "Polygon", "coordinates": [[list(p) for p in ring]]},
        }
        for ward, ring in zip(WARDS, ward_polygons(), strict=True)
    ]
    collection = {"type": "FeatureCollection", "name": "eastmere_wards", "features": features}
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


# --- addresses -------------------------------------------------------------------------

_INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"  # letters allowed in the inward code


def _postcode(rng: random.Random, ward: Ward) -> str:
    letters = "".join(rng.choice(_INWARD_LETTERS) for _ in range(2))
    return f"{ward.district} {rng.randint(1, 9)}{letters}"


_STREET_SUFFIXES = ("Road", "Street", "Lane", "Avenue", "Close", "Drive", "Way", "Crescent",
                    "Gardens", "Grove", "Place", "Terrace", "Walk", "Rise", "Mews",
                    "Hill")  # fmt: skip
_COMMON_STREETS = ("High Street", "Church Lane", "Station Road", "Mill Lane", "Victoria Road",
                   "Chapel Street", "Market Place", "Park Road", "London Road")  # fmt: skip


def _street(rng: random.Random, fake: Faker) -> str:
    # Faker's own street suffixes ("Rapid", "Ville", "Turnpike") read as American.
    if rng.random() < 0.2:
        return rng.choice(_COMMON_STREETS)
    return f"{fake.last_name()} {rng.choice(_STREET_SUFFIXES)}"


@dataclass(frozen=True)
class Place:
    ward_index: int
    number: str
    street: str
    postcode: str
    lon: float
    lat: float

    @property
    def road(self) -> str:
        """The street without its suffix, for names like "Hamilton Car Park"."""
        return self.street if self.street in _COMMON_STREETS else self.street.rsplit(" ", 1)[0]

    @property
    def ward(self) -> Ward:
        return WARDS[self.ward_index]

    @property
    def easting_northing(self) -> tuple[int, int]:
        return to_osgb((self.lon, self.lat))

    def one_line(self) -> str:
        street = f"{self.number} {self.street}".strip()
        return f"{street}, {self.ward.town}, {self.postcode}"


def _place(rng: random.Random, fake: Faker, ward_index: int | None = None) -> Place:
    index = rng.randrange(len(WARDS)) if ward_index is None else ward_index
    lon, lat = _point_in_ward(rng, index)
    number = str(rng.randint(1, 180))
    return Place(index, number, _street(rng, fake), _postcode(rng, WARDS[index]), lon, lat)


# --- suppliers and contracts ------------------------------------------------------------


@dataclass(frozen=True)
class SpendLine:
    """One kind of spending: who spends it, on what, and with which kind of supplier."""

    service: str  # the service name in council.COUNCIL, used as OrganisationalUnit
    category: str  # SeRCOP service category
    expense_type: str
    purposes: tuple[str, ...]
    trade: str  # supplier naming; "VCSE" means voluntary sector, "REDACTED" individuals
    cpv_label: str
    cpv_code: str
    typical: float
    weight: int


SPEND_LINES: tuple[SpendLine, ...] = (
    SpendLine("Environment", "Environmental and regulatory services",
              "Refuse collection contract",
              ("Domestic waste collection contract payment", "Trade waste collection"),
              "Environmental Services", "Refuse collection services", "90511000-2", 38000, 4),
    SpendLine("Environment", "Environmental and regulatory services", "Waste disposal",
              ("Recycling gate fee", "Residual waste disposal", "Garden waste composting"),
              "Recycling", "Refuse disposal and treatment", "90510000-5", 15000, 4),
    SpendLine("Environment", "Cultural and related services", "Grounds maintenance",
              ("Grass cutting", "Tree works in parks", "Play area repairs"),
              "Landscapes", "Parks maintenance services", "77313000-7", 3200, 5),
    SpendLine("Environment", "Environmental and regulatory services", "Vehicle fuel",
              ("Diesel for refuse fleet", "Fleet fuel cards"),
              "Fuels", "Diesel oil", "09134200-9", 5200, 3),
    SpendLine("Highways and Transport", "Highways and transport services",
              "Highway maintenance",
              ("Pothole repairs", "Carriageway resurfacing", "Gully cleansing", "Road markings"),
              "Highways", "Road-maintenance works", "45233141-9", 9500, 5),
    SpendLine("Highways and Transport", "Highways and transport services",
              "Street lighting energy", ("Street lighting electricity",),
              "Energy", "Electricity", "09310000-5", 8000, 2),
    SpendLine("Planning and Property", "Planning and development services",
              "Consultants fees",
              ("Specialist planning advice", "Viability assessment", "Heritage assessment"),
              "Planning Consultants", "Urban planning services", "71410000-5", 4200, 3),
    SpendLine("Planning and Property", "Central services",
              "Building repairs and maintenance",
              ("Reactive repairs", "Roof repairs", "Boiler servicing", "Lift maintenance"),
              "Building Services", "Repair and maintenance services of building installations",
              "50700000-2", 2400, 6),
    SpendLine("Planning and Property", "Central services", "Cleaning",
              ("Office cleaning contract", "Window cleaning"),
              "Cleaning Services", "Cleaning services", "90910000-9", 6000, 2),
    SpendLine("Finance", "Central services", "Audit fees",
              ("External audit fee", "Grant certification"),
              "Audit", "Auditing services", "79212000-3", 22000, 1),
    SpendLine("Finance", "Central services", "Bank charges",
              ("Card payment processing fees",),
              "Payments", "Banking services", "66110000-4", 1500, 1),
    SpendLine("Finance", "Central services", "Insurance premiums",
              ("Property insurance premium", "Motor fleet insurance"),
              "Insurance", "Insurance services", "66510000-8", 26000, 1),
    SpendLine("Digital and IT", "Central services", "Software licences",
              ("Annual software licence", "Cloud hosting", "Support and maintenance"),
              "Software", "Software package and information systems", "48000000-8", 7000, 4),
    SpendLine("Digital and IT", "Central services", "IT hardware",
              ("Laptops", "Network switches", "Mobile phones"),
              "Technology", "Computer equipment and supplies", "30200000-1", 2800, 3),
    SpendLine("Digital and IT", "Central services", "Telephony",
              ("Mobile phone contract", "Contact centre telephony"),
              "Telecom", "Telecommunications services", "64200000-8", 2000, 2),
    SpendLine("Governance and People", "Central services", "Agency staff",
              ("Interim agency staff cover",),
              "Recruitment", "Supply services of personnel including temporary staff",
              "79620000-6", 4800, 4),
    SpendLine("Governance and People", "Central services", "Training",
              ("Staff training course", "Apprenticeship training"),
              "Training", "Training services", "80500000-9", 1200, 3),
    SpendLine("Governance and People", "Central services", "Election costs",
              ("Printing poll cards", "Polling station hire"),
              "Print", "Printing services", "79810000-5", 2500, 1),
    SpendLine("Housing", "Housing services (GFRA only)",
              "Bed and breakfast accommodation",
              ("Temporary accommodation - nightly paid", "Emergency accommodation"),
              "Lettings", "Hotel services", "55110000-4", 2300, 6),
    SpendLine("Housing", "Housing services (GFRA only)",
              "Disabled facilities grants",
              ("Disabled facilities grant - stairlift", "Level access shower adaptation"),
              "Home Adaptations", "Building installation work", "45300000-0", 5500, 3),
    SpendLine("Libraries and Culture", "Cultural and related services",
              "Books and materials", ("Library book stock", "E-book subscription"),
              "Books", "Printed books", "22113000-5", 1700, 3),
    SpendLine("Safer Communities",
              "Environmental and regulatory services", "CCTV monitoring",
              ("CCTV monitoring contract", "CCTV camera maintenance"),
              "Security", "Surveillance services", "79714000-2", 3800, 2),
    SpendLine("Safer Communities", "Central services",
              "Grants to voluntary organisations",
              ("Community safety grant", "Domestic abuse support grant", "Youth diversion grant"),
              "VCSE", "Social work services", "85310000-5", 4500, 2),
    SpendLine("Adult Social Care", "Adult Social Care", "Residential care",
              ("Residential care placements", "Nursing care placements"),
              "Care Homes", "Residential nursing care services", "85144100-6", 16000, 8),
    SpendLine("Adult Social Care", "Adult Social Care", "Home care",
              ("Domiciliary care", "Reablement"),
              "Home Care", "Social work services without accommodation", "85312000-9", 11000, 7),
    SpendLine("Adult Social Care", "Adult Social Care", "Direct payments",
              ("Direct payment - care and support",),
              "REDACTED", "Social work services", "85310000-5", 1800, 2),
    SpendLine("Adult Social Care", "Adult Social Care", "Day opportunities",
              ("Day centre places", "Carers support grant"),
              "VCSE", "Social work services", "85310000-5", 2600, 2),
    SpendLine("Public Health", "Public Health", "Commissioned services",
              ("Sexual health services", "Stop smoking service", "Drug and alcohol treatment"),
              "Health Services", "Health services", "85100000-0", 21000, 3),
    SpendLine("Education", "Education services",
              "Home to school transport",
              ("Home to school transport - taxis", "SEND transport"),
              "Travel", "Taxi services", "60120000-5", 3600, 5),
    SpendLine("Education", "Education services",
              "Early years funding", ("Early years provider payment",),
              "VCSE", "Child day-care services", "85312110-3", 7000, 4),
)  # fmt: skip

_PLACE_WORDS = ("Eastmere", "Fennbridge", "Mercia", "Heartland", "Midshires", "Three Counties",
                "Central", "Oakby", "Meridian", "Riverside")  # fmt: skip
_VCSE_NAMES = ("Community Trust", "Carers Network", "Domestic Abuse Service", "Youth Project",
               "Foodbank", "Day Centre", "Pre-School", "Community Transport", "Mind and Body",
               "Citizens Advice")  # fmt: skip
REDACTED = "REDACTED - personal data"


@dataclass(frozen=True)
class Supplier:
    name: str
    ref: str
    company_number: str
    charity_number: str
    sme: bool
    vcse: bool


def _supplier_name(rng: random.Random, fake: Faker, trade: str) -> str:
    if trade == "VCSE":
        return f"{rng.choice(_PLACE_WORDS)} {rng.choice(_VCSE_NAMES)}"
    last, other, where = fake.last_name(), fake.last_name(), rng.choice(_PLACE_WORDS)
    pattern = rng.choice(("{a} {t} Ltd", "{a} & {b} {t} Ltd", "{p} {t} Ltd", "{a} {t} Group plc"))
    return pattern.format(a=last, b=other, p=where, t=trade)


@lru_cache(maxsize=1)
def suppliers() -> dict[str, tuple[Supplier, ...]]:
    """Made-up suppliers for each SpendLine expense type, some shared between lines."""
    rng, fake, seen = _rng("suppliers"), _faker(501), set()
    pool: dict[str, tuple[Supplier, ...]] = {}
    for line in SPEND_LINES:
        found: list[Supplier] = []
        while line.trade != "REDACTED" and len(found) < rng.randint(2, 7):
            name = _supplier_name(rng, fake, line.trade)
            if name in seen:
                continue
            seen.add(name)
            vcse = line.trade == "VCSE"
            found.append(
                Supplier(
                    name=name,
                    ref=f"SUP{len(seen):05d}",
                    company_number="" if vcse else f"{rng.randint(100000, 15999999):08d}",
                    charity_number=f"11{rng.randint(10000, 99999)}" if vcse else "",
                    sme=vcse or rng.random() < 0.6,
                    vcse=vcse,
                )
            )
        pool[line.expense_type] = tuple(found)
    return pool


@dataclass(frozen=True)
class Contract:
    reference: str
    line: SpendLine
    supplier: Supplier
    start: date
    years: int
    value: float
    tendered: bool


@lru_cache(maxsize=1)
def contracts() -> tuple[Contract, ...]:
    """Contracts for the first one or two suppliers of most expense types."""
    rng, found = _rng("contracts"), []
    for line in SPEND_LINES:
        for supplier in suppliers()[line.expense_type][: rng.randint(0, 2)]:
            start = date(rng.randint(2020, 2025), rng.randint(1, 12), 1)
            years = rng.choice((1, 2, 3, 3, 4, 5, 7))
            # The register lists live contracts, so every one runs into FY 2025/26.
            years = max(years, FINANCIAL_YEAR_START.year + 1 - start.year)
            value = max(5000.0, round(line.typical * rng.uniform(6, 14) * years, -2))
            found.append(Contract("", line, supplier, start, years, value, value >= 30000))
    found.sort(key=lambda c: (c.start, c.supplier.name))
    return tuple(
        Contract(f"EBC-{c.start.year}-{i:04d}", c.line, c.supplier, c.start, c.years, c.value,
                 c.tendered)
        for i, c in enumerate(found, start=1)
    )  # fmt: skip


def _contract_refs() -> dict[str, str]:
    return {c.supplier.name: c.reference for c in contracts()}


# --- spending over £500 ----------------------------------------------------------------


def _spend_row(rng: random.Random, line: SpendLine, paid: date, refs: dict[str, str]) -> list:
    if line.trade == "REDACTED":
        supplier = Supplier(REDACTED, "", "", "", False, False)
    else:
        supplier = rng.choice(suppliers()[line.expense_type])
    amount = _lognormal_amount(rng, line.typical, 500.0)
    credit = rng.random() < 0.025  # credit notes and refunds appear as negative lines
    vat = 0.0 if credit or rng.random() > 0.04 else round(amount * rng.uniform(0.01, 0.05), 2)
    card = "GPC" if line.typical < 3000 and rng.random() < 0.04 else "None"
    return [
        ORG_LABEL, ORG_URI, line.service, line.category, "", supplier.name, supplier.ref,
        supplier.company_number, supplier.charity_number,
        "true" if supplier.vcse and "grant" in line.expense_type.lower() else "false",
        paid, "", -amount if credit else amount, vat, rng.choice(line.purposes),
        line.expense_type, line.cpv_label, line.cpv_code, "", "", card,
        refs.get(supplier.name, ""),
    ]  # fmt: skip


def spend_csv(quarter: int) -> bytes:
    """Spending over £500 for one quarter of FY 2025/26, after the LGA Spend schema.

    Transaction numbers climb through the year, each quarter starting in its own block, so
    they are unique across all four files.
    """
    start, end = quarter_bounds(quarter)
    rng, refs = _rng(f"spend-q{quarter}"), _contract_refs()
    lines, weights = SPEND_LINES, [line.weight for line in SPEND_LINES]
    rows = [
        _spend_row(rng, rng.choices(lines, weights)[0], _weekday_between(rng, start, end), refs)
        for _ in range(rng.randint(380, 560))
    ]
    rows.sort(key=lambda row: (row[10], row[5], row[12]))
    number = 5_100_000 + (quarter - 1) * 100_000
    for row in rows:
        number += rng.randint(1, 60)
        row[10], row[11] = _uk_date(row[10]), str(number)
        row[12], row[13] = _money(row[12]), _money(row[13])
    return _csv(SPEND_FIELDS, rows)


# --- contracts over £5,000 -------------------------------------------------------------


def _contract_row(contract: Contract) -> list[object]:
    line, supplier = contract.line, contract.supplier
    end = date(contract.start.year + contract.years, contract.start.month, 1) - timedelta(days=1)
    slug = contract.reference.lower()
    return [
        ORG_LABEL, ORG_URI, contract.reference, f"ocds-eastmere-{slug}",
        f"{line.expense_type} - {supplier.name}",
        "Framework agreement" if line.weight >= 5 else "Single award contract",
        line.service, line.category, "", f"{line.purposes[0]} for Eastmere Borough Council",
        line.expense_type, line.cpv_label, line.cpv_code, "", "",
        _uk_date(contract.start), _uk_date(end), _uk_date(end - timedelta(days=182)), "",
        _money(contract.value), "true" if contract.years <= 2 else "false", "0.00",
        supplier.name, supplier.company_number, supplier.charity_number, supplier.ref,
        "true" if supplier.sme else "false", "true" if supplier.vcse else "false",
        "Voluntary sector" if supplier.vcse else "", "Procurement Team",
        PROCUREMENT_EMAIL, f"{WEBSITE}/contracts",
        "Published invitation to tender" if contract.tendered else "Invitation to quote",
        f"{WEBSITE}/contracts/{slug}/tender" if contract.tendered else "",
        f"{WEBSITE}/contracts/{slug}", "", "Eastmere Borough", "",
    ]  # fmt: skip


def contracts_csv() -> bytes:
    """Contracts over £5,000, after the LGA Contracts schema; suppliers match the spend files."""
    return _csv(CONTRACT_FIELDS, [_contract_row(c) for c in contracts()])


# --- land and buildings ----------------------------------------------------------------


@dataclass(frozen=True)
class AssetKind:
    name: str  # "{street}", "{road}" (Place.road) and "{n}" (street number) are filled in
    function: str
    holding: str
    purpose: str
    count: int
    building_m2: tuple[int, int] | None
    land_ha: tuple[float, float]
    sites: tuple[tuple[str, int], ...] = ()  # named sites and their ward index, if not random


ASSET_KINDS: tuple[AssetKind, ...] = (
    AssetKind("", "Corporate offices", "Land/Buildings",
              "Council offices and customer service centre", 2, (3100, 4200), (0.6, 0.9),
              (("Eastmere Town Hall", 6), ("Fennbridge Civic Centre", 5))),
    AssetKind("", "Depots", "Land/Buildings", "Waste and fleet depot", 2, (900, 2200), (1.2, 3.5),
              (("Eastmere Depot", 7), ("Saltham Road Depot", 1))),
    AssetKind("", "Libraries", "Land/Buildings", "Public library", 5, (350, 1800), (0.05, 0.3),
              (("Eastmere Central Library", 6), ("Fennbridge Library", 5), ("Oakby Library", 2),
               ("Saltham Library", 0), ("Holmcroft Community Library", 8))),
    AssetKind("{road} Community Centre", "Community centres", "Land/Buildings",
              "Community centre let to local groups", 6, (180, 650), (0.05, 0.4)),
    AssetKind("", "Sport and leisure", "Land/Buildings", "Leisure centre operated under contract",
              2, (2500, 5200), (1.0, 2.8),
              (("Eastmere Leisure Centre", 10), ("Fennbridge Leisure Centre", 9))),
    AssetKind("{road} Car Park", "Car parks", "Land Only", "Public car park",
              14, None, (0.1, 1.2)),
    AssetKind("{road} Recreation Ground", "Parks and open spaces", "Land Only",
              "Public open space", 12, None, (0.8, 14.0)),
    AssetKind("{road} Allotments", "Allotments", "Land Only", "Allotment gardens",
              6, None, (0.4, 2.5)),
    AssetKind("Public Conveniences, {street}", "Public conveniences", "Buildings Only",
              "Public toilets", 8, (20, 90), (0.01, 0.03)),
    AssetKind("", "Cemeteries", "Land/Buildings", "Cemetery and chapel", 3, (60, 200), (1.5, 6.0),
              (("Eastmere Cemetery", 11), ("Fennbridge Cemetery", 4), ("Oakby Cemetery", 3))),
    AssetKind("Garage Site, {street}", "Garage sites", "Land/Buildings",
              "Lock-up garages let to residents", 9, (120, 600), (0.05, 0.3)),
    AssetKind("Unit {n}, {road} Industrial Estate", "Industrial units", "Buildings Only",
              "Industrial unit let to a business", 15, (150, 1200), (0.02, 0.2)),
    AssetKind("{n} {street}", "Retail units", "Buildings Only",
              "Shop let to a business", 8, (60, 250), (0.01, 0.04)),
    AssetKind("Land at {street}", "Surplus land", "Land Only",
              "Amenity land and verges", 14, None, (0.02, 1.5)),
    AssetKind("{road} Farm", "Farms", "Land/Buildings", "Agricultural holding let to a tenant",
              2, (300, 900), (20.0, 65.0)),
)  # fmt: skip

_LET_OUT = {"Industrial units", "Retail units", "Farms", "Sport and leisure"}


@dataclass(frozen=True)
class Asset:
    uprn: str
    code: str
    name: str
    kind: AssetKind
    place: Place


def _uprn(rng: random.Random, used: set[str]) -> str:
    # UPRNs are up to 12 digits; like many councils we publish them zero-padded, so about a
    # third start with "0" and must be kept as text.
    while True:
        base = rng.choice((100030000000, 100031000000, 10009000000, 10023000000))
        uprn = f"{base + rng.randint(0, 999_999):012d}"
        if uprn not in used:
            used.add(uprn)
            return uprn


@lru_cache(maxsize=1)
def assets() -> tuple[Asset, ...]:
    """The council's made-up land and property, shared by several generators."""
    rng, fake, used, found, names = _rng("assets"), _faker(502), set(), [], set()
    for kind in ASSET_KINDS:
        sites = kind.sites or [(kind.name, None)] * kind.count
        for template, ward_index in sites:
            place = _place(rng, fake, ward_index)
            name = template.format(street=place.street, road=place.road, n=place.number)
            name = f"{name}, {place.ward.town}" if name in names else name
            names.add(name)
            found.append(Asset(_uprn(rng, used), f"EBC-A{len(found) + 1:04d}", name, kind, place))
    return tuple(found)


def _tenure(rng: random.Random, kind: AssetKind) -> tuple[str, str]:
    if kind.function in _LET_OUT:
        return "Freehold", "Leasehold out"
    if kind.function == "Community centres" and rng.random() < 0.5:
        return "Freehold", "Licence out"
    if rng.random() < 0.06:
        return "Leasehold", "Leasehold in"
    return "Freehold", "Vacant" if rng.random() < 0.03 else "Owner occupied"


def _land_row(rng: random.Random, asset: Asset) -> list[object]:
    kind, place = asset.kind, asset.place
    tenure, detail = _tenure(rng, kind)
    size = rng.randint(*kind.building_m2) if kind.building_m2 else None
    easting, northing = place.easting_northing
    return [
        ORG_LABEL, ORG_URI, _uk_date(date(2026, 3, 31)), asset.uprn, asset.code, asset.name,
        place.number, place.street, place.ward.town, place.postcode,
        "OSGB36", easting, northing, "", tenure, detail, "", kind.holding,
        size or "", round(rng.uniform(*kind.land_ha), 2), kind.function, "", kind.purpose,
        _money(size * rng.uniform(25, 90)) if size else "",
        _money(size * rng.uniform(0, 60)) if size else "",
        rng.choice(("Good", "Good", "Satisfactory", "Satisfactory", "Poor")) if size else "",
        rng.choice("BCCDDDEEF") if size else "", f"EM{rng.randint(100000, 999999)}", "",
    ]  # fmt: skip


def land_and_buildings_csv() -> bytes:
    """The asset register, after the LGA Land and building schema (easting/northing)."""
    rng = _rng("land-rows")
    return _csv(LAND_FIELDS, [_land_row(rng, asset) for asset in assets()])


# --- public toilets --------------------------------------------------------------------

_COMMUNITY_HOSTS = (("The Swan Inn", 10), ("Mere Side Café", 7), ("Oakby Garden Centre", 3),
                    ("Saltham Arms", 0), ("Holmcroft Village Hall", 8),
                    ("Fennbridge Station Café", 5))  # name, ward index  # fmt: skip


def _toilet_row(rng: random.Random, name: str, place: Place, uprn: str, council: bool) -> list:
    accessible = rng.random() < 0.8
    return [
        _uk_date(EXTRACT_DATE), ORG_URI, ORG_LABEL, "", "Public toilets", name, "WGS84",
        place.lon, place.lat, "",
        rng.choice(("Female and Male", "Female and Male", "Unisex")),
        "Unisex" if accessible else "None", _yes_no(accessible and council), _yes_no(True),
        _yes_no(rng.random() < 0.3), _yes_no(council and rng.random() < 0.2),
        _yes_no(council and rng.random() < 0.25), _yes_no(False), _yes_no(not council),
        "" if council else "Eastmere Community Toilet Scheme",
        _money(rng.choice((0, 0, 0.2, 0.5))) if council else "0.00",
        f"{WEBSITE}/toilets", rng.choice(("07:00-19:00", "08:00-18:00", "24 hours"))
        if council else "During opening hours",
        ORG_LABEL if council else name, STREETCARE_EMAIL, STREETCARE_PHONE,
        "" if council else "Ask at the counter; no purchase needed.", uprn, place.postcode,
        f"{place.number} {place.street}", "", place.ward.name,
    ]  # fmt: skip


def public_toilets_csv() -> bytes:
    """Council toilets (from the asset register) and community-scheme toilets."""
    rng, fake = _rng("toilets"), _faker(503)
    rows = [
        _toilet_row(rng, asset.name, asset.place, asset.uprn, council=True)
        for asset in assets()
        if asset.kind.function == "Public conveniences"
    ]
    for host, ward_index in _COMMUNITY_HOSTS:
        rows.append(_toilet_row(rng, host, _place(rng, fake, ward_index), "", council=False))
    return _csv(TOILET_FIELDS, rows)


# --- planning applications -------------------------------------------------------------


@dataclass(frozen=True)
class AppType:
    suffix: str
    classification: str
    weight: int
    texts: tuple[str, ...]  # "{n}" is a number of dwellings or flats


APP_TYPES: tuple[AppType, ...] = (
    AppType("HOU", "Householder developments", 40, (
        "Single storey rear extension", "Two storey side extension",
        "Loft conversion with rear dormer window", "Erection of detached garage",
        "Front porch extension", "Raised decking and garden room",
        "Part single, part two storey rear extension")),
    AppType("FUL", "Minor dwellings", 10, (
        "Erection of {n} dwellings with associated parking",
        "Conversion of dwelling into {n} flats",
        "Erection of detached dwelling in rear garden")),
    AppType("FUL", "Major dwellings", 2, (
        "Erection of {n} dwellings with access, public open space and landscaping",)),
    AppType("FUL", "Change of use", 8, (
        "Change of use from shop (Class E) to hot food takeaway (Sui Generis)",
        "Change of use of agricultural building to dwelling",
        "Change of use from dwelling (Class C3) to house in multiple occupation (Class C4)")),
    AppType("FUL", "Minor commercial", 6, (
        "Installation of new shopfront", "Extension to industrial unit",
        "Erection of agricultural building", "Installation of roof-mounted solar panels")),
    AppType("ADV", "Advertisements", 5, (
        "Display of illuminated fascia sign", "Display of non-illuminated hoarding sign")),
    AppType("LBC", "Listed building consents to alter/extend", 3, (
        "Internal alterations to listed building", "Replacement of timber sash windows")),
    AppType("TPO", "Works to trees", 8, (
        "Crown reduction of oak tree protected by a tree preservation order",
        "Fell one sycamore tree in a conservation area")),
    AppType("PA", "Prior approval", 5, (
        "Prior approval for larger home extension",
        "Prior approval for change of use from office to {n} flats")),
    AppType("DIS", "Discharge of conditions", 6, (
        "Discharge of conditions 3 (materials) and 5 (landscaping) of planning permission",)),
)  # fmt: skip


def _decision(rng: random.Random, kind: AppType) -> str:
    if rng.random() < 0.04:
        return "Withdrawn"
    if kind.suffix == "PA":
        return rng.choice(("Prior not required", "Prior granted", "Prior granted", "Prior refused"))
    roll = rng.random()
    return "Refuse" if roll < 0.14 else "Split" if roll < 0.16 else "Approve"


def _decided_fields(rng: random.Random, kind: AppType, target: date) -> list[object]:
    """Status to AppealDecision columns, taking in the decision and any appeal."""
    decided = min(target + timedelta(days=rng.randint(-20, 12)), EXTRACT_DATE)
    decision = _decision(rng, kind)
    status = "Withdrawn" if decision == "Withdrawn" else "Decided"
    appeal = ["", "", ""]
    if decision == "Refuse" and rng.random() < 0.3:
        status = "Appealed"
        appeal[0] = f"APP/E9999/W/{decided:%y}/{rng.randint(3300000, 3399999)}"
        heard = decided + timedelta(days=rng.randint(90, 200))
        if heard < EXTRACT_DATE:
            appeal[1:] = [_uk_date(heard), rng.choice(("Dismissed", "Dismissed", "Upheld"))]
    committee = kind.classification.startswith("Major") or rng.random() < 0.04
    return [
        status,
        _uk_date(decided),
        "" if decision == "Withdrawn" else decision,
        "Planning committee" if committee else "Delegated powers",
        _uk_date(decided + timedelta(days=1)),
        *appeal,
    ]


def _agent(rng: random.Random, fake: Faker) -> str:
    trade = rng.choice(("Planning", "Architects", "Design", "Associates", "Building Design"))
    return f"{fake.last_name()} {trade} Ltd"


def _planning_row(rng: random.Random, fake: Faker, received: date, kind: AppType) -> list:
    """One application; the caller fills in the case reference and URL (columns 5 and 6)."""
    major = kind.classification.startswith("Major")
    target, place = received + timedelta(weeks=13 if major else 8), _place(rng, fake)
    if target > EXTRACT_DATE - timedelta(days=14) and rng.random() < 0.8:
        outcome = ["Pending", "", "", "", "", "", "", ""]
    else:
        outcome = _decided_fields(rng, kind, target)
    easting, northing = place.easting_northing
    text = rng.choice(kind.texts).format(n=rng.randint(10, 120) if major else rng.randint(2, 9))
    consult = received + timedelta(days=rng.randint(3, 10))
    return [
        _uk_date(EXTRACT_DATE), ORG_URI, ORG_LABEL, ORG_URI, ORG_LABEL, "", "",
        _uk_date(received), "", "Planning applications", "", kind.classification, text,
        place.one_line(), _uk_date(target), outcome[0], "OSGB36", easting, northing, "",
        *outcome[1:], "", place.ward.name,
        round(rng.uniform(4_000, 60_000) if major else rng.uniform(80, 900)), "",
        _agent(rng, fake) if rng.random() < 0.55 else "", _uk_date(consult),
        _uk_date(consult + timedelta(days=21)), rng.randint(0, 6), rng.choice((0, 0, 1, 2, 5, 18)),
    ]  # fmt: skip


def planning_applications_csv() -> bytes:
    """A year of planning applications (April 2025 to March 2026), LGA/LOTI schema."""
    rng, fake = _rng("planning"), _faker(504)
    received = sorted(
        _weekday_between(rng, FINANCIAL_YEAR_START, date(2026, 3, 31)) for _ in range(320)
    )
    rows, sequence = [], {}
    for day in received:
        kind = rng.choices(APP_TYPES, [t.weight for t in APP_TYPES])[0]
        sequence[day.year] = sequence.get(day.year, 0) + 1
        ref = f"{day:%y}/{sequence[day.year]:05d}/{kind.suffix}"
        row = _planning_row(rng, fake, day, kind)
        row[5], row[6] = ref, f"{WEBSITE}/planning/applications/{ref.replace('/', '-')}"
        rows.append(row)
    return _csv(PLANNING_FIELDS, rows)


# --- smaller open datasets -------------------------------------------------------------

LIBRARIES = ("Eastmere Central Library", "Fennbridge Library", "Oakby Library",
             "Saltham Library", "Holmcroft Community Library")  # fmt: skip
_LIBRARY_SIZE = (9000, 5200, 3100, 2600, 1200)  # typical monthly visits
_SEASON = (1.0, 0.95, 1.05, 1.2, 1.15, 0.95, 1.0, 1.05, 0.8, 0.9, 1.0, 1.05)  # Apr..Mar


def _seasonal(month: date) -> float:
    return _SEASON[(month.month - 4) % 12]


def library_visits_csv() -> bytes:
    """Monthly visits, issues and events at each library, April 2023 to March 2026.

    Eastmere Central closed for refurbishment in January and February 2025, which shows
    as zero visits rather than missing rows.
    """
    rng, rows = _rng("library-visits"), []
    for month in _months(date(2023, 4, 1), 36):
        for library, size in zip(LIBRARIES, _LIBRARY_SIZE, strict=True):
            closed = library.startswith("Eastmere") and month in (
                date(2025, 1, 1),
                date(2025, 2, 1),
            )
            visits = 0 if closed else round(size * _seasonal(month) * rng.uniform(0.9, 1.1))
            events = 0 if closed else rng.randint(2, 6 + size // 1000)
            rows.append([
                _uk_date(month), library, visits, round(visits * rng.uniform(0.55, 0.8)),
                round(visits * rng.uniform(0.08, 0.15)), events, events * rng.randint(8, 25),
            ])  # fmt: skip
    header = ("Month", "Library", "Visits", "Book issues", "Computer sessions", "Events",
              "Event attendance")  # fmt: skip
    return _csv(header, rows)


_AQ_SITES = (  # site id, name, type, typical NO2 in µg/m³, ward index
    ("EM01", "High Street, Eastmere", "Roadside", 34.0, 6),
    ("EM02", "Station Road, Eastmere", "Kerbside", 41.0, 7),
    ("EM03", "Mere Park", "Urban background", 16.0, 11),
    ("EM04", "Bridge Street, Fennbridge", "Roadside", 31.0, 5),
    ("EM05", "Fennbridge bypass roundabout", "Roadside", 38.5, 4),
    ("EM06", "Market Place, Oakby", "Roadside", 24.0, 2),
    ("EM07", "Saltham School", "Urban background", 14.5, 0),
    ("EM08", "Holmcroft Road junction", "Kerbside", 29.0, 8),
)


def air_quality_csv() -> bytes:
    """Monthly nitrogen dioxide diffusion tube results, January 2023 to December 2025.

    A few tubes go missing each year: those months have a blank reading and 0% capture,
    as in real Annual Status Reports.
    """
    rng, rows = _rng("air-quality"), []
    points = [(site[:4], _point_in_ward(rng, site[4])) for site in _AQ_SITES]
    for month in _months(date(2023, 1, 1), 36):
        winter = 1.2 if month.month in (11, 12, 1, 2) else 0.9 if month.month in (6, 7, 8) else 1
        trend = 0.97 ** (month.year - 2023)  # the national downward trend
        for (site_id, name, kind, typical), point in points:
            missing = rng.random() < 0.03
            value = "" if missing else f"{typical * winter * trend * rng.uniform(0.85, 1.15):.1f}"
            easting, northing = to_osgb(point)
            rows.append([site_id, name, kind, easting, northing, _uk_date(month), value,
                         0 if missing else rng.choice((100, 100, 100, 92))])  # fmt: skip
    header = ("Site ID", "Site name", "Site type", "Easting", "Northing", "Month",
              "NO2 monthly mean (µg/m³)", "Data capture (%)")  # fmt: skip
    return _csv(header, rows)


_WASTE_STREAMS = (  # stream, destination, typical monthly tonnes
    ("Residual waste", "Energy from waste", 2350.0),
    ("Dry mixed recycling", "Materials recovery facility", 1050.0),
    ("Garden waste", "Composting", 820.0),
    ("Food waste", "Anaerobic digestion", 410.0),
    ("Bulky waste", "Reuse and recycling centre", 95.0),
)


def waste_tonnages_csv() -> bytes:
    """Household waste collected each month by stream, April 2022 to March 2026."""
    rng, rows = _rng("waste"), []
    for month in _months(date(2022, 4, 1), 48):
        for stream, destination, typical in _WASTE_STREAMS:
            garden = stream == "Garden waste"
            season = (1.6 if month.month in (5, 6, 7, 8, 9) else 0.4) if garden else 1.0
            tonnes = typical * season * rng.uniform(0.92, 1.08)
            rows.append([_uk_date(month), stream, destination, _money(tonnes)])
    return _csv(("Month", "Waste stream", "Destination", "Tonnes"), rows)


_BANDS = {"A": 6, "B": 60, "C": 240, "D": 420}  # typical households per band
_BEDROOMS = {"1": 0.45, "2": 0.33, "3": 0.17, "4+": 0.05}


def housing_register_summary_csv() -> bytes:
    """Households on the housing register by band and bedroom need, quarterly snapshots.

    Counts of one to four are shown as "<5" so no household can be identified.
    """
    rng, rows = _rng("housing-summary"), []
    snapshots = [quarter_bounds(q)[1] for q in (1, 2, 3, 4)]
    snapshots = [date(d.year - 1, d.month, d.day) for d in snapshots] + snapshots
    for snapshot in snapshots:
        for band, total in _BANDS.items():
            for bedrooms, share in _BEDROOMS.items():
                count = round(total * share * rng.uniform(0.8, 1.2))
                shown = "<5" if 0 < count < 5 else str(count)
                rows.append([_uk_date(snapshot), band, bedrooms, shown])
    return _csv(("Snapshot date", "Priority band", "Bedrooms needed", "Households"), rows)


# --- internal datasets -----------------------------------------------------------------

DIRECTORATES = ("Resources", "Place", "Communities and Housing", "Adults and Health",
                "Children and Education")  # fmt: skip
_DIRECTORATE_FTE = (310.0, 420.0, 260.0, 380.0, 190.0)
_ABSENCE_REASONS = ("Stress, depression and anxiety", "Musculoskeletal", "Infections",
                    "Surgery and recovery", "Back problems")  # fmt: skip


def staff_sickness_csv() -> bytes:
    """Sickness absence by directorate and quarter, 2024/25 and 2025/26."""
    rng, rows = _rng("sickness"), []
    for year in (2024, 2025):
        for quarter in (1, 2, 3, 4):
            label = f"{year}/{(year + 1) % 100:02d} Q{quarter}"
            for directorate, fte in zip(DIRECTORATES, _DIRECTORATE_FTE, strict=True):
                fte_now = round(fte * rng.uniform(0.95, 1.05), 1)
                per_fte = rng.uniform(1.6, 3.4) * (1.2 if quarter == 3 else 1)
                long_term = rng.uniform(45, 70)
                rows.append([
                    label, directorate, fte_now, round(fte_now * per_fte), f"{per_fte:.2f}",
                    f"{100 - long_term:.1f}", f"{long_term:.1f}", rng.choice(_ABSENCE_REASONS),
                ])  # fmt: skip
    header = ("Quarter", "Directorate", "Average FTE", "Working days lost", "Days lost per FTE",
              "Short-term absence (%)", "Long-term absence (%)", "Most common reason")  # fmt: skip
    return _csv(header, rows)


_COMPLAINT_SERVICES = (  # directorate, service, typical stage 1 complaints a month
    ("Resources", "Finance", 14), ("Resources", "Digital and IT", 2),
    ("Resources", "Governance and People", 3), ("Place", "Planning and Property", 9),
    ("Place", "Environment", 31), ("Place", "Highways and Transport", 12),
    ("Communities and Housing", "Housing", 22),
    ("Communities and Housing", "Libraries and Culture", 2),
    ("Communities and Housing", "Safer Communities", 4),
    ("Adults and Health", "Adult Social Care", 8),
    ("Adults and Health", "Public Health", 1), ("Children and Education", "Education", 6),
)  # fmt: skip


def complaints_csv() -> bytes:
    """Complaints received and their outcomes by service and month, April 2024 to March 2026."""
    rng, rows = _rng("complaints"), []
    for month in _months(date(2024, 4, 1), 24):
        for directorate, service, typical in _COMPLAINT_SERVICES:
            stage1 = max(0, round(typical * rng.uniform(0.6, 1.4)))
            upheld, partly = round(stage1 * rng.uniform(0.1, 0.3)), round(stage1 * 0.2)
            rows.append([
                _uk_date(month), directorate, service, stage1, round(stage1 * rng.uniform(0, 0.2)),
                round(stage1 * rng.uniform(0.75, 0.98)), upheld, partly,
                stage1 - upheld - partly, int(rng.random() < 0.08),
            ])  # fmt: skip
    header = ("Month", "Directorate", "Service", "Stage 1 received", "Stage 2 received",
              "Responded within target", "Upheld", "Partly upheld", "Not upheld",
              "Ombudsman enquiries")  # fmt: skip
    return _csv(header, rows)


_ENERGY_FUNCTIONS = {"Corporate offices", "Libraries", "Depots", "Sport and leisure"}


def building_energy_csv() -> bytes:
    """Monthly electricity, gas and solar for the main buildings, April 2024 to March 2026.

    Sites carry the UPRN from the land and buildings register so the two can be joined.
    """
    rng, rows = _rng("energy"), []
    sites = [a for a in assets() if a.kind.function in _ENERGY_FUNCTIONS]
    for month in _months(date(2024, 4, 1), 24):
        heating = 1.8 if month.month in (11, 12, 1, 2, 3) else 0.5
        sun = 1.6 if month.month in (4, 5, 6, 7, 8) else 0.4
        for site in sites:
            size = site.kind.building_m2[0] if site.kind.building_m2 else 500
            electricity = round(size * rng.uniform(7, 10))
            gas = round(size * heating * rng.uniform(8, 12))
            solar = (
                round(size * sun * rng.uniform(0.4, 0.8)) if site.kind.function != "Depots" else 0
            )
            carbon = round(electricity * 0.207 + gas * 0.183)  # DESNZ 2024 factors, kgCO2e/kWh
            rows.append([site.name, site.uprn, _uk_date(month), electricity, gas, solar, carbon])
    header = ("Site", "UPRN", "Month", "Electricity (kWh)", "Gas (kWh)",
              "Solar generation (kWh)", "Carbon (kgCO2e)")  # fmt: skip
    return _csv(header, rows)


# --- fleet mileage (Excel) -------------------------------------------------------------

_FIXED_TIME = datetime(2026, 4, 1, 9, 0, 0)  # noqa: DTZ001 - openpyxl stores naive UTC times
_VEHICLE_TYPES = (  # type, service, fuel, typical monthly miles, miles per litre or kWh
    ("Refuse collection vehicle", "Environment", "Diesel", 1100, 0.9),
    ("Electric refuse collection vehicle", "Environment", "Electric", 950, 0.55),
    ("Caged tipper", "Environment", "Diesel", 900, 3.4),
    ("Small van", "Planning and Property", "Electric", 700, 3.6),
    ("Panel van", "Highways and Transport", "Diesel", 1300, 7.0),
    ("Minibus", "Education", "Diesel", 1500, 6.2),
    ("Pool car", "Adult Social Care", "Electric", 850, 4.1),
)
_REG_LETTERS = "ABCDEFGHJKLMNOPRSTUVWXYZ"


def _fleet(rng: random.Random) -> list[tuple[str, str, str, str, int, float]]:
    fleet = []
    for kind, service, fuel, miles, efficiency in _VEHICLE_TYPES:
        for _ in range(rng.randint(3, 6)):
            age = rng.choice((19, 69, 20, 70, 21, 71, 22, 72, 23, 73, 24))
            tail = "".join(rng.choice(_REG_LETTERS) for _ in range(3))
            fleet.append((f"EM{age} {tail}", kind, service, fuel, miles, efficiency))
    return fleet


def _deterministic_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed entry times: openpyxl stamps each part with the current time,
    and overwrites the workbook's "modified" property with it when saving."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    stamp = _FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rb"\g<1>" + stamp + rb"\g<2>",
                    content,
                )
            target.writestr(fixed, content)
    return out.getvalue()


def fleet_mileage_xlsx() -> bytes:
    """Monthly mileage and fuel or electricity use per vehicle, April 2025 to March 2026."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    rng, workbook = _rng("fleet"), Workbook()
    workbook.properties.creator = "Eastmere Borough Council Fleet Services"
    workbook.properties.created = workbook.properties.modified = _FIXED_TIME
    sheet = workbook.active
    sheet.title = "Mileage"
    sheet.append(["Month", "Registration", "Vehicle type", "Service", "Fuel", "Miles",
                  "Diesel (litres)", "Electricity (kWh)"])  # fmt: skip
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for month in _months(FINANCIAL_YEAR_START, 12):
        for reg, kind, service, fuel, miles, efficiency in _fleet(_rng("fleet-vehicles")):
            used = round(miles * rng.uniform(0.8, 1.15))
            energy = round(used / efficiency, 1)
            diesel, kwh = (energy, None) if fuel == "Diesel" else (None, energy)
            sheet.append([month, reg, kind, service, fuel, used, diesel, kwh])
            sheet.cell(sheet.max_row, 1).number_format = "dd/mm/yyyy"
    sheet.freeze_panes = "A2"
    for column, width in zip("ABCDEFGH", (12, 14, 34, 24, 10, 8, 16, 18), strict=True):
        sheet.column_dimensions[column].width = width
    out = io.BytesIO()
    workbook.save(out)
    return _deterministic_zip(out.getvalue())


# --- restricted: housing register applicants (made-up people) --------------------------

_PRIORITY_REASONS = {
    "A": ("Urgent medical need", "Domestic abuse - fleeing violence"),
    "B": ("Homeless - main duty owed", "Statutory overcrowding", "Serious medical need"),
    "C": ("Overcrowded by one bedroom", "Leaving care", "Under-occupying social home"),
    "D": ("No identified housing need", "Adequately housed"),
}
_TENURES = ("Private rented", "Living with family or friends", "Social rented",
            "Temporary accommodation", "Owner occupier", "No fixed abode")  # fmt: skip


def _applicant_row(rng: random.Random, fake: Faker, number: int) -> list[object]:
    band = rng.choices(list(_BANDS), list(_BANDS.values()))[0]
    registered = date(rng.randint(2016, 2025), rng.randint(1, 12), rng.randint(1, 28))
    first, last = fake.first_name(), fake.last_name()
    born = date(1950, 1, 1) + timedelta(days=rng.randint(0, 365 * 52))
    place = _place(rng, fake)
    household = rng.choices((1, 2, 3, 4, 5, 6), (30, 25, 20, 14, 7, 4))[0]
    bedrooms = "1" if household <= 2 else "2" if household == 3 else "3" if household <= 5 else "4+"
    return [
        f"HR-{registered.year}-{number:05d}", _uk_date(registered), f"{first} {last}",
        _uk_date(born), f"{first}.{last}@example.com".lower().replace(" ", ""),
        f"07700 900{rng.randint(0, 999):03d}", f"{place.number} {place.street}", place.ward.town,
        place.postcode, place.ward.name, household, bedrooms, band,
        rng.choice(_PRIORITY_REASONS[band]), rng.choice(_TENURES),
    ]  # fmt: skip


def housing_register_applicants_csv() -> bytes:
    """Made-up applicants on the housing register: personal data, for the restricted demo.

    Names are Faker's, emails use example.com and phones the Ofcom drama range 07700 900xxx.
    """
    rng, fake = _rng("applicants"), _faker(505)
    rows = [_applicant_row(rng, fake, n) for n in range(1, 181)]
    rows.sort(key=lambda row: (row[0][3:7], row[0]))
    header = ("Application reference", "Registration date", "Lead applicant", "Date of birth",
              "Email", "Telephone", "Address", "Town", "Postcode", "Ward", "Household size",
              "Bedrooms needed", "Priority band", "Priority reason", "Current tenure")  # fmt: skip
    return _csv(header, rows)
