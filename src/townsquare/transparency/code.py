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


CODE_DATASETS: list[CodeDataset] = [
    CodeDataset("spend", "Expenditure over £500", "quarterly", schema="spend"),
    CodeDataset(
        "procurement-card",
        "Government procurement card transactions",
        "quarterly",
        schema="procurement-card",
    ),
    CodeDataset("contracts", "Contracts and tenders over £5,000", "quarterly", schema="contracts"),
    CodeDataset("land", "Local authority land and buildings", "annual", schema="land"),
    CodeDataset(
        "grants",
        "Grants to voluntary, community and social enterprise organisations",
        "annual",
        schema="grants",
    ),
    CodeDataset("organisation-chart", "Organisation chart", "annual", schema="organisation-chart"),
    CodeDataset("senior-salaries", "Senior salaries", "annual", schema="senior-salaries"),
    CodeDataset(
        "senior-salary-count", "Count of senior salaries", "annual", schema="senior-salary-count"
    ),
    CodeDataset("pay-multiple", "Pay multiple", "annual", schema="pay-multiple"),
    CodeDataset("fraud", "Fraud", "annual", schema="fraud"),
    CodeDataset(
        "trade-union-facility-time",
        "Trade union facility time",
        "annual",
        schema="trade-union-facility-time",
    ),
    CodeDataset("parking-account", "Parking account", "annual", schema="parking-account"),
    CodeDataset("parking-spaces", "Parking spaces", "annual", schema="parking-spaces"),
    CodeDataset(
        "planning-applications",
        "Planning applications",
        "quarterly",
        required=False,
        schema="planning-applications",
    ),
    CodeDataset(
        "premises-licences",
        "Premises licences",
        "quarterly",
        required=False,
        schema="premises-licences",
    ),
    CodeDataset(
        "public-toilets", "Public toilets", "annual", required=False, schema="public-toilets"
    ),
]

BY_KEY = {item.key: item for item in CODE_DATASETS}
