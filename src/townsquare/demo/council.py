"""Eastmere Borough Council: the made-up council behind ``townsquare demo``.

Pure data (frozen dataclasses and module constants), no Django, so the loader, the tests
and the documentation can all read the same council. Names come from a seeded Faker, so
every import builds the same people. Everything is fictional: the ``eastmere.example``
domain, the ``EM`` postcodes and the 01632 960xxx drama-range telephone numbers.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial

from faker import Faker

from townsquare.demo import files

COUNCIL_NAME = "Eastmere Borough Council"
DOMAIN = "eastmere.example"
WEBSITE = f"https://www.{DOMAIN}"
DEMO_PASSWORD = "townsquare-demo"  # noqa: S105 - published demo credential, not a secret


@dataclass(frozen=True)
class UnitSpec:
    name: str
    slug: str
    kind: str  # "organisation" | "directorate" | "service" | "team"
    description: str = ""
    email: str = ""
    children: tuple[UnitSpec, ...] = ()


@dataclass(frozen=True)
class PersonSpec:
    name: str
    email: str
    job_title: str
    team_slug: str  # always a unit of kind "team"
    bio: str
    phone: str
    skills: tuple[str, ...]  # "ask me about" topics
    # (kind, unit slug or None); kinds: staff, publisher, steward, caldicott_guardian,
    # administrator. None means council-wide.
    roles: tuple[tuple[str, str | None], ...]


@dataclass(frozen=True)
class FileSpec:
    title: str
    filename: str
    format: str  # "CSV", "GeoJSON", "XLSX", "PDF", "HTML", "JSON"
    description: str = ""
    build: Callable[[], bytes] | None = None  # an upload: call it for the file's bytes
    url: str = ""  # a link resource (set when build is None)


@dataclass(frozen=True)
class GrantSpec:
    purpose: str
    approver_email: str
    days: int  # expiry = load date + days
    person_email: str | None = None  # exactly one of person_email and unit_slug is set
    unit_slug: str | None = None


@dataclass(frozen=True)
class DatasetSpec:
    slug: str
    title: str
    summary: str
    description: str  # Markdown
    publisher_slug: str
    steward_email: str
    contact_name: str
    contact_email: str
    access_level: str  # "open" | "internal" | "restricted"
    status: str = "published"  # or "draft"
    classification: str = "OFFICIAL"  # or "OFFICIAL-SENSITIVE"
    personal_data: bool = False
    special_category: bool = False
    licence_id: str = "OGL-UK-3.0"
    themes: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    update_frequency: str = "irregular"
    temporal_start: date | None = None
    temporal_end: date | None = None
    spatial: str = "Eastmere Borough"
    files: tuple[FileSpec, ...] = ()
    grants: tuple[GrantSpec, ...] = ()


# --- organisation structure -----------------------------------------------------------


def _unit(kind: str, name: str, slug: str, description: str, *children: UnitSpec) -> UnitSpec:
    return UnitSpec(name, slug, kind, description, f"{slug}@{DOMAIN}", tuple(children))


_team = partial(_unit, "team")
_service = partial(_unit, "service")
_directorate = partial(_unit, "directorate")

COUNCIL = UnitSpec(
    name=COUNCIL_NAME,
    slug="eastmere",
    kind="organisation",
    description="The borough council for Eastmere, Fennbridge, Oakby, Saltham and Holmcroft.",
    email=f"enquiries@{DOMAIN}",
    children=(
        _directorate(
            "Resources", "resources", "Money, technology, data, governance and people.",
            _service(
                "Finance", "finance", "Budgets, payments, procurement and revenues.",
                _team("Accountancy", "accountancy", "Budgets, accounts and payments."),
                _team("Procurement", "procurement", "Tenders, contracts and suppliers."),
                _team("Revenues and Benefits", "revenues-and-benefits",
                      "Council tax, business rates, housing benefit and reductions."),
            ),
            _service(
                "Digital and IT", "digital-and-it", "Technology, systems and data.",
                _team("IT Operations", "it-operations", "Devices, networks and the service desk."),
                _team("Data and Insight", "data-and-insight",
                      "Analysis, open data, maps and performance reporting."),
            ),
            _service(
                "Governance and People", "governance-and-people",
                "Democracy, information rights and the council's workforce.",
                _team("Democratic Services", "democratic-services",
                      "Councillors, committees and elections."),
                _team("Information Governance", "information-governance",
                      "Data protection, FOI, records and complaints."),
                _team("HR and Payroll", "hr-and-payroll", "Recruitment, pay and employee relations."),
            ),
        ),
        _directorate(
            "Place", "place", "Planning, property, environment and transport.",
            _service(
                "Planning and Property", "planning-and-property",
                "Planning decisions and the council's land and buildings.",
                _team("Development Management", "development-management",
                      "Planning applications, appeals and enforcement."),
                _team("Estates and Property", "estates-and-property",
                      "The council's land, buildings and energy."),
            ),
            _service(
                "Environment", "environment", "Waste, parks and environmental health.",
                _team("Waste and Recycling", "waste-and-recycling",
                      "Bin collections, recycling and the council fleet."),
                _team("Parks and Open Spaces", "parks-and-open-spaces",
                      "Parks, play areas, trees, toilets and allotments."),
                _team("Environmental Health", "environmental-health",
                      "Air quality, food safety, noise and licensing."),
            ),
            _service(
                "Highways and Transport", "highways-and-transport", "Roads, parking and travel.",
                _team("Traffic and Road Safety", "traffic-and-road-safety",
                      "Road safety, traffic management, parking and highway repairs."),
            ),
        ),
        _directorate(
            "Communities and Housing", "communities-and-housing",
            "Housing, libraries and safer communities.",
            _service(
                "Housing", "housing", "Homelessness, allocations and housing advice.",
                _team("Housing Options", "housing-options",
                      "Homelessness prevention and temporary accommodation."),
                _team("Housing Allocations", "housing-allocations",
                      "The housing register and lettings."),
            ),
            _service(
                "Libraries and Culture", "libraries-and-culture", "Libraries and cultural events.",
                _team("Libraries", "libraries", "Five libraries and the home library service."),
            ),
            _service(
                "Safer Communities", "safer-communities", "Community safety and CCTV.",
                _team("Community Safety", "community-safety",
                      "Anti-social behaviour, domestic abuse and the community safety partnership."),
            ),
        ),
        _directorate(
            "Adults and Health", "adults-and-health", "Adult social care and public health.",
            _service(
                "Adult Social Care", "adult-social-care", "Care and support for adults.",
                _team("Assessment and Care Management", "assessment-and-care-management",
                      "Care Act assessments, support plans and reviews."),
                _team("Safeguarding Adults", "safeguarding-adults",
                      "Safeguarding enquiries and the safeguarding adults board."),
            ),
            _service(
                "Public Health", "public-health", "Health improvement and health protection.",
                _team("Public Health Intelligence", "public-health-intelligence",
                      "The Joint Strategic Needs Assessment and health data."),
            ),
        ),
        _directorate(
            "Children and Education", "children-and-education", "Schools and early years.",
            _service(
                "Education", "education", "School places, admissions and early years.",
                _team("School Admissions", "school-admissions",
                      "School applications, offers and home to school transport."),
                _team("Early Years", "early-years", "Childcare places and early years funding."),
            ),
        ),
    ),
)  # fmt: skip


def iter_units(root: UnitSpec = COUNCIL) -> Iterator[tuple[UnitSpec, UnitSpec | None]]:
    """Every unit with its parent (None for the root), parents before children."""
    stack: list[tuple[UnitSpec, UnitSpec | None]] = [(root, None)]
    while stack:
        unit, parent = stack.pop(0)
        yield unit, parent
        stack[:0] = [(child, unit) for child in unit.children]


_UNITS = {unit.slug: unit for unit, _ in iter_units()}
_PARENTS = {unit.slug: parent for unit, parent in iter_units()}


# --- people ----------------------------------------------------------------------------

# Job titles per team (the first is the team lead) and the topics its people know about.
_ROSTER: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "accountancy": (("Head of Finance", "Finance Systems Officer", "Senior Accountant"),
                    ("budget monitoring", "spending over £500", "Transparency Code",
                     "financial systems", "capital programme")),
    "procurement": (("Procurement Manager", "Procurement Officer", "Contracts Officer"),
                    ("tenders", "contracts register", "social value", "supplier data")),
    "revenues-and-benefits": (("Revenues and Benefits Manager", "Council Tax Officer",
                               "Benefits Assessor"),
                              ("council tax", "business rates", "council tax reduction",
                               "housing benefit")),
    "it-operations": (("IT Operations Manager", "Systems Administrator", "Service Desk Analyst"),
                      ("Microsoft 365", "device management", "user accounts", "cyber security")),
    "data-and-insight": (("Head of Data and Insight", "Open Data Officer", "Data Analyst",
                          "GIS Officer"),
                         ("open data", "Power BI", "SQL", "GIS", "census data",
                          "housing data", "performance reporting")),
    "democratic-services": (("Democratic Services Manager", "Electoral Services Officer"),
                            ("committee papers", "elections", "ward boundaries", "councillors")),
    "information-governance": (("Data Protection Officer", "Information Governance Manager",
                                "Complaints and FOI Officer"),
                               ("UK GDPR", "DPIAs", "data sharing agreements",
                                "freedom of information", "records retention")),
    "hr-and-payroll": (("HR Manager", "HR Business Partner"),
                       ("sickness absence", "workforce data", "pay and grading",
                        "employee relations")),
    "development-management": (("Development Manager", "Principal Planning Officer",
                                "Planning Officer", "Planning Information Officer"),
                               ("planning applications", "permitted development",
                                "planning appeals", "Local Plan")),
    "estates-and-property": (("Estates Manager", "Asset Management Surveyor",
                              "Energy and Sustainability Officer"),
                             ("asset register", "leases", "building energy", "UPRNs")),
    "waste-and-recycling": (("Waste Services Manager", "Fleet and Transport Officer"),
                            ("bin collections", "recycling rates", "fleet", "route planning")),
    "parks-and-open-spaces": (("Parks Manager", "Tree Officer"),
                              ("parks", "tree preservation orders", "play areas",
                               "allotments")),
    "environmental-health": (("Environmental Health Manager", "Environmental Health Officer",
                              "Licensing Officer"),
                             ("air quality", "food hygiene", "noise complaints",
                              "premises licences")),
    "traffic-and-road-safety": (("Traffic Manager", "Road Safety Officer"),
                                ("road casualties", "traffic counts", "parking",
                                 "highway defects")),
    "housing-options": (("Housing Options Manager", "Homelessness Prevention Officer",
                         "Temporary Accommodation Officer"),
                        ("homelessness", "temporary accommodation", "H-CLIC returns")),
    "housing-allocations": (("Allocations Manager", "Housing Register Officer",
                             "Performance and Systems Officer"),
                            ("housing register", "allocations policy", "choice-based lettings")),
    "libraries": (("Library Services Manager", "Library Assistant"),
                  ("library events", "digital inclusion", "local history")),
    "community-safety": (("Community Safety Manager", "Anti-social Behaviour Officer"),
                         ("anti-social behaviour", "CCTV", "domestic abuse")),
    "assessment-and-care-management": (("Head of Adult Social Care", "Principal Social Worker",
                                        "Social Worker"),
                                       ("Care Act assessments", "care packages",
                                        "Caldicott principles", "SALT return")),
    "safeguarding-adults": (("Safeguarding Adults Manager", "Safeguarding Practitioner"),
                            ("safeguarding", "Section 42 enquiries", "SAR returns")),
    "public-health-intelligence": (("Consultant in Public Health", "Public Health Analyst"),
                                   ("JSNA", "health inequalities", "Fingertips",
                                    "population estimates")),
    "school-admissions": (("Admissions Manager", "Admissions Data Officer"),
                          ("school admissions", "school place planning", "catchment areas")),
    "early-years": (("Early Years Manager", "Early Years Funding Officer"),
                    ("childcare sufficiency", "early years funding")),
}  # fmt: skip

# People whose email or roles the demo relies on, keyed by (team, job title).
_SPECIAL: dict[tuple[str, str], tuple[str | None, tuple[tuple[str, str | None], ...]]] = {
    ("libraries", "Library Assistant"): (f"staff@{DOMAIN}", ()),
    ("accountancy", "Finance Systems Officer"): (f"publisher@{DOMAIN}", (("publisher", "finance"),)),
    ("information-governance", "Information Governance Manager"): (
        f"steward@{DOMAIN}", (("steward", "eastmere"),)),
    ("it-operations", "Systems Administrator"): (f"admin@{DOMAIN}", (("administrator", None),)),
    ("data-and-insight", "Data Analyst"): (f"grantee@{DOMAIN}", ()),
    ("data-and-insight", "Open Data Officer"): (None, (("publisher", "resources"),)),
    ("development-management", "Planning Information Officer"): (
        None, (("publisher", "place"),)),
    ("housing-allocations", "Performance and Systems Officer"): (
        None, (("publisher", "communities-and-housing"),)),
    ("public-health-intelligence", "Public Health Analyst"): (
        None, (("publisher", "adults-and-health"),)),
    ("school-admissions", "Admissions Data Officer"): (
        None, (("publisher", "children-and-education"),)),
    ("assessment-and-care-management", "Principal Social Worker"): (
        None, (("caldicott_guardian", "adults-and-health"),)),
}  # fmt: skip

_GENERAL_SKILLS = ("Excel", "plain English", "project management", "Python", "user research",
                   "data protection basics", "Power BI", "mapping")  # fmt: skip
_BEFORE = ("at a neighbouring district council", "at a housing association", "in the NHS",
           "at a county council", "at the Office for National Statistics", "at a university",
           "at a consultancy", "in the voluntary sector", "at a London borough")  # fmt: skip


def _bio(rng: random.Random, first: str, title: str, team: str, skills: Sequence[str]) -> str:
    service = _PARENTS[team]
    joined = rng.randint(2008, 2024)
    asks = ", ".join(skills[:-1]) + f" and {skills[-1]}" if len(skills) > 1 else skills[0]
    return (
        f"{first} is the {title} in the {_UNITS[team].name} team "
        f"({service.name if service else COUNCIL_NAME}). {first} joined Eastmere in {joined} "
        f"after working {rng.choice(_BEFORE)}. Ask {first} about {asks}."
    )


def _new_name(fake: Faker, taken: set[str]) -> tuple[str, str]:
    """A Faker name whose ``first.last`` email is plain ASCII letters and not yet used."""
    while True:
        first, last = fake.first_name(), fake.last_name()
        local = f"{first}.{last}".lower()
        plain = f"{first}{last}".isascii() and f"{first}{last}".isalpha()
        if plain and local not in taken:
            taken.add(local)
            return first, last


def _build_people() -> tuple[PersonSpec, ...]:
    fake, rng = Faker("en_GB"), random.Random("eastmere-people")
    fake.seed_instance(2026)
    slots = [(team, title) for team, (titles, _) in _ROSTER.items() for title in titles]
    numbers, taken, people = rng.sample(range(1, 1000), len(slots)), set(), []
    for (team, title), number in zip(slots, numbers, strict=True):
        first, last = _new_name(fake, taken)
        email, extra_roles = _SPECIAL.get((team, title), (None, ()))
        topics = _ROSTER[team][1]
        skills = (*rng.sample(topics, min(len(topics), rng.randint(2, 3))),)
        if rng.random() < 0.4:
            skills += (rng.choice(_GENERAL_SKILLS),)
        people.append(
            PersonSpec(
                name=f"{first} {last}",
                email=email or f"{first}.{last}@{DOMAIN}".lower(),
                job_title=title,
                team_slug=team,
                bio=_bio(rng, first, title, team, skills),
                phone=f"01632 960{number:03d}",
                skills=skills,
                roles=(("staff", None), *extra_roles),
            )
        )
    return tuple(people)


PEOPLE: tuple[PersonSpec, ...] = _build_people()
_BY_ROLE = {(p.team_slug, p.job_title): p for p in PEOPLE}


def _email(team: str, title: str) -> str:
    """Email of the person holding a job; KeyError if the roster has no such job."""
    return _BY_ROLE[(team, title)].email


STAFF_EMAIL = f"staff@{DOMAIN}"
PUBLISHER_EMAIL = f"publisher@{DOMAIN}"
STEWARD_EMAIL = f"steward@{DOMAIN}"
ADMIN_EMAIL = f"admin@{DOMAIN}"
GRANTEE_EMAIL = f"grantee@{DOMAIN}"
CALDICOTT_GUARDIAN_EMAIL = _email("assessment-and-care-management", "Principal Social Worker")

DEMO_SIGN_INS: tuple[tuple[str, str], ...] = (
    ("Member of staff: sees open and internal data, no special roles", STAFF_EMAIL),
    ("Publisher for Finance: publishes the Finance service's datasets", PUBLISHER_EMAIL),
    ("Data steward: approves access to restricted data across the council", STEWARD_EMAIL),
    ("Administrator: manages users, roles and the organisation structure", ADMIN_EMAIL),
    (
        "Grantee: analyst in Data and Insight, whose team has been granted access to the "
        "restricted housing register applicants dataset",
        GRANTEE_EMAIL,
    ),
)


# --- datasets --------------------------------------------------------------------------

_USE_NOTES = {
    "open": (
        "You may copy, publish and adapt this data under the licence shown on this page. "
        "If you spot a mistake or need the data in another form, email {contact}."
    ),
    "internal": (
        "This dataset is for Eastmere Borough Council staff only. Do not share it outside the "
        "council without agreeing it with the data steward first."
    ),
    "restricted": (
        "This dataset holds personal data. Only named teams and people with an approved "
        "purpose can see it, every grant expires, and every view and download is recorded. "
        "Use only the columns your purpose needs and do not copy the data elsewhere."
    ),
}
_SPECIAL_NOTE = (
    " It includes special-category data, so each grant needs a lawful basis under UK GDPR "
    "Article 9 as well as Article 6."
)


def _markdown(about: str, contents: Sequence[str], table: Sequence[tuple[str, str]],
              note: str) -> str:  # fmt: skip
    parts = [about.strip(), "### What the data contains", "\n".join(f"- {c}" for c in contents)]
    if table:
        rows = "\n".join(f"| {name} | {meaning} |" for name, meaning in table)
        parts.append(f"| Column | What it means |\n| --- | --- |\n{rows}")
    parts += ["### Using this data", note]
    return "\n\n".join(parts) + "\n"


def _dataset(
    slug: str,
    title: str,
    summary: str,
    *,
    publisher: str,
    steward: str,
    about: str,
    contents: Sequence[str],
    access: str = "open",
    table: Sequence[tuple[str, str]] = (),
    **extra: object,
) -> DatasetSpec:
    """A DatasetSpec with the council's defaults for its access level filled in.

    Non-open datasets get the internal-use licence; restricted ones are personal data at
    OFFICIAL-SENSITIVE. The contact is the publishing unit's mailbox unless given.
    """
    unit = _UNITS[publisher]
    defaults: dict[str, object] = {
        "contact_name": unit.name,
        "contact_email": unit.email,
        "licence_id": "OGL-UK-3.0" if access == "open" else "internal-use",
    }
    if access == "restricted":
        defaults |= {"personal_data": True, "classification": "OFFICIAL-SENSITIVE"}
    fields = defaults | extra
    note = _USE_NOTES[access].format(contact=fields["contact_email"])
    if fields.get("special_category"):
        note += _SPECIAL_NOTE
    return DatasetSpec(
        slug=slug,
        title=title,
        summary=summary,
        description=_markdown(about, contents, table, note),
        publisher_slug=publisher,
        steward_email=steward,
        access_level=access,
        **fields,  # type: ignore[arg-type]
    )


def _upload(title: str, filename: str, fmt: str, build: Callable[[], bytes],
            description: str = "") -> FileSpec:  # fmt: skip
    return FileSpec(title=title, filename=filename, format=fmt, description=description,
                    build=build)  # fmt: skip


def _link(title: str, path: str, fmt: str, description: str = "") -> FileSpec:
    url = f"{WEBSITE}{path}"
    return FileSpec(title=title, filename=path.rstrip("/").rsplit("/", 1)[-1], format=fmt,
                    description=description, url=url)  # fmt: skip


def _spend_file(quarter: int) -> FileSpec:
    start, end = files.quarter_bounds(quarter)
    months = f"{start:%B} to {end:%B %Y}"
    return _upload(
        f"Spending over £500: 2025/26 quarter {quarter} ({months})",
        f"eastmere-spend-2025-26-q{quarter}.csv",
        "CSV",
        partial(files.spend_csv, quarter),
        f"Payments of £500 or more made between {start:%d/%m/%Y} and {end:%d/%m/%Y}.",
    )


FY_START, FY_END = date(2025, 4, 1), date(2026, 3, 31)
_FINANCE_CONTACT = {"contact_name": "Finance", "contact_email": f"finance@{DOMAIN}"}

_OPEN_DATASETS: tuple[DatasetSpec, ...] = (
    _dataset(
        "spending-over-500", "Spending over £500",
        "Every payment of £500 or more the council made to suppliers and organisations, "
        "published quarterly under the Transparency Code.",
        publisher="accountancy", steward=_email("accountancy", "Head of Finance"),
        about="""
