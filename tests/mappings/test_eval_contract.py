"""The graphs the mapping writes answer the evaluation's query contract.

The golden cases are loaded into an Oxigraph store, one named graph per article as
``kg build`` does, and the project's ``queries/eval/*.rq`` are run over the union.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.vocab import graph_iri
from mappings import article_graph
from tests.mappings.records_json import load_extraction

ROOT = Path(__file__).resolve().parents[2]
EVAL_QUERIES = ROOT / "queries" / "eval"
CASES_DIR = Path(__file__).parent


@pytest.fixture(scope="module")
def store() -> ox.Store:
    if not EVAL_QUERIES.is_dir():
        pytest.skip("queries/eval is not there yet")
    st = ox.Store()
    for case in ("meeting_place_date", "joint_airstrike", "claims"):
        ex = load_extraction(CASES_DIR / case / "record.json")
        data = article_graph(ex).serialize(format="nt", encoding="utf-8")
        graph = ox.NamedNode(str(graph_iri(ex.article.id)))
        st.load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=graph)
    return st


def rows(store: ox.Store, name: str) -> list[dict[str, str]]:
    path = EVAL_QUERIES / f"{name}.rq"
    if not path.exists():
        pytest.skip(f"{path} is not there yet")
    result = store.query(path.read_text(encoding="utf-8"), use_default_graph_as_union=True)
    return [{v.value: (s[v].value if s[v] is not None else None) for v in result.variables}
            for s in result]


def test_military_actions_give_type_status_agent_wikidata_and_place(store: ox.Store) -> None:
    found = [r for r in rows(store, "military-actions") if r["doc"] == "case_strike"
             and r["type"].endswith("/airstrike")]
    assert {r["agentWikidata"] for r in found} == {"http://www.wikidata.org/entity/Q79",
                                                  "http://www.wikidata.org/entity/Q1016"}
    assert {r["status"].rsplit("#", 1)[1] for r in found} == {"occurred"}
    assert {r["placeLabel"] for r in found} == {"درنة"}
    assert {r["date"] for r in found} == {"2015-02"}


def test_claims_give_claimant_label_wikidata_and_stance(store: ox.Store) -> None:
    found = {r["stance"].rsplit("#", 1)[1]: r for r in rows(store, "claims")
             if r["doc"] == "case_claims"}
    assert set(found) == {"asserts", "denies", "accuses"}
    assert found["asserts"]["claimantLabel"] == "عبد الفتاح السيسي"
    assert found["asserts"]["claimantWikidata"] == "http://www.wikidata.org/entity/Q307871"


# An unbound optional role (no claimant, no target) must stay unbound: a label lookup in a
# separate OPTIONAL would re-bind it to any labelled entity.
def test_an_anonymous_claim_has_no_claimant(store: ox.Store) -> None:
    found = [r for r in rows(store, "claims") if r["stance"].endswith("#denies")]
    assert {r["claimant"] for r in found} == {None}


def test_an_action_without_target_or_place_has_none(store: ox.Store) -> None:
    found = [r for r in rows(store, "military-actions") if r["type"].endswith("/execution")]
    assert {(r["target"], r["place"]) for r in found} == {(None, None)}


def test_meetings_give_participants_place_and_day(store: ox.Store) -> None:
    found = [r for r in rows(store, "meetings") if r["doc"] == "case_meeting"]
    assert "http://www.wikidata.org/entity/Q307871" in {r["participantWikidata"] for r in found}
    assert {r["placeLabel"] for r in found} == {"القاهرة"}
    assert {r["date"] for r in found} == {"2016-03-08"}


def test_actors_and_places_per_article(store: ox.Store) -> None:
    actors = {(r["doc"], r["label"], r["type"].rsplit("#", 1)[1]) for r in rows(store, "actors")}
    assert ("case_strike", "كتيبة الصمود", "ArmedGroup") in actors
    places = {(r["doc"], r["label"]) for r in rows(store, "places")}
    assert ("case_strike", "وادي الرمال") in places


def test_sources_give_title_publisher_and_date(store: ox.Store) -> None:
    found = {r["doc"]: r for r in rows(store, "sources")}
    assert found["case_meeting"]["publisher"] == "صحيفة المرصد التجريبية"
    assert found["case_meeting"]["published"] == "2016-03-09"
    assert found["case_claims"]["published"] == "2017"
