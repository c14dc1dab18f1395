"""The CKAN actions Townsquare answers, and the errors they raise in CKAN's own terms.

An action is a function `(request, data) -> result`, registered by name with `@action`. The
datastore's actions (`datastore_search`, `datastore_search_sql`) are in `datastore.py`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest

Action = Callable[[HttpRequest, dict[str, Any]], Any]
ACTIONS: dict[str, Action] = {}
WRITES: set[str] = set()


def action(name: str, *, write: bool = False) -> Callable[[Action], Action]:
    def register(fn: Action) -> Action:
        ACTIONS[name] = fn
        if write:
            WRITES.add(name)
        return fn

    return register


class CkanError(Exception):
    """An error as CKAN reports it: HTTP status, `__type`, and a message or field errors."""

    status = 400
    type = "Bad Request"

    def __init__(self, message: str = "", *, fields: dict[str, list[str]] | None = None):
        super().__init__(message)
        self.message = message
        self.fields = fields or {}

    def body(self) -> dict[str, Any]:
        error: dict[str, Any] = {"__type": self.type}
        if self.message:
            error["message"] = self.message
        error.update(self.fields)
        return error


class NotFound(CkanError):
    status, type = 404, "Not Found Error"


class NotAuthorized(CkanError):
    status, type = 403, "Authorization Error"


class Invalid(CkanError):
    status, type = 409, "Validation Error"


class SearchQueryError(CkanError):
    status, type = 409, "Search Query Error"


class BadRequest(CkanError):
    status, type = 400, "Bad Request"
