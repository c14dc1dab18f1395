"""`{% load datastore_tables %}`: the tables made from a file, for the resource page."""

from django import template

from townsquare.datastore import api

register = template.Library()


@register.simple_tag
def resource_tables(resource) -> list:
    """The live tables of a resource the page already shows (access is checked there)."""
    return [t for t in api.tables_for_dataset(resource.dataset) if t.resource_id == resource.pk]
