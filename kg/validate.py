"""SHACL validation: each article graph alone, then the few cross-article shapes on the union.

Why per article: the shapes of ``shapes/marsad.ttl`` only look inside one article's graph,
so validating graph by graph costs time linear in the corpus and runs in parallel
(``validate_graphs``). Only ``shapes/cross-article.ttl`` (disjointness across articles, one
Wikidata link per entity, unique article ids) needs the union, and it targets few nodes.

Why two engines: pyshacl-turbo (Rust, pySHACL-compatible) validates an article graph about
five times faster than pySHACL and gives the same results on every shape's test case and
on real and damaged article graphs (``tests/shapes/test_engines.py``); pySHACL stays as the
fallback when it is not installed, and as the reference the tests compare against. The
report *text* differs a little between them (layout of the source shape), counts do not.

Why no RDFS inference: inference copies and expands the data graph, which is slow on
large graphs. ``sh:class marsad:Actor`` only needs the ``rdfs:subClassOf`` triples of the
ontology, so those (a few dozen) are mixed into the data graph, nothing more.

Why ``validate_store`` streams: a store of 100k articles does not fit in rdflib. Article
graphs are dumped from the store a few dozen at a time and validated in worker processes;
only the counts and, for graphs that fail, the report travel back. The cross-article
shapes run on the few triples they read (types, Wikidata links, article ids of the nodes
they target), gathered by a SPARQL CONSTRUCT on the store, not on every triple.

Example::

    report = validate_graph(article_graph(extraction))
    if not report.conforms:
        print(report.text)
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from pyshacl import validate as _pyshacl_validate
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS, SH
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query

from kg.pools import worker_pool
from kg.vocab import ID

_turbo: Any
try:
    import pyshacl_turbo as _turbo
except ImportError:  # pySHACL alone validates the same, only slower
    _turbo = None


__all__ = [
    "ValidationReport", "load_ontology", "load_shapes", "load_cross_article_shapes",
    "validate_graph", "validate_union", "validate_graphs", "validate_store",
    "cross_article_data", "turbo_reads_faithfully", "ONTOLOGY_FILES", "SHAPES_DIR",
    "ENGINES", "DEFAULT_ENGINE",
]

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY_FILES = (ROOT / "ontology" / "marsad.ttl", ROOT / "ontology" / "action-types.ttl")
SHAPES_DIR = ROOT / "shapes"
CROSS_ARTICLE_SHAPES = SHAPES_DIR / "cross-article.ttl"

PYSHACL = "pyshacl"
TURBO = "pyshacl-turbo"
ENGINES = (TURBO, PYSHACL) if _turbo is not None else (PYSHACL,)
"""The engines installed, fastest first."""
DEFAULT_ENGINE = ENGINES[0]

_PER_ARTICLE = "per-article"
_CROSS_ARTICLE = "cross-article"

STORE_CHUNK = 16
"""Article graphs per task sent to a worker by ``validate_store``."""
STORE_TASKS_PER_JOB = 4
"""Tasks in flight per worker: enough to keep it busy, few enough to bound the memory."""


@dataclass
class ValidationReport:
    """The outcome of validating one graph (or several, merged by ``validate_store``).

    ``violations`` counts SHACL results; ``text`` is the engine's readable report (with the
    graph's name when several were validated); ``graph`` the SHACL report graph.
    """

    conforms: bool
    violations: int
    text: str
    graph: Graph


@lru_cache(maxsize=1)
def _ontology() -> Graph:
    g = Graph()
    for path in ONTOLOGY_FILES:
        g.parse(path, format="turtle")
    return g


def load_ontology() -> Graph:
    """The ontology and the action-type scheme as one graph (a fresh copy: safe to change)."""
    g = Graph()
    for prefix, ns in _ontology().namespaces():
        g.bind(prefix, ns)
    for triple in _ontology():
        g.add(triple)
    return g


@lru_cache(maxsize=1)
def _class_hierarchy() -> Graph:
    """Only the ``rdfs:subClassOf`` triples between named classes: what ``sh:class`` needs."""
    g = Graph()
    for s, o in _ontology().subject_objects(RDFS.subClassOf):
        if isinstance(s, URIRef) and isinstance(o, URIRef):
            g.add((s, RDFS.subClassOf, o))
    return g


@lru_cache(maxsize=1)
def _class_hierarchy_ntriples() -> bytes:
    return _class_hierarchy().serialize(format="nt", encoding="utf-8")


@lru_cache(maxsize=1)
def load_shapes() -> Graph:
    """The per-article shapes: every ``shapes/*.ttl`` except the cross-article file."""
    g = Graph()
    for path in sorted(SHAPES_DIR.glob("*.ttl")):
        if path != CROSS_ARTICLE_SHAPES:
            g.parse(path, format="turtle")
    return g


@lru_cache(maxsize=1)
def load_cross_article_shapes() -> Graph:
    """The shapes that need every article at once (``shapes/cross-article.ttl``)."""
    return Graph().parse(CROSS_ARTICLE_SHAPES, format="turtle")


def _shapes(kind: str) -> Graph:
    return load_shapes() if kind == _PER_ARTICLE else load_cross_article_shapes()


# --------------------------------------------------------------------------- pySHACL


@lru_cache(maxsize=256)
def _prepared(text: str) -> Query:
    return prepareQuery(text)


class _PreparedQueryGraph(Graph):
    """A graph that parses each SPARQL text once.

    pySHACL runs a SPARQL constraint once per focus node, as the same text with ``$this``
    bound, and rdflib parses it every time: with one constraint per evidence span, parsing
    took over 90% of an article's validation. Preparing each text once (the shapes hold a
    handful) makes SPARQL constraints as cheap as core ones.
    """

    def query(self, query_object: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(query_object, str):
            query_object = _prepared(query_object)
        return super().query(query_object, *args, **kwargs)


def _run_pyshacl(data: Graph, kind: str) -> tuple[bool, Graph, str]:
    # Profiled on article graphs, pySHACL's per-call set-up (reading the shapes graph,
    # building the validator) is about 1% of a call and this copy about 5%: the rest is
    # the evaluation itself in rdflib, which only the other engine removes.
    work = _PreparedQueryGraph()
    work += data  # a private copy: the class hierarchy is mixed into it in place
    conforms, report, text = _pyshacl_validate(
        work, shacl_graph=_shapes(kind), ont_graph=_class_hierarchy(), inference="none",
        abort_on_first=False, allow_warnings=False, advanced=False, inplace=True,
    )
    return bool(conforms), report, str(text)


# --------------------------------------------------------------------------- pyshacl-turbo


@lru_cache(maxsize=2)
def _turbo_program(kind: str) -> Any:
    """The shapes compiled once per process (compiling costs as much as a validation)."""
    assert _turbo is not None
    return _turbo.compile_shapes(_shapes(kind))


def _run_turbo(data: Graph, kind: str) -> tuple[bool, Graph, str]:
    # pyshacl-turbo copies the graph into Rust anyway, so instead of a second copy here
    # the class hierarchy triples the graph lacks are lent to it for the call.
    lent = [t for t in _class_hierarchy() if t not in data]
    for t in lent:
        data.add(t)
    try:
        conforms, report, text = _turbo_program(kind).validate(data)
    finally:
        for t in lent:
            data.remove(t)
    return bool(conforms), report, str(text)


def _run_turbo_ntriples(data: bytes, kind: str) -> tuple[bool, Graph, str]:
    """Validate N-Triples without building an rdflib graph: through a pyoxigraph store,
    which pyshacl-turbo reads natively (twice as fast as parsing into rdflib)."""
    import pyoxigraph as ox

    store = ox.Store()
    store.load(data, format=ox.RdfFormat.N_TRIPLES)
    store.load(_class_hierarchy_ntriples(), format=ox.RdfFormat.N_TRIPLES)
    conforms, report, text = _turbo_program(kind).validate(store)
    return bool(conforms), report, str(text)


def _engine(engine: str | None) -> str:
    engine = engine or DEFAULT_ENGINE
    if engine not in ENGINES:
        raise ValueError(f"SHACL engine {engine!r} is not installed; "
                         f"installed: {', '.join(ENGINES)}")
    return engine


def _report(conforms: bool, report: Graph, text: str) -> ValidationReport:
    return ValidationReport(conforms, len(list(report.objects(None, SH.result))), text, report)


def turbo_reads_faithfully(data: Graph) -> bool:
    """False when ``data`` holds a literal rdflib flagged ill-typed.

    rdflib's parser rewrites some ill-typed literals (``"none"^^xsd:boolean`` becomes
    ``"false"``) and keeps only an ``ill_typed`` flag; pyshacl-turbo reads the rewritten
    text and would miss the ``sh:datatype`` violation (W3C SHACL core test
    ``property/or-datatypes-001``), so such graphs go to pySHACL, which checks the flag."""
    return not any(isinstance(o, Literal) and o.ill_typed for o in data.objects())


def _run(data: Graph, kind: str, engine: str | None) -> ValidationReport:
    run = _run_pyshacl
    if _engine(engine) == TURBO and turbo_reads_faithfully(data):
        run = _run_turbo
    return _report(*run(data, kind))


def validate_graph(graph: Graph, *, engine: str | None = None) -> ValidationReport:
    """Validate one article's graph against the per-article shapes.

    ``engine`` is one of ``ENGINES`` (default: the fastest installed). With pyshacl-turbo
    the graph is borrowed: the ontology's class hierarchy triples it lacks are added for
    the call and removed after, so do not share it with another thread meanwhile.
    """
    return _run(graph, _PER_ARTICLE, engine)


def validate_union(graph: Graph, *, engine: str | None = None) -> ValidationReport:
    """Validate the union of all article graphs against the cross-article shapes."""
    return _run(graph, _CROSS_ARTICLE, engine)


# --------------------------------------------------------------------------- many graphs

_Outcome = tuple[bool, int, str, bytes]
"""(conforms, violations, text, report graph as N-Triples) as it crosses processes."""


def _validate_ntriples(data: bytes, engine: str | None = None,
                       keep_conforming: bool = True) -> _Outcome:
    """Worker side: graphs travel as N-Triples, not pickles. A conforming graph's report
    (one ``sh:conforms true``) is left behind unless ``keep_conforming``."""
    if _engine(engine) == TURBO:
        conforms, report, text = _run_turbo_ntriples(data, _PER_ARTICLE)
        result = _report(conforms, report, text)
    else:
        result = _run(Graph().parse(data=data, format="nt"), _PER_ARTICLE, engine)
    nt = (result.graph.serialize(format="nt", encoding="utf-8")
          if keep_conforming or not result.conforms else b"")
    return result.conforms, result.violations, result.text, nt


def _validate_chunk(chunk: list[bytes], engine: str | None,
                    keep_conforming: bool) -> list[_Outcome]:
    return [_validate_ntriples(data, engine, keep_conforming) for data in chunk]


def _from_outcome(outcome: _Outcome) -> ValidationReport:
    ok, n, text, nt = outcome
    return ValidationReport(ok, n, text, Graph().parse(data=nt, format="nt"))


def validate_graphs(graphs: Sequence[Graph], jobs: int | None = None, *,
                    engine: str | None = None) -> list[ValidationReport]:
    """Validate many article graphs, in a process pool when there are enough of them.

    Each worker compiles the shapes once (they are cached per process). Reports come back
    in the order of ``graphs``.
    """
    jobs = jobs or os.cpu_count() or 1
    if jobs <= 1 or len(graphs) < 4:
        return [validate_graph(g, engine=engine) for g in graphs]
    payloads = [g.serialize(format="nt", encoding="utf-8") for g in graphs]
    chunks = [payloads[i:i + STORE_CHUNK] for i in range(0, len(payloads), STORE_CHUNK)]
    with worker_pool(jobs) as pool:
        outcomes = [o for chunk in _ordered(pool, chunks, engine, True, jobs) for o in chunk]
    return [_from_outcome(o) for o in outcomes]


def _ordered(pool: ProcessPoolExecutor, chunks: Iterable[list[bytes]], engine: str | None,
             keep_conforming: bool, jobs: int) -> Iterator[list[_Outcome]]:
    """The workers' outcomes chunk by chunk, in order, with a bounded number in flight
    (``ProcessPoolExecutor.map`` would submit, and so hold, every chunk at once)."""
    pending: deque[Future[list[_Outcome]]] = deque()
    for chunk in chunks:
        pending.append(pool.submit(_validate_chunk, chunk, engine, keep_conforming))
        if len(pending) >= jobs * STORE_TASKS_PER_JOB:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


# --------------------------------------------------------------------------- a whole store


class _Tally:
    """What ``validate_store`` keeps of the reports: counts, and the failures in full."""

    def __init__(self) -> None:
        self.checks = 0
        self.failed = 0
        self.violations = 0
        self.texts: list[str] = []
        self.graph = Graph()

    def add(self, name: str, report: ValidationReport, keep_graph: bool = False) -> None:
        self.checks += 1
        self.violations += report.violations
        if not report.conforms:
            self.failed += 1
            self.texts.append(f"== {name}: {report.violations} violation(s)\n{report.text}")
        if keep_graph or not report.conforms:
            self.graph += report.graph

    def report(self) -> ValidationReport:
        conforms = self.failed == 0
        summary = (f"Conforms: True ({self.checks} graphs checked)" if conforms else
                   f"Conforms: False ({self.violations} violation(s) in "
                   f"{self.failed} of {self.checks} checks)")
        return ValidationReport(conforms, self.violations, "\n".join([summary, *self.texts]),
                                self.graph)


def _dumped(store: Any, names: Sequence[str]) -> Iterator[list[bytes]]:
    """The article graphs as N-Triples, ``STORE_CHUNK`` at a time, read when needed."""
    import pyoxigraph as ox

    for i in range(0, len(names), STORE_CHUNK):
        yield [store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(name))
               for name in names[i:i + STORE_CHUNK]]


def _article_outcomes(store: Any, names: Sequence[str], jobs: int,
                      engine: str | None) -> Iterator[_Outcome]:
    chunks = _dumped(store, names)
    if jobs <= 1 or len(names) < 4:
        for chunk in chunks:
            yield from _validate_chunk(chunk, engine, False)
        return
    with worker_pool(jobs) as pool:
        for outcomes in _ordered(pool, chunks, engine, False, jobs):
            yield from outcomes


def _subclasses(targets: Iterable[Any], hierarchy: Graph) -> set[Any]:
    """``targets`` and every class below them (what SHACL counts as their instances)."""
    found, todo = set(targets), list(targets)
    while todo:
        for sub in hierarchy.subjects(RDFS.subClassOf, todo.pop()):
            if sub not in found:
                found.add(sub)
                todo.append(sub)
    return found


def cross_article_data(store: Any) -> Graph:
    """From a pyoxigraph store, the triples the cross-article shapes read.

    Equivalent to the union of the article graphs and the gazetteer graph for those
    shapes (same results), at a fraction of its size: for every node of a class they
    target (or a subclass), its types, Wikidata links and article ids; and any
    ``rdfs:subClassOf`` stated in those graphs. See ``kg/sparql/cross-article-facts.rq``.
    """
    import pyoxigraph as ox

    from kg.query import load_rq
    from kg.vocab import GAZETTEER_GRAPH

    prefix = str(ID["graph/"])
    graphs = [g for g in store.named_graphs()
              if isinstance(g, ox.NamedNode) and (g.value.startswith(prefix)
                                                  or g.value == str(GAZETTEER_GRAPH))]
    nt = ox.RdfFormat.N_TRIPLES
    declared = store.query(load_rq("subclass-declarations"),
                           named_graphs=graphs).serialize(format=nt)
    hierarchy = Graph().parse(data=declared, format="nt")
    hierarchy += _class_hierarchy()
    targets = set(load_cross_article_shapes().objects(None, SH.targetClass))
    parts = [declared]
    for cls in sorted(_subclasses(targets, hierarchy)):
        if isinstance(cls, URIRef):
            facts = store.query(load_rq("cross-article-facts"), named_graphs=graphs,
                                substitutions={ox.Variable("class"): ox.NamedNode(str(cls))})
            parts.append(facts.serialize(format=nt))
    # One parse, so that a blank node named in two results stays one node.
    return Graph().parse(data=b"".join(parts), format="nt")


def validate_store(store_root: Path, jobs: int | None = None, *,
                   engine: str | None = None) -> ValidationReport:
    """Validate every article graph of a Marsad store, then the cross-article shapes.

    Article graphs are the named graphs under ``https://w3id.org/marsad/id/graph/``; the
    gazetteer graph joins the cross-article pass (its entities must agree with the
    articles'), the ontology graph does not. Memory stays flat in the number of articles
    except for the cross-article facts (a few triples per entity, event, claim and source).
    The report graph holds the reports of the graphs that fail and of the cross-article
    pass; the text names every graph that fails.
    """
    from kg.store import open_store

    jobs = jobs or os.cpu_count() or 1
    store = open_store(store_root, read_only=True)
    prefix = str(ID["graph/"])
    names = sorted(g.value for g in store.named_graphs() if g.value.startswith(prefix))
    tally = _Tally()
    for name, outcome in zip(names, _article_outcomes(store, names, jobs, engine), strict=True):
        tally.add(name, _from_outcome(outcome))
    tally.add("cross-article shapes on the union",
              validate_union(cross_article_data(store), engine=engine), keep_graph=True)
    return tally.report()
