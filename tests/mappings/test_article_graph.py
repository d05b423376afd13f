"""What the article mapping promises besides the golden cases: provenance, typed dates,
and loud failures when the extraction's offsets do not point at the article's text."""

from __future__ import annotations

import pytest
from rdflib import Literal, Namespace
from rdflib.namespace import PROV, RDF, RDFS

import kg
from kg.errors import MappingError
from kg.records import (
    Article,
    ArticleMeta,
    Claim,
    EntityRef,
    Evidence,
    Extraction,
    Meeting,
    Mention,
    MilitaryAction,
    PartialDate,
    Sentence,
    Span,
)
from kg.vocab import MARSAD, article_iri, build_iri, entity_iri, event_iri
from mappings import article_graph

TEXT = "اجتمع وزير خارجية مصر بنظيره الليبي في طبرق. وأكد الجانبان التنسيق الأمني."
# A plain Namespace: pytest's collector warns when it inspects rdflib's XSD class.
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
EGYPT = EntityRef(key="egypt", type="State", label_ar="مصر", label_en="Egypt", qid="Q79")
LIBYA = EntityRef(key="libya", type="State", label_ar="ليبيا", label_en="Libya", qid="Q1016")


def _article(meta: ArticleMeta | None = None) -> Article:
    first = TEXT.index(".") + 1
    return Article(id="unit", source_path="unit.txt", original=TEXT,
                   paragraphs=[Span(0, len(TEXT))],
                   sentences=[Sentence(0, 0, first, TEXT[:first]),
                              Sentence(1, first + 1, len(TEXT), TEXT[first + 1:])],
                   meta=meta or ArticleMeta(title="لقاء في طبرق"))


def _ev(start: int = 0, end: int = 5, article_id: str = "unit") -> Evidence:
    return Evidence(article_id, 0, start, end, TEXT[start:end])


def _meeting(date: PartialDate | None = None) -> Meeting:
    return Meeting([EGYPT, LIBYA], [_ev()], "meeting.ijtama", date=date)


def test_without_build_info_the_graph_names_an_unrecorded_build_of_this_version() -> None:
    g = article_graph(Extraction(_article()))
    activity = g.value(article_iri("unit"), PROV.wasGeneratedBy)
    assert activity == build_iri(f"unrecorded-{kg.__version__}")
    assert (activity, RDF.type, MARSAD.Build) in g
    assert g.value(activity, MARSAD.softwareVersion) == Literal(kg.__version__)
    assert g.value(activity, PROV.startedAtTime) is None


def test_build_info_becomes_prov_records() -> None:
    build = {"version": "1.2.3", "id": "build-x", "started": "2026-11-23T10:00:00+00:00",
             "fingerprint": "f00"}
    g = article_graph(Extraction(_article()), build=build)
    activity = build_iri("build-x")
    assert g.value(article_iri("unit"), PROV.wasGeneratedBy) == activity
    started = g.value(activity, PROV.startedAtTime)
    assert started is not None and started.datatype == XSD.dateTime
    assert g.value(activity, MARSAD.pipelineFingerprint) == Literal("f00")
    used = g.value(activity, PROV.used)
    assert g.value(used, MARSAD.sourcePath) == Literal("unit.txt")


@pytest.mark.parametrize(("date", "datatype"), [
    (PartialDate(2019, 4, 14), XSD.date),
    (PartialDate(2019, 4), XSD.gYearMonth),
    (PartialDate(2019), XSD.gYear),
])
def test_dates_keep_their_precision(date: PartialDate, datatype: object) -> None:
    meta = ArticleMeta(published=date)
    g = article_graph(Extraction(_article(meta), meetings=[_meeting(date)]))
    assert g.value(article_iri("unit"), MARSAD.published).datatype == datatype  # type: ignore[union-attr]
    assert g.value(event_iri(_meeting(date), "unit"), MARSAD.date).datatype == datatype  # type: ignore[union-attr]


