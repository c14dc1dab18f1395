"""Errors as RFC 9457 problem details (`application/problem+json`): a `type` that links to
where the API docs explain it, a `title` per kind, a `detail` that says what to do, the
`status`, and for invalid input one message per field in `errors`."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Schema

from townsquare.api.jsonutil import dumps

PROBLEM_CONTENT_TYPE = "application/problem+json"

TITLES = {
    400: ("bad-request", "The request could not be read"),
    401: ("unauthenticated", "Authentication needed"),
    403: ("forbidden", "Not allowed"),
    404: ("not-found", "Not found"),
    405: ("method-not-allowed", "Method not allowed"),
    409: ("conflict", "Conflict"),
    412: ("precondition-failed", "Precondition failed"),
    413: ("too-large", "Request too large"),
    422: ("invalid", "Some of the input is not valid"),
    429: ("rate-limited", "Too many requests"),
    500: ("server-error", "Something went wrong on our side"),
}


class FieldError(Schema):
    field: str
    message: str


class Problem(Schema):
    type: str
    title: str
    status: int
    detail: str
    errors: list[FieldError] = []


class ApiProblem(Exception):
    """Raise from an endpoint to answer with a problem."""

    def __init__(
        self, status: int, detail: str, *, errors: list[dict[str, str]] | None = None
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.errors = errors or []


def problem_body(status: int, detail: str, errors: list[dict[str, str]] | None = None) -> dict:
    slug, title = TITLES.get(status, ("error", "Error"))
    return {
        "type": f"/api/#problem-{slug}",
        "title": title,
        "status": status,
        "detail": detail,
        "errors": errors or [],
    }


def problem_response(
    status: int,
    detail: str,
    *,
    errors: list[dict[str, str]] | None = None,
    headers: dict[str, str] | None = None,
) -> HttpResponse:
    response = HttpResponse(
        dumps(problem_body(status, detail, errors)),
        status=status,
        content_type=PROBLEM_CONTENT_TYPE,
    )
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="townsquare"'
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def field_errors_from_pydantic(errors: list[dict[str, Any]]) -> list[dict[str, str]]:
    """ninja's validation errors as one plain message per field."""
    found = []
    for error in errors:
        loc = [str(part) for part in error.get("loc", ()) if part not in ("body", "payload")]
        where = loc[0] if loc and loc[0] in ("query", "path", "form", "file") else ""
        name = ".".join(loc[1:] if where else loc) or "body"
        found.append({"field": name, "message": _plain(error, name)})
    return found


def _plain(error: dict[str, Any], name: str) -> str:
    kind = error.get("type", "")
    label = name.rsplit(".", 1)[-1].replace("_", " ")
    if kind == "missing":
        return f"Enter {label}: it is required"
    if kind == "json_invalid":
        return "Send a JSON object in the request body, with Content-Type: application/json"
    msg = str(error.get("msg", "is not valid"))
    return f"{label.capitalize()}: {msg[0].lower()}{msg[1:]}" if msg else f"Check {label}"


def django_field_errors(exc) -> list[dict[str, str]]:
    """A Django ValidationError (from a service's full_clean) as field errors."""
    if hasattr(exc, "message_dict"):
        return [
            {"field": field if field != "__all__" else "body", "message": message}
            for field, messages in exc.message_dict.items()
            for message in messages
        ]
    return [{"field": "body", "message": m} for m in exc.messages]


def install(api) -> None:
    """Answer every error the API can raise with a problem."""
    from django.core.exceptions import PermissionDenied, ValidationError
    from django.http import Http404
    from ninja.errors import AuthenticationError, HttpError
    from ninja.errors import ValidationError as NinjaValidationError

    def on_problem(request: HttpRequest, exc: ApiProblem) -> HttpResponse:
        return problem_response(exc.status, exc.detail, errors=exc.errors)

    def on_invalid(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        errors = field_errors_from_pydantic(exc.errors)
        if getattr(request, "api_body_unreadable", False):
            errors = [{"field": "body", "message": "Send a JSON object, with Content-Type: "
                       "application/json"}]  # fmt: skip
        summary = "; ".join(f"{e['field']}: {e['message']}" for e in errors[:5])
        return problem_response(422, f"Correct the input and try again. {summary}", errors=errors)

    def on_django_invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors = django_field_errors(exc)
        summary = "; ".join(f"{e['field']}: {e['message']}" for e in errors[:5])
        return problem_response(422, f"Correct the input and try again. {summary}", errors=errors)

    def on_not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
        return problem_response(
            404,
            "Nothing was found at this address, or you do not have access to it. "
            "Check the identifier, and send an API token if the data is not open.",
        )

    def on_denied(request: HttpRequest, exc: Exception) -> HttpResponse:
        return problem_response(403, str(exc) or "You are not allowed to do this.")

    def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return problem_response(exc.status_code, str(exc))

    def on_auth_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return problem_response(401, request.api_auth_error or str(exc))

    api.add_exception_handler(ApiProblem, on_problem)
    api.add_exception_handler(NinjaValidationError, on_invalid)
    api.add_exception_handler(ValidationError, on_django_invalid)
    api.add_exception_handler(Http404, on_not_found)
    api.add_exception_handler(PermissionDenied, on_denied)
    api.add_exception_handler(HttpError, on_http_error)
    api.add_exception_handler(AuthenticationError, on_auth_error)
