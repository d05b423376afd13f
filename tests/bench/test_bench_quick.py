"""The benchmark harness on its smallest size, so that it cannot rot.

One run of ``python -m bench --quick`` on a handful of articles (build on one core and on
all cores, validation with both engines, the three servers under load), checked for what
RESULTS.md must hold; plus the corpus's determinism and the load generator's loopback rule.
Timed figures are not asserted: targets are tracked in RESULTS.md, not in tests.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bench.corpus import article, write_corpus
from bench.endpoint_bench import catalogue, percentile
from bench.loadgen import run_load

ROOT = Path(__file__).resolve().parents[2]


def test_an_article_depends_only_on_seed_and_index() -> None:
    assert article(3, 41) == article(3, 41)
    assert article(3, 41).text != article(3, 42).text
    assert article(3, 41).text != article(4, 41).text


def test_a_small_corpus_is_the_start_of_a_larger_one(tmp_path: Path) -> None:
    small = write_corpus(tmp_path / "s", 5, seed=9)[0].read_text(encoding="utf-8").splitlines()
    large = write_corpus(tmp_path / "l", 8, seed=9)[0].read_text(encoding="utf-8").splitlines()
    assert large[:5] == small and len(large) == 8


def test_synthetic_articles_carry_page_furniture_and_dated_metadata() -> None:
    a = article(1, 0)
    assert "مقالات ذات صلة" in a.text
    assert a.published[:4].isdigit() and a.id == "syn1-000000"


def test_the_catalogue_leaves_out_federated_queries() -> None:
    queries, notes = catalogue()
    assert queries and all("SERVICE" not in text.upper() for _, text in queries)
    assert any("federated" in n for n in notes)


def test_percentile_interpolates() -> None:
    assert percentile([1.0, 2.0, 3.0, 4.0], 0.5) == 2.5
    assert percentile([5.0], 0.99) == 5.0


def test_the_load_generator_refuses_anything_but_loopback() -> None:
    with pytest.raises(ValueError, match="loopback"):
        run_load("http://192.0.2.1:8000/sparql", [("q", "ASK {}")], 1, 0.1)


@pytest.mark.skipif(not (Path(sys.executable).parent / "oxigraph").exists(),
                    reason="the oxigraph server is not installed (pip install -e '.[test]')")
def test_quick_run_writes_every_section(tmp_path: Path) -> None:
    out = tmp_path / "out"
    subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--sizes", "6", "--validation-sizes", "1",
         "3", "--concurrency", "1", "4", "--endpoint-duration", "0.4", "--out", str(out),
         "--workdir", str(tmp_path / "work")],
        cwd=ROOT, check=True, timeout=120, capture_output=True)
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    builds = results["build"]
    assert {(b["mode"], b["jobs"]) for b in builds} >= {("stages", 1), ("build", 1)}
    assert all(b["articles"] == 6 and b["triples"] > 0 and b["peak_tree_pss_mb"] > 0
               for b in builds)
    stages = next(b for b in builds if b["mode"] == "stages")["seconds"]
    assert set(stages) == {"ingest", "extract", "coref", "map", "validate", "load"}

    validation = results["validation"]
    assert not any("differ" in n for n in validation["notes"])
    assert {r["engine"] for r in validation["rows"]} >= {"pySHACL (kg.validate)"}

    endpoint = results["endpoint"]
    assert set(endpoint["servers"]) >= {"marsad", "oxigraph"}
    marsad = [r for r in endpoint["runs"] if r["server"] == "marsad"]
    assert marsad and all(r["ok"] > 0 for r in marsad)

    text = (out / "RESULTS.md").read_text(encoding="utf-8")
    for heading in ("## Machine and software", "## Targets", "## Build",
                    "## Validation time against graph size", "## The endpoint under load"):
        assert heading in text
    assert "Marsad / bare Oxigraph" in text and "articles/s per core" in text
