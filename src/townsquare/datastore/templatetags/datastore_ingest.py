"""The ingest panel on the catalogue's resource page (which has already checked access)."""

from __future__ import annotations

from django import template

from townsquare.core import access
from townsquare.datastore import api
from townsquare.datastore.already import already_exists

register = template.Library()


@register.inclusion_tag("datastore/_ingest_status.html", takes_context=True)
def ingest_panel(context, resource) -> dict:
    request = context.get("request")
    user = getattr(request, "user", None)
    tables = api.tables_for_resource(resource, reader=user)
    may_edit = access.can(user, "edit", resource)
    # Loading details quote any column: not for a reader given only some columns.
    whole = not access.columns_limited(user, resource.dataset)
    return {
        "dataset": resource.dataset,
        "resource": resource,
        "job": api.latest_job(resource) if whole else None,
        "tables": tables,
        "already": already_exists(user, tables, may_edit),
        "may_edit": may_edit,
        "tabular": api.is_tabular(resource),
        "polling": True,
    }