Eastmere Borough Council publishes every payment of £500 or more, except salaries, within
one month of the end of each quarter, as the Local Government Transparency Code 2015
requires. Payments to individuals, such as direct payments for care, are shown as
*REDACTED - personal data* to protect their privacy.

The files follow the Local Government Association's **Spend** schema, so they can be
compared with other councils' data. Transaction numbers are unique across the year, and
where a payment is made under a contract its reference links to the
[Contracts over £5,000](/datasets/contracts-over-5000/) dataset.
""",
        contents=(
            "one row per payment line: the date paid, the service that spent the money and "
            "who was paid",
            "the net amount in pounds with two decimals; credit notes are negative",
            "irrecoverable VAT, the council's expense type and a CPV procurement code",
            "the contract reference, where the payment was made under a contract",
        ),
        table=(
            ("PaymentDate", "Date the payment was made (dd/mm/yyyy)"),
            ("OrganisationalUnit", "Service that incurred the spend"),
            ("BeneficiaryName", "Supplier or organisation paid"),
            ("Amount", "Net amount in pounds; negative for credits"),
            ("IrrecoverableVATAmount", "VAT the council cannot reclaim"),
            ("ContractRef", "Contract the payment was made under, if any"),
        ),
        themes=("government-spending", "government"),
        keywords=("spending", "payments", "suppliers", "expenditure", "transparency code"),
        update_frequency="quarterly", temporal_start=FY_START, temporal_end=FY_END,
        files=tuple(_spend_file(q) for q in (1, 2, 3, 4)), **_FINANCE_CONTACT,
    ),
    _dataset(
        "contracts-over-5000", "Contracts over £5,000",
        "Live contracts worth more than £5,000: supplier, value, dates, and whether the "
        "supplier is a small business or a voluntary organisation.",
        publisher="procurement", steward=_email("procurement", "Procurement Manager"),
        about="""
