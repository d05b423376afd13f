"""``kg build`` loads article graphs in batches of N-Quads straight into the new store
generation; the batching must not change what the store holds."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef

import kg.build
from kg.build import _graph_nquads, build
from kg.store import current_generation, open_store, writer

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = sorted((ROOT / "data" / "articles").iterdir())[:2]
EX = Namespace("http://example.org/")
G1 = ox.NamedNode("https://w3id.org/marsad/id/graph/a1")
G2 = ox.NamedNode("https://w3id.org/marsad/id/graph/a2")


def tricky_graph() -> Graph:
    """Literals that N-Triples must escape, language tags, datatypes and a blank node."""
    g = Graph()
    node = BNode()
    g.add((EX.s, EX.says, Literal('قال "المتحدث":\nسطر ثان \\ وشرطة', lang="ar")))
    g.add((EX.s, EX.on, Literal("2019-02", datatype=URIRef("http://www.w3.org/2001/XMLSchema#gYearMonth"))))
    g.add((EX.s, EX.casualties, Literal(3)))
    g.add((EX.s, EX.evidence, node))
    g.add((node, EX.text, Literal("end .")))
    g.add((URIRef("https://w3id.org/marsad/id/entity/place/x1"), EX.label,
           Literal("Libya", lang="en")))
    return g


def stored(root: Path, graph: ox.NamedNode) -> set[tuple[str, str, str]]:
    """The triples of ``graph``, blank nodes replaced by one placeholder."""
    def term(t: object) -> str:
        return "_:b" if isinstance(t, ox.BlankNode) else str(t)

    return {(term(q.subject), term(q.predicate), term(q.object))
            for q in open_store(root).quads_for_pattern(None, None, None, graph)}


def nquads_of(graph: ox.NamedNode, *values: str) -> bytes:
    g = Graph()
    for v in values:
        g.add((EX.s, EX.p, Literal(v)))
    return _graph_nquads(g, graph.value)[0]


def test_a_graph_loaded_as_nquads_holds_exactly_its_triples(tmp_path: Path) -> None:
    g = tricky_graph()
    data, count = _graph_nquads(g, G1.value)
    assert count == len(g)
    with writer(tmp_path / "store") as w:
        w.load_graphs([G1], data)
    expected = set()
    for t in ox.parse(g.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES):
        expected.add(tuple("_:b" if isinstance(x, ox.BlankNode) else str(x)
                           for x in (t.subject, t.predicate, t.object)))
    assert stored(tmp_path / "store", G1) == expected
    everything = open_store(tmp_path / "store").quads_for_pattern(None, None, None)
    assert sum(1 for _ in everything) == count


def test_loading_a_batch_replaces_its_graphs_and_leaves_the_others(tmp_path: Path) -> None:
    root = tmp_path / "store"
    with writer(root) as w:
        w.load_graphs([G1, G2], nquads_of(G1, "old", "older") + nquads_of(G2, "other"))
    with writer(root) as w:
        w.load_graphs([G1], nquads_of(G1, "new"))
    objects = lambda g: sorted(o for _, _, o in stored(root, g))  # noqa: E731
    assert objects(G1) == ['"new"']
    assert objects(G2) == ['"other"']


def test_a_build_that_fails_after_a_bulk_load_leaves_the_previous_store_serving(
        tmp_path: Path) -> None:
    root = tmp_path / "store"
    with writer(root) as w:
        w.load_graphs([G1], nquads_of(G1, "served"))
    served = current_generation(root)
    with pytest.raises(RuntimeError), writer(root) as w:
        w.load_graphs([G1, G2], nquads_of(G1, "half") + nquads_of(G2, "written"))
        raise RuntimeError("killed mid-build")
    assert current_generation(root) == served
    assert stored(root, G1) == {(f"<{EX.s}>", f"<{EX.p}>", '"served"')}
    assert not stored(root, G2)
    assert len(list(root.glob("gen-*"))) == 1


_BNODE = re.compile(r"_:[A-Za-z0-9]+")
_VOLATILE = ("prov#startedAtTime", "prov#endedAtTime", "prov#generatedAtTime")


def canonical(root: Path) -> Counter[str]:
    """The store's quads, with build times, build IRIs and blank-node labels factored out."""
    out: Counter[str] = Counter()
    for q in open_store(root).quads_for_pattern(None, None, None):
        if q.predicate.value.endswith(_VOLATILE):
            continue
        text = " ".join("<BUILD>" if "/id/build/" in part else part for part in str(q).split(" "))
        out[_BNODE.sub("_:b", text)] += 1
    return out


def test_batches_of_one_article_on_workers_equal_one_batch_in_process(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    whole = build(ARTICLES, tmp_path / "whole", jobs=1, force=True)
    monkeypatch.setattr(kg.build, "_LOAD_BYTES", 1)  # a bulk load after every article
    monkeypatch.setattr(kg.build, "_CHUNK", 1)
    split = build(ARTICLES, tmp_path / "split", jobs=2, force=True)
    assert whole.failures == split.failures == []
    assert whole.articles == split.articles == len(ARTICLES)
    assert whole.triples == split.triples > 0
    assert canonical(tmp_path / "whole") == canonical(tmp_path / "split")

    again = build(ARTICLES, tmp_path / "split", jobs=1, force=True)  # replaces, never adds
    assert again.triples == whole.triples
    assert canonical(tmp_path / "split") == canonical(tmp_path / "whole")
