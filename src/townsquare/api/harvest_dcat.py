"""Read a DCAT catalogue (Turtle, RDF/XML or JSON-LD), following Hydra's paging links."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF, RDFS, SKOS

from . import vocabularies as vocab
from .dcat import next_page_urls
from .fetch import FetchError, fetch
from .harvest import RemoteDataset, RemoteResource

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
LOCN = Namespace("http://www.w3.org/ns/locn#")
SCHEMA = Namespace("http://schema.org/")
ACCEPT = "text/turtle, application/rdf+xml;q=0.9, application/ld+json;q=0.8"
MAX_PAGES = 1000
FORMATS = {
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/rdf+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "application/ld+json": "json-ld",
    "application/json": "json-ld",
    "application/n-triples": "nt",
}
SUFFIXES = {".ttl": "turtle", ".rdf": "xml", ".xml": "xml", ".jsonld": "json-ld", ".nt": "nt"}
FREQUENCY_CODES = {code: key for key, (code, _) in vocab.FREQUENCIES.items()}
FILE_TYPE_CODES = {code: name for name, code in vocab.FILE_TYPES.items()}


def read(url: str) -> Iterator[RemoteDataset]:
    queue, seen = [url], set()
    while queue and len(seen) < MAX_PAGES:
        page = queue.pop(0)
        if page in seen:
            continue
        seen.add(page)
        graph = _graph(page)
        for node in sorted(set(graph.subjects(RDF.type, DCAT.Dataset)), key=str):
            yield _dataset(graph, node)
        queue.extend(u for u in next_page_urls(graph) if u not in seen)


def _graph(url: str) -> Graph:
    fetched = fetch(url, accept=ACCEPT)
    fmt = _format(fetched.content_type, fetched.url)
    try:
        return Graph().parse(data=fetched.body, format=fmt, publicID=fetched.url)
    except Exception as error:  # rdflib raises many kinds for bad input
        raise FetchError(f"{url} is not readable {fmt}: {error}") from error


def _format(content_type: str, url: str) -> str:
    media_type = content_type.split(";")[0].strip().lower()
    if media_type in FORMATS:
        return FORMATS[media_type]
    for suffix, fmt in SUFFIXES.items():
        if url.split("?")[0].lower().endswith(suffix):
            return fmt
    return "turtle"


def _dataset(g: Graph, node) -> RemoteDataset:
    temporal = g.value(node, DCTERMS.temporal)
    contact = g.value(node, DCAT.contactPoint)
    landing = g.value(node, DCAT.landingPage)
    licence = g.value(node, DCTERMS.license) or _first_distribution_licence(g, node)
    return RemoteDataset(
        remote_id=_text(g, node, DCTERMS.identifier) or str(node),
        remote_url=str(landing or (node if isinstance(node, URIRef) else "")),
        title=_text(g, node, DCTERMS.title),
        description=_text(g, node, DCTERMS.description),
        keywords=sorted({str(k) for k in g.objects(node, DCAT.keyword)}),
        licence_url=str(licence) if isinstance(licence, URIRef) else "",
        update_frequency=FREQUENCY_CODES.get(_code(g.value(node, DCTERMS.accrualPeriodicity)), ""),
        temporal_start=_day(g, temporal, DCAT.startDate, SCHEMA.startDate),
        temporal_end=_day(g, temporal, DCAT.endDate, SCHEMA.endDate),
        spatial=_place(g, g.value(node, DCTERMS.spatial)),
        contact_name=_text(g, contact, VCARD.fn) if contact is not None else "",
        contact_email=_email(g, contact),
        resources=[_resource(g, d) for d in sorted(g.objects(node, DCAT.distribution), key=str)],
    )


def _resource(g: Graph, node) -> RemoteResource:
    url = g.value(node, DCAT.downloadURL) or g.value(node, DCAT.accessURL)
    fmt = g.value(node, DCTERMS.format)
    if isinstance(fmt, URIRef):
        fmt_name = FILE_TYPE_CODES.get(_code(fmt), _code(fmt))
    else:
        fmt_name = str(fmt or "")
    return RemoteResource(
        title=_text(g, node, DCTERMS.title) or "Download",
        url=str(url or ""),
        fmt=fmt_name,
        description=_text(g, node, DCTERMS.description),
    )


def _text(g: Graph, node, predicate) -> str:
    """The English (or untagged) literal, else any."""
    if node is None:
        return ""
    values = [v for v in g.objects(node, predicate) if isinstance(v, Literal)]
    for v in values:
        if (v.language or "en").lower().startswith("en"):
            return str(v)
    return str(values[0]) if values else ""


def _code(iri) -> str:
    return str(iri).rstrip("/").rsplit("/", 1)[-1] if iri is not None else ""


def _day(g: Graph, period, *predicates) -> date | None:
    if period is None:
        return None
    for predicate in predicates:
        value = g.value(period, predicate)
        if isinstance(value, Literal):
            parsed = value.toPython()
            if isinstance(parsed, datetime):
                return parsed.date()
            if isinstance(parsed, date):
                return parsed
            try:
                return date.fromisoformat(str(value)[:10])
            except ValueError:
                return None
    return None


def _place(g: Graph, place) -> str:
    if place is None:
        return ""
    for predicate in (LOCN.geographicName, SKOS.prefLabel, RDFS.label, DCTERMS.title):
        if text := _text(g, place, predicate):
            return text
    return str(place) if isinstance(place, URIRef) else ""


def _email(g: Graph, contact) -> str:
    if contact is None:
        return ""
    value = g.value(contact, VCARD.hasEmail)
    return str(value).removeprefix("mailto:") if value is not None else ""


def _first_distribution_licence(g: Graph, node):
    for dist in g.objects(node, DCAT.distribution):
        if (licence := g.value(dist, DCTERMS.license)) is not None:
            return licence
    return None
