"""Every shape catches what it is for: for each, a small graph written to violate it.

Each case starts from a conforming graph (the golden mapping cases, mapped), breaks one
thing, and checks that the report names the expected focus node, path and shape. A last
test checks that every node shape of ``shapes/`` has at least one such case.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SH, SKOS

from kg.validate import (
    ValidationReport,
    load_cross_article_shapes,
    load_shapes,
    validate_graph,
    validate_union,
)
from kg.vocab import ACT, GEO, MARSAD, WD, article_iri
from mappings import article_graph
from tests.mappings.records_json import load_extraction

MSH = Namespace("https://w3id.org/marsad/shapes#")
CASES_DIR = Path(__file__).resolve().parent.parent / "mappings"
XSD_NS = Namespace("http://www.w3.org/2001/XMLSchema#")


def _base() -> Graph:
    g = Graph()
    for case in ("meeting_place_date", "joint_airstrike", "claims"):
        g += article_graph(load_extraction(CASES_DIR / case / "record.json"))
    return g


BASE = _base()


def one(g: Graph, cls: URIRef) -> URIRef:
    """The first (by IRI) instance of ``cls``: cases stay deterministic."""
    node = sorted(s for s in g.subjects(RDF.type, cls))[0]
    assert isinstance(node, URIRef)
    return node


def source(g: Graph) -> URIRef:
    return article_iri("case_meeting")


def meeting(g: Graph) -> URIRef:
    return one(g, MARSAD.Meeting)


def action(g: Graph) -> URIRef:
    return one(g, MARSAD.MilitaryAction)


def claim(g: Graph) -> URIRef:
    return one(g, MARSAD.Claim)


def evidence(g: Graph) -> URIRef:
    return one(g, MARSAD.Evidence)


def person(g: Graph) -> URIRef:
    return URIRef("https://w3id.org/marsad/id/entity/Q307871")


def place(g: Graph) -> URIRef:
    return URIRef("https://w3id.org/marsad/id/entity/Q85")


def set_value(g: Graph, s: URIRef, p: URIRef, o: object) -> None:
    g.set((s, p, o))  # type: ignore[arg-type]


@dataclass
class Case:
    """Break ``BASE`` with ``mutate``; expect a result at ``focus`` and ``path`` from ``shape``."""

    name: str
    mutate: Callable[[Graph], None]
    focus: Callable[[Graph], URIRef]
    path: URIRef | None
    shape: URIRef


def _remove(node: Callable[[Graph], URIRef], p: URIRef) -> Callable[[Graph], None]:
    return lambda g: g.remove((node(g), p, None))


def _add(node: Callable[[Graph], URIRef], p: URIRef, o: object) -> Callable[[Graph], None]:
    return lambda g: g.add((node(g), p, o))  # type: ignore[arg-type]


def _set(node: Callable[[Graph], URIRef], p: URIRef, o: object) -> Callable[[Graph], None]:
    return lambda g: set_value(g, node(g), p, o)


STRANGER = URIRef("http://example.org/not-marsad/1")


def _foreign_entity(g: Graph) -> None:
    g.add((STRANGER, RDF.type, MARSAD.Person))
    g.add((STRANGER, RDFS.label, Literal("غريب", lang="ar")))


def _one_participant(g: Graph) -> None:
    m = meeting(g)
    first = sorted(g.objects(m, MARSAD.participant))[0]
    g.remove((m, MARSAD.participant, first))


def _unsupported_claim(g: Graph) -> None:
    c = claim(g)
    g.remove((c, MARSAD.claimant, None))
    g.remove((c, MARSAD.anonymousSource, None))


def _swap_offsets(g: Graph) -> None:
    e = evidence(g)
    start, end = g.value(e, MARSAD.startOffset), g.value(e, MARSAD.endOffset)
    g.set((e, MARSAD.startOffset, end))  # type: ignore[arg-type]
    g.set((e, MARSAD.endOffset, start))  # type: ignore[arg-type]


def _beyond_the_article(g: Graph) -> None:
    e = evidence(g)
    length = int(g.value(g.value(e, MARSAD.inSource), MARSAD.charLength))  # type: ignore[arg-type]
    g.set((e, MARSAD.endOffset, Literal(length + 5)))
    start = int(g.value(e, MARSAD.startOffset))  # type: ignore[arg-type]
    g.set((e, MARSAD.evidenceText, Literal("x" * (length + 5 - start))))


PER_ARTICLE = [
    Case("source without article id",
         _remove(source, MARSAD.articleId),
         source, MARSAD.articleId, MSH.SourceShape),
    Case("source with two languages",
         _add(source, MARSAD.language, Literal("en", datatype=XSD_NS.language)),
         source, MARSAD.language, MSH.SourceShape),
    Case("source without language",
         _remove(source, MARSAD.language),
         source, MARSAD.language, MSH.SourceShape),
    Case("publication date as a plain string",
         _set(source, MARSAD.published, Literal("2016-03-09")),
         source, MARSAD.published, MSH.SourceShape),
    Case("source without its build",
         _remove(source, PROV.wasGeneratedBy),
         source, PROV.wasGeneratedBy, MSH.SourceShape),
    Case("source mentions an evidence span",
         _add(source, MARSAD.mentions, URIRef("https://w3id.org/marsad/id/evidence/case_meeting/14-31")),
         source, MARSAD.mentions, MSH.SourceShape),
    Case("source IRI outside the id namespace",
         lambda g: g.add((STRANGER, RDF.type, MARSAD.Source)),
         lambda g: STRANGER, None, MSH.SourceShape),
    Case("publisher without a name",
         lambda g: g.remove((one(g, MARSAD.Publisher), RDFS.label, None)),
         lambda g: one(g, MARSAD.Publisher), RDFS.label, MSH.PublisherShape),
    Case("build without software version",
         lambda g: g.remove((one(g, MARSAD.Build), MARSAD.softwareVersion, None)),
         lambda g: one(g, MARSAD.Build), MARSAD.softwareVersion, MSH.BuildShape),
    Case("input file without path",
         lambda g: g.remove((one(g, MARSAD.InputFile), MARSAD.sourcePath, None)),
         lambda g: one(g, MARSAD.InputFile), MARSAD.sourcePath, MSH.InputFileShape),
    Case("actor without an Arabic label",
         lambda g: g.remove((person(g), RDFS.label, Literal("عبد الفتاح السيسي", lang="ar"))),
         person, RDFS.label, MSH.EntityShape),
    Case("actor with two Arabic labels",
         _add(person, RDFS.label, Literal("السيسى", lang="ar")),
         person, RDFS.label, MSH.EntityShape),
    Case("link to something not Wikidata",
         _set(place, SKOS.exactMatch, URIRef("http://dbpedia.org/resource/Cairo")),
         place, SKOS.exactMatch, MSH.EntityShape),
    Case("QID IRI linked to another item",
         _set(person, SKOS.exactMatch, WD.Q79),
         person, SKOS.exactMatch, MSH.EntityShape),
    Case("entity IRI outside the id namespace",
         _foreign_entity,
         lambda g: STRANGER, None, MSH.EntityShape),
    Case("affiliation to a place",
         _add(person, MARSAD.affiliation, URIRef("https://w3id.org/marsad/id/entity/Q85")),
         person, MARSAD.affiliation, MSH.ActorShape),
    Case("latitude beyond the pole",
         _set(place, GEO.lat, Literal(120.5, datatype=XSD_NS.decimal)),
         place, GEO.lat, MSH.PlaceShape),
    Case("meeting without evidence",
         _remove(meeting, MARSAD.evidence),
         meeting, MARSAD.evidence, MSH.ExtractedItemShape),
    Case("action without its source",
         _remove(action, MARSAD.reportedIn),
         action, MARSAD.reportedIn, MSH.ExtractedItemShape),
    Case("confidence above one",
         _set(claim, MARSAD.confidence, Literal(1.5, datatype=XSD_NS.decimal)),
         claim, MARSAD.confidence, MSH.ExtractedItemShape),
    Case("meeting with two dates",
         _add(meeting, MARSAD.date, Literal("2016-03", datatype=XSD_NS.gYearMonth)),
         meeting, MARSAD.date, MSH.EventShape),
    Case("action dated with a time",
         _set(action, MARSAD.date, Literal("2015-02-01T10:00:00", datatype=XSD_NS.dateTime)),
         action, MARSAD.date, MSH.EventShape),
    Case("action placed at a person",
         _add(action, MARSAD.place, URIRef("https://w3id.org/marsad/id/entity/Q307871")),
         action, MARSAD.place, MSH.EventShape),
    Case("meeting with one participant",
         _one_participant,
         meeting, MARSAD.participant, MSH.MeetingShape),
    Case("meeting with a place as participant",
         _add(meeting, MARSAD.participant, URIRef("https://w3id.org/marsad/id/entity/Q85")),
         meeting, MARSAD.participant, MSH.MeetingShape),
    Case("action with two types",
         _add(action, MARSAD.actionType, ACT.bombing),
         action, MARSAD.actionType, MSH.MilitaryActionShape),
    Case("action type outside the scheme",
         _set(action, MARSAD.actionType, URIRef("https://w3id.org/marsad/action-type/cyberattack")),
         action, MARSAD.actionType, MSH.MilitaryActionShape),
    Case("action without status",
         _remove(action, MARSAD.status),
         action, MARSAD.status, MSH.MilitaryActionShape),
    Case("negative casualties",
         _set(action, MARSAD.casualties, Literal(-3)),
         action, MARSAD.casualties, MSH.MilitaryActionShape),
    Case("claim with neither claimant nor anonymous source",
         _unsupported_claim,
         claim, MARSAD.claimant, MSH.ClaimShape),
    Case("claim with two stances",
         _add(claim, MARSAD.stance, MARSAD.denies),
         claim, MARSAD.stance, MSH.ClaimShape),
    Case("claim without text",
         _remove(claim, MARSAD.claimText),
         claim, MARSAD.claimText, MSH.ClaimShape),
    Case("evidence that starts after it ends",
         _swap_offsets,
         evidence, MARSAD.startOffset, MSH.EvidenceShape),
    Case("evidence with a negative offset",
         _set(evidence, MARSAD.startOffset, Literal(-1)),
         evidence, MARSAD.startOffset, MSH.EvidenceShape),
    Case("evidence beyond the end of the article",
         _beyond_the_article,
         evidence, MARSAD.endOffset, MSH.EvidenceShape),
    Case("evidence text not as long as its span",
         _set(evidence, MARSAD.evidenceText, Literal("قصير")),
         evidence, MARSAD.evidenceText, MSH.EvidenceShape),
    Case("evidence without its source",
         _remove(evidence, MARSAD.inSource),
         evidence, MARSAD.inSource, MSH.EvidenceShape),
]


def _second_article_says(triples: list[tuple[URIRef, URIRef, object]]) -> Callable[[Graph], None]:
    return lambda g: [g.add(t) for t in triples]  # type: ignore[func-returns-value, arg-type]


CROSS_ARTICLE = [
    Case("an actor in one article is a place in another",
         _add(person, RDF.type, MARSAD.Place),
         person, None, MSH.ActorDisjointShape),
    Case("a place in one article is an armed group in another",
         _add(place, RDF.type, MARSAD.ArmedGroup),
         place, None, MSH.PlaceDisjointShape),
    Case("one event is a meeting and a military action",
         _add(meeting, RDF.type, MARSAD.MilitaryAction),
         meeting, None, MSH.MeetingDisjointShape),
    Case("a military action is also a place",
         _add(action, RDF.type, MARSAD.Place),
         action, None, MSH.MilitaryActionDisjointShape),
    Case("a claim is also a source",
         _add(claim, RDF.type, MARSAD.Source),
         claim, None, MSH.ClaimDisjointShape),
    Case("a source is also evidence",
         _add(source, RDF.type, MARSAD.Evidence),
         source, None, MSH.SourceDisjointShape),
    Case("two Wikidata links for one entity",
         _add(place, SKOS.exactMatch, WD.Q87),
         place, SKOS.exactMatch, MSH.OneWikidataLinkShape),
    Case("two sources with one article id",
         _second_article_says([(article_iri("copy"), RDF.type, MARSAD.Source),
                               (article_iri("copy"), MARSAD.articleId, Literal("case_meeting"))]),
         source, MARSAD.articleId, MSH.UniqueArticleIdShape),
]


def _node_shape(shapes: Graph, source_shape: object) -> object:
    """The node shape a result comes from (its own, or the one holding its property shape)."""
    parent = shapes.value(None, SH.property, source_shape)  # type: ignore[arg-type]
    return parent if parent is not None else source_shape


def _results(report: ValidationReport, shapes: Graph) -> set[tuple[object, object, object]]:
    found = set()
    for r in report.graph.objects(None, SH.result):
        found.add((report.graph.value(r, SH.focusNode), report.graph.value(r, SH.resultPath),
                   _node_shape(shapes, report.graph.value(r, SH.sourceShape))))
    return found


def test_the_unbroken_graph_conforms() -> None:
    assert validate_graph(BASE).conforms
    assert validate_union(BASE).conforms


def _check(case: Case, validate: Callable[[Graph], ValidationReport], shapes: Graph) -> None:
    g = Graph()
    g += BASE
    case.mutate(g)
    report = validate(g)
    assert not report.conforms, f"{case.name}: no violation"
    expected = (case.focus(g), case.path, case.shape)
    found = _results(report, shapes)
    assert expected in found, f"{case.name}: expected {expected}, got\n{report.text}"


@pytest.mark.parametrize("case", PER_ARTICLE, ids=[c.name for c in PER_ARTICLE])
def test_per_article_shape_catches(case: Case) -> None:
    _check(case, validate_graph, load_shapes())


@pytest.mark.parametrize("case", CROSS_ARTICLE, ids=[c.name for c in CROSS_ARTICLE])
def test_cross_article_shape_catches(case: Case) -> None:
    _check(case, validate_union, load_cross_article_shapes())


@pytest.mark.parametrize(("shapes", "cases"), [
    (load_shapes(), PER_ARTICLE), (load_cross_article_shapes(), CROSS_ARTICLE)])
def test_every_targeted_shape_has_a_violating_case(shapes: Graph, cases: list[Case]) -> None:
    targeted = {s for s in shapes.subjects(SH.targetClass, None) if not isinstance(s, BNode)}
    assert targeted - {c.shape for c in cases} == set()


def test_action_types_in_the_shapes_are_the_scheme() -> None:
    from kg.records import ACTION_TYPES

    shapes = load_shapes()
    lists = [set(shapes.items(o)) for o in shapes.objects(None, SH["in"])]
    assert {ACT[t] for t in ACTION_TYPES} in lists
