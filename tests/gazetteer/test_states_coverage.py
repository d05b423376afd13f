"""Every UN member state can be named, and no alias of the gazetteer is a common word.

Sentences written for these tests; the entity matcher reads the real gazetteer."""

from __future__ import annotations

from kg.extract.entities import extract_mentions
from kg.gazetteer import load_gazetteer
from kg.ingest import article_from_text
from kg.text.arabic import normalize


def labels(text: str) -> set[str]:
    art = article_from_text(text, publisher="اختبار")
    return {m.entity.label_ar for m in extract_mentions(art)}


def test_the_gazetteer_holds_all_193_un_member_states() -> None:
    gaz = load_gazetteer()
    states = {e.name_en for e in gaz.entries.values() if e.type == "State"}
    assert len(states) >= 193
    assert {"Senegal", "Kazakhstan", "Bolivia", "Fiji"} <= states


def test_a_state_far_from_the_region_is_an_actor() -> None:
    found = labels("وأعلنت السنغال وكازاخستان إرسال مراقبين إلى الحدود الليبية.")
    assert {"السنغال", "كازاخستان"} <= found


def test_the_question_word_kayfa_is_not_kyiv() -> None:
    found = labels("وتساءل الوزير كيف يمكن ضبط الحدود من دون تعاون بين البلدين.")
    assert "كييف" not in found
    gaz = load_gazetteer()
    assert not gaz.lookup(normalize("كيف"))
