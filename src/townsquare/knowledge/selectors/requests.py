"""Reads for data requests, limited to what the person may see (see `visibility`)."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from townsquare.core import access
from townsquare.knowledge.models import DataRequest, DataRequestUpdate, Vote

SORTS = {"votes": ("-vote_count", "-created", "-pk"), "newest": ("-created", "-pk")}


def requests_visible_to(user) -> QuerySet[DataRequest]:
    """Public requests for everyone; staff-only ones for staff. Hidden requests only for their
    authors and administrators (moderators find them in the moderation queue)."""
    qs = DataRequest.objects.all()
    if not access.is_staff(user):
        qs = qs.filter(audience=DataRequest.Audience.PUBLIC)
    if user is None or not user.is_authenticated:
        return qs.filter(is_hidden=False)
    if not user.is_superuser:
        qs = qs.filter(Q(is_hidden=False) | Q(author=user))
    return qs


def request_board(
    user, *, status: str = "", audience: str = "", sort: str = "votes", mine: bool = False
) -> QuerySet[DataRequest]:
    qs = requests_visible_to(user).select_related("author", "unit", "published_dataset")
    if status in DataRequest.Status.values:
        qs = qs.filter(status=status)
    if audience in DataRequest.Audience.values:
        qs = qs.filter(audience=audience)
    if mine and user.is_authenticated:
        qs = qs.filter(author=user)
    return qs.order_by(*SORTS.get(sort, SORTS["votes"]))


def status_counts(user) -> dict[str, int]:
    counts = dict.fromkeys(DataRequest.Status.values, 0)
    for status in requests_visible_to(user).values_list("status", flat=True):
        counts[status] += 1
    return counts


def request_for_user(user, pk: int) -> DataRequest | None:
    return (
        requests_visible_to(user)
        .select_related("author", "unit", "published_dataset", "published_dataset__publisher")
        .prefetch_related("datasets")
        .filter(pk=pk)
        .first()
    )


def request_updates(data_request: DataRequest) -> QuerySet[DataRequestUpdate]:
    return data_request.updates.select_related("actor", "unit")


def has_voted(user, data_request: DataRequest) -> bool:
    if not user.is_authenticated:
        return False
    return Vote.objects.filter(
        content_type__app_label="knowledge",
        content_type__model="datarequest",
        object_id=data_request.pk,
        user=user,
    ).exists()


def requests_citing(dataset, user) -> QuerySet[DataRequest]:
    """Requests that cite the dataset or were answered by publishing it."""
    return (
        requests_visible_to(user)
        .filter(is_hidden=False)
        .filter(Q(datasets=dataset) | Q(published_dataset=dataset))
        .distinct()
        .order_by("-created")
    )
