"""What every native endpoint shares: refusing writes the caller may not make, and fetching a
dataset through the access policy (404 for what the caller may not see, never 403)."""

from __future__ import annotations

from django.http import HttpRequest

from townsquare.api import lookups
from townsquare.api.auth import write_refusal
from townsquare.catalogue.models import Dataset
from townsquare.core import access

from .problems import ApiProblem

NOT_FOUND = (
    "No dataset ‘{ref}’ was found, or you do not have access to it. Check the slug; "
    "if the dataset is not open, send an API token."
)


def refuse_unauthenticated_token(request: HttpRequest) -> None:
    if request.api_auth_error:
        raise ApiProblem(401, request.api_auth_error)


def require_write(request: HttpRequest) -> None:
    refusal = write_refusal(request)
    if refusal is not None:
        raise ApiProblem(*refusal)


def dataset_or_404(request: HttpRequest, slug: str) -> Dataset:
    refuse_unauthenticated_token(request)
    found = lookups.dataset_by_ref(request.user, slug)
    if found is None:
        raise ApiProblem(404, NOT_FOUND.format(ref=slug))
    return found


def dataset_to_change(request: HttpRequest, slug: str, action: access.Action = "edit") -> Dataset:
    """A dataset the caller may change: 404 if they cannot see it (whoever they are), then
    401 or 403 if they may not write, or may not write to this one."""
    found = dataset_or_404(request, slug)
    require_write(request)
    if not access.can(request.user, action, found):
        raise ApiProblem(
            403,
            f"You can see ‘{found.title}’ but cannot {action} it: only publishers for "
            f"{found.publisher.name} can. Ask them, or an administrator, for the publisher role.",
        )
    return found
