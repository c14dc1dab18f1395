"""What every page's layout needs. `site_context()` touches no database, so the 500 page can
use it without a request; `site()` adds the sections only staff may open."""

from django.conf import settings

from townsquare.core.access import is_staff

# The site's main sections, as (label, path). The paths belong to other apps; they are written
# out rather than reversed so that the layout never fails because one app is missing a route.
SECTIONS = (
    ("Datasets", "/datasets/"),
    ("Data requests", "/requests/"),
    ("Organisation", "/organisation/"),
    ("Transparency", "/transparency/"),
)
# Knowledge shared among staff: residents and visitors are not shown links they cannot open.
STAFF_SECTIONS = (
    ("Questions", "/questions/"),
    ("Guides", "/guides/"),
    ("Communities", "/communities/"),
    ("People", "/people/"),
)


def aria_current(path: str, href: str) -> str:
    """`page` on the page a link points to, `true` anywhere below it, else empty."""
    if not path:
        return ""
    if path == href:
        return "page"
    if href != "/" and path.startswith(href):
        return "true"
    return ""


def navigation(path: str = "", *, staff: bool = False) -> list[dict[str, str]]:
    sections = SECTIONS + STAFF_SECTIONS if staff else SECTIONS
    return [
        {"text": text, "href": href, "current": aria_current(path, href)} for text, href in sections
    ]


def site_context(path: str = "", *, staff: bool = False) -> dict:
    contact_email = getattr(settings, "CONTACT_EMAIL", "")
    return {
        "SITE_NAME": settings.SITE_NAME,
        "CONTACT_EMAIL": contact_email,
        "DPO_EMAIL": getattr(settings, "DPO_EMAIL", "") or contact_email,
        "site_navigation": navigation(path, staff=staff),
    }


def site(request) -> dict:
    return site_context(request.path, staff=is_staff(getattr(request, "user", None)))
