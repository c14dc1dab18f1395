"""CORS for reads and rate limits, for everything under /api/.

CORS: any site may read the APIs from a browser (GET, HEAD and their preflight OPTIONS).
`Access-Control-Allow-Origin: *` never carries cookies, so a page elsewhere reads only what an
anonymous visitor (or a token its user pasted in) may; writes from other origins are refused by
the browser, because their preflight gets no CORS headers.

Rate limits: a fixed one-minute window in Django's cache, counted per API token, or per client
address for calls without one. Over the limit, 429 with `Retry-After`. Limits come from
TOWNSQUARE_API_RATE_LIMIT and TOWNSQUARE_API_RATE_LIMIT_ANONYMOUS (0 turns a limit off). The
default cache is per process: with several server processes, configure a shared cache.
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse

from townsquare.api.auth import API_PATH
from townsquare.api.jsonutil import dumps
from townsquare.api.native.problems import problem_response

READ_METHODS = ("GET", "HEAD", "OPTIONS")
EXPOSED = "ETag, Last-Modified, Link, Location, Retry-After, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset"
ALLOWED_HEADERS = (
    "Authorization, Accept, Content-Type, If-None-Match, If-Modified-Since, X-CKAN-API-Key"
)
WINDOW = 60


class ApiCorsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(API_PATH):
            return self.get_response(request)
        preflight = (
            request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers
        )
        if preflight:
            response = HttpResponse(status=204)
            if request.headers["Access-Control-Request-Method"].upper() in READ_METHODS:
                response["Access-Control-Allow-Origin"] = "*"
                response["Access-Control-Allow-Methods"] = ", ".join(READ_METHODS)
                response["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
                response["Access-Control-Max-Age"] = "86400"
            return response
        if "\x00" in request.path or "%00" in request.META.get("QUERY_STRING", ""):
            return _nul_refused(request)
        head = request.method == "HEAD"
        if head:  # answered as GET without the body: ninja and the CKAN view route GET only
            request.method = "GET"
        response = self.get_response(request)
        if head:
            request.method = "HEAD"
            if not getattr(response, "streaming", False):
                response["Content-Length"] = str(len(response.content))
                response.content = b""
        if request.method in READ_METHODS:
            response["Access-Control-Allow-Origin"] = "*"
            response["Access-Control-Expose-Headers"] = EXPOSED
        return response


class ApiRateLimitMiddleware:
    """Runs after ApiTokenMiddleware, which says whose token (if any) the request carries."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(API_PATH):
            return self.get_response(request)
        token = getattr(request, "api_token", None)
        limit = settings.API_RATE_LIMIT if token else settings.API_RATE_LIMIT_ANONYMOUS
        if limit <= 0:
            return self.get_response(request)
        who = f"token:{token.pk}" if token else f"ip:{_address(request)}"
        window = int(time.time()) // WINDOW
        used = _count(f"ts-api-rate:{who}:{window}")
        reset = WINDOW - int(time.time()) % WINDOW
        headers = {
            "RateLimit-Limit": str(limit),
            "RateLimit-Remaining": str(max(limit - used, 0)),
            "RateLimit-Reset": str(reset),
        }
        over = used > limit
        response = _too_many(request, limit, reset) if over else self.get_response(request)
        for name, value in headers.items():
            response[name] = value
        return response


def _address(request: HttpRequest) -> str:
    # REMOTE_ADDR only, as the audit log: a client can write any X-Forwarded-For it likes.
    address = request.META.get("REMOTE_ADDR", "")
    return hashlib.sha256(address.encode()).hexdigest()[:16]


def _count(key: str) -> int:
    cache.add(key, 0, WINDOW + 5)
    try:
        return cache.incr(key)
    except ValueError:  # the entry expired between add and incr
        cache.set(key, 1, WINDOW + 5)
        return 1


NUL_MESSAGE = "Text may not contain the NUL character (%00): remove it from the address."


def _nul_refused(request: HttpRequest) -> HttpResponse:
    """PostgreSQL cannot store or compare text with NUL in it: refuse it at the door."""
    if request.path.startswith("/api/v1/"):
        return problem_response(400, NUL_MESSAGE)
    body = {
        "help": "",
        "success": False,
        "error": {"__type": "Bad Request", "message": NUL_MESSAGE},
    }
    return HttpResponse(dumps(body), status=400, content_type="application/json;charset=utf-8")


def _too_many(request: HttpRequest, limit: int, reset: int) -> HttpResponse:
    message = (
        f"You have made more than {limit} requests this minute. Wait {reset} seconds and try "
        "again, or make fewer requests (use paging and conditional requests)."
    )
    if request.path.startswith("/api/v1/"):
        return problem_response(429, message, headers={"Retry-After": str(reset)})
    body = {
        "help": "",
        "success": False,
        "error": {"__type": "Rate Limit Error", "message": message},
    }
    response = HttpResponse(dumps(body), status=429, content_type="application/json;charset=utf-8")
    response["Retry-After"] = str(reset)
    return response