The contracts register lists every contract, framework call-off and grant agreement worth
more than £5,000 that was live during the financial year. It is published quarterly under
the Transparency Code and follows the LGA **Contracts** schema.

Supplier names and references match the [Spending over £500](/datasets/spending-over-500/)
files, so you can see how much has been paid under each contract.
""",
        contents=(
            "contract reference, title, type and the service responsible",
            "start, end and review dates",
            "total contract value and any irrecoverable VAT",
            "supplier name, Companies House or Charity Commission number",
            "whether the supplier is an SME or a voluntary, community or social enterprise",
            "whether the contract was let by quotation or published tender",
        ),
        themes=("government-spending", "business-and-economy"),
        keywords=("contracts", "procurement", "tenders", "suppliers", "SME"),
        update_frequency="quarterly", temporal_start=FY_START, temporal_end=FY_END,
        files=(_upload("Contracts register, March 2026", "eastmere-contracts-2026-03.csv",
                       "CSV", files.contracts_csv),),
    ),
    _dataset(
        "land-and-buildings", "Land and buildings",
        "The council's land and property assets: offices, libraries, depots, car parks, "
        "parks, shops and industrial units, with location and tenure.",
        publisher="estates-and-property", steward=_email("estates-and-property", "Estates Manager"),
        about="""
