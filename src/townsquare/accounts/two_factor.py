"""Two-factor sign-in (TOTP through django-otp) for administrators and stewards.

After the password, anyone who must use a second factor is sent to `/accounts/two-factor/`
until this session is verified: the first time, to enrol an authenticator app from a QR code;
after that, to type the six-digit code it shows. TOWNSQUARE_REQUIRE_2FA turns the rule off for
demonstrations (`make run` does; see docs/decisions/0024-audit-trail-page-and-expiry.md).
"""

from __future__ import annotations

from urllib.parse import quote

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from townsquare.core.audit import Action, audit_record

from . import selectors
from .forms import TokenForm
from .models import Role

# Pages a signed-in person can reach before the second factor: the step itself, signing out,
# and files the page needs.
EXEMPT_PREFIXES = ("/accounts/two-factor/", "/accounts/sign-out/", "/static/", "/assets/",
                   "/healthz")  # fmt: skip


def two_factor_required(user) -> bool:
    """Administrators and stewards (by role, or named on a dataset) need a second factor."""
    if not settings.REQUIRE_TWO_FACTOR or not user.is_authenticated:
        return False
    from townsquare.core import access  # the policy imports this app

    principal = access.principal_for(user)
    if principal.is_admin or principal.steward_units or selectors.has_role(user, Role.Kind.STEWARD):
        return True
    return access.datasets_visible_to(user, "manage_grants").exists()  # a named steward


class RequireTwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        # An API token was made by someone already signed in with both factors, and a script
        # has no second factor to give: token calls are not asked for one.
        if (
            user.is_authenticated
            and getattr(request, "api_token", None) is None
            and not user.is_verified()
            and not request.path.startswith(EXEMPT_PREFIXES)
            and two_factor_required(user)
        ):
            step = reverse("accounts:two-factor")
            return redirect(f"{step}?next={quote(request.get_full_path())}")
        return self.get_response(request)


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def enrolment_device(user) -> TOTPDevice:
    """The unconfirmed device being enrolled, made on first need (one per person)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)


def qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// address as an inline SVG: paths only, no script or style, so the strict
    Content Security Policy allows it."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return image.to_string(encoding="unicode")


def secret_text(device: TOTPDevice) -> str:
    """The key in base32, in groups of four, for typing in by hand."""
    from base64 import b32encode

    key = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


@login_required
@require_http_methods(["GET", "POST"])
def two_factor(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app, or enter its code, to finish signing in."""
    device = confirmed_device(request.user)
    enrolling = device is None
    if enrolling:
        device = enrolment_device(request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            if enrolling:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                audit_record(actor=request.user, action=Action.EDIT, obj=request.user,
                             request=request, details={"two_factor": "enrolled"})  # fmt: skip
            otp_login(request, device)
            wanted = request.GET.get("next", "")
            safe = url_has_allowed_host_and_scheme(wanted, {request.get_host()},
                                                   request.is_secure())  # fmt: skip
            return redirect(wanted if safe and wanted else "/")
        form.add_error("token", "The code is not right. Enter the 6 digit code your app shows now")
    context = {"form": form, "enrolling": enrolling}
    if enrolling:
        context.update(qr_svg=qr_svg(device), secret=secret_text(device))
    return render(request, "accounts/two_factor.html", context)
