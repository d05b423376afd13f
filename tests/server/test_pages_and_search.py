"""Linked-data pages for minted IRIs, and the name search."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from tests.conftest import HTTP, LiveServer

PERSON = "https://w3id.org/marsad/id/entity/person/t0001"


def test_entity_page_is_arabic_rtl_with_english_label_wikidata_evidence_and_articles(
    server: LiveServer,
) -> None:
    r = HTTP.get(server.url + "/id/entity/person/t0001", headers={"Accept": "text/html"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    html = r.text
    assert '<html lang="ar" dir="rtl">' in html
    assert '<h1 id="label-ar" lang="ar">عبد الفتّاح المُختبِر</h1>' in html
    assert "Abdel Fattah Tester" in html and "أبو الاختبار" in html
    assert 'href="https://www.wikidata.org/wiki/Q999000001"' in html
    assert "التقى المختبر بوفد ليبي في القاهرة" in html  # the evidence sentence
    assert 'href="/id/article/t1"' in html and "وفد ليبي يزور القاهرة في اختبار" in html
    assert 'href="/id/event/e1"' in html  # the meeting it took part in


def test_text_from_the_data_is_escaped_in_pages(server: LiveServer) -> None:
    html = HTTP.get(server.url + "/id/entity/group/x1").text
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    ev = HTTP.get(server.url + "/id/event/e1").text
    assert "<b>الماضي</b>" not in ev and "&lt;b&gt;الماضي&lt;/b&gt;" in ev


@pytest.mark.parametrize(
    "accept,fmt",
    [
        ("text/turtle", ox.RdfFormat.TURTLE),
        ("application/ld+json", ox.RdfFormat.JSON_LD),
        ("application/n-triples", ox.RdfFormat.N_TRIPLES),
    ],
)
def test_entity_as_rdf_by_accept(server: LiveServer, accept: str, fmt: ox.RdfFormat) -> None:
    r = HTTP.get(server.url + "/id/entity/person/t0001", headers={"Accept": accept})
    assert r.status_code == 200 and r.headers["content-type"].startswith(accept)
    quads = list(ox.parse(r.content, format=fmt))
    labels = {
        q.object.value
        for q in quads
        if q.subject.value == PERSON and q.predicate.value.endswith("#label")
    }
    assert labels == {"عبد الفتّاح المُختبِر", "Abdel Fattah Tester"}


def test_unknown_or_invalid_iris_are_404(server: LiveServer) -> None:
    assert HTTP.get(server.url + "/id/entity/person/nobody").status_code == 404
    assert HTTP.get(server.url + "/id/entity/a%20b%3Cc").status_code == 404
    assert (
        HTTP.get(
            server.url + "/id/entity/person/t0001", headers={"Accept": "image/png"}
        ).status_code
        == 406
    )


@pytest.mark.parametrize(
    "q",
    [
        "عبدالفتاح",  # joined compound, no diacritics
        "عبد الفتاح المختبر",  # full name without diacritics
        "المختب",  # prefix of a later word
        "ابو الاختبار",  # alias, hamza folded
        "abdel fat",  # English, any case
    ],
)
def test_search_normalises_arabic_and_matches_prefixes(server: LiveServer, q: str) -> None:
    hits = HTTP.get(server.url + "/api/search", params={"q": q}).json()
    assert hits and hits[0]["iri"] == PERSON
    assert hits[0]["label_ar"] == "عبد الفتّاح المُختبِر"
    assert hits[0]["label_en"] == "Abdel Fattah Tester"
    assert hits[0]["page"] == "/id/entity/person/t0001"


def test_search_ranks_exact_names_first_and_finds_nothing_for_nonsense(server: LiveServer) -> None:
    hits = HTTP.get(server.url + "/api/search", params={"q": "مصر"}).json()
    assert hits[0]["iri"] == "https://w3id.org/marsad/id/entity/Q79"
    assert HTTP.get(server.url + "/api/search", params={"q": "زززز"}).json() == []
    assert HTTP.get(server.url + "/api/search", params={"q": ""}).json() == []


def test_query_ui_lists_the_example_queries(server: LiveServer) -> None:
    html = HTTP.get(server.url + "/").text
    assert "/assets/yasgui/yasgui.min.js" in html
    assert "Actors and their Arabic names" in html
    assert HTTP.get(server.url + "/assets/yasgui/yasgui.min.js").status_code == 200
    queries = HTTP.get(server.url + "/api/queries").json()
    assert [q["name"] for q in queries] == ["actors"]
    assert queries[0]["description"].startswith("Every actor")


def test_graph_iris_lead_to_the_graph_store(server: LiveServer) -> None:
    r = HTTP.get(server.url + "/id/graph/t2", headers={"Accept": "text/turtle"})
    assert r.status_code == 303
    assert r.headers["location"] == "/store?graph=https%3A%2F%2Fw3id.org%2Fmarsad%2Fid%2Fgraph%2Ft2"
    g = HTTP.get(server.url + r.headers["location"], headers={"Accept": "text/turtle"})
    assert len(list(ox.parse(g.content, format=ox.RdfFormat.TURTLE))) == 8
