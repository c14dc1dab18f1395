"""Static files: WhiteNoise, plus GOV.UK Frontend's fonts and images at `/assets/`.

GOV.UK Frontend's precompiled stylesheet refers to its fonts and images by absolute path
(`url(/assets/fonts/…)`), and Django's manifest storage leaves absolute paths outside
STATIC_URL alone, so those files must also be served at `/assets/`.
"""

from pathlib import Path

from django.conf import settings as django_settings
from django.contrib.staticfiles import finders
from django.shortcuts import render
from django_ratelimit.core import is_ratelimited
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


class RateLimitMiddleware:
    """Slow down anyone posting too often (django-ratelimit, counted per signed-in person or
    per address): sign-in attempts at TOWNSQUARE_RATE_SIGN_IN, every other form and API post
    at TOWNSQUARE_RATE_POST. A limited request gets a 429 page and changes nothing."""

    SIGN_IN_PATH = "/accounts/sign-in/"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and django_settings.RATELIMIT_ENABLE:
            sign_in = request.path == self.SIGN_IN_PATH
            limited = is_ratelimited(
                request,
                group="sign-in" if sign_in else "post",
                key="ip" if sign_in else "user_or_ip",
                rate=django_settings.RATELIMIT_SIGN_IN
                if sign_in
                else django_settings.RATELIMIT_POST,
                method="POST",
                increment=True,
            )
            if limited:
                return render(request, "429.html", status=429)
        return self.get_response(request)