def test_an_entity_named_twice_is_described_once_with_its_other_spelling_as_alias() -> None:
    variant = EntityRef(key="egypt", type="State", label_ar="مصر العربية", qid="Q79")
    mentions = [Mention(EGYPT, "مصر", TEXT.index("مصر"), TEXT.index("مصر") + 3, 0, "gaz"),
                Mention(variant, "مصر", TEXT.index("مصر"), TEXT.index("مصر") + 3, 0, "gaz")]
    g = article_graph(Extraction(_article(), mentions=mentions))
    iri = entity_iri(EGYPT)
    arabic = [lbl for lbl in g.objects(iri, RDFS.label) if lbl.language == "ar"]
    assert arabic == [Literal("مصر", lang="ar")]
    assert len(list(g.objects(iri, RDF.type))) == 1


def test_unresolvable_affiliation_is_kept_as_written() -> None:
    officer = EntityRef(key="new:Person:سالم", type="Person", label_ar="سالم",
                        affiliation="كتيبة لا يعرفها المعجم")
    g = article_graph(Extraction(_article(), meetings=[Meeting([officer, EGYPT], [_ev()], "r")]))
    assert g.value(entity_iri(officer), MARSAD.affiliationName) == Literal(
        "كتيبة لا يعرفها المعجم", lang="ar")


def test_evidence_outside_the_article_is_a_mapping_error() -> None:
    beyond = Evidence("unit", 0, 10, len(TEXT) + 4, "x")
    action = MilitaryAction("airstrike", "occurred", [beyond], "r")
    with pytest.raises(MappingError, match="outside the article"):
        article_graph(Extraction(_article(), actions=[action]))


def test_evidence_text_that_differs_from_the_article_is_a_mapping_error() -> None:
    claim = Claim("asserts", "نص", Evidence("unit", 0, 0, 5, "كلام"), "r", claimant=EGYPT)
    with pytest.raises(MappingError, match="differs"):
        article_graph(Extraction(_article(), claims=[claim]))


def test_evidence_from_another_article_is_a_mapping_error() -> None:
    with pytest.raises(MappingError, match="another article"):
        article_graph(Extraction(_article(), meetings=[
            Meeting([EGYPT, LIBYA], [_ev(article_id="other")], "r")]))


def test_a_claim_about_a_missing_event_is_a_mapping_error() -> None:
    claim = Claim("asserts", "نص", _ev(), "r", claimant=EGYPT, about_events=[2])
    with pytest.raises(MappingError, match="action #2"):
        article_graph(Extraction(_article(), claims=[claim]))


def test_a_claim_points_at_the_events_it_reports() -> None:
    action = MilitaryAction("intelligence_sharing", "planned", [_ev(46, 60)], "r", agents=[EGYPT])
    claim = Claim("asserts", "التنسيق الأمني", _ev(46, 60), "r", claimant=EGYPT,
                  about_events=[0], about_meetings=[0])
    g = article_graph(Extraction(_article(), meetings=[_meeting()], actions=[action],
                                 claims=[claim]))
    about = set(g.objects(None, MARSAD.about))
    assert about == {event_iri(action, "unit"), event_iri(_meeting(), "unit")}


def test_an_entity_reached_only_through_an_affiliation_is_not_mentioned() -> None:
    gazetteer = pytest.importorskip("kg.gazetteer").load_gazetteer()
    state = next((e for e in gazetteer.entries.values()
                  if e.type == "State" and e.qid != EGYPT.qid), None)
    if state is None:
        pytest.skip("the gazetteer has no state yet")
    officer = EntityRef(key="new:Person:سالم", type="Person", label_ar="سالم",
                        affiliation=state.id)
    g = article_graph(Extraction(_article(), meetings=[Meeting([officer, EGYPT], [_ev()], "r")]))
    mentioned = set(g.objects(article_iri("unit"), MARSAD.mentions))
    affiliation = entity_iri(state.ref())
    assert g.value(entity_iri(officer), MARSAD.affiliation) == affiliation
    assert (affiliation, RDFS.label, Literal(state.name_ar, lang="ar")) in g
    assert entity_iri(officer) in mentioned
    assert affiliation not in mentioned
