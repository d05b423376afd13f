"""The store every export test reads: the bundled corpus built once per session with
``kg build``, as a researcher runs it, and the CLI helpers that export from it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "data" / "articles"
SISI = "https://w3id.org/marsad/id/entity/Q307871"


def kg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kg", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )


def export(store: Path, out: Path, fmt: str, *args: str) -> Path:
    kg("export", "--store", str(store), "--format", fmt, *args, "-o", str(out))
    return out


@pytest.fixture(scope="session")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("export") / "store"
    kg("build", str(ARTICLES), "--store", str(root))
    return root


@pytest.fixture(scope="session")
def haftar(store: Path) -> str:
    """Khalifa Haftar's IRI, found by his Arabic label (not written into the test)."""
    from kg.store import open_store

    db = open_store(store, read_only=True)
    result = db.query(
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
        "SELECT DISTINCT ?s ?name WHERE { ?s rdfs:label ?name }",
        use_default_graph_as_union=True,
        substitutions={ox.Variable("name"): ox.Literal("خليفة حفتر", language="ar")},
    )
    assert isinstance(result, ox.QuerySolutions)
    rows = list(result)
    del db
    assert len(rows) == 1, rows
    return str(rows[0]["s"].value)
