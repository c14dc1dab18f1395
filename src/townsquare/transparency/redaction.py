"""Spend lines that name an individual: a sole trader or a person paid directly. Their names
are personal data, which the Open Government Licence does not cover, so the Code's practice
is to publish "Redacted – personal data" in their place.

Pure functions over text: a value looks like an individual when it starts with a title
(Mr, Mrs, Dr …), says it is someone trading as a business ("J Smith t/a Smith Plumbing"), or
has the shape of a personal name (two or three capitalised words, or an initial and a
surname) with no word that marks an organisation (Ltd, Council, Trust, Services …). The
personal-data scanner of governance (a name's shape, an email address, a phone number) is
asked too, so the two never disagree about what a name looks like.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from townsquare.governance.personal_data import NAME, scan_column

REDACTED = "Redacted – personal data"

# The schema fields that name who was paid (spend, procurement card, grants, contracts).
_PAYEE_FIELD = re.compile(
    r"^(beneficiary|supplier|recipient|payee|merchant|vendor)[\s_:-]*(org[\s_:-]*)?name$|"
    r"^(beneficiary|supplier|recipient|payee|merchant|vendor)$",
    re.I,
)
_TITLES = re.compile(
    r"^\s*(mr|mrs|ms|miss|mx|dr|prof|professor|rev|revd|sir|dame|lady|lord)\b\.?\s+\S", re.I
)
_TRADING_AS = re.compile(r"\b(t/a|trading\s+as)\b", re.I)
_INITIAL_SURNAME = re.compile(r"^\s*([A-Z]\.?\s+){1,2}[A-Z][a-z'’-]+\s*$")
# Words that say the payee is an organisation, not a person.
_ORGANISATION = re.compile(
    r"\b(ltd|limited|plc|llp|llc|inc|cic|cio|co|company|corporation|council|councils|trust|"
    r"trustees|association|services?|group|partnership|partners|society|club|charity|"
    r"foundation|school|college|university|academy|church|centre|center|agency|authority|"
    r"board|department|nhs|hospital|housing|solutions|systems|consulting|consultants?|"
    r"supplies|motors|construction|builders|cars|taxis?|travel|transport|hotel|care|homes|"
    r"nursery|bank|insurance|energy|water|office|ministry|police|fire|federation|union|"
    r"institute|network|international|uk|gb|enterprises|holdings|industries|products|"
    r"technologies|technology|media|design|print|printing|catering|cleaning|security|"
    r"training|electrical|plumbing|engineering|environmental|management|properties|estates|"
    r"developments|associates|garage|stores|shop|pharmacy|surgery|practice|clinic|"
    r"commissioner|fund|committee|parish|county|borough|district|city|government|hmrc|"
    r"direct|online|events|leisure|sports?|theatre|museum|library|project|projects|"
    r"community|communities|church|mosque|temple|the)\b|&|\+|@|\d",
    re.I,
)


def payee_columns(fields: Sequence[dict]) -> list[str]:
    """Names of the schema's fields that say who was paid (e.g. BeneficiaryName)."""
    return [f["name"] for f in fields if _PAYEE_FIELD.match(f.get("name", ""))]


def is_redacted(value: str) -> bool:
    return value.strip().lower().startswith("redacted")


def looks_like_individual(value: str) -> bool:
    """Does this payee look like a person rather than an organisation?"""
    text = (value or "").strip()
    if not text or is_redacted(text):
        return False
    if _TITLES.match(text) or _TRADING_AS.search(text):
        return True
    # Finance systems often export names in capitals: judge "JOHN SMITH" as "John Smith".
    shaped = text.title() if text.isupper() else text
    findings = scan_column("name", [shaped])
    if any(f.kind != NAME for f in findings):  # an email address, a phone number …
        return True
    if _ORGANISATION.search(text):
        return False
    return bool(_INITIAL_SURNAME.match(shaped)) or any(f.examples for f in findings)


def flag_individuals(values: Iterable[str], *, first_row: int = 2) -> list[dict]:
    """Each value that looks like an individual, with its row in the file (the first value
    being on `first_row`, after the heading)."""
    return [
        {"row": n, "value": v}
        for n, v in enumerate(values, start=first_row)
        if looks_like_individual(v)
    ]
