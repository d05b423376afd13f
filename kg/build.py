"""``kg build``: files in, a validated knowledge graph in the store out.

Stages run in order, each a package of its own: ingest -> extract -> event coreference ->
map -> validate -> load. Ingest and extraction errors are collected per file and the batch
goes on; an article whose graph violates the shapes is reported and not loaded, so the
store only ever holds graphs that passed validation. The whole build lands in the store
at once (see ``kg.store``) or not at all.
"""

from __future__ import annotations

import hashlib
import os
import time
import traceback
from collections.abc import Callable, Iterable, Sequence
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph as ox

import kg
from kg.errors import IngestError
from kg.records import Article, Extraction
from kg.store import writer

# Workers are spawned, not forked: a forked worker would inherit the store's build lock
# and, if the build is killed, outlive it holding that lock.
_SPAWN = multiprocessing.get_context("spawn")

__all__ = ["BuildSummary", "Failure", "build", "pipeline_fingerprint"]

ROOT = Path(__file__).resolve().parent.parent
_FINGERPRINTED = ("kg", "mappings", "ontology", "shapes")


@dataclass
class Failure:
    """One input that did not reach the store, and why."""

    path: str
    stage: str
    reason: str


@dataclass
class BuildSummary:
    articles: int = 0
    skipped: int = 0
    duplicates: int = 0
    triples: int = 0
    violations: int = 0
    seconds: float = 0.0
    failures: list[Failure] = field(default_factory=list)

    def line(self) -> str:
        return (f"{self.articles} articles built, {self.skipped} unchanged, "
                f"{len(self.failures)} failed, {self.triples} triples, "
                f"{self.violations} violations, {self.seconds:.1f} s")


def pipeline_fingerprint() -> str:
    """A hash of the code and data that shape a graph: when it changes, rebuild all."""
    h = hashlib.sha256(kg.__version__.encode())
    for top in _FINGERPRINTED:
        base = ROOT / top
        for p in sorted(base.rglob("*")):
            if p.suffix in {".py", ".tsv", ".ttl", ".rq", ".json"} and p.is_file() \
                    and "__pycache__" not in p.parts:
                h.update(str(p.relative_to(ROOT)).encode())
                h.update(p.read_bytes())
    return h.hexdigest()[:16]


def _to_triples(graph: object) -> list[ox.Triple]:
    """An rdflib graph as pyoxigraph triples, via N-Triples (exact, and fast enough)."""
    data = graph.serialize(format="nt", encoding="utf-8")  # type: ignore[attr-defined]
    return [t for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)]  # type: ignore[misc]


def _extract_one(article: Article) -> Extraction | Failure:
    from kg.extract import extract

    try:
        return extract(article)
    except Exception as e:  # one article's extraction bug must not stop the batch
        return Failure(article.source_path, "extract",
                       f"{type(e).__name__}: {e} ({traceback.format_exc(limit=-2).strip()})")


def _map_and_validate(item: tuple[Extraction, dict[str, str]]) -> tuple[str, bytes | Failure, int]:
    """Map one extraction to RDF and validate it; returns (article id, N-Triples, violations)."""
    from kg.validate import validate_graph
    from mappings import article_graph

    extraction, build_info = item
    aid = extraction.article.id
    try:
        graph = article_graph(extraction, build=build_info)
    except Exception as e:
        return aid, Failure(extraction.article.source_path, "map", f"{type(e).__name__}: {e}"), 0
    report = validate_graph(graph)
    if not report.conforms:
        return aid, Failure(extraction.article.source_path, "validate",
                            f"{report.violations} SHACL violations:\n{report.text}"), report.violations
    return aid, graph.serialize(format="nt", encoding="utf-8"), 0


def _pmap(fn: Callable, items: Sequence, jobs: int) -> list:  # type: ignore[type-arg]
    if jobs <= 1 or len(items) < 4:
        return [fn(x) for x in items]
    with ProcessPoolExecutor(max_workers=jobs, mp_context=_SPAWN) as pool:
        return list(pool.map(fn, items, chunksize=max(1, len(items) // (jobs * 8))))


def build(
    paths: Iterable[Path],
    store_root: Path,
    *,
    encoding: str | None = None,
    jobs: int | None = None,
    force: bool = False,
    progress: Callable[[str, int, int], None] | None = None,
) -> BuildSummary:
    """Build the articles under ``paths`` into the store at ``store_root``.

    Unchanged articles (same content hash, same pipeline fingerprint) are skipped unless
    ``force``. Returns a summary; failures are in ``summary.failures``.
    """
    from kg.extract.coref import link_events
    from kg.ingest import ingest
    from kg.validate import load_ontology
    from kg.vocab import GAZETTEER_GRAPH, ONTOLOGY_GRAPH, graph_iri
    from mappings import gazetteer_graph

    started = time.perf_counter()
    jobs = jobs or os.cpu_count() or 1
    summary = BuildSummary()
    fingerprint = pipeline_fingerprint()
    note = progress or (lambda stage, done, total: None)
    build_info = {
        "version": kg.__version__,
        "fingerprint": fingerprint,
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "id": f"build-{fingerprint}-{int(time.time())}",
    }

    with writer(store_root) as w:
        manifest = w.manifest
        if force or manifest.fingerprint != fingerprint:
            w.replace_graph(ox.NamedNode(str(ONTOLOGY_GRAPH)), _to_triples(load_ontology()))
            w.replace_graph(ox.NamedNode(str(GAZETTEER_GRAPH)), _to_triples(gazetteer_graph()))

        articles: list[Article] = []
        seen: dict[str, str] = {}
        for item in ingest(paths, encoding=encoding):
            if isinstance(item, IngestError):
                summary.failures.append(Failure(item.path, "ingest", item.reason))
                continue
            digest = item.content_hash
            if digest in seen and seen[digest] != item.id:
                summary.duplicates += 1
                continue
            seen[digest] = item.id
            old = manifest.articles.get(item.id)
            if not force and old and old.get("hash") == digest \
                    and manifest.fingerprint == fingerprint:
                summary.skipped += 1
                continue
            articles.append(item)
            note("ingest", len(articles), 0)

        extractions: list[Extraction] = []
        for i, res in enumerate(_pmap(_extract_one, articles, jobs), 1):
            if isinstance(res, Failure):
                summary.failures.append(res)
            else:
                extractions.append(res)
            note("extract", i, len(articles))
        link_events(extractions)

        by_id = {e.article.id: e for e in extractions}
        results = _pmap(_map_and_validate, [(e, build_info) for e in extractions], jobs)
        for i, (aid, res, violations) in enumerate(results, 1):
            summary.violations += violations
            if isinstance(res, Failure):
                summary.failures.append(res)
                continue
            triples = list(ox.parse(res, format=ox.RdfFormat.N_TRIPLES))
            summary.triples += w.replace_graph(ox.NamedNode(str(graph_iri(aid))), triples)
            art = by_id[aid].article
            manifest.articles[aid] = {"hash": art.content_hash, "source": art.source_path,
                                      "triples": len(triples)}
            summary.articles += 1
            note("load", i, len(results))
        manifest.fingerprint = fingerprint
        manifest.version = kg.__version__
        manifest.built_at = build_info["started"]

    summary.seconds = time.perf_counter() - started
    return summary