This is the council's asset register as at 31 March 2026, published every year under the
Transparency Code. It covers land and buildings the council owns or leases, including
property let to businesses and community groups.

Locations are British National Grid eastings and northings (OSGB36). UPRNs are 12-digit
references kept as text: some start with a zero, which spreadsheet programs may drop.
""",
        contents=(
            "UPRN, asset code and the name of each property",
            "street number, street, post town and postcode",
            "easting and northing",
            "tenure (freehold or leasehold) and how the property is used or let",
            "building floor area in square metres and land area in hectares",
            "running costs, required maintenance, suitability and energy rating",
        ),
        themes=("government", "mapping", "towns-and-cities"),
        keywords=("asset register", "property", "land", "UPRN", "transparency code"),
        update_frequency="annual", temporal_start=FY_START, temporal_end=FY_END,
        files=(_upload("Land and buildings at 31 March 2026", "eastmere-land-and-buildings-2026.csv",
                       "CSV", files.land_and_buildings_csv),),
    ),
    _dataset(
        "public-toilets", "Public toilets",
        "Council-run public toilets and those in the Eastmere Community Toilet Scheme, with "
        "opening hours, charges and accessible facilities.",
        publisher="parks-and-open-spaces", steward=_email("parks-and-open-spaces", "Parks Manager"),
        about="""
Where to find a public toilet in the borough, including toilets in shops, pubs and cafés
that have joined the Eastmere Community Toilet Scheme and let anyone use them free of
charge. The file follows the Local Open Data Incentive Scheme's **Public Toilets** schema.

Locations are WGS84 longitude (GeoX) and latitude (GeoY).
""",
        contents=(
            "name and address of each toilet, and its ward",
            "whether it has accessible facilities, a RADAR key lock, baby change or a "
            "Changing Places toilet",
            "opening hours and any charge",
            "who manages it and how to report a problem",
        ),
        themes=("health", "towns-and-cities", "mapping"),
        keywords=("toilets", "accessibility", "changing places", "RADAR key"),
        update_frequency="quarterly",
        files=(_upload("Public toilets, April 2026", "eastmere-public-toilets.csv", "CSV",
                       files.public_toilets_csv),),
    ),
    _dataset(
        "planning-applications", "Planning applications",
        "Planning applications received from April 2025 to March 2026, with their status, "
        "decision, location and consultation dates.",
        publisher="development-management",
        steward=_email("development-management", "Development Manager"),
        about="""
Every valid planning application received in the financial year, updated each week from
the planning system. Pending applications are shown without a decision; decided ones show
the decision, who made it and any appeal.

The file follows the Local Open Data Incentive Scheme's **Planning Applications** schema.
Locations are British National Grid eastings and northings (OSGB36) for the centre of the
site. To comment on an application, use the case link in each row.
""",
        contents=(
            "case reference, link, date received and the proposal",
            "site address and ward",
            "target date, status, decision and decision type",
            "appeal reference and outcome, where the applicant appealed",
            "consultation dates and the number of comments for and against",
        ),
        table=(
            ("CaseReference", "yy/nnnnn/TYPE, for example 25/00042/HOU for a householder application"),
            ("Status", "Pending, Decided, Withdrawn or Appealed"),
            ("DecisionType", "Delegated powers (officers) or Planning committee"),
        ),
        themes=("towns-and-cities", "mapping"),
        keywords=("planning", "development", "applications", "appeals", "householder"),
        update_frequency="weekly", temporal_start=FY_START, temporal_end=FY_END,
        files=(_upload("Planning applications, April 2025 to March 2026",
                       "eastmere-planning-applications-2025-26.csv", "CSV",
                       files.planning_applications_csv),),
    ),
    _dataset(
        "ward-boundaries", "Ward boundaries",
        "Boundaries of the borough's twelve electoral wards, with ward codes and the number "
        "of councillors for each.",
        publisher="data-and-insight", steward=_email("data-and-insight", "GIS Officer"),
        about="""
The twelve wards used for borough elections since May 2023. Each ward elects two or three
councillors. Use the boundaries to map other data by ward, or to find which ward an address
is in.

The GeoJSON file uses WGS84 longitude and latitude (EPSG:4326), as RFC 7946 requires.
""",
        contents=(
            "one polygon for each ward",
            "ward code (E05), ward name and number of councillors",
        ),
        themes=("mapping", "government"),
        keywords=("wards", "boundaries", "elections", "GeoJSON", "maps"),
        update_frequency="not-planned",
        files=(
            _upload("Ward boundaries (GeoJSON)", "eastmere-wards.geojson", "GeoJSON",
                    files.wards_geojson),
            _link("Ward map (PDF)", "/elections/ward-map.pdf", "PDF"),
        ),
        contact_name="Data and Insight", contact_email=f"opendata@{DOMAIN}",
    ),
    _dataset(
        "council-tax-charges", "Council tax charges by band",
        "What each council tax band pays in 2025/26, including the county, police and fire "
        "precepts and parish charges.",
        publisher="revenues-and-benefits",
        steward=_email("revenues-and-benefits", "Revenues and Benefits Manager"),
        about="""
The annual council tax charge for each band, A to H, set by the council in February 2025.
The charge is made up of the borough's own share and the precepts of the other bodies the
council collects for.
""",
        contents=("charge per band for the whole borough and for each parish",
                  "each precepting body's share"),
        themes=("government", "government-spending"),
        keywords=("council tax", "bands", "precepts", "parishes"),
        update_frequency="annual", temporal_start=FY_START, temporal_end=FY_END,
        files=(_link("Council tax charges 2025/26", "/council-tax/charges-2025-26.csv", "CSV"),
               _link("Council tax bands explained", "/council-tax/bands", "HTML")),
    ),
    _dataset(
        "bin-collection-days", "Bin collection days",
        "Which day each street's rubbish, recycling, food and garden waste is collected.",
        publisher="waste-and-recycling",
        steward=_email("waste-and-recycling", "Waste Services Manager"),
        about="""
