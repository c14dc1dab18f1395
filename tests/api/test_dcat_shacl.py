"""The DCAT-AP output validates against the DCAT-AP 3.0.1 SHACL shapes with zero violations:
the core shapes, the class ranges and the controlled vocabularies (recommendations are only
warnings). The shapes are copied into tests/api/reference/ so the test runs offline."""

from pathlib import Path

import pytest
from factories import complete_dataset
from pyshacl import validate
from rdflib import Graph, URIRef
from rdflib.namespace import SH

SHAPES_DIR = Path(__file__).parent / "reference" / "dcat-ap-3.0.1"
SHAPE_FILES = ("shapes.ttl", "range.ttl", "mdr-vocabularies.shape.ttl", "shapes_recommended.ttl")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    g = Graph()
    for name in SHAPE_FILES:
        g.parse(SHAPES_DIR / name, format="turtle")
    return g


# The controlled-vocabulary shapes require a checksum algorithm's IRI to start with
# "https://spdx.org/rdf/terms", but the SPDX ontology's own IRIs (the ones DCAT-AP's examples
# use) are "http://spdx.org/rdf/terms#checksumAlgorithm_…": a known fault in SEMIC's shapes
# (see docs/decisions/0020). That one result, for exactly that IRI, is not counted.
SPDX_SHA256 = URIRef("http://spdx.org/rdf/terms#checksumAlgorithm_sha256")


def _violations(data: Graph, shapes: Graph) -> list[str]:
    _, report, _ = validate(data, shacl_graph=shapes, inference="none", allow_warnings=True)
    found = []
    for result in report.objects(None, SH.result):  # top-level results, not their details
        if report.value(result, SH.resultSeverity) != SH.Violation:
            continue
        if report.value(result, SH.value) == SPDX_SHA256 and _is_spdx_pattern(report, result):
            continue
        found.append(
            f"{report.value(result, SH.focusNode)} {report.value(result, SH.resultPath)}: "
            f"{report.value(result, SH.resultMessage)}"
        )
    return found


def _is_spdx_pattern(report: Graph, result) -> bool:
    details = list(report.objects(result, SH.detail))
    return bool(details) and all(
        report.value(d, SH.sourceConstraintComponent) == SH.PatternConstraintComponent
        for d in details
    )


def _parse(response, fmt: str) -> Graph:
    assert response.status_code == 200, response.status_code
    return Graph().parse(data=response.content.decode(), format=fmt)


@pytest.mark.parametrize(
    ("suffix", "fmt"), [("ttl", "turtle"), ("rdf", "xml"), ("jsonld", "json-ld")]
)
def test_a_complete_dataset_has_no_violations(client, world, shapes, suffix, fmt):
    dataset = complete_dataset(world.payments)
    data = _parse(client.get(f"/datasets/{dataset.slug}.{suffix}"), fmt)
    assert len(data) > 40  # every field is there, not an empty graph that trivially conforms
    assert _violations(data, shapes) == []


@pytest.mark.parametrize(("suffix", "fmt"), [("ttl", "turtle"), ("jsonld", "json-ld")])
def test_the_catalogue_has_no_violations(client, world, shapes, suffix, fmt):
    complete_dataset(world.payments)
    data = _parse(client.get(f"/catalog.{suffix}"), fmt)
    assert _violations(data, shapes) == []


def test_checksums_name_the_spdx_algorithm(client, world):
    dataset = complete_dataset(world.payments)
    data = _parse(client.get(f"/datasets/{dataset.slug}.ttl"), "turtle")
    algorithms = set(data.objects(None, URIRef("http://spdx.org/rdf/terms#algorithm")))
    assert algorithms == {SPDX_SHA256}


def test_the_validator_would_notice_a_violation(client, world, shapes):
    dataset = complete_dataset(world.payments)
    data = _parse(client.get(f"/datasets/{dataset.slug}.ttl"), "turtle")
    data.update("DELETE WHERE { ?d <http://purl.org/dc/terms/description> ?x }")
    assert _violations(data, shapes) != []


def test_with_no_named_contact_the_publisher_is_the_contact(client, world, shapes):
    world.payments.email = "payments@council.example"
    world.payments.save(update_fields=["email"])
    data = _parse(client.get(f"/datasets/{world.datasets['open'].slug}.ttl"), "turtle")
    emails = set(data.objects(None, URIRef("http://www.w3.org/2006/vcard/ns#hasEmail")))
    assert emails == {URIRef("mailto:payments@council.example")}
    assert _violations(data, shapes) == []
