"""IRIs are deterministic: the same thing gets the same IRI in every build and article."""

from __future__ import annotations

import pytest

from kg.records import Claim, EntityRef, Evidence, Meeting, MilitaryAction, PartialDate
from kg.vocab import (
    ACT,
    MARSAD,
    article_iri,
    claim_iri,
    entity_iri,
    event_iri,
    evidence_iri,
    graph_iri,
    wikidata_iri,
)

EGYPT = EntityRef(key="egypt", type="State", label_ar="مصر", qid="Q79")
LIBYA = EntityRef(key="libya", type="State", label_ar="ليبيا", qid="Q1016")


def _ev(article: str = "a1", start: int = 0, end: int = 10) -> Evidence:
    return Evidence(article, 0, start, end, "x" * (end - start))


def test_article_and_graph_iris_derive_from_the_article_id() -> None:
    assert str(article_iri("001_x")) == "https://w3id.org/marsad/id/article/001_x"
    assert str(graph_iri("001_x")) == "https://w3id.org/marsad/id/graph/001_x"


def test_an_entity_linked_to_wikidata_is_named_by_its_qid() -> None:
    assert str(entity_iri(EGYPT)) == "https://w3id.org/marsad/id/entity/Q79"


def test_a_gazetteer_entity_without_qid_is_named_by_its_id() -> None:
    ref = EntityRef(key="lna", type="ArmedGroup", label_ar="الجيش الوطني الليبي")
    assert str(entity_iri(ref)) == "https://w3id.org/marsad/id/entity/lna"


def test_new_entities_hash_their_normalised_name_and_keep_their_type() -> None:
    a = EntityRef(key="new:Person:احمد سالم", type="Person", label_ar="أحمد سالم")
    b = EntityRef(key="new:Person:أحمد سالم", type="Person", label_ar="احمد سالم")
    other_type = EntityRef(key="new:Organization:احمد سالم", type="Organization",
                           label_ar="أحمد سالم")
    assert entity_iri(a) == entity_iri(b)
    assert str(entity_iri(a)).startswith("https://w3id.org/marsad/id/entity/Person/")
    assert len(str(entity_iri(a)).rsplit("/", 1)[1]) == 16
    assert entity_iri(a) != entity_iri(other_type)


def test_events_with_one_coreference_key_share_an_iri_across_articles() -> None:
    one = MilitaryAction("airstrike", "occurred", [_ev("a1")], "r", agents=[EGYPT], key="k1")
    two = MilitaryAction("airstrike", "alleged", [_ev("a2", 5, 9)], "r", key="k1")
    assert event_iri(one, "a1") == event_iri(two, "a2")


def test_events_without_key_are_named_by_their_content_and_article() -> None:
    m = Meeting([EGYPT, LIBYA], [_ev()], "r", date=PartialDate(2015, 2, 24))
    same = Meeting([LIBYA, EGYPT], [_ev()], "other-rule", date=PartialDate(2015, 2, 24))
    later = Meeting([EGYPT, LIBYA], [_ev()], "r", date=PartialDate(2015, 2, 25))
    assert event_iri(m, "a1") == event_iri(same, "a1")
    assert event_iri(m, "a1") != event_iri(later, "a1")
    assert event_iri(m, "a1") != event_iri(m, "a2")
    assert str(event_iri(m, "a1")).startswith("https://w3id.org/marsad/id/event/")


def test_claim_iri_depends_on_span_claimant_and_stance() -> None:
    c = Claim("asserts", "نص", _ev(), "r", claimant=EGYPT)
    assert claim_iri(c) == claim_iri(Claim("asserts", "نص آخر", _ev(), "r2", claimant=EGYPT))
    assert claim_iri(c) != claim_iri(Claim("denies", "نص", _ev(), "r", claimant=EGYPT))
    assert claim_iri(c) != claim_iri(Claim("asserts", "نص", _ev(), "r", claimant=LIBYA))
    assert claim_iri(c) != claim_iri(Claim("asserts", "نص", _ev(end=11), "r", claimant=EGYPT))
    anon = Claim("asserts", "نص", _ev(), "r", anonymous_description="مصدر أمني")
    assert claim_iri(anon) != claim_iri(c)


def test_evidence_iri_names_article_and_span() -> None:
    assert str(evidence_iri("a1", 3, 9)) == "https://w3id.org/marsad/id/evidence/a1/3-9"


def test_unsafe_characters_in_ids_are_percent_encoded() -> None:
    assert " " not in str(article_iri("my article"))
    assert str(graph_iri("a/b")).endswith("/graph/a%2Fb")


def test_wikidata_iri_rejects_malformed_qids() -> None:
    assert str(wikidata_iri("Q79")) == "http://www.wikidata.org/entity/Q79"
    with pytest.raises(ValueError):
        wikidata_iri("79")


def test_defined_namespaces_refuse_unknown_terms() -> None:
    with pytest.raises(AttributeError):
        _ = MARSAD.Meetnig
    with pytest.raises(AttributeError):
        _ = ACT.airstrikes
