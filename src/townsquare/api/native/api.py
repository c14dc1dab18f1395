"""The native JSON API at /api/v1/ (django-ninja, ADR 0018).

Each area is a router in its own module, registered here. The datastore's endpoints (a
dataset's tables and their rows: filters, sort, cursor paging, facets, aggregates; read-only
SQL; a file's ingest status) are the `rows.py` router, reading through `datastore.api`.
"""

from __future__ import annotations

import json

from ninja import NinjaAPI
from ninja.openapi.docs import Swagger
from ninja.parser import Parser

from townsquare.api.jsonutil import dumps

from . import datasets, organisation, problems, resources, rows, search
from .problems import PROBLEM_CONTENT_TYPE

DESCRIPTION = """
Townsquare's own API: find, read and publish the council's datasets.

Everything you can see on the website you can read here, and nothing else. Open data needs no
token. For internal or restricted data, or to make changes, create a token on your
[API tokens page](/people/me/tokens/) and send it as `Authorization: Bearer <token>`.

Errors are `application/problem+json` ([RFC 9457](https://www.rfc-editor.org/rfc/rfc9457)):
`title`, `status`, a `detail` that says what to do next and, for invalid input, one message per
field in `errors`. Lists are paged with `page` and `page_size`; follow `next` and `previous`
(also in the `Link` header).
"""


class Renderer:
    """ninja's JSON renderer, written the way the rest of Townsquare writes JSON."""

    media_type = "application/json"
    charset = "utf-8"

    def render(self, request, data, *, response_status):
        return dumps(data)


class LenientParser(Parser):
    """A body that is not JSON reads as no body, so the endpoint (after its access check) or
    the validation handler says what to send, instead of a bare 400 before either."""

    def parse_body(self, request):
        if b"\\u0000" in request.body:  # PostgreSQL cannot store text with NUL in it
            request.api_body_unreadable = True
            return None
        try:
            return json.loads(request.body)
        except ValueError:
            request.api_body_unreadable = True
            return None


class TownsquareAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        """ninja's document, saying that errors come as application/problem+json."""
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        for item in schema["paths"].values():
            for operation in item.values():
                for status, response in operation.get("responses", {}).items():
                    content = response.get("content", {})
                    if int(status) >= 400 and "application/json" in content:
                        content[PROBLEM_CONTENT_TYPE] = content.pop("application/json")
        return schema


api = TownsquareAPI(
    title="Townsquare API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api:api-v1",  # inside the api app's namespace
    docs=Swagger(settings={"persistAuthorization": False}),
    renderer=Renderer(),
    parser=LenientParser(),
)
problems.install(api)
api.add_router("/datasets", datasets.router)
api.add_router("/datasets", resources.router)
api.add_router("/datasets", rows.router)
api.add_router("/", organisation.router)
api.add_router("/", search.router)
