"""Pages every deployment has: accessibility statement, privacy notice, cookies, health check
and the error pages."""

import datetime
import logging

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token
from django.views.generic import TemplateView

from townsquare.web.context_processors import site_context

logger = logging.getLogger(__name__)

# Update these when the accessibility statement is reviewed (it should be reviewed every year).
ACCESSIBILITY_STATEMENT_PREPARED = datetime.date(2026, 11, 27)
ACCESSIBILITY_STATEMENT_REVIEWED = datetime.date(2026, 11, 27)


class AccessibilityView(TemplateView):
    template_name = "web/accessibility.html"
    extra_context = {
        "prepared": ACCESSIBILITY_STATEMENT_PREPARED,
        "reviewed": ACCESSIBILITY_STATEMENT_REVIEWED,
    }


class PrivacyView(TemplateView):
    template_name = "web/privacy.html"


def essential_cookies() -> list[dict[str, str]]:
    """The cookies Django sets, named and timed as this deployment's settings say."""
    session_expiry = (
        "When you close your browser"
        if settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
        else _duration(settings.SESSION_COOKIE_AGE)
    )
    cookies = [
        {
            "name": settings.SESSION_COOKIE_NAME,
            "purpose": "Keeps you signed in as you move from page to page",
            "expires": session_expiry,
        },
        {
            "name": settings.CSRF_COOKIE_NAME,
            "purpose": "Checks that forms you send came from this website, to protect you from "
            "cross-site request forgery",
            "expires": _duration(settings.CSRF_COOKIE_AGE),
        },
    ]
    if settings.MESSAGE_STORAGE.rsplit(".", 1)[-1] in {"CookieStorage", "FallbackStorage"}:
        cookies.append(
            {
                "name": "messages",
                "purpose": "Shows you a message after you do something, such as saving a change",
                "expires": "As soon as the message has been shown",
            }
        )
    return cookies


def _duration(seconds: int) -> str:
    days = round(seconds / 86400)
    if days % 7 == 0:
        weeks = days // 7
        return "1 week" if weeks == 1 else f"{weeks} weeks"
    return "1 day" if days == 1 else f"{days} days"


class CookiesView(TemplateView):
    template_name = "web/cookies.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(cookies=essential_cookies(), **kwargs)


@never_cache
def healthz(request):
    """For load balancers and uptime checks: "ok" when the database answers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: the database did not answer")
        return HttpResponse("database unavailable", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")


@requires_csrf_token
def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


@requires_csrf_token
def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request, template_name="500.html"):
    """Rendered without the request's context processors: the database or the session may be
    what failed."""
    try:
        html = loader.get_template(template_name).render(site_context())
    except Exception:  # the error page must not fail in turn
        logger.exception("The 500 page could not be rendered")
        html = "<!DOCTYPE html><title>Sorry, there is a problem with the service</title>"
        html += "<h1>Sorry, there is a problem with the service</h1><p>Try again later.</p>"
    return HttpResponseServerError(html)
