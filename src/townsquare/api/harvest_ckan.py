"""Read a CKAN site's datasets through its Action API (`package_search`, paged by `start`)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from .fetch import FetchError, fetch
from .harvest import RemoteDataset, RemoteResource

ROWS = 100
MAX_DATASETS = 100_000
ACTION = "/api/3/action/package_search"


def search_url(url: str) -> tuple[str, dict[str, str]]:
    """The package_search URL for a CKAN site's root or action URL, and the query it carries
    (such as `fq=organization:parks`) without paging."""
    parts = urlsplit(url)
    path = parts.path.rstrip("/")
    if not path.endswith("/action/package_search"):
        path = f"{path}{ACTION}"
    query = {k: v for k, v in parse_qsl(parts.query) if k not in ("rows", "start")}
    return urlunsplit((parts.scheme, parts.netloc, path, "", "")), query


def read(url: str) -> Iterator[RemoteDataset]:
    endpoint, query = search_url(url)
    start = 0
    while start < MAX_DATASETS:
        page = f"{endpoint}?{urlencode({**query, 'rows': ROWS, 'start': start})}"
        result = _result(fetch(page, accept="application/json").body, page)
        packages = result.get("results") or []
        for package in packages:
            yield _dataset(package)
        start += len(packages)
        if not packages or start >= int(result.get("count") or 0):
            return


def _result(body: bytes, url: str) -> dict:
    try:
        envelope = json.loads(body)
    except ValueError as error:
        raise FetchError(f"{url} did not answer with JSON: is it a CKAN site?") from error
    if not isinstance(envelope, dict) or not envelope.get("success"):
        raise FetchError(f"{url} answered with an error: {str(envelope)[:300]}")
    return envelope.get("result") or {}


def _dataset(package: dict) -> RemoteDataset:
    extras = {e.get("key"): e.get("value") or "" for e in package.get("extras") or []}
    return RemoteDataset(
        remote_id=str(package.get("id") or package.get("name")),
        remote_url=package.get("url") or "",
        title=package.get("title") or package.get("name") or "",
        summary=extras.get("summary", ""),
        description=package.get("notes") or "",
        keywords=[t.get("name", "") for t in package.get("tags") or []],
        licence_url=package.get("license_url") or "",
        licence_id=package.get("license_id") or "",
        licence_title=package.get("license_title") or "",
        licence_is_open=package.get("isopen") if isinstance(package.get("isopen"), bool) else None,
        update_frequency=extras.get("update_frequency", ""),
        temporal_start=_day(extras.get("temporal_coverage_from")),
        temporal_end=_day(extras.get("temporal_coverage_to")),
        spatial=extras.get("spatial_coverage", ""),
        contact_name=package.get("maintainer") or package.get("author") or "",
        contact_email=package.get("maintainer_email") or package.get("author_email") or "",
        resources=[
            RemoteResource(
                title=r.get("name") or "Download",
                url=r.get("url") or "",
                fmt=r.get("format") or "",
                description=r.get("description") or "",
            )
            for r in package.get("resources") or []
        ],
    )


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None
