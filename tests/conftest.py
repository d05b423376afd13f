"""Fixtures shared across test areas: stores made from Turtle, a live endpoint on
loopback, and headless Chromium.

``live_server`` starts the real app (uvicorn, worker processes, relay) in a thread on a
free loopback port, so tests talk HTTP to it and can still look at ``app.state``.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pyoxigraph as ox
import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
ARTIFACTS = ROOT / "test-artifacts"
#: One HTTP client for every test (a new httpx client per request costs ~0.1 s: it loads
#: the CA bundle each time). Thread-safe; redirects are not followed.
HTTP = httpx.Client(timeout=60, trust_env=False)
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def make_store(root: Path, graphs: dict[str, str]) -> Path:
    """A Marsad store at ``root`` (written with ``kg.store.writer``, as a build does) with
    one named graph per item of ``graphs`` (graph IRI -> Turtle)."""
    from kg.store import writer

    with writer(root) as w:
        for graph, turtle in graphs.items():
            quads = list(ox.parse(turtle.encode("utf-8"), format=ox.RdfFormat.TURTLE))
            w.replace_graph(ox.NamedNode(graph), quads)  # type: ignore[arg-type]
    return root


@dataclass
class LiveServer:
    """A running endpoint: ``url`` is its base, ``app`` the FastAPI app."""

    url: str
    app: Any
    server: Any
    thread: threading.Thread

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)


def start_server(**settings: Any) -> LiveServer:
    import uvicorn

    from server import Settings, create_app

    port = free_port()
    s = Settings(host="127.0.0.1", port=port, **settings)
    app = create_app(s)
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, log_level="warning", access_log=False, lifespan="on"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True, name=f"uvicorn-{port}")
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    return LiveServer(f"http://127.0.0.1:{port}", app, server, thread)


@pytest.fixture(scope="session")
def live_server_factory() -> Iterator[Callable[..., LiveServer]]:
    """Start servers with given settings; all are stopped at the end of the session."""
    started: list[LiveServer] = []

    def factory(**settings: Any) -> LiveServer:
        srv = start_server(**settings)
        started.append(srv)
        return srv

    yield factory
    for srv in started:
        srv.stop()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where tests keep screenshots and other evidence (``test-artifacts/``)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@dataclass
class Chromium:
    """Debian's chromium, driven with playwright-core (from npm) by a node script."""

    executable: str
    node: str

    def run_script(
        self, script: Path, *args: str, timeout: float = 90
    ) -> subprocess.CompletedProcess[str]:
        profile = tempfile.mkdtemp(prefix="marsad-chromium-")
        env = {
            **os.environ,
            "CHROMIUM": self.executable,
            "CHROMIUM_PROFILE": profile,
            "CHROMIUM_FLAGS": " ".join(CHROMIUM_FLAGS),
            "NODE_PATH": str(ROOT / "node_modules"),
        }
        try:
            return subprocess.run(
                [self.node, str(script), *args],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                timeout=timeout,
            )
        finally:
            shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="session")
def chromium() -> Chromium:
    """Headless Chromium, or a skip that says what is missing."""
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if exe is None:
        pytest.skip("Debian's chromium is not installed (apt-get install -y chromium)")
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: the browser tests drive chromium with playwright-core")
    if not (ROOT / "node_modules" / "playwright-core").is_dir():
        pytest.skip("node_modules/playwright-core is missing: run npm ci")
    return Chromium(exe, node)
