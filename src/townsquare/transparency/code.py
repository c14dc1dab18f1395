"""What the Local Government Transparency Code (2015) asks of a council in England.

One entry per Code dataset: its key (also the bundled schema's key where one exists), title,
how often it is published, and whether the Code requires it or it is a Local Open Data
Incentive dataset. Deadlines: one month after the period ends (REQUIREMENTS.md §1).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CodeDataset:
    key: str
    title: str
    frequency: str  # "monthly" | "quarterly" | "annual"
    required: bool = True  # False: a Local Open Data Incentive dataset
    schema: str = ""  # the bundled schema's key; blank where the Code gives no schema


QUARTERLY, ANNUAL = "quarterly", "annual"
CODE = True  # the Code requires it
INCENTIVE = False  # a Local Open Data Incentive dataset

# (key, title, frequency, required): each has the bundled schema of the same key.
_TABLE: tuple[tuple[str, str, str, bool], ...] = (
    ("spend", "Expenditure over £500", QUARTERLY, CODE),
    ("procurement-card", "Government procurement card transactions", QUARTERLY, CODE),
    ("contracts", "Contracts and tenders over £5,000", QUARTERLY, CODE),
    ("land", "Local authority land and buildings", ANNUAL, CODE),
    ("grants", "Grants to voluntary, community and social enterprise organisations", ANNUAL, CODE),
    ("organisation-chart", "Organisation chart", ANNUAL, CODE),
    ("senior-salaries", "Senior salaries", ANNUAL, CODE),
    ("senior-salary-count", "Count of senior salaries", ANNUAL, CODE),
    ("pay-multiple", "Pay multiple", ANNUAL, CODE),
    ("fraud", "Fraud", ANNUAL, CODE),
    ("trade-union-facility-time", "Trade union facility time", ANNUAL, CODE),
    ("parking-account", "Parking account", ANNUAL, CODE),
    ("parking-spaces", "Parking spaces", ANNUAL, CODE),
    ("planning-applications", "Planning applications", QUARTERLY, INCENTIVE),
    ("premises-licences", "Premises licences", QUARTERLY, INCENTIVE),
    ("public-toilets", "Public toilets", ANNUAL, INCENTIVE),
)


def _with_schema(key: str, title: str, frequency: str, required: bool) -> CodeDataset:
    return CodeDataset(key, title, frequency, required=required, schema=key)


CODE_DATASETS: list[CodeDataset] = [_with_schema(*row) for row in _TABLE]

BY_KEY = {item.key: item for item in CODE_DATASETS}
