"""One real event reported by two outlets is one event IRI with both articles as sources."""

from __future__ import annotations

import json
from pathlib import Path

from tests.foundation.conftest import kg

FIRST = (
    "السيسي يستقبل حفتر في القاهرة\n\n"
    "القاهرة - استقبل الرئيس المصري عبد الفتاح السيسي، اليوم الاثنين، قائد الجيش الوطني "
    "الليبي المشير خليفة حفتر في القاهرة، وبحث الجانبان تطورات الأوضاع الأمنية في ليبيا.\n\n"
    "وقال المتحدث باسم الرئاسة المصرية إن اللقاء تناول سبل مكافحة الإرهاب وتأمين الحدود "
    "المشتركة بين البلدين.\n"
)
SECOND = (
    "حفتر في القاهرة لبحث معركة طرابلس\n\n"
    "التقى المشير خليفة حفتر الرئيس عبد الفتاح السيسي في القاهرة يوم الاثنين 15 أبريل "
    "2019، في زيارة لم يعلن عنها مسبقا، وفق ما أفادت مصادر مصرية.\n\n"
    "وأضافت المصادر أن المباحثات تناولت الدعم السياسي للجيش الوطني الليبي.\n"
)


def test_two_articles_about_one_meeting_give_one_meeting_iri(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    for name, text, published in (("outlet-a", FIRST, "2019-04-15"),
                                  ("outlet-b", SECOND, "2019-04-16")):
        (articles / f"{name}.txt").write_text(text, encoding="utf-8")
        (articles / f"{name}.meta.json").write_text(
            json.dumps({"published": published}), encoding="utf-8")
    store = tmp_path / "store"
    kg("build", str(articles), "--store", str(store))
    query = """PREFIX marsad: <https://w3id.org/marsad/ontology#>
        SELECT ?meeting (COUNT(DISTINCT ?src) AS ?sources) WHERE {
          ?meeting a marsad:Meeting ; marsad:reportedIn ?src } GROUP BY ?meeting"""
    rows = json.loads(kg("query", "--store", str(store), query).stdout)["results"]["bindings"]
    assert len(rows) == 1, rows
    assert rows[0]["sources"]["value"] == "2"
