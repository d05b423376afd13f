"""Metadata read from the words of the page: date line, publisher, byline, city."""

from __future__ import annotations

import pytest

from kg.ingest import article_from_text
from kg.ingest.meta import (
    byline,
    dateline_city,
    dateline_date,
    load_publishers,
    lookup_publisher,
    published_in,
    self_reference_publisher,
    split_site_suffix,
    trailer_publisher,
)
from kg.records import PartialDate

BODY = (
    "أعلنت وزارة الدفاع أن وحداتها أنهت مناورات بحرية واسعة قبالة السواحل الشمالية للبلاد.\n"
    "وقال المتحدث باسم الوزارة إن المناورات شملت سفنا حربية وطائرات مروحية وغواصة واحدة.\n"
)


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("الثلاثاء 2015/02/24", PartialDate(2015, 2, 24)),
        ("الخميس 23-01-2020", PartialDate(2020, 1, 23)),
        ("نشر في صحيفة المساء يوم 01 - 10 - 2014", PartialDate(2014, 10, 1)),
        ("السبت ٢٤ فبراير ٢٠١٨", PartialDate(2018, 2, 24)),
        ("آخر تحديث: 14 أبريل/نيسان 2019 - 10:45", PartialDate(2019, 4, 14)),
        ("نشر بتاريخ 2021/07/03", PartialDate(2021, 7, 3)),
    ],
)
def test_date_lines_in_their_common_forms(line: str, date: PartialDate) -> None:
    assert dateline_date(line) == date


@pytest.mark.parametrize(
    "line",
    [
        "وفي 2015/02/24 قتل ثلاثة جنود في هجوم.",
        "قال الوزير إن الاتفاق الذي وقع في 2015/02/24 بين البلدين سيبقى ساريا لعشر سنوات كاملة.",
        "مناورات بحرية في الشمال",
    ],
)
def test_prose_and_headlines_are_not_date_lines(line: str) -> None:
    assert dateline_date(line) is None


def test_published_in_line_names_the_outlet_as_written() -> None:
    assert published_in("نشر في صحيفة المساء يوم 01 - 10 - 2014") == "صحيفة المساء"
    assert published_in("نشر في بوابة الأخبار اليومية، 2014/10/01") == "بوابة الأخبار اليومية"
    assert published_in("نشرت القوات بيانا") is None


def test_a_bare_trailer_line_counts_only_for_a_known_publisher() -> None:
    assert trailer_publisher("ميدل إيست أون لاين") == "ميدل إيست أون لاين"
    assert trailer_publisher("ميدل ايست اون لاين") == "ميدل ايست اون لاين"
    assert trailer_publisher("وكالة لا يعرفها أحد") is None
    assert trailer_publisher("المصدر: وكالة لا يعرفها أحد") == "وكالة لا يعرفها أحد"


def test_self_reference_needs_a_speech_verb_or_a_known_outlet() -> None:
    text = 'وأضاف لـ"صحيفة المساء" أن القوات تقدمت. ثم قال لـ"صحيفة المساء" إنه متفائل.'
    assert self_reference_publisher(text) == "صحيفة المساء"
    assert self_reference_publisher('وتعود ملكية المعسكر لـ"الكتيبة الأولى" منذ سنوات.') is None
    assert self_reference_publisher('ونقلت الصحيفة عن مصدر لـ"إيلاف" تفاصيل الخطة.') == "إيلاف"


def test_publisher_lexicon_resolves_aliases_domains_and_urls() -> None:
    assert len(load_publishers()) > 100
    assert lookup_publisher("Youm7") == lookup_publisher("اليوم السابع")
    assert lookup_publisher("https://www.youm7.com/story/2020/1/1") is not None
    assert lookup_publisher("aljazeera.net").name_en == "Al Jazeera"  # type: ignore[union-attr]
    assert lookup_publisher("قناة لا توجد") is None


def test_lexicon_covers_the_major_arab_outlets() -> None:
    for name in (
        "الجزيرة",
        "العربية",
        "سكاي نيوز عربية",
        "BBC Arabic",
        "الشرق الأوسط",
        "الأهرام",
        "مصراوي",
        "Elaph",
        "بوابة الوسط",
        "Libya Observer",
        "رويترز",
        "فرانس برس",
        "الأناضول",
        "بوابة أخبار اليوم",
        "المصري اليوم",
        "الشروق",
        "القدس العربي",
        "العربي الجديد",
        "RT Arabic",
        "فرانس 24",
        "إرم نيوز",
        "العين الإخبارية",
        "الحياة",
    ):
        assert lookup_publisher(name) is not None, name


def test_page_title_suffix_with_a_known_site_is_split_off() -> None:
    assert split_site_suffix("مناورات بحرية في الشمال | اليوم السابع") == (
        "مناورات بحرية في الشمال",
        "اليوم السابع",
    )
    assert split_site_suffix("مصر - ليبيا: تعاون جديد") == ("مصر - ليبيا: تعاون جديد", None)


def test_byline_and_dateline_city() -> None:
    assert byline("كتب: محمد علي حسن") == "محمد علي حسن"
    assert dateline_city("سامي فؤاد من بنغازي: وصل الوفد إلى المدينة.") == ("بنغازي", "سامي فؤاد")
    assert dateline_city("طرابلس (رويترز) - قال مسؤول إن ...") == ("طرابلس", None)
    assert dateline_city("وقال - في تصريح مقتضب - إن ...") == (None, None)


def test_metadata_from_a_whole_page_is_guessed_and_marked() -> None:
    text = f"مناورات بحرية في الشمال\nنشر في صحيفة المساء يوم 05 - 06 - 2017\n\n{BODY}"
    meta = article_from_text(text).meta
    assert meta.title == "مناورات بحرية في الشمال"
    assert meta.publisher == "صحيفة المساء"
    assert meta.published == PartialDate(2017, 6, 5)
    assert meta.guessed == {"title", "publisher", "published"}


def test_given_fields_override_guesses_and_are_not_marked_guessed() -> None:
    text = f"مناورات بحرية في الشمال\nالأحد 2017/06/04\n\n{BODY}\nالشروق\n"
    meta = article_from_text(text, publisher="الأهرام", published="2017-06-05").meta
    assert meta.publisher == "الأهرام" and meta.published == PartialDate(2017, 6, 5)
    assert meta.title == "مناورات بحرية في الشمال"
    assert meta.guessed == {"title"}


def test_trailer_publisher_after_the_body() -> None:
    meta = article_from_text(f"{BODY}\n\nالشروق\n\nمقالات ذات صلة\n").meta
    assert meta.publisher == "الشروق"


def test_a_date_in_the_lede_dateline_is_the_publication_date() -> None:
    text = "طرابلس - 24 فبراير 2015 - " + BODY
    assert article_from_text(text).meta.published == PartialDate(2015, 2, 24)
    later = "أعلنت الوزارة أن الاتفاق الموقع في 24 فبراير 2015 ما زال ساريا حتى اليوم بين الطرفين."
    assert article_from_text(later).meta.published is None


def test_source_agencies_names_no_publisher() -> None:
    assert trailer_publisher("المصدر: وكالات") is None
