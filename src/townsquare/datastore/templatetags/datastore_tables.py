"""`{% load datastore_tables %}`: the tables made from a file, for the resource page."""

from django import template

from townsquare.datastore import api

register = template.Library()


@register.simple_tag(takes_context=True)
def resource_tables(context, resource) -> list:
    """The live tables of a resource the page already shows (access is checked there), with
    only the columns the reader may see."""
    request = context.get("request")
    reader = getattr(request, "user", None)
    tables = api.tables_for_dataset(resource.dataset, reader=reader)
    return [t for t in tables if t.resource_id == resource.pk]
