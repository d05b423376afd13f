"""pyshacl-turbo, the default engine, finds what pySHACL finds: the same results (focus
node, path, constraint component, value) on every shape's violating case and on damaged
article graphs.

Graphs are compared as they are stored, after a trip through N-Triples. In memory the two
can differ on one thing only: an rdflib ``Literal(1.5, datatype=xsd:decimal)`` holds a
Python float, which pySHACL reports as a wrong datatype and pyshacl-turbo (reading the
lexical form) does not; once written and read back both accept it.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rdflib import Graph
from rdflib.namespace import SH

from kg.validate import ENGINES, PYSHACL, TURBO, ValidationReport, validate_graph, validate_union
from tests.shapes.test_shapes import BASE, CROSS_ARTICLE, PER_ARTICLE, Case

pytestmark = pytest.mark.skipif(TURBO not in ENGINES, reason="pyshacl-turbo is not installed")


def _results(report: ValidationReport) -> set[tuple[object, ...]]:
    g = report.graph
    return {(g.value(r, SH.focusNode), g.value(r, SH.resultPath),
             g.value(r, SH.sourceConstraintComponent), g.value(r, SH.value))
            for r in g.objects(None, SH.result)}


def _stored(g: Graph) -> Graph:
    return Graph().parse(data=g.serialize(format="nt", encoding="utf-8"), format="nt")


def _same(g: Graph, validate: Callable[..., ValidationReport]) -> None:
    reference = validate(g, engine=PYSHACL)
    turbo = validate(g, engine=TURBO)
    assert (turbo.conforms, turbo.violations) == (reference.conforms, reference.violations)
    assert _results(turbo) == _results(reference)


@pytest.mark.parametrize("case", PER_ARTICLE, ids=[c.name for c in PER_ARTICLE])
def test_both_engines_report_the_same_per_article_violations(case: Case) -> None:
    g = Graph()
    g += BASE
    case.mutate(g)
    _same(_stored(g), validate_graph)


@pytest.mark.parametrize("case", CROSS_ARTICLE, ids=[c.name for c in CROSS_ARTICLE])
def test_both_engines_report_the_same_cross_article_violations(case: Case) -> None:
    g = Graph()
    g += BASE
    case.mutate(g)
    _same(_stored(g), validate_union)


@pytest.mark.parametrize("step", [3, 5, 7, 11])
def test_both_engines_agree_on_a_graph_with_triples_dropped(step: int) -> None:
    damaged = Graph()
    for i, t in enumerate(sorted(BASE)):
        if i % step != 1:
            damaged.add(t)
    reference = validate_graph(damaged, engine=PYSHACL)
    assert reference.violations > 0
    _same(damaged, validate_graph)


def test_validating_with_turbo_leaves_the_graph_as_it_was() -> None:
    g = _stored(BASE)
    before = set(g)
    validate_graph(g, engine=TURBO)
    assert set(g) == before
