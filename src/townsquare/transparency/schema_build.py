"""How the bundled schemas in `transparency/schemas/` were made from the published ones.

Run once when a source schema changes (the JSON it writes is committed and reviewed):

    python -m townsquare.transparency.schema_build /path/to/reference

The LGA (esd) schemas use XML Schema type URIs and `constraints.required`, and express code
lists as regular expressions; the Local Open Data Incentive ones flag every column required
(meaning "the column must be there") and allow blanks in the pattern. This turns them into
Frictionless Table Schemas with plain types, enums, the header spellings councils use
(`x-aliases`), an example value per field (`x-example`, used by the templates) and a `sources`
list. The judgement calls (which required flags are wrong, which fields are dates) are the
OVERRIDES below; docs/decisions/0036 explains them.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

OUT = Path(__file__).with_name("schemas")
ESD_URL = "https://schemas.opendata.esd.org.uk/"
CODE_URL = "https://www.gov.uk/government/publications/local-government-transparency-code-2015"
LODIS_NOTE = "Local Open Data Incentive Scheme schema (LGA)"
DATE_PATTERN_HINT = "[0-2]\\d|[3][0-1]"  # the esd way of writing dd/mm/yyyy as a pattern

# XML Schema type (the part after #) -> Frictionless type.
XSD_TYPES = {
    "string": "string", "URI": "string", "anyURI": "string", "float": "number",
    "decimal": "number", "int": "integer", "integer": "integer",
    "nonNegativeInteger": "integer", "boolean": "boolean", "dateTime": "date", "date": "date",
}  # fmt: skip
BOOLEAN_PATTERN = "(true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No|NO"
# Fields that hold money: at most two decimals, the LGA form (no £, no thousands separators).
AMOUNT_WORDS = re.compile(
    r"amount|value|cost|salary|salaries|bonus|allowance|compensation|benefits|budget|"
    r"contribution|vat|income|expenditure|surplus|charge|spend|maintenance|spent",
    re.I,
)

EXAMPLES = {
    "OrganisationLabel": "Townsquare Borough Council",
    "OrganisationURI": "http://opendatacommunities.org/id/district-council/townsquare",
    "OrganisationCode": "http://opendatacommunities.org/id/district-council/townsquare",
    "OrganisationalUnit": "Environment and Place",
    "ServiceCategoryLabel": "Highways and transport services",
    "BeneficiaryName": "Acme Road Surfacing Ltd",
    "SupplierName": "Acme Road Surfacing Ltd",
    "CompaniesHouseRegistrationNumber": "01234567",
    "PaymentDate": "15/05/2026",
    "TransactionNumber": "INV-2026-000123",
    "Amount": "1250.00",
    "IrrecoverableVATAmount": "0.00",
    "IrrecoverableVAT": "0.00",
    "Purpose": "Pothole repairs",
    "CardTransaction": "GPC",
    "ContractReference": "CR-2026-014",
    "ContractTitle": "Road surfacing framework",
    "Description": "Resurfacing of residential roads",
    "StartDate": "01/04/2026",
    "EndDate": "31/03/2029",
    "ReviewDate": "01/10/2028",
    "ContractValue": "450000.00",
    "SMESupplier": "Yes",
    "VCSESupplier": "No",
    "ProcessType": "Published invitation to tender",
    "ContractType": "Single award contract",
    "UPRN": "100023336956",
    "AssetCode": "TBC-0042",
    "PropertyName": "Market Hall",
    "PropertyNumber": "12",
    "StreetName": "High Street",
    "PostTown": "Townsquare",
    "PostCode": "TS1 1AA",
    "Postcode": "TS1 1AA",
    "CoordinateReferenceSystem": "OSGB36",
    "GeoX": "530000",
    "GeoY": "180000",
    "TenureType": "Freehold",
    "TenureDetail": "Owner occupied",
    "HoldingType": "Land/Buildings",
    "JobTitle": "Chief Executive",
    "Name": "Alex Smith",
    "Grade": "CE",
    "Service": "Chief Executive's Office",
    "ContactDetails": "chief.executive@townsquare.gov.uk",
    "SalaryBand": "150000",
    "MaximumSalary": "155000",
    "Salary": "152000.00",
    "RemunerationBand": "£50,000 - £54,999",
    "EmployeeCount": "12",
    "Ratio": "6.3",
    "OrganisationType": "DC",
    "CaseReference": "26/00123/FUL",
    "CaseDate": "15/05/2026",
    "ExtractDate": "30/06/2026",
    "LocationText": "Market Square",
    "Category": "Unisex",
    "AccessibleCategory": "Unisex",
    "ChargeAmount": "0.20",
    "Status": "Pending",
    "PremisesName": "The Crown",
    "Level": "1",
}
TEXT_EXAMPLE = "Example"

# Per schema: esd source file, title, description, and the judgement calls.
SPEND_FIELDS_DROP = {"VCSEGrant"}
OVERRIDES: dict[str, dict] = {
    "spend": {
        "source": "Spend.json",
        "title": "Expenditure over £500",
        "description": "Each individual item of expenditure over £500 (salaries excluded), "
        "published quarterly under the Local Government Transparency Code 2015.",
        "drop": {"VCSEGrant", "CardTransaction"},
        # The Code asks for a transaction number so lines can be told apart across periods.
        "required": {"TransactionNumber": True},
        "period_field": "PaymentDate",
        "unique_across_periods": "TransactionNumber",
    },
    "procurement-card": {
        "source": "Spend.json",
        "title": "Government procurement card transactions",
        "description": "Every transaction on a government procurement card (no threshold), "
        "published quarterly. The LGA spend schema with CardTransaction set to GPC.",
        "drop": {"VCSEGrant"},
        "required": {"TransactionNumber": True, "CardTransaction": False},
        "period_field": "PaymentDate",
        "unique_across_periods": "TransactionNumber",
    },
    "grants": {
        "source": "Spend.json",
        "title": "Grants to voluntary, community and social enterprise organisations",
        "description": "Grants to VCSE organisations, published annually: the LGA spend schema "
        "with the VCSE grant flag, plus the period the grant covers that the Code asks for.",
        "keep": {
            "OrganisationLabel",
            "OrganisationURI",
            "OrganisationalUnit",
            "BeneficiaryName",
            "BeneficiaryOtherID",
            "CompaniesHouseRegistrationNumber",
            "CharityCommissionNumber",
            "VCSEGrant",
            "PaymentDate",
            "TransactionNumber",
            "Amount",
            "Purpose",
        },  # fmt: skip
        "required": {"IrrecoverableVATAmount": False},
        "titles": {"PaymentDate": "Date awarded", "Amount": "Amount awarded"},
        "add": [
            {
                "name": "GrantPeriod",
                "title": "Period of the grant",
                "type": "string",
                "description": "The time period for which the grant has been given (the Code).",
                "x-example": "April 2026 to March 2027",
            },
        ],  # fmt: skip
        "period_field": "PaymentDate",
    },
    "contracts": {
        "source": "Contracts.json",
        "title": "Contracts and tenders over £5,000",
        "description": "Invitations to tender and contracts over £5,000, published quarterly.",
        # A supplier without a charity number cannot give one; only some have a company number.
        "required": {"CharityCommissionNumber": False, "ReviewDate": False},
        "unique": "ContractReference",
    },
    "land": {
        "source": "Land_and_building.json",
        "title": "Local authority land and buildings",
        "description": "Land and building assets, published annually.",
        "types": {"UPRN": "string"},
        "unique": "AssetCode",
        # Land has no street number; easting/northing may be withheld for sensitive sites.
        "required": {"PropertyNumber": False},
    },
    "organisation-chart": {
        "source": "Organisation_structure.json",
        "title": "Organisation chart",
        "description": "The top three levels of the organisation, published annually.",
        "names": {"Job number": "JobNumber"},
        # Names are needed only above £150,000 (senior-salaries); a vacant post has none.
        "required": {"Name": False},
    },
    "senior-salaries": {
        "source": "Senior_employees.json",
        "title": "Senior salaries",
        "description": "Senior employees paid £50,000 or more, published annually.",
        # Zero is an answer; a blank for "none" is common and allowed.
        "required": {
            "Bonuses": False,
            "ExpenseAllowances": False,
            "LossofPostCompensation": False,
            "BenefitsinKind": False,
            "BonusDetails": False,
            "BenefitsDetails": False,
        },  # fmt: skip
    },
    "senior-salary-count": {
        "source": "Count_of_senior_salaries.json",
        "title": "Count of senior salaries",
        "description": "The number of employees paid £50,000 or more, in £5,000 bands.",
        "types": {"EmployeeCount": "integer"},
    },
    "pay-multiple": {
        "source": "Pay_multiples_LGTC.json",
        "extra_source": "pay_multiples.json",
        "title": "Pay multiple",
        "description": "The ratio between the highest taxable earnings and the median.",
    },
    "fraud": {
        "source": "Counter_fraud_activities_LGTC.json",
        "extra_source": "fraud.json",
        "title": "Fraud",
        "description": "Counter-fraud work, published annually.",
    },
    "trade-union-facility-time": {
        "source": "Trade_union_facility_time_LGTC.json",
        "extra_source": "trade_union_facility_time.json",
        "title": "Trade union facility time",
        "description": "Trade union representatives and the time and money spent on their "
        "duties, published annually.",
    },
    "planning-applications": {
        "source": "PlanningApplications.json",
        "title": "Planning applications",
        "description": "Planning applications (Local Open Data Incentive Scheme).",
        "lodis": {
            "CaseReference",
            "CaseDate",
            "ExtractDate",
            "OrganisationLabel",
            "ServiceTypeLabel",
            "LocationText",
            "Status",
        },  # fmt: skip
        "unique": "CaseReference",
    },
    "premises-licences": {
        "source": "PremisesLicences.json",
        "title": "Premises licences",
        "description": "Premises licences (Local Open Data Incentive Scheme).",
        "lodis": {
            "ExtractDate",
            "OrganisationLabel",
            "PremisesName",
            "LocationText",
            "ServiceTypeLabel",
        },  # fmt: skip
    },
    "public-toilets": {
        "source": "PublicToilets.json",
        "title": "Public toilets",
        "description": "Public toilets (Local Open Data Incentive Scheme).",
        "lodis": {"ExtractDate", "OrganisationLabel", "LocationText", "Category"},
    },
}

# Header spellings seen in councils' files, beyond each field's name and title.
ALIASES: dict[str, list[str]] = {
    "OrganisationLabel": ["Body Name", "Organisation", "Council", "Authority"],
    "OrganisationURI": ["Body", "Organisation URI", "Organisation Code"],
    "OrganisationCode": ["Organisation URI"],
    "OrganisationalUnit": ["Directorate", "Department", "Service Area", "Service", "Cost Centre Directorate", "Expenditure Area"],
    "ServiceCategoryLabel": ["Service Category", "Service Division", "Service Label"],
    "BeneficiaryName": ["Supplier Name", "Supplier", "Beneficiary", "Payee", "Payee Name", "Vendor Name", "Vendor", "Merchant Name", "Merchant", "Recipient"],
    "BeneficiaryOtherID": ["Supplier ID", "Supplier Reference", "Supplier Number", "Vendor ID", "Supplier Code"],
    "CompaniesHouseRegistrationNumber": ["Company Number", "Companies House Number", "Company Registration Number"],
    "CharityCommissionNumber": ["Charity Number", "Charity Registration Number", "Registered Charity Number"],
    "PaymentDate": ["Date Paid", "Payment Date", "Date of Payment", "Transaction Date", "Invoice Date", "Paid Date", "Date Incurred", "Date"],
    "TransactionNumber": ["Transaction No", "Transaction No.", "Transaction Number", "Transaction ID", "Trans No", "Invoice Number", "Invoice No", "Payment Reference", "Document Number", "Reference", "Ref"],
    "Amount": ["Net Amount", "Amount", "Net", "Value", "Amount Paid", "Net Value", "Amount (£)", "Total", "Transaction Amount"],
    "IrrecoverableVATAmount": ["Irrecoverable VAT", "VAT Irrecoverable", "Non-recoverable VAT", "Irrecoverable VAT Amount"],
    "IrrecoverableVAT": ["Irrecoverable VAT Amount", "Non-recoverable VAT"],
    "Purpose": ["Expense Type", "Description", "Purpose of Expenditure", "Expenditure Category", "Expense Description", "Summary of Purpose", "Narrative"],
    "CategoryInternalName": ["Expense Category", "Category", "Procurement Category", "Merchant Category"],
    "CPVCode": ["CPV Code", "CPV"],
    "ProclassCode": ["Proclass Code", "Proclass"],
    "CardTransaction": ["Card Type", "Card Transaction"],
    "ContractRef": ["Contract Reference", "Contract Ref"],
    "ContractReference": ["Contract Ref", "Reference Number", "Contract ID", "Contract Number", "Reference"],
    "ContractTitle": ["Title", "Contract Title", "Contract Name"],
    "Description": ["Contract Description", "Goods and Services"],
    "StartDate": ["Start Date", "Contract Start", "Contract Start Date"],
    "EndDate": ["End Date", "Contract End", "Contract End Date"],
    "ReviewDate": ["Review Date", "Contract Review Date"],
    "ContractValue": ["Value", "Contract Value", "Total Contract Value", "Estimated Value", "Annual Value"],
    "SupplierName": ["Supplier", "Supplier Name", "Contractor", "Provider"],
    "SMESupplier": ["SME", "Is SME", "SME (Y/N)"],
    "VCSESupplier": ["VCSE", "Is VCSE", "VCSE (Y/N)", "Voluntary Sector"],
    "ProcessType": ["Tender Type", "Procurement Process", "Procurement Route"],
    "UPRN": ["Unique Property Reference Number", "Property Reference"],
    "AssetCode": ["Asset ID", "Asset Reference", "Asset Number", "Unique Asset ID"],
    "PropertyName": ["Property Name", "Asset Name", "Building Name", "Site Name"],
    "PropertyNumber": ["Street Number", "House Number", "Number"],
    "StreetName": ["Street", "Street Name", "Road"],
    "PostTown": ["Town", "Post Town"],
    "PostCode": ["Postcode", "Post Code"],
    "Postcode": ["Post Code", "PostCode"],
    "GeoX": ["Easting", "Longitude", "X"],
    "GeoY": ["Northing", "Latitude", "Y"],
    "TenureType": ["Tenure"],
    "JobTitle": ["Job Title", "Post Title", "Position"],
    "Name": ["Employee Name", "Post Holder"],
    "SalaryBand": ["Salary Range", "Pay Band", "Salary Floor"],
    "MaximumSalary": ["Salary Ceiling", "Maximum Salary"],
    "Salary": ["Salary", "Annual Salary", "Basic Salary"],
    "EmployeeCount": ["Number of Employees", "Count", "Headcount"],
    "RemunerationBand": ["Salary Band", "Pay Band", "Band"],
    "CaseReference": ["Application Number", "Application Reference", "Reference", "Licence Number"],
    "CaseDate": ["Date Received", "Valid Date", "Application Date"],
}  # fmt: skip


def _load_lenient(path: Path) -> dict:
    """Some published schemas have invalid JSON escapes (`\\.` in a pattern) and raw tabs."""
    text = path.read_text(encoding="utf-8")
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        fixed = re.sub(r"\\(.)", lambda m: m[0] if m[1] in '"\\/bfnrtu' else "\\\\" + m[1], text)
        return json.loads(fixed, strict=False)


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _is_amount(words: str) -> bool:
    # "Relative estimate spending" is a percentage of the pay bill, not money.
    return bool(AMOUNT_WORDS.search(words)) and not re.search(
        r"\b(relative|percent|percentage|ratio)\b", words, re.I
    )


def _enum(pattern: str) -> tuple[list[str], bool]:
    """'(A|B|)' -> (['A', 'B'], True): the values, and whether a blank is allowed."""
    inner = pattern.strip().removeprefix("(").removesuffix(")")
    values = [v.strip() for v in inner.split("|")]
    blank = "" in values
    return list(dict.fromkeys(v for v in values if v)), blank


def _field(raw: dict, spec: dict, lodis: bool) -> dict:
    c = raw.get("constraints") or {}
    name = spec.get("names", {}).get(raw["name"], raw["name"])
    xsd = str(c.get("type", "")).rsplit("#", 1)[-1]
    kind = spec.get("types", {}).get(name) or XSD_TYPES.get(xsd, "string")
    pattern = str(c.get("pattern", ""))
    constraints: dict = {}
    field: dict = {"name": name, "title": raw.get("title") or name}
    if raw.get("description"):
        field["description"] = raw["description"]
    if DATE_PATTERN_HINT in pattern:
        kind = "date"
    elif pattern.startswith(BOOLEAN_PATTERN):
        kind = "boolean"
    elif pattern and "@" in pattern:
        field["format"] = "email"
    elif pattern.startswith("(") and "[" not in pattern:
        constraints["enum"], _ = _enum(pattern)
    elif pattern:
        constraints["pattern"] = pattern.strip("()").removesuffix("|")
    if name == "UPRN":
        kind, constraints["pattern"] = "string", r"\d{1,12}"
    field["type"] = kind
    if kind == "date":
        field["format"] = "%d/%m/%Y"
    elif kind == "number" and _is_amount(name + " " + field["title"]):
        field["x-amount"] = True
    if xsd in ("URI", "anyURI"):
        field["format"] = "uri"
    required = bool(c.get("required")) and c.get("required") != "false"
    if lodis:
        # LODIS flags every column "required": the column must be there, a value may be blank.
        field["x-column-required"] = True
        required = name in spec["lodis"]
    required = spec.get("required", {}).get(name, required)
    if required:
        constraints["required"] = True
        field["x-column-required"] = True
    if spec.get("unique") == name:
        constraints["unique"] = True
    if constraints:
        field["constraints"] = constraints
    aliases = [
        a for a in ALIASES.get(name, []) if _norm(a) not in {_norm(name), _norm(field["title"])}
    ]
    if aliases:
        field["x-aliases"] = aliases
    field["x-example"] = _example(field)
    return field


def _example(field: dict) -> str:
    enum = (field.get("constraints") or {}).get("enum")
    if field["name"] in EXAMPLES and (not enum or EXAMPLES[field["name"]] in enum):
        return EXAMPLES[field["name"]]
    if "postcode" in field["name"].lower():
        return "TS1 1AA"
    if field.get("format") == "email":
        return "enquiries@townsquare.gov.uk"
    if enum:
        return enum[0]
    return {"date": "01/04/2026", "boolean": "No", "integer": "1",
            "number": "100.00" if field.get("x-amount") else "1"}.get(
        field["type"], "https://example.org/" if field.get("format") == "uri" else TEXT_EXAMPLE
    )  # fmt: skip


def build(key: str, reference: Path) -> dict:
    spec = OVERRIDES[key]
    esd = reference / "esd-schemas" / spec["source"]
    raw = _load_lenient(esd)
    lodis = "lodis" in spec
    fields = []
    for f in raw["fields"]:
        if f["name"] in spec.get("drop", ()) or ("keep" in spec and f["name"] not in spec["keep"]):
            continue
        field = _field(f, spec, lodis)
        if field["name"] in spec.get("titles", {}):
            field["title"] = spec["titles"][field["name"]]
        fields.append(field)
    sources = [{"title": f"LGA schema ({spec['source'].removesuffix('.json')})",
                "path": f"reference/esd-schemas/{spec['source']}",
                "url": ESD_URL}]  # fmt: skip
    if lodis:
        sources[0]["title"] = f"{LODIS_NOTE}: {spec['title']}"
    if "extra_source" in spec:
        _merge_datagovuk(fields, reference / "datagovuk-schemas" / spec["extra_source"])
        sources.append({"title": f"data.gov.uk schema ({spec['extra_source']})",
                        "path": f"reference/datagovuk-schemas/{spec['extra_source']}",
                        "url": "https://github.com/datagovuk/schemas"})  # fmt: skip
    for extra in spec.get("add", []):
        fields.append(extra)
    sources.append({"title": "Local Government Transparency Code 2015", "url": CODE_URL})
    schema = {
        "name": key,
        "title": spec["title"],
        "description": spec["description"],
        "sources": sources,
        "missingValues": [""],
        "fields": fields,
    }
    if spec.get("period_field"):
        schema["x-period-field"] = spec["period_field"]
    if spec.get("unique_across_periods"):
        schema["x-unique-across-periods"] = spec["unique_across_periods"]
        schema["primaryKey"] = spec["unique_across_periods"]
    return schema


def _merge_datagovuk(fields: list[dict], path: Path) -> None:
    """Descriptions (and optional fields the LGA schema lacks) from the data.gov.uk schema."""
    other = json.loads(path.read_text(encoding="utf-8"))["fields"]
    by_title = {_norm(f["title"]): f for f in fields}
    by_title.update({_norm(f["name"]): f for f in fields})
    for o in other:
        mine = by_title.get(_norm(o["name"]))
        description = (o.get("description") or "").replace("\ufffc", "").strip()
        if mine is not None:
            if description and not mine.get("description"):
                mine["description"] = description
            continue
        kind = o.get("type") or "string"
        name = re.sub(r"[^A-Za-z0-9]", "", o["name"].title())
        field = {"name": name, "title": o["name"], "description": description,
                 "type": "date" if kind == "date" else kind}  # fmt: skip
        if kind == "date":
            field["format"] = "%d/%m/%Y"
        if kind == "number" and _is_amount(o["name"]):
            field["x-amount"] = True
        if "salary" in o["name"].lower():
            field["type"], field["x-amount"] = "number", True
        field["x-example"] = _example(field)
        fields.append(field)


def parking() -> dict[str, dict]:
    """Parking account and parking spaces have no published schema: the Code's fields."""
    code = {"title": "Local Government Transparency Code 2015 (parking)", "url": CODE_URL}
    account = [
        ("FinancialYear", "Financial year", "string", "The year the account covers, e.g. 2025/26.", "2025/26", True),
        ("OnStreetIncome", "On-street parking income", "amount", "Income from on-street parking charges.", "1250000.00", True),
        ("OffStreetIncome", "Off-street parking income", "amount", "Income from off-street (car park) charges.", "2100000.00", True),
        ("PenaltyChargeIncome", "Penalty charge notice income", "amount", "Income from penalty charge notices.", "640000.00", True),
        ("Expenditure", "Parking expenditure", "amount", "What was spent on parking services.", "2900000.00", True),
        ("Surplus", "Surplus or deficit", "amount", "Income less expenditure (a deficit with a leading minus).", "1090000.00", True),
        ("SurplusSpentOn", "How the surplus was spent", "string", "Breakdown of how any surplus was spent (for example on transport projects).", "Bus subsidies and road maintenance", True),
    ]  # fmt: skip
    spaces = [
        ("FinancialYear", "Financial year", "string", "The year the count is for, e.g. 2025/26.", "2025/26", True),
        ("OnStreetSpaces", "Controlled on-street spaces", "integer", "Number of marked out controlled on-street parking spaces.", "3200", True),
        ("OffStreetSpaces", "Off-street spaces", "integer", "Number of off-street parking spaces (car parks) the authority controls.", "4100", True),
        ("OnStreetFreeSpaces", "Free on-street spaces", "integer", "Recommended: the free part of the on-street count.", "900", False),
        ("OnStreetChargedSpaces", "Charged on-street spaces", "integer", "Recommended: the charged part of the on-street count.", "2300", False),
        ("OffStreetFreeSpaces", "Free off-street spaces", "integer", "Recommended: the free part of the off-street count.", "300", False),
        ("OffStreetChargedSpaces", "Charged off-street spaces", "integer", "Recommended: the charged part of the off-street count.", "3800", False),
    ]  # fmt: skip
    out = {}
    for key, title, description, rows in (
        ("parking-account", "Parking account", "Income and expenditure on parking, and how any surplus was spent (annual).", account),
        ("parking-spaces", "Parking spaces", "Controlled on-street and off-street parking spaces (annual).", spaces),
    ):  # fmt: skip
        fields = []
        for name, ftitle, kind, fdescription, example, required in rows:
            f = {"name": name, "title": ftitle, "type": "number" if kind == "amount" else kind,
                 "description": fdescription}  # fmt: skip
            if kind == "amount":
                f["x-amount"] = True
            if required:
                f["constraints"] = {"required": True}
                f["x-column-required"] = True
            f["x-example"] = example
            fields.append(f)
        out[key] = {"name": key, "title": title, "description": description,
                    "sources": [code], "missingValues": [""], "fields": fields}  # fmt: skip
    return out


