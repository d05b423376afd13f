"""A store built once from the bundled corpus, shared by the foundation tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "data" / "articles"


def kg(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run the kg CLI as a researcher would."""
    return subprocess.run([sys.executable, "-m", "kg", *args], cwd=ROOT, capture_output=True,
                          text=True, check=check, timeout=600)


@pytest.fixture(scope="session")
def bundled_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("bundled") / "store"
    kg("build", str(ARTICLES), "--store", str(store))
    return store
