"""Validation runs per article graph (in parallel when there are many) plus the
cross-article shapes on the union; a store is validated the same way."""

from __future__ import annotations

import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.namespace import RDF

from kg.validate import validate_graph, validate_graphs, validate_store
from kg.vocab import MARSAD, graph_iri
from mappings import article_graph
from tests.mappings.records_json import load_extraction

CASES_DIR = Path(__file__).resolve().parent.parent / "mappings"
CASES = ("meeting_place_date", "joint_airstrike", "claims", "source_with_build")


def _graphs() -> dict[str, Graph]:
    out = {}
    for case in CASES:
        ex = load_extraction(CASES_DIR / case / "record.json")
        out[ex.article.id] = article_graph(ex)
    return out


def _broken(g: Graph) -> Graph:
    copy = Graph()
    copy += g
    meeting = next(copy.subjects(RDF.type, MARSAD.Meeting))
    copy.remove((meeting, MARSAD.participant, None))
    return copy


def test_one_article_graph_validates_well_under_a_second() -> None:
    g = _graphs()["case_claims"]
    validate_graph(g)  # the first call loads and prepares the shapes
    started = time.perf_counter()
    report = validate_graph(g)
    assert report.conforms
    assert time.perf_counter() - started < 0.5


def test_parallel_validation_gives_the_sequential_reports_in_order() -> None:
    graphs = list(_graphs().values())
    graphs[0] = _broken(graphs[0])
    parallel = validate_graphs(graphs, jobs=2)
    sequential = [validate_graph(g) for g in graphs]
    assert [(r.conforms, r.violations) for r in parallel] == \
           [(r.conforms, r.violations) for r in sequential]
    assert not parallel[0].conforms and parallel[0].violations == 1


def _store(root: Path, graphs: dict[str, Graph]) -> Path:
    from kg.store import writer

    with writer(root) as w:
        for aid, g in graphs.items():
            triples = ox.parse(g.serialize(format="nt", encoding="utf-8"),
                               format=ox.RdfFormat.N_TRIPLES)
            w.replace_graph(ox.NamedNode(str(graph_iri(aid))), triples)
    return root


def test_a_conforming_store_conforms(tmp_path: Path) -> None:
    pytest.importorskip("kg.store")
    report = validate_store(_store(tmp_path / "s", _graphs()), jobs=1)
    assert report.conforms, report.text


def test_a_store_report_names_the_graph_that_violates(tmp_path: Path) -> None:
    pytest.importorskip("kg.store")
    graphs = _graphs()
    graphs["case_meeting"] = _broken(graphs["case_meeting"])
    report = validate_store(_store(tmp_path / "s", graphs), jobs=1)
    assert not report.conforms
    assert report.violations == 1
    assert str(graph_iri("case_meeting")) in report.text


def test_a_store_report_includes_cross_article_violations(tmp_path: Path) -> None:
    pytest.importorskip("kg.store")
    graphs = _graphs()
    other = Graph()
    other += graphs["case_strike"]
    derna = next(s for s in other.subjects(RDF.type, MARSAD.Place) if str(s).endswith("/Q211866"))
    other.remove((derna, RDF.type, None))
    other.add((derna, RDF.type, MARSAD.State))  # valid alone, contradicts case_claims
    assert validate_graph(other).conforms
    graphs["case_strike"] = other
    report = validate_store(_store(tmp_path / "s", graphs), jobs=1)
    assert not report.conforms
    assert "cross-article shapes on the union" in report.text
    assert str(graph_iri("case_strike")) not in report.text