Collection days and rounds for every street in the borough, including changes around bank
holidays. Developers can use the API to build reminders.
""",
        contents=("street, collection day and round for each waste stream",
                  "bank holiday changes to collection dates"),
        themes=("environment", "towns-and-cities"),
        keywords=("bins", "waste", "recycling", "collections"),
        update_frequency="weekly",
        files=(_link("Find your bin day", "/bins/find-your-bin-day", "HTML"),
               _link("Bin collection days API", "/api/bin-days.json", "JSON")),
    ),
    _dataset(
        "library-locations", "Libraries: locations and opening hours",
        "Where the borough's five libraries are, when they are open and what each offers.",
        publisher="libraries", steward=_email("libraries", "Library Services Manager"),
        about="""
Addresses, opening hours and facilities (public computers, Wi-Fi, meeting rooms, accessible
toilets) for Eastmere Central, Fennbridge, Oakby, Saltham and Holmcroft libraries.
""",
        contents=("library name, address and location", "opening hours by day",
                  "facilities available at each library"),
        themes=("education", "society"),
        keywords=("libraries", "opening hours", "facilities"),
        licence_id="CC-BY-4.0",
        files=(_link("Library locations (CSV)", "/libraries/locations.csv", "CSV"),
               _link("Libraries", "/libraries", "HTML")),
    ),
    _dataset(
        "library-visits", "Library visits and issues by month",
        "Monthly visits, book issues, computer sessions and events at each library since "
        "April 2023.",
        publisher="libraries", steward=_email("libraries", "Library Services Manager"),
        about="""
How the borough's libraries are used, month by month. Eastmere Central Library was closed
for refurbishment in January and February 2025, so it shows no visits for those months.
""",
        contents=("month and library", "visits counted by door sensors",
                  "book issues and public computer sessions",
                  "events held and how many people came"),
        themes=("society", "education"),
        keywords=("libraries", "visits", "book issues", "events"),
        update_frequency="monthly", temporal_start=date(2023, 4, 1), temporal_end=FY_END,
        files=(_upload("Library visits, April 2023 to March 2026", "eastmere-library-visits.csv",
                       "CSV", files.library_visits_csv),),
    ),
    _dataset(
        "parks-and-open-spaces", "Parks and open spaces",
        "Parks, recreation grounds, play areas and nature reserves the council looks after.",
        publisher="parks-and-open-spaces", steward=_email("parks-and-open-spaces", "Parks Manager"),
        about="""
Boundaries and facilities of the council's parks and open spaces, from Mere Park to small
neighbourhood play areas. Green Flag parks are marked.
""",
        contents=("site boundary and name", "facilities such as play areas, toilets and parking",
                  "Green Flag status"),
        themes=("environment", "mapping"),
        keywords=("parks", "open spaces", "play areas", "green flag"),
        files=(_link("Parks and open spaces (GeoJSON)", "/parks/open-spaces.geojson", "GeoJSON"),
               _link("Parks and open spaces", "/parks", "HTML")),
    ),
    _dataset(
        "air-quality-no2", "Air quality: nitrogen dioxide monitoring",
        "Monthly nitrogen dioxide readings from the council's diffusion tubes at eight sites, "
        "2023 to 2025.",
        publisher="environmental-health",
        steward=_email("environmental-health", "Environmental Health Officer"),
        about="""
The council measures nitrogen dioxide (NO2) with diffusion tubes at roadside and background
sites and reports the results to Defra each year in its Annual Status Report. The annual
mean objective is 40 µg/m³.

Readings here are raw monthly means before bias adjustment. A blank reading means the tube
was lost or damaged that month.
""",
        contents=("site ID, name, type and location (easting and northing)",
                  "monthly mean NO2 in µg/m³", "data capture for the month"),
        themes=("environment", "health"),
        keywords=("air quality", "NO2", "nitrogen dioxide", "pollution", "diffusion tubes"),
        update_frequency="monthly", temporal_start=date(2023, 1, 1),
        temporal_end=date(2025, 12, 31),
        files=(_upload("Nitrogen dioxide monthly means, 2023 to 2025", "eastmere-no2-2023-2025.csv",
                       "CSV", files.air_quality_csv),
               _link("Air Quality Annual Status Report 2025", "/air-quality/asr-2025.pdf", "PDF")),
    ),
    _dataset(
        "road-traffic-collisions", "Road traffic collisions and casualties",
        "Reported road traffic collisions in the borough that caused injury, from police "
        "STATS19 records.",
        publisher="traffic-and-road-safety",
        steward=_email("traffic-and-road-safety", "Road Safety Officer"),
        about="""
Injury collisions reported to the police on roads in the borough, with the number and
severity of casualties. The council uses them to choose where to put road safety schemes.
""",
        contents=("date, time and location of each collision",
                  "severity and number of casualties", "road type and conditions"),
        themes=("transport", "health"),
        keywords=("road safety", "collisions", "casualties", "STATS19"),
        update_frequency="annual", temporal_start=date(2020, 1, 1), temporal_end=date(2024, 12, 31),
        files=(_link("Road collisions 2020 to 2024", "/roads/collisions-2020-2024.csv", "CSV"),),
    ),
    _dataset(
        "school-admissions", "School admissions: applications and offers",
        "Applications, first-preference offers and places for each primary and secondary "
        "school on national offer day.",
        publisher="school-admissions", steward=_email("school-admissions", "Admissions Manager"),
        about="""
How many families applied for each school, how many were offered their first preference,
and the furthest distance offered where a school was oversubscribed.
""",
        contents=("school name and phase", "published admission number",
                  "applications by preference", "offers and last distance offered"),
        themes=("education",),
        keywords=("schools", "admissions", "offers", "preferences"),
        update_frequency="annual", temporal_start=date(2025, 9, 1), temporal_end=date(2026, 8, 31),
        files=(_link("School admissions 2025 (Excel)", "/schools/admissions-2025.xlsx", "XLSX"),
               _link("Apply for a school place", "/schools/admissions", "HTML")),
    ),
    _dataset(
        "senior-salaries", "Senior salaries",
        "Pay, bonuses and responsibilities of council staff paid £50,000 or more, published "
        "under the Transparency Code.",
        publisher="hr-and-payroll", steward=_email("hr-and-payroll", "HR Manager"),
        about="""
Staff paid £50,000 or more, in £5,000 bands, with job title and responsibilities. Staff
paid £150,000 or more are named, as the Transparency Code requires.
""",
        contents=("job title and directorate", "salary band, bonuses and benefits in kind",
                  "budget and staff each post is responsible for"),
        themes=("government", "government-spending"),
        keywords=("salaries", "senior staff", "pay", "transparency code"),
        update_frequency="annual", temporal_start=date(2024, 4, 1), temporal_end=date(2025, 3, 31),
        files=(_link("Senior salaries 2024/25", "/transparency/senior-salaries-2024-25.csv", "CSV"),),
    ),
    _dataset(
        "waste-tonnages", "Household waste and recycling tonnages",
        "Tonnes of household waste collected each month, by stream and where it went, since "
        "April 2022.",
        publisher="waste-and-recycling",
        steward=_email("waste-and-recycling", "Waste Services Manager"),
        about="""
How much waste the council collects from homes each month and where it goes: residual waste
to energy from waste, dry recycling to a materials recovery facility, garden waste to
composting and food waste to anaerobic digestion. Garden waste is seasonal.
""",
        contents=("month and waste stream", "destination", "tonnes collected"),
        themes=("environment",),
        keywords=("waste", "recycling", "tonnages", "food waste", "garden waste"),
        update_frequency="monthly", temporal_start=date(2022, 4, 1), temporal_end=FY_END,
        files=(_upload("Waste tonnages, April 2022 to March 2026", "eastmere-waste-tonnages.csv",
                       "CSV", files.waste_tonnages_csv),),
    ),
    _dataset(
        "housing-register-summary", "Housing register: households by band and bedroom need",
        "How many households are waiting for social housing, by priority band and the number "
        "of bedrooms they need.",
        publisher="housing-allocations",
        steward=_email("housing-allocations", "Allocations Manager"),
        about="""
