"""``validate_store`` streams the article graphs and reads only the cross-article facts, yet
reports exactly what validating every graph and the whole union in rdflib reports.

The reference below is that whole-union computation (what ``validate_store`` did before it
streamed), run with pySHACL. The store is damaged so that both passes find something:
article shapes (a meeting with one participant, a source with no build), and every kind of
cross-article shape (disjoint classes, through a subclass the data declares too; two
Wikidata links, one of them from the gazetteer graph; two sources with one article id).
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH, SKOS

from kg.validate import (
    ENGINES,
    PYSHACL,
    cross_article_data,
    load_cross_article_shapes,
    load_ontology,
    validate_graph,
    validate_store,
    validate_union,
)
from kg.vocab import GAZETTEER_GRAPH, MARSAD, ONTOLOGY_GRAPH, WD, article_iri, graph_iri
from mappings import article_graph
from tests.mappings.records_json import load_extraction

CASES_DIR = Path(__file__).resolve().parent.parent / "mappings"
CASES = ("meeting_place_date", "joint_airstrike", "claims", "source_with_build")
SISI = URIRef("https://w3id.org/marsad/id/entity/Q307871")
CAIRO = URIRef("https://w3id.org/marsad/id/entity/Q85")
TOWN = URIRef("http://example.org/classes/Town")


def _copy(g: Graph) -> Graph:
    out = Graph()
    out += g
    return out


def _damaged_graphs() -> tuple[dict[str, Graph], Graph]:
    """Article graphs by id, and a gazetteer graph, each with one or more faults."""
    graphs = {}
    for case in CASES:
        ex = load_extraction(CASES_DIR / case / "record.json")
        graphs[ex.article.id] = article_graph(ex)
    meeting = _copy(graphs["case_meeting"])  # article shape: one participant left
    m = next(meeting.subjects(RDF.type, MARSAD.Meeting))
    meeting.remove((m, MARSAD.participant, sorted(meeting.objects(m, MARSAD.participant))[0]))
    graphs["case_meeting"] = meeting
    strike = _copy(graphs["case_strike"])  # a place here, a state there: valid alone
    derna = next(s for s in strike.subjects(RDF.type, MARSAD.Place) if str(s).endswith("/Q211866"))
    strike.remove((derna, RDF.type, None))
    strike.add((derna, RDF.type, MARSAD.State))
    # Sisi a Town, which this article says is a Place: disjointness through a subclass
    strike.add((TOWN, RDFS.subClassOf, MARSAD.Place))
    strike.add((SISI, RDF.type, TOWN))
    graphs["case_strike"] = strike
    copy = Graph()  # a second source with an existing id (and, alone, no build)
    copy.add((article_iri("copy"), RDF.type, MARSAD.Source))
    copy.add((article_iri("copy"), MARSAD.articleId, Literal("case_meeting")))
    graphs["copy"] = copy
    gazetteer = Graph()  # the gazetteer links Cairo to a second Wikidata item
    gazetteer.add((CAIRO, RDF.type, MARSAD.Place))
    gazetteer.add((CAIRO, SKOS.exactMatch, WD.Q87))
    return graphs, gazetteer


def _store(root: Path, graphs: dict[str, Graph], gazetteer: Graph) -> Path:
    """A plain Oxigraph store (no generations), with the ontology graph as builds write it."""
    store = ox.Store(str(root))
    named = {str(graph_iri(a)): g for a, g in graphs.items()}
    named[str(GAZETTEER_GRAPH)] = gazetteer
    named[str(ONTOLOGY_GRAPH)] = load_ontology()
    for name, g in named.items():
        data = g.serialize(format="nt", encoding="utf-8")
        store.load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(name))
    store.flush()
    del store
    return root


def _results(report_graph: Graph) -> set[tuple[object, ...]]:
    return {(report_graph.value(r, SH.focusNode), report_graph.value(r, SH.resultPath),
             report_graph.value(r, SH.sourceConstraintComponent), report_graph.value(r, SH.value))
            for r in report_graph.objects(None, SH.result)}


def _reference(graphs: dict[str, Graph], gazetteer: Graph) -> tuple[dict[str, int], int, set]:
    """Every graph alone, then the union of them all and the gazetteer, in rdflib."""
    per_graph = {str(graph_iri(a)): validate_graph(g, engine=PYSHACL).violations
                 for a, g in graphs.items()}
    union = Graph()
    for g in graphs.values():
        union += g
    union += gazetteer
    report = validate_union(union, engine=PYSHACL)
    return per_graph, report.violations, _results(report.graph)


@pytest.fixture(scope="module")
def damaged(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Graph], Graph]:
    graphs, gazetteer = _damaged_graphs()
    return _store(tmp_path_factory.mktemp("store") / "s", graphs, gazetteer), graphs, gazetteer


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("jobs", [1, 2])
def test_a_streamed_store_report_equals_the_whole_union_report(
        damaged: tuple[Path, dict[str, Graph], Graph], engine: str, jobs: int) -> None:
    root, graphs, gazetteer = damaged
    per_graph, union_violations, union_results = _reference(graphs, gazetteer)
    assert union_violations >= 5 and sum(per_graph.values()) >= 2  # both passes find faults

    report = validate_store(root, jobs=jobs, engine=engine)

    assert not report.conforms
    assert report.violations == sum(per_graph.values()) + union_violations
    for name, n in per_graph.items():
        assert (f"== {name}: {n} violation(s)" in report.text) == (n > 0), name
    assert f"== cross-article shapes on the union: {union_violations} violation(s)" in report.text
    assert union_results <= _results(report.graph)


def test_the_cross_article_facts_are_far_fewer_than_the_union(
        damaged: tuple[Path, dict[str, Graph], Graph]) -> None:
    root, graphs, gazetteer = damaged
    facts = cross_article_data(ox.Store.read_only(str(root)))
    assert len(facts) < sum(len(g) for g in graphs.values()) / 4
    assert (TOWN, RDFS.subClassOf, MARSAD.Place) in facts
    assert (SISI, RDF.type, TOWN) in facts
    assert not set(facts.objects(None, RDF.type)) & {MARSAD.Evidence, MARSAD.Publisher}


def test_the_facts_query_reads_every_property_the_cross_article_shapes_constrain() -> None:
    from kg.query import load_rq

    text = load_rq("cross-article-facts")
    shapes = load_cross_article_shapes()
    paths = {p for p in shapes.objects(None, SH.path)}
    assert paths == {SKOS.exactMatch, MARSAD.articleId}
    assert "rdf:type skos:exactMatch marsad:articleId" in text
    # Targets are classes only: the facts are gathered per targeted class.
    for other in (SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf):
        assert not list(shapes.objects(None, other))


def test_a_store_that_conforms_keeps_one_report_in_its_graph(tmp_path: Path) -> None:
    healthy = {}
    for case in CASES:
        ex = load_extraction(CASES_DIR / case / "record.json")
        healthy[ex.article.id] = article_graph(ex)
    report = validate_store(_store(tmp_path / "s", healthy, Graph()), jobs=1)
    assert report.conforms, report.text
    assert report.text == f"Conforms: True ({len(healthy) + 1} graphs checked)"
    assert len(list(report.graph.subjects(RDF.type, SH.ValidationReport))) == 1
