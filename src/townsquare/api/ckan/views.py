"""The CKAN Action API: `/api/3/action/<name>` and `/api/action/<name>`, GET or POST, with
parameters in the query string, a JSON body, a form or a multipart upload. Every answer is
CKAN's envelope: `{"help", "success", "result"}`, or `{"help", "success": false, "error"}`
with CKAN's `__type` and HTTP status (404, 409, 403, 400)."""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt

from townsquare.api.auth import write_refusal
from townsquare.api.jsonutil import dumps

from . import datastore, reads, writes  # noqa: F401 (each module registers its actions)
from .registry import ACTIONS, WRITES, BadRequest, CkanError, Invalid, NotAuthorized


@csrf_exempt  # reads need none; writes check it below for browser sessions (auth.py)
def action(request: HttpRequest, name: str) -> HttpResponse:
    help_url = request.build_absolute_uri(f"/api/3/action/help_show?name={name}")
    try:
        result = _call(request, name)
    except ValidationError as exc:
        error = Invalid(fields=_field_errors(exc))
        return _respond(help_url, error.status, {"success": False, "error": error.body()})
    except CkanError as error:
        return _respond(help_url, error.status, {"success": False, "error": error.body()})
    return _respond(help_url, 200, {"success": True, "result": result})


def _call(request: HttpRequest, name: str) -> Any:
    if request.method not in ("GET", "POST"):
        raise BadRequest("Use GET or POST.")
    fn = ACTIONS.get(name)
    if fn is None:
        raise BadRequest(f"Action name not known: {name}")
    if request.api_auth_error:
        raise NotAuthorized(request.api_auth_error)
    if name in WRITES:
        if request.method != "POST":
            raise BadRequest(f"{name} changes data: send it as a POST.")
        refusal = write_refusal(request)
        if refusal is not None:
            raise NotAuthorized(refusal[1])
    return fn(request, _params(request))


def _params(request: HttpRequest) -> dict[str, Any]:
    if request.method == "GET":
        return {k: v[-1] if len(v) == 1 else v for k, v in request.GET.lists()}
    content_type = request.content_type or ""
    if content_type.startswith(("multipart/form-data", "application/x-www-form-urlencoded")):
        data: dict[str, Any] = {k: v[-1] if len(v) == 1 else v for k, v in request.POST.lists()}
        if any("\x00" in str(v) for v in data.values()):
            raise BadRequest(NUL_MESSAGE)
        data.update({k: f for k, f in request.FILES.items()})
        return data
    if not request.body.strip():
        return {}
    if b"\\u0000" in request.body:
        raise BadRequest(NUL_MESSAGE)
    try:
        data = json.loads(request.body)
    except ValueError:
        raise BadRequest("Bad request - JSON Error: the body is not valid JSON.") from None
    if not isinstance(data, dict):
        raise BadRequest("Bad request - JSON Error: send a JSON object.")
    return data


NUL_MESSAGE = "Text may not contain the NUL character (\\u0000): remove it and send again."


def _field_errors(exc: ValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "message_dict"):
        return {("message" if k == "__all__" else k): v for k, v in exc.message_dict.items()}
    return {"message": exc.messages}


def _respond(help_url: str, status: int, body: dict[str, Any]) -> HttpResponse:
    return HttpResponse(
        dumps({"help": help_url, **body}),
        status=status,
        content_type="application/json;charset=utf-8",
    )