A count of households on the housing register at the end of each quarter. Band A is the
highest priority. Counts of one to four households are shown as `<5` so that nobody can
be identified.
""",
        contents=("snapshot date", "priority band (A to D)", "bedrooms needed",
                  "number of households, with small numbers suppressed"),
        themes=("society", "towns-and-cities"),
        keywords=("housing register", "social housing", "waiting list", "allocations"),
        update_frequency="quarterly", temporal_start=date(2024, 6, 30), temporal_end=FY_END,
        files=(_upload("Housing register by band, quarterly", "eastmere-housing-register-summary.csv",
                       "CSV", files.housing_register_summary_csv),),
    ),
    _dataset(
        "councillors", "Councillors and committees",
        "The borough's 30 councillors, their wards and parties, and the committees they sit on.",
        publisher="democratic-services",
        steward=_email("democratic-services", "Democratic Services Manager"),
        about="Contact details, ward, party and committee memberships for every councillor.",
        contents=("councillor name, ward and party", "committee memberships and roles"),
        themes=("government",),
        keywords=("councillors", "committees", "democracy", "wards"),
        files=(_link("Councillors", "/councillors", "HTML"),
               _link("Councillors (JSON)", "/api/councillors.json", "JSON")),
    ),
    _dataset(
        "premises-licences", "Premises licences",
        "Pubs, shops, restaurants and venues licensed to sell alcohol or provide "
        "entertainment or late-night refreshment.",
        publisher="environmental-health",
        steward=_email("environmental-health", "Licensing Officer"),
        about="""
Premises licensed under the Licensing Act 2003, with their permitted activities and hours.
Follows the Local Open Data Incentive Scheme's **Premises Licences** schema.
""",
        contents=("licence number, premises name and address", "licensable activities and hours",
                  "licence holder"),
        themes=("business-and-economy", "crime-and-justice"),
        keywords=("licensing", "alcohol", "pubs", "premises licences"),
        update_frequency="monthly",
        files=(_link("Premises licences (CSV)", "/licensing/premises-licences.csv", "CSV"),),
    ),
    _dataset(
        "car-parks", "Council car parks and tariffs",
        "Locations, spaces, charges and opening times of the council's car parks.",
        publisher="traffic-and-road-safety",
        steward=_email("traffic-and-road-safety", "Traffic Manager"),
        about="Spaces (including disabled and electric vehicle bays) and tariffs for each car park.",
        contents=("car park name and location", "number of spaces by type", "tariffs and hours"),
        themes=("transport",),
        keywords=("parking", "car parks", "tariffs"),
        files=(_link("Car parks (CSV)", "/parking/car-parks.csv", "CSV"),
               _link("Parking", "/parking", "HTML")),
    ),
    _dataset(
        "parking-account", "Parking account",
        "Income and spending on parking, and how any surplus was spent, for 2024/25.",
        publisher="accountancy", steward=_email("accountancy", "Senior Accountant"),
        about="""
The council's on-street and off-street parking income, penalty charge income, costs and
surplus, as the Transparency Code requires each year.
""",
        contents=("on-street, off-street and penalty charge income", "expenditure",
                  "surplus and what it was spent on"),
        themes=("transport", "government-spending"),
        keywords=("parking", "income", "transparency code"),
        update_frequency="annual", temporal_start=date(2024, 4, 1), temporal_end=date(2025, 3, 31),
        files=(_link("Parking account 2024/25", "/transparency/parking-account-2024-25.pdf", "PDF"),),
        **_FINANCE_CONTACT,
    ),
    _dataset(
        "vcse-grants", "Grants to voluntary, community and social enterprise bodies",
        "Grants the council awarded to charities, community groups and social enterprises.",
        publisher="accountancy", steward=_email("accountancy", "Senior Accountant"),
        about="""
Every grant to a voluntary, community or social enterprise organisation, with the date,
amount and purpose, as the Transparency Code requires.
""",
        contents=("date awarded and period covered", "beneficiary and registration number",
                  "purpose and amount"),
        themes=("government-spending", "society"),
        keywords=("grants", "voluntary sector", "charities", "transparency code"),
        update_frequency="annual", temporal_start=date(2024, 4, 1), temporal_end=date(2025, 3, 31),
        files=(_link("VCSE grants 2024/25", "/transparency/vcse-grants-2024-25.csv", "CSV"),),
        **_FINANCE_CONTACT,
    ),
    _dataset(
        "trade-union-facility-time", "Trade union facility time",
        "How much paid time union representatives spend on union duties and what it costs.",
        publisher="hr-and-payroll", steward=_email("hr-and-payroll", "HR Manager"),
        about="The number of union representatives, their time on union duties and its cost.",
        contents=("representatives (headcount and FTE)", "time spent on facility time",
                  "cost as a share of the pay bill"),
        themes=("government",),
        keywords=("trade unions", "facility time", "transparency code"),
        update_frequency="annual", temporal_start=date(2024, 4, 1), temporal_end=date(2025, 3, 31),
        files=(_link("Trade union facility time 2024/25",
                     "/transparency/facility-time-2024-25.csv", "CSV"),),
    ),
    _dataset(
        "ev-charge-points", "Electric vehicle charge points",
        "Public electric vehicle charge points in council car parks and on residential streets.",
        publisher="traffic-and-road-safety",
        steward=_email("traffic-and-road-safety", "Traffic Manager"),
        about="""
Charge points the council has installed with its charge point operator, with connector
types and power. Locations were checked against OpenStreetMap, hence the ODbL licence.
""",
        contents=("location of each charge point", "connector types and power in kW",
                  "operator and payment methods"),
        themes=("transport", "environment"),
        keywords=("electric vehicles", "EV", "charge points"),
        licence_id="ODbL-1.0",
        files=(_link("EV charge points (GeoJSON)", "/parking/ev-charge-points.geojson", "GeoJSON"),),
    ),
)  # fmt: skip

_INTERNAL_DATASETS: tuple[DatasetSpec, ...] = (
    _dataset(
        "staff-sickness-absence", "Staff sickness absence by directorate",
        "Working days lost to sickness per full-time equivalent, by directorate and quarter.",
        publisher="hr-and-payroll", steward=_email("hr-and-payroll", "HR Manager"),
        access="internal",
        about="""
Sickness absence for each directorate, quarter by quarter, so managers can compare their
area with the rest of the council. The council's target is 8.5 days per FTE a year.

Figures are for directorates, not teams, so no one's absence can be worked out.
""",
        contents=("quarter and directorate", "average FTE and working days lost",
                  "days lost per FTE, split into short-term and long-term absence",
                  "the most common reason for absence"),
        themes=("government",),
        keywords=("sickness", "absence", "workforce", "HR"),
        update_frequency="quarterly", temporal_start=date(2024, 4, 1), temporal_end=FY_END,
        files=(_upload("Sickness absence by directorate, 2024/25 and 2025/26",
                       "eastmere-sickness-absence.csv", "CSV", files.staff_sickness_csv),),
    ),
    _dataset(
        "it-asset-register", "IT asset register",
        "Laptops, phones, servers and network equipment the council owns, with owner and "
        "warranty dates.",
        publisher="it-operations", steward=_email("it-operations", "IT Operations Manager"),
        access="internal",
        about="Every device on the council's network and who it is assigned to, from the "
              "service desk's asset system.",
        contents=("asset tag, type, make and model", "assigned team", "purchase and warranty dates"),
        themes=("government",),
        keywords=("IT", "assets", "devices", "laptops"),
        update_frequency="monthly",
        files=(_link("IT asset register (Excel)", "/intranet/it/asset-register.xlsx", "XLSX"),),
    ),
    _dataset(
        "complaints-by-service", "Complaints by service",
        "Complaints received each month by service, how quickly we responded and whether "
        "they were upheld.",
        publisher="information-governance",
        steward=_email("information-governance", "Complaints and FOI Officer"),
        access="internal",
        about="""
