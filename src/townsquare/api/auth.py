"""Who is calling the APIs: an API token, or the browser session.

`ApiTokenMiddleware` runs for every path under /api/ just after Django's authentication. A
token, sent as `Authorization: Bearer <token>` (or, as CKAN clients send it, the bare token in
`Authorization` or `X-CKAN-API-Key`), replaces the session: the request acts as the token's
user, so `core.access` applies to it exactly as to that person in a browser. A token that is
unknown, expired or revoked leaves the request anonymous and records why, so each API can
refuse it in its own error format.

Writes (`write_refusal`) need a signed-in caller: a read-write token, or a session with a CSRF
token (a page on another site can make a browser send its cookie, never a token).
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.middleware.csrf import CsrfViewMiddleware

from townsquare.accounts import selectors as people
from townsquare.accounts import services as tokens
from townsquare.api.native.problems import problem_response

API_PATH = "/api/"
NATIVE_API_PATH = "/api/v1/"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
SESSION_NEEDS_CSRF = (
    "A browser session must send its CSRF token (the X-CSRFToken header) to change data. "
    "Programs should use an API token instead."
)
UNRECOGNISED = (
    "The API token was not recognised: it may be mistyped, expired or revoked. "
    "Create a new one at /people/me/tokens/."
)


def token_secret(request: HttpRequest) -> str:
    """The token the request carries, or ''. Basic and other schemes are not ours."""
    header = request.headers.get("Authorization", "").strip()
    if header:
        scheme, _, rest = header.partition(" ")
        if not rest:
            return scheme  # CKAN's form: the bare token
        return rest.strip() if scheme.lower() == "bearer" else ""
    return request.headers.get("X-CKAN-API-Key", "").strip()


class ApiTokenMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        request.api_token = None
        request.api_auth_error = ""
        if request.path.startswith(API_PATH):
            self._authenticate(request)
            if _forged_session_post(request):
                # Refused before the body is read: a cross-site post made with someone's
                # session cookie gets a refusal, not a list of what its body lacks.
                return problem_response(403, SESSION_NEEDS_CSRF)
        return self.get_response(request)

    def _authenticate(self, request: HttpRequest) -> None:
        secret = token_secret(request)
        if not secret:
            return
        token = people.token_for_digest(tokens.token_digest(secret))
        if token is None:
            request.user = AnonymousUser()
            request.api_auth_error = UNRECOGNISED
        else:
            request.user = token.user
            request.api_token = token
            tokens.token_mark_used(token=token)
        # A token is not sent automatically by browsers, so it needs no CSRF defence.
        request._dont_enforce_csrf_checks = True


def _forged_session_post(request: HttpRequest) -> bool:
    """A post to the native API on a browser session without its CSRF token."""
    return (
        request.path.startswith(NATIVE_API_PATH)
        and request.method not in SAFE_METHODS
        and request.api_token is None
        and request.user.is_authenticated
        and _csrf_refused(request)
    )


def _csrf_refused(request: HttpRequest) -> bool:
    check = CsrfViewMiddleware(lambda r: None)
    return check.process_view(request, lambda r: None, (), {}) is not None


def write_refusal(request: HttpRequest) -> tuple[int, str] | None:
    """Why this request may not change anything, as (HTTP status, message), or None."""
    if request.api_auth_error:
        return 401, request.api_auth_error
    if not request.user.is_authenticated:
        return 401, (
            "Changing data needs an API token with read and write access. "
            "Create one at /people/me/tokens/ and send it as ‘Authorization: Bearer <token>’."
        )
    token = request.api_token
    if token is not None and not token.can_write:
        return 403, (
            f"The token ‘{token.name}’ is read only. "
            "Create a read and write token at /people/me/tokens/."
        )
    if token is None and _csrf_refused(request):
        return 403, SESSION_NEEDS_CSRF
    return None
