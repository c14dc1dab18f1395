"""`townsquare serve` starts gunicorn and the task worker: the site answers over HTTP with its
static files, and both stop on SIGTERM. This is what `make run` ends with."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - loopback only
        return response.status, response.read()


# How long gunicorn and the worker may take to start. Generous: on a loaded machine (two xdist
# workers and more beside) a start has taken over 20 seconds. A limit for giving up, not a
# measurement: the test passes as soon as the site answers.
START_LIMIT = 120.0


def _wait_until_answering(url: str, server: subprocess.Popen) -> None:
    """Poll `url` until it answers; fail early if the server process has exited."""
    give_up = time.monotonic() + START_LIMIT
    while True:
        try:
            _get(url)
            return
        except OSError:
            if server.poll() is not None:
                pytest.fail(f"townsquare serve exited with {server.returncode} before answering")
            if time.monotonic() > give_up:
                pytest.fail(f"townsquare serve did not answer {url} within {START_LIMIT:.0f} s")
            time.sleep(0.2)


@pytest.fixture
def site(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}  # always SQLite here
    env["TOWNSQUARE_DATA_DIR"] = str(tmp_path)
    for args in (["migrate", "-v0"], ["collectstatic", "--no-input", "-v0"]):
        subprocess.run([BIN / "townsquare", *args], env=env, check=True)  # noqa: S603
    port = _free_port()
    server = subprocess.Popen(  # noqa: S603
        [BIN / "townsquare", "serve", "--port", str(port), "--workers", "1"], env=env
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_answering(f"{base}/healthz", server)
    except BaseException:
        server.kill()
        server.wait()
        raise
    yield base, server
    if server.poll() is None:
        server.kill()


def test_serve_answers_and_stops_cleanly(site):
    base, server = site
    status, body = _get(f"{base}/datasets/")
    assert status == 200 and b"govuk-template" in body
    css = body.decode().split('href="/static/govuk/')[1].split('"')[0]
    assert _get(f"{base}/static/govuk/{css}")[0] == 200
    server.send_signal(signal.SIGTERM)
    assert server.wait(timeout=30) == 0