Stage 1 and stage 2 complaints under the council's complaints procedure, and enquiries from
the Local Government and Social Care Ombudsman. Use it to spot services where complaints
are rising.
""",
        contents=("month, directorate and service", "stage 1 and stage 2 complaints received",
                  "responses within the 10 working day target",
                  "outcomes: upheld, partly upheld or not upheld", "Ombudsman enquiries"),
        themes=("government", "society"),
        keywords=("complaints", "customer feedback", "ombudsman"),
        update_frequency="monthly", temporal_start=date(2024, 4, 1), temporal_end=FY_END,
        files=(_upload("Complaints by service, April 2024 to March 2026",
                       "eastmere-complaints-by-service.csv", "CSV", files.complaints_csv),),
    ),
    _dataset(
        "fleet-mileage", "Fleet mileage and fuel use",
        "Miles driven and diesel or electricity used by each council vehicle, month by month.",
        publisher="waste-and-recycling",
        steward=_email("waste-and-recycling", "Fleet and Transport Officer"),
        access="internal",
        about="""
Mileage and energy use for the council's refuse vehicles, vans, minibuses and pool cars,
from telematics and fuel cards. The fleet team uses it to plan the move to electric
vehicles and to report the council's carbon footprint.
""",
        contents=("month and vehicle registration", "vehicle type and service",
                  "miles driven", "diesel in litres or electricity in kWh"),
        themes=("transport", "environment"),
        keywords=("fleet", "mileage", "fuel", "electric vehicles", "carbon"),
        update_frequency="monthly", temporal_start=FY_START, temporal_end=FY_END,
        files=(_upload("Fleet mileage 2025/26 (Excel)", "eastmere-fleet-mileage-2025-26.xlsx",
                       "XLSX", files.fleet_mileage_xlsx),),
    ),
    _dataset(
        "building-energy-use", "Building energy use",
        "Monthly electricity, gas and solar generation at the council's main buildings, with "
        "the carbon they produce.",
        publisher="estates-and-property",
        steward=_email("estates-and-property", "Energy and Sustainability Officer"),
        access="internal",
        about="""
Meter readings for the town hall, civic centre, libraries, depots and leisure centres.
Carbon uses the government's conversion factors for company reporting. Sites carry their
UPRN so you can join this to [Land and buildings](/datasets/land-and-buildings/).
""",
        contents=("site and UPRN", "month", "electricity and gas used, in kWh",
                  "solar electricity generated", "carbon in kilograms of CO2 equivalent"),
        themes=("environment",),
        keywords=("energy", "carbon", "buildings", "net zero"),
        update_frequency="monthly", temporal_start=date(2024, 4, 1), temporal_end=FY_END,
        files=(_upload("Building energy use, April 2024 to March 2026",
                       "eastmere-building-energy.csv", "CSV", files.building_energy_csv),),
    ),
    _dataset(
        "revenue-budget-monitoring", "Revenue budget monitoring 2025/26",
        "Budget, forecast outturn and variance for each service, updated each month.",
        publisher="accountancy", steward=_email("accountancy", "Head of Finance"),
        access="internal",
        about="The monthly forecast of spending against budget that goes to the leadership team.",
        contents=("service and cost centre", "budget, actuals to date and forecast",
                  "variance and explanation"),
        themes=("government-spending",),
        keywords=("budget", "forecast", "outturn"),
        update_frequency="monthly", temporal_start=FY_START, temporal_end=FY_END,
        files=(_link("Budget monitoring (Excel)", "/intranet/finance/budget-monitoring.xlsx",
                     "XLSX"),),
        **_FINANCE_CONTACT,
    ),
    _dataset(
        "foi-requests-log", "Freedom of information requests log",
        "Requests received under FOI and the EIR, with topic, service, deadline and outcome.",
        publisher="information-governance",
        steward=_email("information-governance", "Data Protection Officer"),
        access="internal",
        about="""
Every freedom of information and environmental information request. Check it before
answering a request: the same question may have been answered already.
""",
        contents=("reference, date received and topic", "service responding and deadline",
                  "outcome and any exemptions used"),
        themes=("government",),
        keywords=("FOI", "freedom of information", "EIR", "requests"),
        update_frequency="monthly",
        files=(_link("FOI log (Excel)", "/intranet/foi/requests-log.xlsx", "XLSX"),),
    ),
    _dataset(
        "missed-bins", "Missed bin reports by round",
        "Missed collections reported by residents, by round and week.",
        publisher="waste-and-recycling",
        steward=_email("waste-and-recycling", "Waste Services Manager"),
        access="internal",
        about="Reports of missed bins, used to track the collection contractor's performance.",
        contents=("week and collection round", "reports by waste stream", "whether the report was "
                  "upheld"),
        themes=("environment",),
        keywords=("bins", "missed collections", "contract performance"),
        update_frequency="weekly",
        files=(_link("Missed bins dashboard", "/intranet/waste/missed-bins", "HTML"),),
    ),
    _dataset(
        "workforce-profile", "Workforce profile by directorate",
        "Headcount, FTE, turnover and vacancies for each directorate.",
        publisher="hr-and-payroll", steward=_email("hr-and-payroll", "HR Business Partner"),
        access="internal",
        about="The quarterly workforce report to the leadership team.",
        contents=("headcount and FTE by directorate", "starters, leavers and turnover",
                  "vacancies and agency use"),
        themes=("government",),
        keywords=("workforce", "headcount", "turnover", "HR"),
        update_frequency="quarterly",
        files=(_link("Workforce profile (Excel)", "/intranet/hr/workforce-profile.xlsx", "XLSX"),),
    ),
    _dataset(
        "highway-defects", "Highway defects and repairs",
        "Potholes and other highway defects reported and repaired, with response times.",
        publisher="traffic-and-road-safety",
        steward=_email("traffic-and-road-safety", "Traffic Manager"),
        access="internal",
        about="Defects found by inspectors or reported by the public, and when they were fixed.",
        contents=("defect reference, type and location", "date reported and priority",
                  "date repaired"),
        themes=("transport",),
        keywords=("potholes", "highways", "repairs"),
        update_frequency="weekly",
        files=(_link("Highway defects (CSV)", "/intranet/highways/defects.csv", "CSV"),),
    ),
)  # fmt: skip

_APPROVE_CARE = CALDICOTT_GUARDIAN_EMAIL  # health and social care data: Caldicott sign-off
_APPROVE = STEWARD_EMAIL

_RESTRICTED_DATASETS: tuple[DatasetSpec, ...] = (
    _dataset(
        "adult-social-care-packages", "Adult social care packages",
        "Every open care and support package: the person, their needs, services and weekly "
        "cost.",
        publisher="assessment-and-care-management",
        steward=_email("assessment-and-care-management", "Head of Adult Social Care"),
        access="restricted", special_category=True,
        about="""
An extract from the adult social care case management system of every person receiving
council-funded care and support, with their primary support reason, the services in their
plan and the weekly cost.

