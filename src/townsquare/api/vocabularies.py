"""Townsquare's own values mapped to the controlled vocabularies DCAT-AP 3 asks for: the EU
Publications Office's authority tables (data themes, frequencies, access rights, file types,
languages), ADMS publisher types and IANA media types.

Each concept is written out with its scheme and label wherever it is used, so a reader (and a
SHACL validator) needs nothing else to know what it is.
"""

from __future__ import annotations

EU = "http://publications.europa.eu/resource/authority/"
IANA_MEDIA_TYPES = "https://www.iana.org/assignments/media-types/"

# data.gov.uk's themes, as Townsquare seeds them, to the EU data-theme table.
THEMES = {
    "business-and-economy": ("ECON", "Economy and finance"),
    "crime-and-justice": ("JUST", "Justice, legal system and public safety"),
    "defence": ("GOVE", "Government and public sector"),
    "education": ("EDUC", "Education, culture and sport"),
    "environment": ("ENVI", "Environment"),
    "government": ("GOVE", "Government and public sector"),
    "government-spending": ("ECON", "Economy and finance"),
    "health": ("HEAL", "Health"),
    "mapping": ("REGI", "Regions and cities"),
    "society": ("SOCI", "Population and society"),
    "towns-and-cities": ("REGI", "Regions and cities"),
    "transport": ("TRAN", "Transport"),
    "digital-service-performance": ("GOVE", "Government and public sector"),
    "government-reference-data": ("GOVE", "Government and public sector"),
}

# catalogue.models.UpdateFrequency to the EU frequency table.
FREQUENCIES = {
    "daily": ("DAILY", "daily"),
    "weekly": ("WEEKLY", "weekly"),
    "monthly": ("MONTHLY", "monthly"),
    "quarterly": ("QUARTERLY", "quarterly"),
    "annual": ("ANNUAL", "annual"),
    "irregular": ("IRREG", "irregular"),
    "not-planned": ("NEVER", "never"),
}

# catalogue.models.AccessLevel to the EU access-right table.
ACCESS_RIGHTS = {
    "open": ("PUBLIC", "public"),
    "internal": ("NON_PUBLIC", "non-public"),
    "restricted": ("RESTRICTED", "restricted"),
}

# catalogue.services.FORMATS names to the EU file-type table.
FILE_TYPES = {
    "CSV": "CSV", "TSV": "TSV", "TXT": "TXT", "XLSX": "XLSX", "XLS": "XLS", "ODS": "ODS",
    "JSON": "JSON", "GeoJSON": "GEOJSON", "Parquet": "PARQUET", "PDF": "PDF", "DOCX": "DOCX",
    "ZIP": "ZIP", "XML": "XML", "KML": "KML", "SHP": "SHP", "GeoPackage": "GPKG",
    "HTML": "HTML", "RDF": "RDF", "PNG": "PNG", "JPEG": "JPEG",
}  # fmt: skip

SCHEME_TITLES = {
    "data-theme": "Data theme",
    "frequency": "Frequency",
    "access-right": "Access right",
    "file-type": "File type",
    "language": "Language",
}

ENGLISH = f"{EU}language/ENG"
PUBLISHER_TYPE_SCHEME = "http://purl.org/adms/publishertype/1.0"
LOCAL_AUTHORITY = ("http://purl.org/adms/publishertype/LocalAuthority", "Local Authority")


def eu_concept(table: str, code: str) -> str:
    return f"{EU}{table}/{code}"


def eu_scheme(table: str) -> str:
    return f"{EU}{table}"


def theme_concepts(slugs: list[str]) -> list[tuple[str, str]]:
    """The EU data themes (IRI, label) for these data.gov.uk theme slugs, each once."""
    found: dict[str, str] = {}
    for slug in slugs:
        if slug in THEMES:
            code, label = THEMES[slug]
            found[eu_concept("data-theme", code)] = label
    return list(found.items())


def iana_media_type(media_type: str) -> str | None:
    media_type = media_type.split(";")[0].strip().lower()
    if "/" not in media_type:
        return None
    return f"{IANA_MEDIA_TYPES}{media_type}"
