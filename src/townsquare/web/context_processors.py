"""What every page's layout needs. Nothing here touches the database, so the 500 page can use
`site_context()` without a request."""

from django.conf import settings

# The site's main sections, as (label, path). The paths belong to other apps; they are written
# out rather than reversed so that the layout never fails because one app is missing a route.
SECTIONS = (
    ("Datasets", "/datasets/"),
    ("Organisation", "/organisation/"),
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


def navigation(path: str = "") -> list[dict[str, str]]:
    return [
        {"text": text, "href": href, "current": aria_current(path, href)} for text, href in SECTIONS
    ]


def site_context(path: str = "") -> dict:
    contact_email = getattr(settings, "CONTACT_EMAIL", "")
    return {
        "SITE_NAME": settings.SITE_NAME,
        "CONTACT_EMAIL": contact_email,
        "DPO_EMAIL": getattr(settings, "DPO_EMAIL", "") or contact_email,
        "site_navigation": navigation(path),
    }


def site(request) -> dict:
    return site_context(request.path)
