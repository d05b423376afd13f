"""Records that name one node are merged, so the node keeps exactly one status, date,
rule and confidence and still conforms (an event mentioned twice in one article)."""

from __future__ import annotations

from rdflib import Literal, Namespace

from kg.records import (
    Article,
    ArticleMeta,
    Claim,
    EntityRef,
    Evidence,
    Extraction,
    Meeting,
    MilitaryAction,
    PartialDate,
    Sentence,
    Span,
)
from kg.validate import validate_graph
from kg.vocab import MARSAD, claim_iri, entity_iri, event_iri
from mappings import article_graph

XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
TEXT = "التقى الوزيران أمس في طبرق. وجاء لقاء الوزيرين في طبرق ضمن زيارة رسمية."
EGYPT = EntityRef(key="egypt", type="State", label_ar="مصر", qid="Q79")
LIBYA = EntityRef(key="libya", type="State", label_ar="ليبيا", qid="Q1016")
TUNISIA = EntityRef(key="tunisia", type="State", label_ar="تونس", qid="Q948")
CUT = TEXT.index(".") + 1


def _article() -> Article:
    return Article(id="merge", source_path="merge.txt", original=TEXT,
                   paragraphs=[Span(0, len(TEXT))],
                   sentences=[Sentence(0, 0, CUT, TEXT[:CUT]),
                              Sentence(1, CUT + 1, len(TEXT), TEXT[CUT + 1:])],
                   meta=ArticleMeta(published=PartialDate(2018, 5, 3)))


FIRST = Evidence("merge", 0, 0, CUT, TEXT[:CUT])
SECOND = Evidence("merge", 1, CUT + 1, len(TEXT), TEXT[CUT + 1:])


def test_one_meeting_mentioned_twice_is_one_node() -> None:
    a = Meeting([EGYPT, LIBYA], [FIRST], "meeting.iltaqa", date=PartialDate(2018, 5, 2),
                confidence=0.7, key="m1")
    b = Meeting([LIBYA, TUNISIA], [SECOND], "meeting.liqa", date=PartialDate(2018, 5),
                confidence=0.9, key="m1")
    g = article_graph(Extraction(_article(), meetings=[a, b]))
    node = event_iri(a, "merge")
    everyone = {entity_iri(r) for r in (EGYPT, LIBYA, TUNISIA)}
    assert set(g.objects(node, MARSAD.participant)) == everyone
    assert list(g.objects(node, MARSAD.date)) == [Literal("2018-05-02", datatype=XSD.date)]
    assert list(g.objects(node, MARSAD.confidence)) == [Literal("0.9", datatype=XSD.decimal)]
    assert list(g.objects(node, MARSAD.extractionRule)) == [Literal("meeting.iltaqa")]
    assert len(set(g.objects(node, MARSAD.evidence))) == 2
    assert validate_graph(g).conforms


def test_an_action_reported_as_planned_and_as_done_is_done() -> None:
    a = MilitaryAction("border_security", "planned", [FIRST], "r1", agents=[EGYPT], key="k")
    b = MilitaryAction("border_security", "occurred", [SECOND], "r2", agents=[LIBYA], key="k")
    g = article_graph(Extraction(_article(), actions=[a, b]))
    assert list(g.objects(event_iri(a, "merge"), MARSAD.status)) == [MARSAD.occurred]
    assert validate_graph(g).conforms


def test_two_readings_of_one_claim_keep_one_text() -> None:
    a = Claim("asserts", "نص أول", FIRST, "claim.a", claimant=EGYPT, about_events=[0])
    b = Claim("asserts", "نص ثان", FIRST, "claim.b", claimant=EGYPT, about=[LIBYA])
    action = MilitaryAction("border_security", "occurred", [FIRST], "r", agents=[EGYPT])
    g = article_graph(Extraction(_article(), actions=[action], claims=[a, b]))
    node = claim_iri(a)
    assert list(g.objects(node, MARSAD.claimText)) == [Literal("نص أول", lang="ar")]
    assert set(g.objects(node, MARSAD.about)) == {event_iri(action, "merge"), entity_iri(LIBYA)}
    assert validate_graph(g).conforms
