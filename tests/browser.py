"""Helpers for the browser layer: a real `streamlit run` and Debian's Chromium.

Every request to anything but localhost is aborted, so a page that needs the
internet fails its test. Chromium comes from Debian (`apt-get install
chromium`), never from a download; without it the browser tests skip, unless
KPI_REQUIRE_BROWSER=1 (set by .ci/run) turns that into a failure.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO / "tests" / "artifacts"
CHROMIUM_FLAGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
]


def chromium_path() -> str:
    """Path of Debian's chromium, or skip/fail as KPI_REQUIRE_BROWSER says."""
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path:
        return path
    if os.environ.get("KPI_REQUIRE_BROWSER") == "1":
        pytest.fail("Thiếu chromium (apt-get install chromium) mà CI yêu cầu kiểm thử trình duyệt")
    pytest.skip("Không có chromium: bỏ qua kiểm thử trình duyệt (cài: apt-get install chromium)")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def streamlit_server(database_url: str, timeout: float = 60):
    """Run `streamlit run app.py` on a free localhost port; yields its base URL."""
    port = _free_port()
    env = dict(os.environ, KPI_DATABASE_URL=database_url, PYTHONPATH=str(REPO))
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(REPO / "app.py"),
         "--server.port", str(port), "--server.address", "127.0.0.1",
         "--server.headless", "true"],
        cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                output = process.stdout.read().decode(errors="replace") if process.stdout else ""
                raise RuntimeError(f"streamlit did not start:\n{output}")
            time.sleep(0.3)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def offline_only(page, blocked: list[str]) -> None:
    """Abort every request that leaves localhost and remember its URL."""

    def route(request_route, request):
        host = urlparse(request.url).hostname or ""
        if request.url.startswith(("data:", "blob:")) or host in ("127.0.0.1", "localhost"):
            request_route.continue_()
        else:
            blocked.append(request.url)
            request_route.abort()

    page.route("**/*", route)
