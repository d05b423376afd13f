"""Event identity across articles: the same real event shares one key, others do not.

Every sentence here was written for these tests."""

from __future__ import annotations

from kg.extract.actions import extract_actions
from kg.extract.coref import link_events
from kg.extract.meetings import extract_meetings
from kg.records import Extraction, PartialDate
from tests.extract._events import (
    CAIRO,
    CONTE,
    EGYPT,
    FRANCE,
    MALI,
    SISI,
    SOMALI_POLICE,
    TURKEY,
    article,
    mentions,
)

CAST = {"عبد الفتاح السيسي": SISI, "السيسي": SISI, "جوزيبي كونتي": CONTE, "كونتي": CONTE,
        "القاهرة": CAIRO, "مصر": EGYPT, "فرنسا": FRANCE, "مالي": MALI, "تركيا": TURKEY,
        "الشرطة الصومالية": SOMALI_POLICE}


def extraction(*sentences, id, published=None):
    art = article(*sentences, id=id, published=published)
    ms = mentions(art, CAST)
    return Extraction(art, ms, extract_meetings(art, ms), extract_actions(art, ms))


def test_two_articles_about_the_same_meeting_share_one_key():
    a = extraction("استقبل الرئيس عبد الفتاح السيسي أمس رئيس الوزراء جوزيبي كونتي في القاهرة.",
                   id="a", published=PartialDate(2019, 3, 11))
    b = extraction("وبحث كونتي مع السيسي في القاهرة ملفات الطاقة والهجرة.",
                   id="b", published=PartialDate(2019, 3, 12))
    link_events([a, b])
    assert len(a.meetings) == len(b.meetings) == 1
    assert a.meetings[0].key is not None
    assert a.meetings[0].key == b.meetings[0].key


def test_the_key_does_not_depend_on_the_order_of_the_articles():
    def build():
        return (extraction("التقى الرئيس عبد الفتاح السيسي رئيس الوزراء جوزيبي كونتي.",
                           id="a", published=PartialDate(2019, 3, 10)),
                extraction("استقبل السيسي كونتي في القاهرة.", id="b",
                           published=PartialDate(2019, 3, 10)))
    a1, b1 = build()
    link_events([a1, b1])
    a2, b2 = build()
    link_events([b2, a2])
    assert a1.meetings[0].key == a2.meetings[0].key == b2.meetings[0].key


def test_meetings_of_the_same_people_years_apart_stay_apart():
    a = extraction("التقى الرئيس عبد الفتاح السيسي رئيس الوزراء جوزيبي كونتي.",
                   id="a", published=PartialDate(2018, 1, 10))
    b = extraction("التقى الرئيس عبد الفتاح السيسي رئيس الوزراء جوزيبي كونتي.",
                   id="b", published=PartialDate(2019, 9, 2))
    link_events([a, b])
    assert a.meetings[0].key != b.meetings[0].key


def test_undated_articles_are_never_linked():
    a = extraction("التقى الرئيس عبد الفتاح السيسي رئيس الوزراء جوزيبي كونتي.", id="a")
    b = extraction("التقى الرئيس عبد الفتاح السيسي رئيس الوزراء جوزيبي كونتي.", id="b")
    link_events([a, b])
    assert a.meetings[0].key != b.meetings[0].key


def test_two_meetings_of_one_article_are_not_joined_through_a_third_article():
    a = extraction("استقبل الرئيس عبد الفتاح السيسي رئيس الوزراء جوزيبي كونتي.",
                   "وكان كونتي قد قام بزيارة مماثلة إلى القاهرة قبل أسبوع.",
                   id="a", published=PartialDate(2019, 3, 10))
    b = extraction("التقى السيسي كونتي في القاهرة.", id="b", published=PartialDate(2019, 3, 9))
    link_events([a, b])
    assert len(a.meetings) == 2
    assert a.meetings[0].key != a.meetings[1].key


def test_the_same_strike_told_twice_shares_a_key_and_an_offer_does_not_join_a_deed():
    a = extraction("وشنت فرنسا غارات على مواقع في مالي.",
                   "وعرضت تركيا تدريب الشرطة الصومالية.",
                   id="a", published=PartialDate(2020, 2, 3))
    b = extraction("وقالت مصادر إن غارات فرنسية استهدفت مواقع في مالي.",
                   "ودربت تركيا الشرطة الصومالية.",
                   id="b", published=PartialDate(2020, 2, 4))
    link_events([a, b])
    strike_a = next(x for x in a.actions if x.type == "airstrike")
    strike_b = next(x for x in b.actions if x.type == "airstrike")
    assert strike_a.key == strike_b.key
    train_a = next(x for x in a.actions if x.type == "military_training")
    train_b = next(x for x in b.actions if x.type == "military_training")
    assert (train_a.status, train_b.status) == ("offered", "occurred")
    assert train_a.key != train_b.key


def test_every_event_gets_a_key():
    a = extraction("وشنت فرنسا غارات على مواقع في مالي.", id="a")
    link_events([a])
    assert all(x.key for x in a.actions)


def test_two_distinct_meetings_with_the_same_content_get_two_keys():
    a = extraction("استقبل الرئيس عبد الفتاح السيسي رئيس الوزراء جوزيبي كونتي.",
                   "وكان كونتي قد قام بزيارة مماثلة إلى القاهرة.", id="a")
    link_events([a])
    assert len(a.meetings) == 2
    assert a.meetings[0].key != a.meetings[1].key


def test_reports_across_new_year_within_a_week_share_one_key():
    a = extraction("التقى الرئيس عبد الفتاح السيسي رئيس الوزراء جوزيبي كونتي.",
                   id="a", published=PartialDate(2019, 12, 29))
    b = extraction("استقبل السيسي كونتي في القاهرة.", id="b", published=PartialDate(2020, 1, 2))
    link_events([a, b])
    assert a.meetings[0].key == b.meetings[0].key


def test_reports_of_the_same_people_three_weeks_apart_stay_apart():
    a = extraction("التقى الرئيس عبد الفتاح السيسي رئيس الوزراء جوزيبي كونتي.",
                   id="a", published=PartialDate(2019, 3, 1))
    b = extraction("استقبل السيسي كونتي في القاهرة.", id="b", published=PartialDate(2019, 3, 22))
    link_events([a, b])
    assert a.meetings[0].key != b.meetings[0].key


def test_a_report_dated_only_by_month_joins_a_dated_report_of_that_month():
    a = extraction("التقى الرئيس عبد الفتاح السيسي رئيس الوزراء جوزيبي كونتي.",
                   id="a", published=PartialDate(2019, 3))
    b = extraction("استقبل السيسي كونتي في القاهرة.", id="b", published=PartialDate(2019, 3, 22))
    link_events([a, b])
    assert a.meetings[0].key == b.meetings[0].key
