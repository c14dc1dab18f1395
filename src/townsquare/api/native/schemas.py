"""The shapes the native API reads and writes; the OpenAPI document is generated from them."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from ninja import Schema
from pydantic import Field

AccessLevelName = Literal["open", "internal", "restricted"]
ClassificationName = Literal["OFFICIAL", "OFFICIAL-SENSITIVE"]
FrequencyName = Literal[
    "daily", "weekly", "monthly", "quarterly", "annual", "irregular", "not-planned"
]


class UnitRef(Schema):
    slug: str
    name: str
    url: str


class LicenceOut(Schema):
    id: str
    title: str
    url: str
    is_open: bool


class ThemeOut(Schema):
    slug: str
    title: str


class ResourceOut(Schema):
    id: str
    title: str
    description: str
    kind: Literal["file", "link"]
    format: str
    media_type: str
    url: str = Field(
        description="Where to download the file, or the link's address. To someone whose "
        "grant gives only some columns, the CSV of the file's table with those columns (the "
        "file's page if it has none), since the file holds every column"
    )
    page_url: str
    filename: str | None
    size: int | None = Field(description="The file's size in bytes; null to someone given "
                             "only some columns")  # fmt: skip
    sha256: str | None = Field(description="The file's SHA-256; null to someone given only "
                               "some columns")  # fmt: skip
    version: int | None
    created: datetime
    modified: datetime


class DatasetOut(Schema):
    id: str
    slug: str
    title: str
    summary: str
    description: str
    url: str = Field(description="The dataset's page")
    api_url: str
    publisher: UnitRef
    licence: LicenceOut
    access_level: AccessLevelName
    security_classification: ClassificationName
    contains_personal_data: bool
    contains_special_category_data: bool
    update_frequency: FrequencyName
    temporal_start: date | None
    temporal_end: date | None
    spatial_coverage: str
    contact_name: str
    contact_email: str
    themes: list[ThemeOut]
    keywords: list[str]
    status: Literal["draft", "review", "published"]
    created: datetime
    modified: datetime
    issued: datetime | None
    resources: list[ResourceOut]


class FacetValueOut(Schema):
    value: str
    label: str
    count: int
    selected: bool


class FacetOut(Schema):
    name: str
    title: str
    values: list[FacetValueOut]


class Page(Schema):
    count: int = Field(description="How many results there are in all")
    next: str | None = Field(description="The next page's address, if there is one")
    previous: str | None


class DatasetPage(Page):
    results: list[DatasetOut]
    facets: list[FacetOut]


class DatasetIn(Schema):
    title: str = Field(min_length=1, max_length=200)
    publisher: str = Field(min_length=1, description="The slug of an organisation unit")
    slug: str = Field("", max_length=100, description="Made from the title when not given")
    summary: str = Field("", max_length=300)
    description: str = Field("", description="Markdown")
    licence: str | None = Field(None, description="A licence id; the default suits the access")
    access_level: AccessLevelName = "open"
    security_classification: ClassificationName = "OFFICIAL"
    contains_personal_data: bool = False
    contains_special_category_data: bool = False
    update_frequency: FrequencyName = "irregular"
    temporal_start: date | None = None
    temporal_end: date | None = None
    spatial_coverage: str = Field("", max_length=200)
    contact_name: str = Field("", max_length=200)
    contact_email: str = Field("", max_length=254)
    themes: list[str] = Field(default_factory=list, description="Theme slugs")
    keywords: list[str] = Field(default_factory=list)


class DatasetPatch(Schema):
    title: str | None = Field(None, min_length=1, max_length=200)
    publisher: str | None = None
    summary: str | None = Field(None, max_length=300)
    description: str | None = None
    licence: str | None = None
    access_level: AccessLevelName | None = None
    security_classification: ClassificationName | None = None
    contains_personal_data: bool | None = None
    contains_special_category_data: bool | None = None
    update_frequency: FrequencyName | None = None
    temporal_start: date | None = None
    temporal_end: date | None = None
    spatial_coverage: str | None = Field(None, max_length=200)
    contact_name: str | None = Field(None, max_length=200)
    contact_email: str | None = Field(None, max_length=254)
    themes: list[str] | None = None
    keywords: list[str] | None = None


class LinkIn(Schema):
    title: str = Field(min_length=1, max_length=200)
    url: str = Field(min_length=1, max_length=1000)
    format: str = Field("", max_length=30)
    description: str = ""


class UnitOut(Schema):
    slug: str
    name: str
    kind: Literal["organisation", "directorate", "service", "team"]
    description: str
    email: str
    parent: str | None = Field(description="The slug of the unit above")
    url: str
    dataset_count: int = Field(description="Published datasets you can see, here and below")


class UnitPage(Page):
    results: list[UnitOut]


class PersonOut(Schema):
    slug: str
    name: str
    job_title: str
    team: str | None
    email: str
    phone: str
    about: str
    ask_me_about: list[str]
    url: str


class PersonPage(Page):
    results: list[PersonOut]
