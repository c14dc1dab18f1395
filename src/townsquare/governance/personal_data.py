"""Finding personal data in a table before it is published.

Pure functions over a column's header and values: no database, no files. The datastore calls
`scan_table` on every ingest and stores the result through `governance.api.record_scan`.

A finding names the column, the kind of personal data, how many values matched and a few
masked examples, so a publisher can see what to remove without the page repeating the data.

Email addresses and phone numbers on the council's list of service contacts (a team mailbox,
a switchboard: `ServiceContacts`, kept by administrators, decision 0042) are not personal data
and are not counted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from functools import partial

# How many values of a column to look at, and how many masked examples to keep.
SAMPLE_LIMIT = 5000
EXAMPLE_LIMIT = 3
# A column counts as holding a kind of value when at least this share of its non-empty values
# match (and at least one does): stray matches in free text still count, with their number.
MIN_MATCHES = 1

NHS_NUMBER = "nhs_number"
NI_NUMBER = "ni_number"
EMAIL = "email"
PHONE = "phone"
POSTCODE_WITH_BIRTH_DATE = "postcode_with_date_of_birth"
DATE_OF_BIRTH = "date_of_birth"
NAME = "name"
SPECIAL_CATEGORY = "special_category"

LABELS = {
    NHS_NUMBER: "NHS numbers",
    NI_NUMBER: "National Insurance numbers",
    EMAIL: "Email addresses",
    PHONE: "UK phone numbers",
    POSTCODE_WITH_BIRTH_DATE: "Postcodes in a table with dates of birth",
    DATE_OF_BIRTH: "Dates of birth",
    NAME: "People's names",
    SPECIAL_CATEGORY: "A special category of personal data (UK GDPR Article 9)",
}

_NHS = re.compile(r"(?<!\d)(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?!\d)")
# HMRC: first letter not D F I Q U V; second not D F I O Q U V; and some pairs never issued.
_NI = re.compile(
    r"(?<![A-Z])([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z])\s?(\d{2})\s?(\d{2})\s?(\d{2})\s?([A-D])(?![A-Z])",
    re.I,
)
_NI_NEVER_ISSUED = {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}
_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+", re.U)
# UK numbers: +44 or 0, then 9 or 10 digits, with spaces, dashes or brackets between.
_PHONE = re.compile(r"(?<![\w+])(?:\+44\s?\(?0?\)?|\(?0)(?:[\s()-]*\d){9,10}(?!\d)")
_POSTCODE = re.compile(r"\b([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})\b", re.I)
_DOB_HEADER = re.compile(r"\b(dob|d\.o\.b|date[\s_-]*of[\s_-]*birth|birth[\s_-]*date|born)\b", re.I)
_DATE = re.compile(r"^\s*(\d{1,2}[/.-]\d{1,2}[/.-](19|20)\d{2}|(19|20)\d{2}-\d{2}-\d{2})\s*$")
_NAME_HEADER = re.compile(
    r"\b(first|last|given|family|full|sur|fore|middle|maiden|person'?s?|client|resident|"
    r"patient|tenant|applicant|claimant|pupil|child'?s?)[\s_-]*names?\b|^\s*(name|surname|forename)s?\s*$",
    re.I,
)
# Two or three capitalised words: "Ada Lovelace", "Mary Ann Evans".
_NAME_VALUE = re.compile(r"^\s*[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){1,2}\s*$")
_SPECIAL_WORDS = re.compile(
    r"\b(health|medical|diagnos\w*|condition|illness|disabilit\w*|disabled|ethnic\w*|race|"
    r"racial|religio\w*|faith|belief|sexual\w*|sex[\s_-]*life|gender[\s_-]*identity|"
    r"trade[\s_-]*union|union[\s_-]*member\w*|political|genetic|biometric|mental|"
    r"safeguarding|pregnan\w*)\b",
    re.I,
)


@dataclass(frozen=True)
class Finding:
    column: str
    kind: str
    count: int
    examples: tuple[str, ...] = field(default_factory=tuple)

    @property
    def label(self) -> str:
        return LABELS[self.kind]

    def as_dict(self) -> dict:
        return {**asdict(self), "examples": list(self.examples)}


@dataclass(frozen=True)
class ServiceContacts:
    """Organisational contacts the scan ignores, in the form `contact_key` gives: email
    addresses in lower case, UK phone numbers as their national digits without the 0."""

    emails: frozenset[str] = frozenset()
    phones: frozenset[str] = frozenset()


NO_SERVICE_CONTACTS = ServiceContacts()


def contact_key(value: str) -> tuple[str, str] | None:
    """How the scan compares a contact: ("email", "team@council.example") or ("phone",
    "1632960000"); None unless the whole value is one email address or one UK phone number
    that the scan would find."""
    value = value.strip()
    if _EMAIL.fullmatch(value):
        return EMAIL, value.lower()
    found = _PHONE.fullmatch(value)
    if found and _national_phone(found.group(0)):
        return PHONE, _national_phone(found.group(0))
    return None


def _national_phone(number: str) -> str:
    """The digits after the 0 of a UK number (from +44 or 0…), or "" if it is not one."""
    digits = re.sub(r"\D", "", number)
    national = (digits[2:] if digits.startswith("44") else digits).lstrip("0")
    # UK geographic, mobile and non-geographic numbers start 1, 2, 3, 7, 8 after the 0.
    return national if len(national) in (9, 10) and national[0] in "12378" else ""


def nhs_number_valid(digits: str) -> bool:
    """The NHS number modulus 11 check: weights 10..2 over the first nine digits."""
    digits = re.sub(r"[ -]", "", digits)
    if len(digits) != 10 or not digits.isdigit() or len(set(digits)) == 1:
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def ni_number_valid(value: str) -> bool:
    found = _NI.fullmatch(value.strip())
    return bool(found) and found.group(1).upper() not in _NI_NEVER_ISSUED


def mask(value: str, keep: int = 3) -> str:
    """The first few characters of a value, the rest as stars, keeping its spacing:
    "943 476 5919" -> "943 *** ****"."""
    shown, out = 0, []
    for ch in value.strip():
        if ch.isalnum() and shown >= keep:
            out.append("*")
        else:
            out.append(ch)
            shown += ch.isalnum()
    return "".join(out)


def _mask_email(value: str) -> str:
    local, _, domain = value.partition("@")
    return f"{local[:1]}***@{domain}"


def _matches(values: Iterable[str], finder) -> tuple[int, list[str]]:
    count, examples = 0, []
    for value in values:
        for found in finder(value):
            count += 1
            if len(examples) < EXAMPLE_LIMIT:
                examples.append(found)
    return count, examples


def _nhs_in(value: str) -> list[str]:
    found = [m.group(0) for m in _NHS.finditer(value)]
    return [mask(f) for f in found if nhs_number_valid(f)]


def _ni_in(value: str) -> list[str]:
    return [
        mask(m.group(0), keep=2)
        for m in _NI.finditer(value)
        if m.group(1).upper() not in _NI_NEVER_ISSUED
    ]


def _email_in(value: str, contacts: ServiceContacts = NO_SERVICE_CONTACTS) -> list[str]:
    return [
        _mask_email(m.group(0))
        for m in _EMAIL.finditer(value)
        if m.group(0).lower() not in contacts.emails
    ]


def _phone_in(value: str, contacts: ServiceContacts = NO_SERVICE_CONTACTS) -> list[str]:
    found = []
    for m in _PHONE.finditer(value):
        national = _national_phone(m.group(0))
        if national and national not in contacts.phones:
            found.append(mask(m.group(0), keep=4))
    return found


def _postcode_in(value: str) -> list[str]:
    return [f"{m.group(1).upper()} ***" for m in _POSTCODE.finditer(value)]


def _date_in(value: str) -> list[str]:
    return ["**/**/****"] if _DATE.match(value) else []


def _names_in(value: str) -> list[str]:
    return [mask(value, keep=1)] if _NAME_VALUE.match(value) else []


def scan_column(
    header: str, values: Sequence[object], *, contacts: ServiceContacts = NO_SERVICE_CONTACTS
) -> list[Finding]:
    """What personal data one column holds, judged from its header and its values (the service
    `contacts` not counted)."""
    texts = [str(v) for v in list(values)[:SAMPLE_LIMIT] if v not in (None, "")]
    findings = []
    for kind, finder in (
        (NHS_NUMBER, _nhs_in),
        (NI_NUMBER, _ni_in),
        (EMAIL, partial(_email_in, contacts=contacts)),
        (PHONE, partial(_phone_in, contacts=contacts)),
    ):
        count, examples = _matches(texts, finder)
        if count >= MIN_MATCHES:
            findings.append(Finding(header, kind, count, tuple(examples)))
    if _NAME_HEADER.search(header or ""):
        count, examples = _matches(texts, _names_in)
        findings.append(Finding(header, NAME, count or len(texts), tuple(examples)))
    if _SPECIAL_WORDS.search(header or ""):
        findings.append(Finding(header, SPECIAL_CATEGORY, len(texts)))
    return findings


def _is_birth_date_column(header: str, values: Sequence[object]) -> bool:
    if not _DOB_HEADER.search(header or ""):
        return False
    return any(_date_in(str(v)) for v in list(values)[:SAMPLE_LIMIT] if v not in (None, ""))


def scan_table(
    headers: Sequence[str],
    columns: Sequence[Sequence[object]],
    *,
    contacts: ServiceContacts = NO_SERVICE_CONTACTS,
) -> list[Finding]:
    """Every finding in a table given as its headers and, for each header, its values (the
    service `contacts` not counted).

    Postcodes are personal data when the same table holds dates of birth: together they
    usually pick out one person, so they are reported only then (with the birth dates)."""
    if len(headers) != len(columns):
        raise ValueError("Give one list of values for each header")
    findings: list[Finding] = []
    for header, values in zip(headers, columns, strict=True):
        findings.extend(scan_column(header, values, contacts=contacts))
    birth_columns = [
        (h, v) for h, v in zip(headers, columns, strict=True) if _is_birth_date_column(h, v)
    ]
    if birth_columns:
        for header, values in birth_columns:
            texts = [str(v) for v in values[:SAMPLE_LIMIT] if v not in (None, "")]
            count, examples = _matches(texts, _date_in)
            findings.append(Finding(header, DATE_OF_BIRTH, count, tuple(examples)))
        for header, values in zip(headers, columns, strict=True):
            texts = [str(v) for v in values[:SAMPLE_LIMIT] if v not in (None, "")]
            count, examples = _matches(texts, _postcode_in)
            if count:
                findings.append(Finding(header, POSTCODE_WITH_BIRTH_DATE, count, tuple(examples)))
    return findings


def scan_rows(
    rows: Sequence[Sequence[object]], *, contacts: ServiceContacts = NO_SERVICE_CONTACTS
) -> list[Finding]:
    """`scan_table` for a table given as rows, the first being its headers."""
    if not rows:
        return []
    headers = [str(h) for h in rows[0]]
    columns = [[row[i] if i < len(row) else None for row in rows[1:]] for i in range(len(headers))]
    return scan_table(headers, columns, contacts=contacts)
