"""From the bundled articles to answers over HTTP: build, validate, serve, query."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.foundation.conftest import ROOT


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_the_bundled_corpus_is_served_over_sparql(bundled_store: Path) -> None:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg", "serve", "--store", str(bundled_store), "--port", str(port)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/sparql", params={"query": "ASK {}"}, timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert proc.poll() is None, proc.stdout.read().decode() if proc.stdout else ""
            assert time.monotonic() < deadline, "the server did not start within 60 s"
            time.sleep(0.3)
        query = ("PREFIX marsad: <https://w3id.org/marsad/ontology#> "
                 "SELECT (COUNT(?m) AS ?n) WHERE { ?m a marsad:Meeting }")
        r = httpx.get(f"{base}/sparql", params={"query": query},
                      headers={"Accept": "application/sparql-results+json"}, timeout=30)
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("application/sparql-results+json")
        assert int(r.json()["results"]["bindings"][0]["n"]["value"]) >= 1
    finally:
        proc.terminate()
        proc.wait(timeout=20)
