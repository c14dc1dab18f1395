"""Static files: WhiteNoise, plus GOV.UK Frontend's fonts and images at `/assets/`.

GOV.UK Frontend's precompiled stylesheet refers to its fonts and images by absolute path
(`url(/assets/fonts/…)`), and Django's manifest storage leaves absolute paths outside
STATIC_URL alone, so those files must also be served at `/assets/`.
"""

from pathlib import Path

from django.conf import settings as django_settings
from django.contrib.staticfiles import finders
from whitenoise.middleware import WhiteNoiseMiddleware

ASSETS_PREFIX = "/assets/"
# Where the assets sit among the static files (see STATICFILES_DIRS: "govuk" prefix).
ASSETS_STATIC_PATH = "govuk/assets"
# GOV.UK Frontend puts a content hash in its font file names, so they never change.
FINGERPRINTED_PREFIXES = (f"{ASSETS_PREFIX}fonts/",)


def govuk_assets_root(settings=django_settings) -> Path | None:
    """The collected copy in STATIC_ROOT when there is one, else wherever the finders see it
    (node_modules in development and tests)."""
    if settings.STATIC_ROOT:
        collected = Path(settings.STATIC_ROOT) / ASSETS_STATIC_PATH
        if collected.is_dir():
            return collected
    found = finders.find(f"{ASSETS_STATIC_PATH}/manifest.json")
    if found:
        return Path(found).parent
    return None


class StaticFilesMiddleware(WhiteNoiseMiddleware):
    """WhiteNoise for STATIC_URL, and GOV.UK Frontend's `assets` folder at `/assets/`."""

    def __init__(self, get_response=None, settings=django_settings):
        super().__init__(get_response, settings)
        root = govuk_assets_root(settings)
        if root is not None:
            self.add_files(str(root), prefix=ASSETS_PREFIX)

    def immutable_file_test(self, path, url):
        return url.startswith(FINGERPRINTED_PREFIXES) or super().immutable_file_test(path, url)


# Everything the pages load comes from this site, and no page has inline script or style,
# so the policy can be strict. The admin is left to Django's own defaults.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith("/admin/"):
            response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        return response
