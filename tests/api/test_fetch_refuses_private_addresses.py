"""The harvest fetcher refuses private, loopback and link-local addresses (every address a
name resolves to, and again after each redirect) unless TOWNSQUARE_FETCH_ALLOW_PRIVATE is on,
and it stops reading at the size limit."""

import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from townsquare.api import fetch as fetcher

UNSPECIFIED = "0.0.0.0"  # noqa: S104 - an address to refuse, not one to bind


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - the standard library's name
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", f"http://127.0.0.1:{self.server.server_port}/big")
            self.end_headers()
            return
        body = b"x" * 2000
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()  # no Content-Length: the limit must hold while reading
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = HTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.parametrize(
    "ip",
    ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", UNSPECIFIED,
     "::1", "fe80::1", "fc00::1", "::ffff:127.0.0.1", "224.0.0.1"],
)  # fmt: skip
def test_internal_addresses_are_refused(ip):
    with pytest.raises(fetcher.FetchRefused):
        fetcher.check_address(ip)


@pytest.mark.parametrize("ip", ["8.8.8.8", "2a00:1450:4009:80b::200e"])
def test_public_addresses_are_allowed(ip):
    fetcher.check_address(ip)


def test_a_name_that_resolves_to_loopback_is_refused():
    with pytest.raises(fetcher.FetchRefused):
        fetcher.resolve("localhost", 80)


def test_fetching_from_loopback_is_refused_by_default(server):
    with pytest.raises(fetcher.FetchRefused, match="TOWNSQUARE_FETCH_ALLOW_PRIVATE"):
        fetcher.fetch(f"{server}/small")


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.com/", "gopher://x/"])
def test_other_schemes_are_refused(url):
    with pytest.raises(fetcher.FetchRefused):
        fetcher.fetch(url)


def test_a_redirect_is_checked_again(server, monkeypatch):
    real_check, checked = fetcher.check_address, []

    def allow_only_the_first(ip):
        checked.append(ip)
        if len(checked) > 1:
            real_check(ip)

    monkeypatch.setattr(fetcher, "check_address", allow_only_the_first)
    with pytest.raises(fetcher.FetchRefused):
        fetcher.fetch(f"{server}/redirect")
    assert len(checked) == 2


def test_allowed_by_setting_and_limited_in_size(server, settings):
    settings.FETCH_ALLOW_PRIVATE = True
    assert fetcher.fetch(f"{server}/redirect").body == b"x" * 2000
    with pytest.raises(fetcher.FetchError, match="limit"):
        fetcher.fetch(f"{server}/big", max_bytes=1000)
