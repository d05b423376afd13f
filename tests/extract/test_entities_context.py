"""Entity readings that depend on context: quoted titles, institutions named without a state.

Sentences written for these tests; the matcher reads the real gazetteer."""

from __future__ import annotations

from kg.extract.entities import extract_mentions
from kg.ingest import article_from_text


def places(text: str) -> set[str]:
    art = article_from_text(text, publisher="اختبار")
    return {m.entity.label_ar for m in extract_mentions(art) if m.entity.type == "Place"}


def test_a_newspaper_named_after_a_region_is_not_a_place() -> None:
    found = places("وكشف دبلوماسي غربي لـ«الشرق الأوسط» أن الهدنة صامدة في مدينة بنغازي.")
    assert "الشرق الأوسط" not in found
    assert "بنغازي" in found


def test_the_same_region_unquoted_stays_a_place() -> None:
    assert "الشرق الأوسط" in places("وتشهد منطقة الشرق الأوسط توترا متزايدا منذ أسابيع.")


def actors(text: str) -> set[str]:
    art = article_from_text(text, publisher="اختبار")
    return {m.entity.label_ar for m in extract_mentions(art) if m.entity.type != "Place"}


def test_a_bare_institution_takes_the_one_state_the_article_just_named() -> None:
    found = actors("وقال متحدث باسم القوات المسلحة المصرية إن القوات الجوية أنهت مناورة قرب الحدود.")
    assert "القوات الجوية المصرية" in found


def test_a_bare_institution_stays_generic_with_two_states_or_none() -> None:
    assert "القوات الجوية المصرية" not in actors("وقالت القوات الجوية إن الطائرات عادت إلى قواعدها.")
    two = actors("وحضر ممثلو القوات المسلحة المصرية والجيش الليبي، وقالت القوات الجوية إن المناورة انتهت.")
    assert "القوات الجوية المصرية" not in two
