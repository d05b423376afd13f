"""The W3C SPARQL 1.1 query evaluation tests through the HTTP endpoint: the wrapper loses
none of what pyoxigraph does.

For every ``mf:QueryEvaluationTest`` of the query manifests (entailment and SERVICE left
out: the first needs a reasoner, the second the network), the query goes to the live
server over HTTP with the test's dataset given by the protocol (``default-graph-uri`` for
``qt:data``, ``named-graph-uri`` for ``qt:graphData``; every data file is a named graph of
one store), and to pyoxigraph directly with the same dataset, base IRI and options. The
answers must be equal (blank node labels aside); an error directly must be an error over
HTTP. Comparing with pyoxigraph rather than the expected result files pins exactly
"the wrapper loses none": where pyoxigraph itself differs from the suite, that is
Oxigraph's to fix, and it shows in Oxigraph's own test run.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Namespace
from rdflib.collection import Collection
from rdflib.namespace import RDF

from tests.conftest import HTTP, SHARED, LiveServer

SUITE = SHARED / "w3c" / "sparql11"
FOLDERS = [
    "aggregates",
    "bind",
    "bindings",
    "cast",
    "construct",
    "csv-tsv-res",
    "exists",
    "functions",
    "grouping",
    "json-res",
    "negation",
    "project-expression",
    "property-path",
    "subquery",
]
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
QT = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-query#")
EMPTY = "urn:marsad:test:empty-graph"
ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9"


@dataclass
class EvalTest:
    id: str
    query: Path
    data: list[Path] = field(default_factory=list)
    graph_data: list[Path] = field(default_factory=list)


def _path(node: object) -> Path:
    return Path(str(node).removeprefix("file://"))


def load_tests() -> list[EvalTest]:
    tests = []
    for folder in FOLDERS:
        manifest = SUITE / folder / "manifest.ttl"
        if not manifest.exists():
            continue
        g = Graph().parse(manifest, format="turtle", publicID=manifest.as_uri())
        m = next(g.subjects(RDF.type, MF.Manifest))
        for entry in Collection(g, g.value(m, MF.entries)):
            if (entry, RDF.type, MF.QueryEvaluationTest) not in g:
                continue
            action = g.value(entry, MF.action)
            t = EvalTest(
                f"{folder}/{str(entry).rsplit('#', 1)[-1]}", _path(g.value(action, QT.query))
            )
            t.data = sorted(_path(d) for d in g.objects(action, QT.data))
            t.graph_data = sorted(_path(d) for d in g.objects(action, QT.graphData))
            tests.append(t)
    return tests


TESTS = load_tests()


def _graph(path: Path) -> str:
    return path.as_uri()


def _quads(path: Path) -> list[ox.Quad]:
    fmt = ox.RdfFormat.from_extension(path.suffix.lstrip("."))
    assert fmt is not None, path
    return list(ox.parse(path.read_bytes(), format=fmt, base_iri=path.as_uri()))


@pytest.fixture(scope="module")
def eval_server(live_server_factory, tmp_path_factory) -> LiveServer:  # type: ignore[no-untyped-def]
    if not TESTS:
        pytest.skip(f"{SUITE} is absent: the W3C suites live in ../shared/w3c")
    files = sorted({p for t in TESTS for p in t.data + t.graph_data})
    root = tmp_path_factory.mktemp("w3c-eval") / "store"
    from kg.store import writer

    with writer(root) as w:
        for f in files:
            w.replace_graph(ox.NamedNode(_graph(f)), _quads(f))  # type: ignore[arg-type]
    return live_server_factory(store_dir=root, timeout=20.0, workers=2)


_BNODE = re.compile(r"_:[A-Za-z0-9_.-]+")


def _canon_solutions(results: object) -> object:
    if isinstance(results, ox.QueryBoolean) or isinstance(results, bool):
        return bool(results)
    rows = []
    variables = [v.value for v in results.variables]  # type: ignore[attr-defined]
    for sol in results:  # type: ignore[attr-defined]
        rows.append(
            tuple(_BNODE.sub("_:b", str(sol[v])) if sol[v] is not None else None for v in variables)
        )
    return sorted(variables), sorted(rows, key=repr)


def _canon_triples(triples: object) -> list[str]:
    return sorted(_BNODE.sub("_:b", str(t)) for t in triples)  # type: ignore[attr-defined]


def _direct(t: EvalTest, query: str, base: str) -> object:
    store = ox.Store()
    for f in t.data + t.graph_data:
        store.extend(
            [ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode(_graph(f))) for q in _quads(f)]
        )
    results = store.query(
        query,
        base_iri=base,
        default_graph=[ox.NamedNode(_graph(f)) for f in t.data] or [ox.NamedNode(EMPTY)],
        named_graphs=[ox.NamedNode(_graph(f)) for f in t.graph_data],
    )
    if isinstance(results, ox.QueryTriples):
        return _canon_triples(results)
    return _canon_solutions(results)


def _over_http(srv: LiveServer, t: EvalTest, query: str) -> tuple[int, object]:
    params = [("default-graph-uri", _graph(f)) for f in t.data] or [("default-graph-uri", EMPTY)]
    params += [("named-graph-uri", _graph(f)) for f in t.graph_data]
    r = HTTP.post(
        srv.url + "/sparql",
        params=params,
        content=query.encode("utf-8"),
        headers={"Content-Type": "application/sparql-query", "Accept": ACCEPT},
        timeout=60,
    )
    if r.status_code != 200:
        return r.status_code, r.text
    ctype = r.headers["content-type"].split(";")[0]
    if ctype == "application/n-triples":
        return 200, _canon_triples(
            q.triple for q in ox.parse(r.content, format=ox.RdfFormat.N_TRIPLES)
        )
    return 200, _canon_solutions(
        ox.parse_query_results(io.BytesIO(r.content), ox.QueryResultsFormat.JSON)
    )  # type: ignore[arg-type]


@pytest.mark.parametrize("test", TESTS, ids=[t.id for t in TESTS])
def test_query_evaluation_through_http_equals_pyoxigraph(
    eval_server: LiveServer, test: EvalTest
) -> None:
    query = test.query.read_text(encoding="utf-8")
    base = eval_server.url + "/sparql"
    try:
        expected = _direct(test, query, base)
    except (SyntaxError, OSError, RuntimeError, ValueError) as e:
        status, body = _over_http(eval_server, test, query)
        assert status >= 400, f"pyoxigraph fails ({e}) but HTTP answered {body!r:.200}"
        return
    status, got = _over_http(eval_server, test, query)
    assert status == 200, got
    assert got == expected
