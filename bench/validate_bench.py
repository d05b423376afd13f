"""Validation time against graph size: pySHACL and pyshacl-turbo, same shapes, same data.

Four engines: ``kg.validate.validate_graph`` with pyshacl-turbo (what the build uses) and
with pySHACL (its fallback, with a prepared-query cache), plain ``pyshacl.validate`` (only
up to ``plain_up_to`` articles: it is about ten times slower) and plain
``pyshacl_turbo.validate``.

The graphs are the union of the first ``k`` synthetic articles' graphs (k = 1, 10, 100,
...), as built by the pipeline, in two variants: as built (conformant), and damaged (every
seventh triple dropped, in a fixed order) so that the reports are not empty and the two
engines' result counts can be compared on real violations. Both engines get the arguments
``kg.validate`` uses (no inference, the ontology's class hierarchy as ``ont_graph``).

Without pyshacl-turbo installed its rows are skipped with a note.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from rdflib import Graph
from rdflib.namespace import RDFS, SH

__all__ = ["article_graphs", "damaged", "run_validation_bench"]

Engine = Callable[..., tuple[Any, Graph, str]]


def article_graphs(corpus: Path, n: int) -> list[Graph]:
    """The first ``n`` article graphs of the corpus, through ingest, extract, coref, map."""
    from kg.errors import IngestError
    from kg.extract import extract
    from kg.extract.coref import link_events
    from kg.ingest import ingest
    from mappings import article_graph

    articles = []
    for item in ingest([corpus]):
        if not isinstance(item, IngestError):
            articles.append(item)
        if len(articles) >= n:
            break
    extractions = [extract(a) for a in articles]
    link_events(extractions)
    return [article_graph(e) for e in extractions]


def damaged(graph: Graph) -> Graph:
    """A copy of ``graph`` without every seventh triple (sorted, so deterministic)."""
    out = Graph()
    for i, t in enumerate(sorted(graph)):
        if i % 7 != 3:
            out.add(t)
    return out


def _marsad(engine: str) -> Callable[[Graph], Any]:
    def run(data: Graph) -> Any:
        from kg.validate import validate_graph

        return validate_graph(data, engine=engine)

    return run


MARSAD = "pySHACL (kg.validate)"
MARSAD_TURBO = "pyshacl-turbo (kg.validate, the build's default)"
PLAIN = "pySHACL (plain)"
TURBO = "pyshacl-turbo (plain)"


def _engines() -> tuple[dict[str, Engine], list[str]]:
    from pyshacl import validate as pyshacl_validate

    from kg.validate import ENGINES, PYSHACL
    from kg.validate import TURBO as TURBO_ENGINE

    engines: dict[str, Engine] = {MARSAD: _marsad(PYSHACL), PLAIN: pyshacl_validate}
    notes: list[str] = []
    if TURBO_ENGINE in ENGINES:
        engines[MARSAD_TURBO] = _marsad(TURBO_ENGINE)
    try:
        from pyshacl_turbo import validate as turbo_validate
    except ImportError as e:
        notes.append(f"pyshacl-turbo not installed ({e})")
    else:
        engines[TURBO] = turbo_validate
    return engines, notes


def _hierarchy() -> Graph:
    from kg.validate import load_ontology

    g = Graph()
    for t in load_ontology().triples((None, RDFS.subClassOf, None)):
        g.add(t)
    return g


def _run(engine: Engine, data: Graph, shapes: Graph, ont: Graph) -> tuple[float, int]:
    if getattr(engine, "__name__", "") == "run":  # kg.validate.validate_graph, one engine
        t = time.perf_counter()
        report = engine(data)
        return time.perf_counter() - t, report.violations
    work = Graph()
    work += data
    t = time.perf_counter()
    _, report, _ = engine(work, shacl_graph=shapes, ont_graph=ont, inference="none",
                          abort_on_first=False, allow_warnings=False, advanced=False,
                          inplace=True)
    seconds = time.perf_counter() - t
    return seconds, len(list(report.objects(None, SH.result)))


def run_validation_bench(corpus: Path, sizes: Sequence[int], repeats: int,
                         damaged_up_to: int, plain_up_to: int = 10) -> dict[str, Any]:
    """Time each engine on each size and variant; report counts must agree."""
    from kg.validate import load_shapes

    engines, notes = _engines()
    graphs = article_graphs(corpus, max(sizes))
    shapes, ont = load_shapes(), _hierarchy()
    rows: list[dict[str, Any]] = []
    for k in sizes:
        union = Graph()
        for g in graphs[:k]:
            union += g
        variants = [("as built", union)]
        if k <= damaged_up_to:
            variants.append(("damaged", damaged(union)))
        for variant, data in variants:
            for name, engine in engines.items():
                if name == PLAIN and k > plain_up_to:
                    continue
                times, counts = [], set()
                for _ in range(repeats if k <= 100 else 1):
                    try:
                        s, c = _run(engine, data, shapes, ont)
                    except Exception as e:  # an incompatible engine is a finding, not a crash
                        notes.append(f"{name} failed on {k} articles ({variant}): "
                                     f"{type(e).__name__}: {e}")
                        break
                    times.append(s)
                    counts.add(c)
                if times:
                    rows.append({"articles": k, "triples": len(data), "variant": variant,
                                 "engine": name, "seconds": times,
                                 "median": statistics.median(times),
                                 "results": sorted(counts)})
    for k in sizes:
        for variant in ("as built", "damaged"):
            got = {r["engine"]: r["results"] for r in rows
                   if r["articles"] == k and r["variant"] == variant}
            if len(got) > 1 and len({tuple(v) for v in got.values()}) > 1:
                notes.append(f"report counts differ on {k} articles ({variant}): {got}")
    return {"rows": rows, "notes": notes, "engines": list(engines)}