def grants_360(reference: Path) -> dict:
    """The 360Giving flat (spreadsheet) layout: its column titles are what files carry."""
    rows = [
        ("Identifier", "id", "string", True, "360G-townsquare-2026-001"),
        ("Title", "title", "string", True, "Community transport grant"),
        ("Description", "description", "string", True, "Running costs of a volunteer driver scheme"),
        ("Currency", "currency", "string", True, "GBP"),
        ("Amount Awarded", "amountAwarded", "amount", True, "15000.00"),
        ("Award Date", "awardDate", "date", True, "15/05/2026"),
        ("Recipient Org:Identifier", "recipientOrganization/0/id", "string", True, "GB-CHC-1234567"),
        ("Recipient Org:Name", "recipientOrganization/0/name", "string", True, "Townsquare Community Transport"),
        ("Recipient Org:Charity Number", "recipientOrganization/0/charityNumber", "string", False, "1234567"),
        ("Recipient Org:Company Number", "recipientOrganization/0/companyNumber", "string", False, ""),
        ("Recipient Org:Postal Code", "recipientOrganization/0/postalCode", "string", False, "TS1 1AA"),
        ("Funding Org:Identifier", "fundingOrganization/0/id", "string", True, "GB-LAE-TSQ"),
        ("Funding Org:Name", "fundingOrganization/0/name", "string", True, "Townsquare Borough Council"),
        ("Grant Programme:Title", "grantProgramme/0/title", "string", False, "Community grants 2026/27"),
        ("Planned Dates:Start Date", "plannedDates/0/startDate", "date", False, "01/06/2026"),
        ("Planned Dates:End Date", "plannedDates/0/endDate", "date", False, "31/05/2027"),
        ("Planned Dates:Duration (months)", "plannedDates/0/duration", "integer", False, "12"),
        ("Beneficiary Location:Name", "beneficiaryLocation/0/name", "string", False, "Townsquare"),
        ("Last Modified", "dateModified", "string", True, "2026-06-30T12:00:00+00:00"),
        ("Data Source", "dataSource", "string", False, ""),
        ("URL", "url", "string", False, ""),
    ]  # fmt: skip
    source = _load_lenient(reference / "360giving" / "360-giving-schema.json")
    props = source.get("properties", {})
    fields = []
    for title, path, kind, required, example in rows:
        top = props.get(path.split("/")[0], {})
        f = {"name": title, "title": title, "type": "number" if kind == "amount" else kind,
             "description": (top.get("description") or "").strip()}  # fmt: skip
        if kind == "amount":
            f["x-amount"] = True
        if kind == "date":
            f["format"] = "%Y-%m-%d"
        if path != title:
            f["x-aliases"] = [path]
        if required:
            f["constraints"] = {"required": True}
            f["x-column-required"] = True
        if title == "Identifier":
            f.setdefault("constraints", {})["unique"] = True
        f["x-example"] = example
        fields.append(f)
    return {
        "name": "grants-360giving",
        "title": "Grants (360Giving Data Standard)",
        "description": "Grants in the 360Giving flat spreadsheet layout, an alternative to "
        "the LGA grants schema that 360Giving's GrantNav can read.",
        "sources": [
            {
                "title": "360Giving Data Standard schema",
                "path": "reference/360giving/360-giving-schema.json",
                "url": "https://standard.threesixtygiving.org/",
            },
            {"title": "Local Government Transparency Code 2015", "url": CODE_URL},
        ],  # fmt: skip
        "missingValues": [""],
        "fields": fields,
        "x-period-field": "Award Date",
    }


def main(reference: Path) -> None:
    schemas = {key: build(key, reference) for key in OVERRIDES}
    schemas.update(parking())
    schemas["grants-360giving"] = grants_360(reference)
    OUT.mkdir(exist_ok=True)
    for key, schema in schemas.items():
        text = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
        (OUT / f"{key}.json").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