It contains health data, so the Caldicott Guardian approves every grant of access.
""",
        contents=("person ID, age band, ward and primary support reason",
                  "service types, provider and hours", "weekly cost and funding source"),
        themes=("health", "society"),
        keywords=("adult social care", "care packages", "SALT"),
        update_frequency="monthly",
        grants=(
            GrantSpec("Joint Strategic Needs Assessment: modelling demand for care by age and "
                      "ward, aggregate outputs only", _APPROVE_CARE, 365,
                      unit_slug="public-health-intelligence"),
            GrantSpec("Forecasting the cost of care packages for monthly budget monitoring",
                      _APPROVE_CARE, 180, person_email=_email("accountancy", "Senior Accountant")),
        ),
    ),
    _dataset(
        "safeguarding-adults-referrals", "Safeguarding adults referrals",
        "Safeguarding concerns and Section 42 enquiries about adults at risk of abuse or "
        "neglect.",
        publisher="safeguarding-adults",
        steward=_email("safeguarding-adults", "Safeguarding Adults Manager"),
        access="restricted", special_category=True,
        about="""
Every safeguarding concern received, whether it led to a Section 42 enquiry under the Care
Act 2014, the type and location of risk and the outcome. Used for the annual Safeguarding
Adults Collection and by the safeguarding adults board.
""",
        contents=("concern reference and date", "person ID, age band and support needs",
                  "type and source of risk", "enquiry outcome"),
        themes=("health", "society", "crime-and-justice"),
        keywords=("safeguarding", "Section 42", "adults at risk"),
        update_frequency="monthly",
        grants=(
            GrantSpec("Multi-agency reviews of domestic abuse and exploitation cases",
                      _APPROVE_CARE, 180, unit_slug="community-safety"),
            GrantSpec("Identifying safeguarding concerns among households owed a homelessness "
                      "duty", _APPROVE_CARE, 90,
                      person_email=_email("housing-options", "Housing Options Manager")),
        ),
    ),
    _dataset(
        "housing-register-applicants", "Housing register applicants",
        "Households applying for social housing: contact details, household, priority band "
        "and reason.",
        publisher="housing-allocations",
        steward=_email("housing-allocations", "Allocations Manager"),
        access="restricted",
        about="""
The full housing register, one row per application. The open
[housing register summary](/datasets/housing-register-summary/) is built from it.

This demo file is made up: names come from a random generator, emails use `example.com` and
telephone numbers the Ofcom drama range.
""",
        contents=("application reference and registration date",
                  "lead applicant's name, date of birth, email and telephone",
                  "address, ward and current tenure",
                  "household size, bedrooms needed, priority band and reason"),
        themes=("society",),
        keywords=("housing register", "applicants", "allocations"),
        update_frequency="weekly",
        files=(_upload("Housing register applicants, April 2026",
                       "eastmere-housing-register-applicants.csv", "CSV",
                       files.housing_register_applicants_csv),),
        grants=(
            GrantSpec("Housing needs evidence for the Local Plan review", _APPROVE, 365,
                      unit_slug="data-and-insight"),
            GrantSpec("Setting the affordable housing mix on new developments", _APPROVE, 30,
                      person_email=_email("development-management", "Principal Planning Officer")),
        ),
    ),
    _dataset(
        "council-tax-reduction-claimants", "Council tax reduction claimants",
        "Households receiving council tax reduction, with income, household and arrears "
        "details.",
        publisher="revenues-and-benefits",
        steward=_email("revenues-and-benefits", "Revenues and Benefits Manager"),
        access="restricted",
        about="""
Every household receiving a reduction under the council's local council tax reduction
scheme, with the information used to assess it and any council tax arrears.
""",
        contents=("claim reference, name and address", "household composition and income",
                  "reduction awarded and council tax arrears"),
        themes=("government", "society"),
        keywords=("council tax reduction", "benefits", "arrears"),
        update_frequency="monthly",
        grants=(
            GrantSpec("Targeting homelessness prevention support at households in arrears",
                      _APPROVE, 180, unit_slug="housing-options"),
            GrantSpec("Household poverty and health needs assessment", _APPROVE, 14,
                      person_email=_email("public-health-intelligence",
                                          "Consultant in Public Health")),
        ),
    ),
    _dataset(
        "temporary-accommodation-placements", "Temporary accommodation placements",
        "Homeless households placed in temporary accommodation: where, since when, and their "
        "support needs.",
        publisher="housing-options",
        steward=_email("housing-options", "Housing Options Manager"),
        access="restricted", special_category=True,
        about="""
Every placement in bed and breakfast, hostels and other temporary accommodation, with the
household's support needs (including health and disability) and the nightly cost.
""",
        contents=("household reference and lead applicant", "placement address, type and dates",
                  "children in the household and their schools", "support needs and nightly cost"),
        themes=("society", "health"),
        keywords=("homelessness", "temporary accommodation", "B&B"),
        update_frequency="weekly",
        grants=(
            GrantSpec("Housing benefit subsidy claims for temporary accommodation", _APPROVE, 365,
                      unit_slug="revenues-and-benefits"),
            GrantSpec("Finding school places for children placed in temporary accommodation",
                      _APPROVE, 180, person_email=_email("school-admissions", "Admissions Manager")),
        ),
    ),
    _dataset(
        "employee-casework", "Employee casework",
        "Disciplinary, grievance, capability and long-term sickness cases, with outcomes.",
        publisher="hr-and-payroll", steward=_email("hr-and-payroll", "HR Manager"),
        access="restricted", special_category=True,
        about="""
Open and closed employee relations cases. Some cases include health information and trade
union membership, which are special-category data.
""",
        contents=("case reference, employee and manager", "case type, dates and stage",
                  "representation and outcome"),
        themes=("government",),
        keywords=("employee relations", "casework", "HR"),
        update_frequency="monthly",
        grants=(
            GrantSpec("Clerking staff appeal panels", _APPROVE, 90,
                      person_email=_email("democratic-services", "Democratic Services Manager")),
        ),
    ),
)  # fmt: skip

_DRAFT_DATASETS: tuple[DatasetSpec, ...] = (
    _dataset(
        "pay-multiple", "Pay multiple 2025/26",
        "The ratio between the highest paid taxable earnings and the median earnings of the "
        "council's workforce.",
        publisher="hr-and-payroll", steward=_email("hr-and-payroll", "HR Manager"),
        status="draft",
        about="Being prepared for publication with the statement of accounts.",
        contents=("highest paid earnings", "median earnings", "the pay multiple"),
        themes=("government",), keywords=("pay multiple", "transparency code"),
        update_frequency="annual", temporal_start=FY_START, temporal_end=FY_END,
    ),
    _dataset(
        "fly-tipping-incidents", "Fly-tipping incidents",
        "Reports of fly-tipping on public land, with the type of waste and action taken.",
        publisher="waste-and-recycling",
        steward=_email("waste-and-recycling", "Waste Services Manager"),
        status="draft",
        about="Being prepared from the new reporting system before the first release.",
        contents=("date, ward and type of land", "waste type and size", "enforcement action"),
        themes=("environment", "crime-and-justice"), keywords=("fly-tipping", "enforcement"),
        update_frequency="monthly",
    ),
    _dataset(
        "desk-occupancy", "Office desk occupancy",
        "How many desks are booked and used each day at the town hall and civic centre.",
        publisher="estates-and-property",
        steward=_email("estates-and-property", "Asset Management Surveyor"),
        access="internal", status="draft",
        about="From the desk booking system, to inform the office accommodation review.",
        contents=("date and building", "desks booked and desks used"),
        themes=("government",), keywords=("offices", "desk booking", "accommodation"),
        update_frequency="daily",
    ),
)  # fmt: skip

DATASETS: tuple[DatasetSpec, ...] = (
    *_OPEN_DATASETS,
    *_INTERNAL_DATASETS,
    *_RESTRICTED_DATASETS,
    *_DRAFT_DATASETS,
)
