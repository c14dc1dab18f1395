"""Small helpers the knowledge views share."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme

from townsquare.knowledge import permissions


def staff_required(view):
    """Questions are staff knowledge: sign in first; a resident gets a page saying so (403)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not permissions.can_use_questions(request.user):
            return render(request, "knowledge/staff_only.html", status=403)
        return view(request, *args, **kwargs)

    return wrapped


def safe_next(request: HttpRequest, fallback: str) -> str:
    """The `next` address from the form if it stays on this site, else the fallback."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback
