"""What a dataset page's <head> carries for machines: links to its DCAT and Data Package
descriptions and, for open datasets, its schema.org JSON-LD. The JSON-LD is a data block,
which browsers never execute, so the Content Security Policy lets it be inline."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from townsquare.catalogue.models import Dataset, Resource

from .. import schemaorg
from ..dcat import Site

register = template.Library()

ALTERNATES = (
    ("api:dataset-ttl", "text/turtle", "DCAT (Turtle)"),
    ("api:dataset-rdf", "application/rdf+xml", "DCAT (RDF/XML)"),
    ("api:dataset-jsonld", "application/ld+json", "DCAT (JSON-LD)"),
)


@register.simple_tag(takes_context=True)
def dataset_machine_head(context, dataset: Dataset) -> SafeString:
    request = context["request"]
    slug = {"slug": dataset.slug}
    links = [(reverse(name, kwargs=slug), kind, title) for name, kind, title in ALTERNATES]
    if any(r.kind == Resource.Kind.FILE and r.current_version_id for r in _resources(context)):
        package = reverse("api:dataset-datapackage", kwargs=slug)
        links.append((package, "application/json", "Frictionless Data Package"))
    html = format_html_join("\n", '<link rel="alternate" href="{}" type="{}" title="{}">', links)
    if schemaorg.describes_publicly(dataset):
        site = Site(base=request.build_absolute_uri("/").rstrip("/"))
        text = schemaorg.as_script_text(schemaorg.dataset_jsonld(dataset, site))
        script = format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308 - escaped like json_script
        html = format_html("{}\n{}", html, script)
    return html


def _resources(context) -> list[Resource]:
    return list(context.get("resources") or [])
