"""SHACL validation: each article graph alone, then the few cross-article shapes on the union.

Why per article: the shapes of ``shapes/marsad.ttl`` only look inside one article's graph,
so validating graph by graph costs time linear in the corpus and runs in parallel
(``validate_graphs``). Only ``shapes/cross-article.ttl`` (disjointness across articles, one
Wikidata link per entity, unique article ids) needs the union, and it targets few nodes.

Why no RDFS inference: pySHACL's inference copies and expands the data graph, which is
slow on large graphs. ``sh:class marsad:Actor`` only needs the ``rdfs:subClassOf`` triples
of the ontology, so those (a few dozen) are mixed in as the ontology graph, nothing more.

Example::

    report = validate_graph(article_graph(extraction))
    if not report.conforms:
        print(report.text)
"""

from __future__ import annotations

import os
from collections.abc import Sequence
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from pyshacl import validate as _pyshacl_validate
from rdflib import Graph, URIRef
from rdflib.namespace import RDFS, SH
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query

from kg.vocab import ID

# Workers are spawned, not forked: a forked worker would inherit the store's build lock
# and, if the build is killed, outlive it holding that lock.
_SPAWN = multiprocessing.get_context("spawn")

__all__ = [
    "ValidationReport", "load_ontology", "load_shapes", "load_cross_article_shapes",
    "validate_graph", "validate_union", "validate_graphs", "validate_store",
    "ONTOLOGY_FILES", "SHAPES_DIR",
]

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY_FILES = (ROOT / "ontology" / "marsad.ttl", ROOT / "ontology" / "action-types.ttl")
SHAPES_DIR = ROOT / "shapes"
CROSS_ARTICLE_SHAPES = SHAPES_DIR / "cross-article.ttl"


@dataclass
class ValidationReport:
    """The outcome of validating one graph (or several, merged by ``validate_store``).

    ``violations`` counts SHACL results; ``text`` is pySHACL's readable report (with the
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


def _run(data: Graph, shapes: Graph) -> ValidationReport:
    work = _PreparedQueryGraph()
    work += data  # a private copy: the class hierarchy is mixed into it in place
    conforms, report, text = _pyshacl_validate(
        work, shacl_graph=shapes, ont_graph=_class_hierarchy(), inference="none",
        abort_on_first=False, allow_warnings=False, advanced=False, inplace=True,
    )
    violations = len(list(report.objects(None, SH.result)))
    return ValidationReport(bool(conforms), violations, str(text), report)


def validate_graph(graph: Graph) -> ValidationReport:
    """Validate one article's graph against the per-article shapes."""
    return _run(graph, load_shapes())


def validate_union(graph: Graph) -> ValidationReport:
    """Validate the union of all article graphs against the cross-article shapes."""
    return _run(graph, load_cross_article_shapes())


def _validate_ntriples(data: bytes) -> tuple[bool, int, str, bytes]:
    """Worker side of ``validate_graphs``: graphs travel as N-Triples, not pickles."""
    report = validate_graph(Graph().parse(data=data, format="nt"))
    return (report.conforms, report.violations, report.text,
            report.graph.serialize(format="nt", encoding="utf-8"))


def validate_graphs(graphs: Sequence[Graph], jobs: int | None = None) -> list[ValidationReport]:
    """Validate many article graphs, in a process pool when there are enough of them.

    Each worker loads the shapes once (they are cached per process). Reports come back in
    the order of ``graphs``.
    """
    jobs = jobs or os.cpu_count() or 1
    if jobs <= 1 or len(graphs) < 4:
        return [validate_graph(g) for g in graphs]
    payloads = [g.serialize(format="nt", encoding="utf-8") for g in graphs]
    with ProcessPoolExecutor(max_workers=jobs, mp_context=_SPAWN) as pool:
        raw = list(pool.map(_validate_ntriples, payloads,
                            chunksize=max(1, len(payloads) // (jobs * 4))))
    return [ValidationReport(ok, n, text, Graph().parse(data=nt, format="nt"))
            for ok, n, text, nt in raw]


def _merge(named: Sequence[tuple[str, ValidationReport]]) -> ValidationReport:
    merged = Graph()
    texts = []
    for name, report in named:
        merged += report.graph
        if not report.conforms:
            texts.append(f"== {name}: {report.violations} violation(s)\n{report.text}")
    violations = sum(r.violations for _, r in named)
    conforms = all(r.conforms for _, r in named)
    summary = (f"Conforms: True ({len(named)} graphs checked)" if conforms else
               f"Conforms: False ({violations} violation(s) in "
               f"{sum(not r.conforms for _, r in named)} of {len(named)} checks)")
    return ValidationReport(conforms, violations, "\n".join([summary, *texts]), merged)


def validate_store(store_root: Path, jobs: int | None = None) -> ValidationReport:
    """Validate every article graph of a Marsad store, then the union of them all.

    Article graphs are the named graphs under ``https://w3id.org/marsad/id/graph/``; the
    gazetteer graph joins the union pass (its entities must agree with the articles'),
    the ontology graph does not.
    """
    import pyoxigraph as ox

    from kg.store import open_store
    from kg.vocab import GAZETTEER_GRAPH

    store = open_store(store_root, read_only=True)
    prefix = str(ID["graph/"])
    names = sorted(g.value for g in store.named_graphs() if g.value.startswith(prefix))
    graphs: list[Graph] = []
    union = Graph()
    for name in names:
        data = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(name))
        g = Graph().parse(data=data, format="nt")
        graphs.append(g)
        union += g
    gaz = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(str(GAZETTEER_GRAPH)))
    if gaz:
        union.parse(data=gaz, format="nt")
    reports = list(zip(names, validate_graphs(graphs, jobs), strict=True))
    reports.append(("cross-article shapes on the union", validate_union(union)))
    return _merge(reports)
