"""Build throughput and peak memory, per stage, on one core and on all cores.

Two ways of timing, each run in a child process of its own (so its memory is its own):

- ``stages``: the stage functions called directly, one after the other, on one core
  (``kg.ingest.ingest``, ``kg.extract.extract``, ``kg.extract.coref.link_events``,
  ``mappings.article_graph``, ``kg.validate.validate_graph``, then the load into a new
  store generation as ``kg build`` does it: N-Quads, one bulk load). Optionally under
  cProfile, to show where the time goes.
- ``build``: ``kg.build.build`` itself with ``jobs`` workers; its progress callback marks
  when extraction ends, so the split comes from the real parallel build in two phases
  (ingest streams into extraction; map, validate and load overlap, one task an article).

Run as ``python -m bench.build_bench stages|build CORPUS STORE OUT.json [--jobs N]``; the
parent (``measure``) samples the child's memory and reads ``OUT.json``.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import sys
import tempfile
import time
from collections.abc import Callable
from io import StringIO
from pathlib import Path
from typing import Any

from bench.procmem import run_measured

__all__ = ["measure", "run_stages", "run_build"]

ROOT = Path(__file__).resolve().parent.parent


def run_stages(corpus: Path, store: Path) -> dict[str, Any]:
    """Time each stage function over the whole corpus on this one process."""
    import pyoxigraph as ox

    from kg.build import _graph_nquads
    from kg.errors import IngestError
    from kg.extract import extract
    from kg.extract.coref import link_events
    from kg.ingest import ingest
    from kg.store import writer
    from kg.validate import validate_graph
    from kg.vocab import graph_iri
    from mappings import article_graph

    seconds: dict[str, float] = {}

    def timed(name: str, fn: Callable[[], Any]) -> Any:
        t = time.perf_counter()
        out = fn()
        seconds[name] = time.perf_counter() - t
        return out

    items = timed("ingest", lambda: list(ingest([corpus])))
    articles = [a for a in items if not isinstance(a, IngestError)]
    extractions = timed("extract", lambda: [extract(a) for a in articles])
    timed("coref", lambda: link_events(extractions))
    graphs = timed("map", lambda: [article_graph(e) for e in extractions])
    reports = timed("validate", lambda: [validate_graph(g) for g in graphs])

    def load() -> int:
        # as kg build loads: N-Quads written from each graph, one bulk load per batch
        n = 0
        names, parts = [], []
        for e, g in zip(extractions, graphs, strict=True):
            name = str(graph_iri(e.article.id))
            data, count = _graph_nquads(g, name)
            names.append(ox.NamedNode(name))
            parts.append(data)
            n += count
        with writer(store) as w:
            w.load_graphs(names, b"".join(parts))
        return n

    triples = timed("load", load)
    return {"articles": len(articles), "ingest_errors": len(items) - len(articles),
            "triples": triples, "violations": sum(r.violations for r in reports),
            "seconds": seconds, "total": sum(seconds.values())}


def run_build(corpus: Path, store: Path, jobs: int) -> dict[str, Any]:
    """``kg.build.build`` with ``jobs`` workers, split into stages by its progress marks."""
    from kg.build import build

    marks: dict[str, list[float]] = {}
    started = time.perf_counter()

    def progress(stage: str, done: int, total: int) -> None:
        t = time.perf_counter() - started
        first_last = marks.setdefault(stage, [t, t])
        first_last[1] = t

    summary = build([corpus], store, jobs=jobs, force=True, progress=progress)
    end = time.perf_counter() - started
    # ingest streams into extraction, and loading runs while later articles are still
    # mapped and validated, so the real build splits into two phases only
    extract_end = marks.get("extract", [0.0, 0.0])[1]
    return {"articles": summary.articles, "failures": len(summary.failures),
            "triples": summary.triples, "violations": summary.violations, "jobs": jobs,
            "seconds": {"ingest+extract": extract_end,
                        "coref+map+validate+load": end - extract_end},
            "total": end}


def measure(mode: str, corpus: Path, store: Path, *, jobs: int = 1, profile: Path | None = None,
            timeout: float = 7200.0) -> dict[str, Any]:
    """Run one ``mode`` child and return its figures plus wall time and peak memory."""
    with tempfile.TemporaryDirectory(prefix="marsad-bench-") as tmp:
        out = Path(tmp) / "out.json"
        cmd = [sys.executable, "-m", "bench.build_bench", mode, str(corpus), str(store),
               str(out), "--jobs", str(jobs)]
        if profile is not None:
            cmd += ["--profile", str(profile)]
        code, wall, peak_kb, maxrss_kb = run_measured(cmd, ROOT, timeout)
        if code != 0 or not out.exists():
            raise RuntimeError(f"bench child {' '.join(cmd)} failed with exit code {code}")
        result: dict[str, Any] = json.loads(out.read_text())
    result.update(mode=mode, jobs=jobs, wall=wall, peak_tree_pss_mb=peak_kb / 1024,
                  max_process_rss_mb=maxrss_kb / 1024)
    return result


def profile_top(stats_path: Path, limit: int = 25) -> str:
    """The top functions of a cProfile dump by own time, as text."""
    buf = StringIO()
    stats = pstats.Stats(str(stats_path), stream=buf)
    stats.strip_dirs().sort_stats("tottime").print_stats(limit)
    text = buf.getvalue()
    return text[text.find("   ncalls"):] if "   ncalls" in text else text


def _main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.build_bench")
    ap.add_argument("mode", choices=("stages", "build"))
    ap.add_argument("corpus", type=Path)
    ap.add_argument("store", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--profile", type=Path)
    args = ap.parse_args(argv)
    if args.mode == "stages":
        if args.profile:
            prof = cProfile.Profile()
            result = prof.runcall(run_stages, args.corpus, args.store)
            prof.dump_stats(str(args.profile))
        else:
            result = run_stages(args.corpus, args.store)
    else:
        result = run_build(args.corpus, args.store, args.jobs)
    args.out.write_text(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(_main())
