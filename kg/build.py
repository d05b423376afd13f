"""``kg build``: files in, a validated knowledge graph in the store out.

Stages run in order, each a package of its own: ingest -> extract -> event coreference ->
map -> validate -> load. Ingest and extraction errors are collected per file and the batch
goes on; an article whose graph violates the shapes is reported and not loaded, so the
store only ever holds graphs that passed validation. The whole build lands in the store
at once (see ``kg.store``) or not at all.

Memory stays flat in the corpus size where it can: ingest feeds the extraction workers
lazily; until coreference (which needs every event of the run) the parent keeps each
extraction only compressed, beside its events; the map/validate workers' N-Quads are
bulk-loaded into the new generation in batches as they come back.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
import time
import traceback
import zlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path

import pyoxigraph as ox

import kg
from kg.errors import IngestError
from kg.pools import worker_pool
from kg.records import Article, Extraction
from kg.store import writer

__all__ = ["BuildSummary", "Failure", "build", "pipeline_fingerprint"]

ROOT = Path(__file__).resolve().parent.parent
_FINGERPRINTED = ("kg", "mappings", "ontology", "shapes")
# Articles per worker task: enough to amortise the hop to a worker, small enough to keep
# every worker busy.
_CHUNK = 8
# N-Quads per load into the store. Each Oxigraph bulk load writes and ingests new files,
# about 0.2 s whatever its size, so batches are large (about 600 synthetic articles);
# the parent holds at most one batch.
_LOAD_BYTES = 32 * 1024 * 1024


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


def _nquads(ntriples: bytes, graph: str) -> tuple[bytes, int]:
    """rdflib's N-Triples of one graph as N-Quads in ``graph``, and how many there are.

    rdflib writes one triple per line, ending in `` .``, with newlines inside literals
    escaped, so putting the graph name before the final dot of each line is exact; it
    spares the parent parsing every triple into Python objects to add the graph name.
    """
    tail = b" <" + graph.encode("utf-8") + b"> .\n"
    out = []
    for line in ntriples.splitlines():
        line = line.rstrip()
        if not line:
            continue
        if not line.endswith(b"."):
            raise ValueError(f"not an N-Triples statement: {line[:80]!r}")
        out.append(line[:-1].rstrip() + tail)
    return b"".join(out), len(out)


def _graph_nquads(graph: object, name: str) -> tuple[bytes, int]:
    data = graph.serialize(format="nt", encoding="utf-8")  # type: ignore[attr-defined]
    return _nquads(data, name)


@dataclass
class _Extracted:
    """What the parent keeps of one extraction until it is mapped: the extraction itself
    compressed, and its events (the only part event coreference reads) on a stand-in
    extraction whose article has no text. Holding the full extractions of a whole run
    would cost about 150 KB an article in Python objects."""

    blob: bytes
    events: Extraction
    content_hash: str

    def keys(self) -> list[str | None]:
        return [ev.key for ev in (*self.events.meetings, *self.events.actions)]


def _extract_one(article: Article) -> _Extracted | Failure:
    from kg.extract import extract

    try:
        ex = extract(article)
    except Exception as e:  # one article's extraction bug must not stop the batch
        return Failure(article.source_path, "extract",
                       f"{type(e).__name__}: {e} ({traceback.format_exc(limit=-2).strip()})")
    blob = zlib.compress(pickle.dumps(ex, protocol=pickle.HIGHEST_PROTOCOL), 1)
    bare = dataclasses.replace(article, original="", paragraphs=[], sentences=[])
    events = Extraction(article=bare, meetings=ex.meetings, actions=ex.actions)
    return _Extracted(blob, events, article.content_hash)


def _map_and_validate(
    item: tuple[bytes, list[str | None], dict[str, str]],
) -> tuple[str, str, bytes | Failure, int, int]:
    """Map one extraction (with its event keys from coreference) to RDF and validate it.

    Returns (article id, source path, N-Quads in the article's graph or the failure,
    triples, violations).
    """
    from kg.validate import validate_graph
    from kg.vocab import graph_iri
    from mappings import article_graph

    blob, keys, build_info = item
    extraction: Extraction = pickle.loads(zlib.decompress(blob))
    for ev, key in zip((*extraction.meetings, *extraction.actions), keys, strict=True):
        ev.key = key
    aid, source = extraction.article.id, extraction.article.source_path
    try:
        graph = article_graph(extraction, build=build_info)
    except Exception as e:
        return aid, source, Failure(source, "map", f"{type(e).__name__}: {e}"), 0, 0
    report = validate_graph(graph)
    if not report.conforms:
        return aid, source, Failure(source, "validate",
                                    f"{report.violations} SHACL violations:\n{report.text}"), \
            0, report.violations
    data, n = _graph_nquads(graph, str(graph_iri(aid)))
    return aid, source, data, n, 0


def _apply(fn: Callable, chunk: list) -> list:  # type: ignore[type-arg]
    return [fn(x) for x in chunk]


def _stream(pool: ProcessPoolExecutor | None, fn: Callable, items: Iterable) -> Iterator:  # type: ignore[type-arg]
    """``map(fn, items)`` on the pool's workers, in order, pulling ``items`` lazily and
    keeping only a few chunks in flight, so neither the inputs nor the results of a whole
    run pile up in the parent."""
    if pool is None:
        yield from map(fn, items)
        return
    it = iter(items)
    window: deque[Future] = deque()  # type: ignore[type-arg]

    def submit() -> None:
        chunk = list(islice(it, _CHUNK))
        if chunk:
            window.append(pool.submit(_apply, fn, chunk))

    for _ in range(4 * (pool._max_workers or 1)):
        submit()
    while window:
        done = window.popleft().result()
        submit()
        yield from done


@contextmanager
def _pool(jobs: int) -> Iterator[ProcessPoolExecutor | None]:
    """One pool of spawned workers for the whole build (extraction, then mapping), or
    None to run in this process."""
    if jobs <= 1:
        yield None
        return
    with worker_pool(jobs) as pool:
        yield pool


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

    with writer(store_root) as w, _pool(jobs) as pool:
        manifest = w.manifest
        if force or manifest.fingerprint != fingerprint:
            fixed = [(ox.NamedNode(str(ONTOLOGY_GRAPH)), load_ontology()),
                     (ox.NamedNode(str(GAZETTEER_GRAPH)), gazetteer_graph())]
            w.load_graphs([g for g, _ in fixed],
                          b"".join(_graph_nquads(graph, g.value)[0] for g, graph in fixed))

        ingest_failures: list[Failure] = []

        def to_build() -> Iterator[Article]:
            seen: dict[str, str] = {}
            queued = 0
            for item in ingest(paths, encoding=encoding):
                if isinstance(item, IngestError):
                    ingest_failures.append(Failure(item.path, "ingest", item.reason))
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
                queued += 1
                note("ingest", queued, 0)
                yield item

        # Extraction streams from ingest; coreference needs every event of the run, so
        # the parent keeps each extraction compressed, and its events, until then.
        extract_failures: list[Failure] = []
        extracted: list[_Extracted] = []
        for i, res in enumerate(_stream(pool, _extract_one, to_build()), 1):
            if isinstance(res, Failure):
                extract_failures.append(res)
            else:
                extracted.append(res)
            note("extract", i, 0)
        link_events([x.events for x in extracted])
        hashes = {x.events.article.id: x.content_hash for x in extracted}

        def to_map() -> Iterator[tuple[bytes, list[str | None], dict[str, str]]]:
            extracted.reverse()  # pop from the end, in build order, dropping each one
            while extracted:
                x = extracted.pop()
                yield x.blob, x.keys(), build_info

        # Graphs are loaded in batches as they come back, so the serialised graphs of a
        # whole run are never held at once.
        map_failures: list[Failure] = []
        batch: list[tuple[str, str, bytes, int]] = []
        batch_bytes = 0

        def load(batch: list[tuple[str, str, bytes, int]]) -> None:
            w.load_graphs([ox.NamedNode(str(graph_iri(aid))) for aid, *_ in batch],
                          b"".join(data for _, _, data, _ in batch))
            for aid, source, _, n in batch:
                manifest.articles[aid] = {"hash": hashes[aid], "source": source, "triples": n}
                summary.triples += n
                summary.articles += 1

        total = len(extracted)
        mapped = _stream(pool, _map_and_validate, to_map())
        for i, (aid, source, res, n, violations) in enumerate(mapped, 1):
            summary.violations += violations
            if isinstance(res, Failure):
                map_failures.append(res)
            else:
                batch.append((aid, source, res, n))
                batch_bytes += len(res)
                if batch_bytes >= _LOAD_BYTES:
                    load(batch)
                    batch, batch_bytes = [], 0
            note("load", i, total)
        if batch:
            load(batch)
        summary.failures += ingest_failures + extract_failures + map_failures
        manifest.fingerprint = fingerprint
        manifest.version = kg.__version__
        manifest.built_at = build_info["started"]

    summary.seconds = time.perf_counter() - started
    return summary
