"""A small, careful HTTP client for fetching other sites' catalogues (harvesting).

A harvest source is a URL someone typed, so it must not become a way into the council's own
network (server-side request forgery). Before connecting, the host name is resolved and every
address it resolves to is checked: private, loopback, link-local, multicast, reserved and
unspecified addresses are refused unless `TOWNSQUARE_FETCH_ALLOW_PRIVATE` is on. The connection
then goes to the address that was checked (so a second DNS answer cannot swap it), with the
host name kept for the Host header and TLS. Redirects are followed by hand, each checked the
same way. Connect and read timeouts and a size limit bound every response.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import urllib3
from django.conf import settings

CONNECT_TIMEOUT = 5.0
READ_TIMEOUT = 30.0
MAX_REDIRECTS = 5
USER_AGENT = "Townsquare-harvester/1.0"
REDIRECTS = frozenset({301, 302, 303, 307, 308})


class FetchError(Exception):
    """The fetch failed: a message a person can act on."""


class FetchRefused(FetchError):
    """The address is one Townsquare may not fetch from."""


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    status: int
    content_type: str
    body: bytes

    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")


def fetch(url: str, *, accept: str = "*/*", max_bytes: int | None = None) -> Fetched:
    """GET `url`, following up to MAX_REDIRECTS redirects; raise FetchError (or FetchRefused)
    for anything but a 2xx answer within the limits."""
    limit = max_bytes if max_bytes is not None else settings.FETCH_MAX_MB * 1024 * 1024
    for _ in range(MAX_REDIRECTS + 1):
        response = _get_once(url, accept=accept)
        try:
            if response.status in REDIRECTS and response.headers.get("Location"):
                url = urljoin(url, response.headers["Location"])
                continue
            if not 200 <= response.status < 300:
                raise FetchError(f"{url} answered {response.status}")
            body = _read_limited(response, limit, url)
            content_type = response.headers.get("Content-Type", "")
            return Fetched(url=url, status=response.status, content_type=content_type, body=body)
        finally:
            response.release_conn()
    raise FetchError(f"More than {MAX_REDIRECTS} redirects from {url}")


def check_address(ip: str) -> None:
    """Refuse addresses inside private networks, unless settings allow them."""
    address = ipaddress.ip_address(ip)
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    internal = (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
    )
    if internal and not settings.FETCH_ALLOW_PRIVATE:
        raise FetchRefused(
            f"Refusing to fetch from {address}: it is a private, loopback or link-local "
            "address (set TOWNSQUARE_FETCH_ALLOW_PRIVATE to allow it)"
        )


def resolve(host: str, port: int) -> list[str]:
    """Every address the host name resolves to, each checked."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        raise FetchError(f"Cannot find the host {host}: {error}") from error
    addresses = list(dict.fromkeys(info[4][0] for info in infos))
    for ip in addresses:
        check_address(ip)
    if not addresses:
        raise FetchError(f"Cannot find the host {host}")
    return addresses


def _get_once(url: str, *, accept: str) -> urllib3.BaseHTTPResponse:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchRefused(f"Only http and https addresses can be fetched, not {url!r}")
    https = parts.scheme == "https"
    port = parts.port or (443 if https else 80)
    ip = resolve(parts.hostname, port)[0]
    timeout = urllib3.Timeout(connect=CONNECT_TIMEOUT, read=READ_TIMEOUT)
    common = {"port": port, "timeout": timeout, "retries": False, "maxsize": 1}
    if https:
        pool: urllib3.HTTPConnectionPool = urllib3.HTTPSConnectionPool(
            ip,
            server_hostname=parts.hostname,
            assert_hostname=parts.hostname,
            cert_reqs="CERT_REQUIRED",
            **common,
        )
    else:
        pool = urllib3.HTTPConnectionPool(ip, **common)
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    host_header = parts.hostname if parts.port is None else f"{parts.hostname}:{parts.port}"
    headers = {"Host": host_header, "Accept": accept, "User-Agent": USER_AGENT}
    try:
        return pool.urlopen(
            "GET", path, headers=headers, redirect=False, preload_content=False, retries=False
        )
    except urllib3.exceptions.HTTPError as error:
        raise FetchError(f"Could not fetch {url}: {error}") from error


def _read_limited(response: urllib3.BaseHTTPResponse, limit: int, url: str) -> bytes:
    declared = response.headers.get("Content-Length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise FetchError(f"{url} is larger than the {limit:,}-byte limit")
    chunks, size = [], 0
    try:
        for chunk in response.stream(64 * 1024):
            size += len(chunk)
            if size > limit:
                raise FetchError(f"{url} is larger than the {limit:,}-byte limit")
            chunks.append(chunk)
    except urllib3.exceptions.HTTPError as error:
        raise FetchError(f"Could not read {url}: {error}") from error
    return b"".join(chunks)
