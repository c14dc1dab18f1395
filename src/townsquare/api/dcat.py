"""DCAT-AP 3 descriptions of the catalogue and its datasets, built with rdflib.

`dataset_graph` describes one dataset; `catalog_graph` one page of the catalogue (paged with
Hydra's PartialCollectionView). `serialize` writes either as Turtle, RDF/XML or JSON-LD.
The output validates with zero violations against the DCAT-AP 3.0.1 SHACL shapes, their range
shapes and their controlled-vocabulary shapes (tests/api/test_dcat_shacl.py).

Identifiers: a dataset is `<page>#dataset`, where `<page>` is its page (which also answers with
RDF when asked, see `negotiation.py`); a file or link is `<file page>#distribution`; a
publisher `<unit page>#agent`; the catalogue `<site root>#catalog`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Page
from django.urls import reverse
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, RDFS, SKOS, XSD

from townsquare.catalogue.models import Dataset, Resource
from townsquare.datastore.api import SYSTEM

from . import vocabularies as vocab
from .selectors import catalogue_publisher
from .tables import refuses_files, schemas_by_resource

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
SPDX = Namespace("http://spdx.org/rdf/terms#")
HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")
LOCN = Namespace("http://www.w3.org/ns/locn#")

FORMATS = {
    "ttl": ("turtle", "text/turtle; charset=utf-8"),
    "rdf": ("xml", "application/rdf+xml; charset=utf-8"),
    "jsonld": ("json-ld", "application/ld+json; charset=utf-8"),
}
CATALOG_PAGE_SIZE = 100
JSONLD_CONTEXT = {
    "dcat": str(DCAT),
    "dct": str(DCTERMS),
    "foaf": str(FOAF),
    "vcard": str(VCARD),
    "spdx": str(SPDX),
    "hydra": str(HYDRA),
    "skos": str(SKOS),
    "xsd": str(XSD),
    "rdfs": str(RDFS),
    "locn": str(LOCN),
}


@dataclass(frozen=True)
class Site:
    """Where the site is: absolute URLs in the feeds start here (no trailing slash)."""

    base: str

    def url(self, path: str) -> URIRef:
        return URIRef(f"{self.base}{path}")

    @property
    def name(self) -> str:
        return settings.SITE_NAME


def new_graph() -> Graph:
    g = Graph()
    for prefix, ns in JSONLD_CONTEXT.items():
        g.bind(prefix, ns)
    return g


def dataset_uri(site: Site, dataset: Dataset) -> URIRef:
    return site.url(f"{dataset.get_absolute_url()}#dataset")


def dataset_graph(dataset: Dataset, site: Site, *, reader=SYSTEM) -> Graph:
    """One dataset, described to `reader`: to someone who may not have its original files (a
    grant for only some columns), its files have no download URL, size or checksum."""
    g = new_graph()
    _add_dataset(g, dataset, site, whole_files=not refuses_files(dataset, reader))
    return g


def catalog_graph(page: Page, site: Site, fmt: str, query: dict[str, str] | None = None) -> Graph:
    """One page of the catalogue: the catalogue itself, the datasets on this page, and Hydra
    links to the first, previous, next and last pages (keeping `query`, such as a publisher)."""
    g = new_graph()
    catalog = site.url("/#catalog")
    g.add((catalog, RDF.type, DCAT.Catalog))
    g.add((catalog, DCTERMS.title, Literal(site.name, lang="en")))
    g.add((catalog, DCTERMS.description, Literal(_catalog_description(site), lang="en")))
    g.add((catalog, DCTERMS.language, _concept(g, vocab.ENGLISH, "English", "language")))
    g.add((catalog, DCTERMS.publisher, _catalog_publisher(g, site)))
    homepage = site.url("/")
    g.add((catalog, FOAF.homepage, homepage))
    g.add((homepage, RDF.type, FOAF.Document))
    theme_scheme = URIRef(vocab.eu_scheme("data-theme"))
    g.add((catalog, DCAT.themeTaxonomy, theme_scheme))
    _add_scheme(g, "data-theme")
    metadata_licence = _licence(g, _default_licence_url(), "Open Government Licence v3.0")
    g.add((catalog, DCTERMS.license, metadata_licence))
    for dataset in page.object_list:
        g.add((catalog, DCAT.dataset, _add_dataset(g, dataset, site)))
    if page.paginator.count:
        newest = page.paginator.object_list[0].modified  # newest first
        g.add((catalog, DCTERMS.modified, Literal(newest, datatype=XSD.dateTime)))
    _add_hydra(g, catalog, page, site, fmt, query or {})
    return g


def serialize(g: Graph, fmt: str) -> bytes:
    rdflib_format, _ = FORMATS[fmt]
    if rdflib_format == "json-ld":
        return g.serialize(format="json-ld", context=JSONLD_CONTEXT, auto_compact=True).encode()
    return g.serialize(format=rdflib_format, encoding="utf-8")


def content_type(fmt: str) -> str:
    return FORMATS[fmt][1]


# --- datasets ----------------------------------------------------------------------------


def _add_dataset(g: Graph, dataset: Dataset, site: Site, *, whole_files: bool = True) -> URIRef:
    ds = dataset_uri(site, dataset)
    page = site.url(dataset.get_absolute_url())
    g.add((ds, RDF.type, DCAT.Dataset))
    g.add((ds, DCTERMS.title, Literal(dataset.title, lang="en")))
    g.add((ds, DCTERMS.description, Literal(_description(dataset), lang="en")))
    g.add((ds, DCTERMS.identifier, Literal(str(dataset.uuid))))
    g.add((ds, DCAT.landingPage, page))
    g.add((page, RDF.type, FOAF.Document))
    for keyword in dataset.keywords.all():
        g.add((ds, DCAT.keyword, Literal(keyword.name, lang="en")))
    for iri, label in vocab.theme_concepts([t.slug for t in dataset.themes.all()]):
        g.add((ds, DCAT.theme, _concept(g, iri, label, "data-theme")))
    g.add((ds, DCTERMS.publisher, _publisher(g, dataset, site)))
    if dataset.contact_name or dataset.contact_email or dataset.publisher.email:
        g.add((ds, DCAT.contactPoint, _contact(g, dataset)))
    code, label = vocab.ACCESS_RIGHTS[dataset.access_level]
    rights = _concept(g, vocab.eu_concept("access-right", code), label, "access-right")
    g.add((rights, RDF.type, DCTERMS.RightsStatement))
    g.add((ds, DCTERMS.accessRights, rights))
    if dataset.update_frequency in vocab.FREQUENCIES:
        code, label = vocab.FREQUENCIES[dataset.update_frequency]
        frequency = _concept(g, vocab.eu_concept("frequency", code), label, "frequency")
        g.add((frequency, RDF.type, DCTERMS.Frequency))
        g.add((ds, DCTERMS.accrualPeriodicity, frequency))
    g.add((ds, DCTERMS.language, _concept(g, vocab.ENGLISH, "English", "language")))
    if dataset.temporal_start or dataset.temporal_end:
        g.add((ds, DCTERMS.temporal, _period(g, dataset)))
    if dataset.spatial_coverage:
        place = BNode()
        g.add((place, RDF.type, DCTERMS.Location))
        g.add((place, LOCN.geographicName, Literal(dataset.spatial_coverage, lang="en")))
        g.add((ds, DCTERMS.spatial, place))
    if dataset.issued:
        g.add((ds, DCTERMS.issued, Literal(dataset.issued, datatype=XSD.dateTime)))
    g.add((ds, DCTERMS.modified, Literal(dataset.modified, datatype=XSD.dateTime)))
    licence = _licence(g, dataset.licence.url, dataset.licence.title)
    tables = schemas_by_resource(dataset)
    for resource in dataset.resources.all():
        dist = _add_distribution(g, resource, dataset, site, licence, whole_file=whole_files)
        g.add((ds, DCAT.distribution, dist))
        if str(resource.uuid) in tables:
            g.add((dist, DCTERMS.conformsTo, _frictionless_table_schema(g)))
    return ds


def _description(dataset: Dataset) -> str:
    return dataset.description or dataset.summary or dataset.title


def _publisher(g: Graph, dataset: Dataset, site: Site) -> URIRef:
    unit = dataset.publisher
    agent = site.url(f"{unit.get_absolute_url()}#agent")
    g.add((agent, RDF.type, FOAF.Agent))
    g.add((agent, RDF.type, FOAF.Organization))
    g.add((agent, FOAF.name, Literal(unit.name, lang="en")))
    iri, label = vocab.LOCAL_AUTHORITY
    kind = URIRef(iri)
    g.add((kind, RDF.type, SKOS.Concept))
    g.add((kind, SKOS.prefLabel, Literal(label, lang="en")))
    scheme = URIRef(vocab.PUBLISHER_TYPE_SCHEME)
    g.add((kind, SKOS.inScheme, scheme))
    g.add((scheme, RDF.type, SKOS.ConceptScheme))
    g.add((scheme, DCTERMS.title, Literal("Publisher type", lang="en")))
    g.add((agent, DCTERMS.type, kind))
    if unit.email:
        g.add((agent, FOAF.mbox, URIRef(f"mailto:{unit.email}")))
    return agent


def _catalog_publisher(g: Graph, site: Site) -> URIRef:
    root = catalogue_publisher()
    if root is None:
        agent = site.url("/#publisher")
        g.add((agent, RDF.type, FOAF.Agent))
        g.add((agent, FOAF.name, Literal(site.name, lang="en")))
        return agent
    agent = site.url(f"{root.get_absolute_url()}#agent")
    g.add((agent, RDF.type, FOAF.Agent))
    g.add((agent, RDF.type, FOAF.Organization))
    g.add((agent, FOAF.name, Literal(root.name, lang="en")))
    return agent


def _contact(g: Graph, dataset: Dataset) -> BNode:
    contact = BNode()
    g.add((contact, RDF.type, VCARD.Kind))
    g.add((contact, RDF.type, VCARD.Organization))
    # With no named contact, the publishing unit is the contact (DCAT-AP recommends one).
    g.add((contact, VCARD.fn, Literal(dataset.contact_name or dataset.publisher.name)))
    email = dataset.contact_email or (dataset.publisher.email if not dataset.contact_name else "")
    if email:
        g.add((contact, VCARD.hasEmail, URIRef(f"mailto:{email}")))
    return contact


def _period(g: Graph, dataset: Dataset) -> BNode:
    period = BNode()
    g.add((period, RDF.type, DCTERMS.PeriodOfTime))
    if dataset.temporal_start:
        g.add((period, DCAT.startDate, Literal(dataset.temporal_start, datatype=XSD.date)))
    if dataset.temporal_end:
        g.add((period, DCAT.endDate, Literal(dataset.temporal_end, datatype=XSD.date)))
    return period


def _licence(g: Graph, url: str, title: str) -> URIRef | None:
    if not url:
        return None
    licence = URIRef(url)
    g.add((licence, RDF.type, DCTERMS.LicenseDocument))
    g.add((licence, DCTERMS.title, Literal(title, lang="en")))
    return licence


def _default_licence_url() -> str:
    return "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"


# --- distributions -------------------------------------------------------------------------


def _add_distribution(
    g: Graph, resource: Resource, dataset: Dataset, site: Site, licence: URIRef | None,
    *, whole_file: bool = True,
) -> URIRef:  # fmt: skip
    page = site.url(resource.get_absolute_url())
    dist = URIRef(f"{page}#distribution")
    g.add((dist, RDF.type, DCAT.Distribution))
    g.add((dist, DCTERMS.title, Literal(resource.title, lang="en")))
    if resource.description:
        g.add((dist, DCTERMS.description, Literal(resource.description, lang="en")))
    version = resource.current_version if resource.kind == Resource.Kind.FILE else None
    if resource.kind == Resource.Kind.LINK:
        g.add((dist, DCAT.accessURL, URIRef(resource.url)))
    else:
        g.add((dist, DCAT.accessURL, page))
    if version is not None and whole_file:
        download = reverse(
            "catalogue:resource-download", kwargs={"slug": dataset.slug, "resource": resource.uuid}
        )
        g.add((dist, DCAT.downloadURL, site.url(download)))
        g.add((dist, DCAT.byteSize, Literal(version.size, datatype=XSD.nonNegativeInteger)))
        g.add((dist, SPDX.checksum, _checksum(g, version.sha256)))
    if resource.format in vocab.FILE_TYPES:
        iri = vocab.eu_concept("file-type", vocab.FILE_TYPES[resource.format])
        file_type = _concept(g, iri, resource.format, "file-type")
        g.add((file_type, RDF.type, DCTERMS.MediaTypeOrExtent))
        g.add((dist, DCTERMS.format, file_type))
    media_type = vocab.iana_media_type(
        (version.media_type if version else "") or resource.media_type
    )
    if media_type:
        g.add((URIRef(media_type), RDF.type, DCTERMS.MediaType))
        g.add((dist, DCAT.mediaType, URIRef(media_type)))
    if licence is not None:
        g.add((dist, DCTERMS.license, licence))
    g.add((dist, DCTERMS.modified, Literal(resource.modified, datatype=XSD.dateTime)))
    return dist


def _checksum(g: Graph, sha256: str) -> BNode:
    checksum = BNode()
    algorithm = SPDX.checksumAlgorithm_sha256
    g.add((checksum, RDF.type, SPDX.Checksum))
    g.add((checksum, SPDX.algorithm, algorithm))
    g.add((algorithm, RDF.type, SPDX.ChecksumAlgorithm))
    g.add((checksum, SPDX.checksumValue, Literal(sha256, datatype=XSD.hexBinary)))
    return checksum


def _frictionless_table_schema(g: Graph) -> URIRef:
    standard = URIRef("https://specs.frictionlessdata.io/table-schema/")
    g.add((standard, RDF.type, DCTERMS.Standard))
    g.add((standard, DCTERMS.title, Literal("Frictionless Table Schema", lang="en")))
    return standard


# --- vocabulary terms ----------------------------------------------------------------------


def _concept(g: Graph, iri: str, label: str, table: str) -> URIRef:
    """A concept from an EU authority table, written out with its scheme and label."""
    concept = URIRef(iri)
    g.add((concept, RDF.type, SKOS.Concept))
    g.add((concept, SKOS.prefLabel, Literal(label, lang="en")))
    g.add((concept, SKOS.inScheme, _add_scheme(g, table)))
    if table == "language":
        g.add((concept, RDF.type, DCTERMS.LinguisticSystem))
    return concept


def _add_scheme(g: Graph, table: str) -> URIRef:
    scheme = URIRef(vocab.eu_scheme(table))
    g.add((scheme, RDF.type, SKOS.ConceptScheme))
    g.add((scheme, DCTERMS.title, Literal(vocab.SCHEME_TITLES[table], lang="en")))
    return scheme


def _catalog_description(site: Site) -> str:
    return (
        f"Open data published by {site.name}: every open, published dataset, with its files "
        "and links."
    )


# --- paging --------------------------------------------------------------------------------


def _add_hydra(
    g: Graph, catalog: URIRef, page: Page, site: Site, fmt: str, query: dict[str, str]
) -> None:
    def page_url(number: int) -> URIRef:
        return site.url(f"/catalog.{fmt}?{urlencode({**query, 'page': number})}")

    view = page_url(page.number)
    g.bind("hydra", HYDRA)
    g.add((catalog, HYDRA.totalItems, Literal(page.paginator.count, datatype=XSD.integer)))
    g.add((catalog, HYDRA.view, view))
    g.add((view, RDF.type, HYDRA.PartialCollectionView))
    g.add((view, HYDRA.first, page_url(1)))
    g.add((view, HYDRA.last, page_url(page.paginator.num_pages)))
    if page.has_next():
        g.add((view, HYDRA.next, page_url(page.next_page_number())))
    if page.has_previous():
        g.add((view, HYDRA.previous, page_url(page.previous_page_number())))


def next_page_urls(g: Graph) -> Iterable[str]:
    """Where a harvester goes next: Hydra's `next` (and the older `nextPage`)."""
    for predicate in (HYDRA.next, HYDRA.nextPage):
        for _, _, target in g.triples((None, predicate, None)):
            yield str(target)
