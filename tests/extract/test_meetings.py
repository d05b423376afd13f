"""Meetings: triggers, parties in Arabic word order, place, date, attendees, one per article.

Every sentence here was written for these tests."""

from __future__ import annotations

from kg.extract.meetings import extract_meetings
from kg.records import PartialDate
from tests.extract._events import (
    AKAR,
    ALGERIA,
    CAIRO,
    CHAD,
    CONTE,
    EGYPT,
    ENVOY,
    HAMED,
    JERANDI,
    KAMAL,
    LAMAMRA,
    LIBYA,
    MOROCCO,
    ORAN,
    RABAT,
    SAFADI,
    SHOUKRY,
    SISI,
    SUDAN,
    SUDAN_GOV,
    TANGIER,
    TRIPOLI,
    TUNISIA,
    article,
    mentions,
    ref,
)


def meetings_of(*sentences, cast, **kw):
    art = article(*sentences, **kw)
    return extract_meetings(art, mentions(art, cast))


def keys(entities):
    return {e.key for e in entities}


def test_verb_then_subject_then_object_gives_both_people_and_the_relative_day():
    found = meetings_of(
        "استقبل الرئيس عبد الفتاح السيسي اليوم الأحد رئيس الوزراء جوزيبي كونتي في القاهرة.",
        cast={"عبد الفتاح السيسي": SISI, "جوزيبي كونتي": CONTE, "القاهرة": CAIRO},
        published=PartialDate(2019, 3, 10),
    )
    assert len(found) == 1
    m = found[0]
    assert keys(m.participants) == {SISI.key, CONTE.key}
    assert m.place == CAIRO
    assert m.date == PartialDate(2019, 3, 10)
    assert m.rule.startswith("meeting.verb")
    assert m.evidence[0].text.startswith("استقبل")


def test_subject_before_the_verb_after_inna_and_place_after_madina():
    found = meetings_of(
        "وقالت الخارجية إن الوزير رمطان لعمامرة التقى في مدينة وهران نظيره عثمان الجرندي.",
        cast={"رمطان لعمامرة": LAMAMRA, "عثمان الجرندي": JERANDI, "وهران": ORAN},
    )
    assert [keys(m.participants) for m in found] == [{LAMAMRA.key, JERANDI.key}]
    assert found[0].place == ORAN


def test_inflected_verb_with_clitic_is_a_trigger():
    found = meetings_of(
        "والتقت وزيرة الخارجية المغربية بالرباط أمس الوزير سامح شكري.",
        "ويلتقي شكري غدا الوزير أيمن الصفدي.",
        cast={"المغربية": MOROCCO, "سامح شكري": SHOUKRY, "شكري": SHOUKRY,
              "أيمن الصفدي": SAFADI, "الرباط": RABAT},
        published=PartialDate(2021, 5, 4),
    )
    by_people = {frozenset(keys(m.participants)) for m in found}
    assert frozenset({SHOUKRY.key, SAFADI.key}) in by_people


def test_joint_meeting_of_officials_lists_states_and_reads_a_listed_capital_as_its_state():
    found = meetings_of(
        "وتستضيف مصر قريبا لقاءات أخرى.",
        "وعقد اجتماع بالرباط ضم مسؤولين أمنيين من السودان وتشاد والقاهرة.",
        cast={"مصر": EGYPT, "الرباط": RABAT, "السودان": SUDAN, "تشاد": CHAD, "القاهرة": CAIRO},
    )
    assert len(found) == 1
    assert keys(found[0].participants) == {SUDAN.key, CHAD.key, EGYPT.key}
    assert found[0].place == RABAT


def test_officials_of_a_government_stand_for_their_state_when_no_person_is_named():
    found = meetings_of(
        "وقال مصدر إن ضباطا من الجزائر وممثلين عن الحكومة السودانية اجتمعوا في وهران.",
        "وتربط السودان والجزائر علاقات قديمة.",
        cast={"الجزائر": ALGERIA, "الحكومة السودانية": SUDAN_GOV, "وهران": ORAN,
              "السودان": SUDAN},
    )
    assert len(found) == 1
    assert {ALGERIA.key, SUDAN.key} <= keys(found[0].participants)
    assert found[0].place == ORAN


def test_a_visit_gives_the_host_state_and_the_destination_as_place():
    found = meetings_of(
        "ووصل أمس وزير الدفاع خلوصي أكار في زيارة إلى طرابلس عاصمة ليبيا.",
        cast={"خلوصي أكار": AKAR, "طرابلس": TRIPOLI, "ليبيا": LIBYA},
    )
    assert len(found) == 1
    assert keys(found[0].participants) == {AKAR.key, LIBYA.key}
    assert found[0].place == TRIPOLI


def test_a_visitor_touring_his_own_country_is_no_meeting():
    found = meetings_of(
        "وزار الوزير كمال سالم القاهرة لتفقد المشروعات.",
        cast={"كمال سالم": KAMAL, "القاهرة": CAIRO, "مصر": EGYPT},
    )
    assert found == []


def test_a_meeting_needs_two_named_parties():
    found = meetings_of(
        "والتقى الوزير عددا من الصحفيين.",
        "وقال المتحدث إن اللقاء كان مثمرا.",
        cast={},
    )
    assert found == []


def test_attendees_after_bihudur_are_not_participants():
    found = meetings_of(
        "والتقى الوزير سامح شكري نظيره أيمن الصفدي بحضور السفير محمد علي.",
        cast={"سامح شكري": SHOUKRY, "أيمن الصفدي": SAFADI, "محمد علي": ENVOY},
    )
    assert len(found) == 1
    assert keys(found[0].participants) == {SHOUKRY.key, SAFADI.key}
    assert keys(found[0].attendees) == {ENVOY.key}


def test_people_who_attended_the_meeting_join_the_meeting_told_before():
    found = meetings_of(
        "واستقبل الرئيس عبد الفتاح السيسي رئيس الوزراء جوزيبي كونتي.",
        "وأوضح البيان أن السفير محمد علي حضر اللقاء.",
        cast={"عبد الفتاح السيسي": SISI, "جوزيبي كونتي": CONTE, "محمد علي": ENVOY},
    )
    assert len(found) == 1
    assert keys(found[0].attendees) == {ENVOY.key}
    assert len(found[0].evidence) == 2


def test_repeated_mentions_are_one_meeting_with_all_their_evidence():
    found = meetings_of(
        "التقى الرئيس عبد الفتاح السيسي رئيس الوزراء جوزيبي كونتي.",
        "وتناول اللقاء ملفات الطاقة.",
        "كما استقبل السيسي ضيفه في مقر الرئاسة بالقاهرة.",
        cast={"عبد الفتاح السيسي": SISI, "السيسي": SISI, "جوزيبي كونتي": CONTE,
              "القاهرة": CAIRO},
    )
    assert len(found) == 1
    assert len(found[0].evidence) == 3
    assert found[0].place == CAIRO


def test_a_similar_visit_is_another_meeting_of_the_same_parties():
    found = meetings_of(
        "استقبل الرئيس عبد الفتاح السيسي رئيس الوزراء جوزيبي كونتي.",
        "وكان كونتي قد قام بزيارة مماثلة إلى القاهرة في 3 مارس 2018.",
        cast={"عبد الفتاح السيسي": SISI, "كونتي": CONTE, "جوزيبي كونتي": CONTE,
              "القاهرة": CAIRO},
    )
    assert len(found) == 2
    assert all(keys(m.participants) == {SISI.key, CONTE.key} for m in found)
    assert found[1].date == PartialDate(2018, 3, 3)
    assert found[1].place == CAIRO


def test_the_dateline_city_yields_to_a_more_precise_place_told_later():
    found = meetings_of(
        "يعكس لقاء الوزير سامح شكري والوزير أيمن الصفدي في الرباط أهمية التنسيق.",
        "وقالت الوزارة إن شكري التقى في مدينة طنجة الصفدي.",
        cast={"سامح شكري": SHOUKRY, "شكري": SHOUKRY, "أيمن الصفدي": SAFADI,
              "الصفدي": SAFADI, "الرباط": RABAT, "طنجة": TANGIER},
        dateline="الرباط",
    )
    assert len(found) == 1
    assert found[0].place == TANGIER


def test_topics_follow_libahth():
    found = meetings_of(
        "وبحث الوزير سامح شكري مع نظيره أيمن الصفدي لبحث أمن الحدود المشتركة.",
        cast={"سامح شكري": SHOUKRY, "أيمن الصفدي": SAFADI},
    )
    assert len(found) == 1
    assert any("أمن الحدود" in t for t in found[0].topics)


def test_ijtimai_social_is_not_a_meeting():
    found = meetings_of(
        "ودعا الوزير سامح شكري والوزير أيمن الصفدي إلى دعم الأمن الاجتماعي.",
        cast={"سامح شكري": SHOUKRY, "أيمن الصفدي": SAFADI},
    )
    assert found == []


def test_a_noun_meeting_after_the_verb_does_not_split_the_meeting():
    found = meetings_of(
        "استقبل الرئيس عبد الفتاح السيسي الخميس رئيس الوزراء جوزيبي كونتي في لقاء مطول.",
        cast={"عبد الفتاح السيسي": SISI, "جوزيبي كونتي": CONTE},
    )
    assert len(found) == 1


def test_two_visits_to_different_hosts_are_two_meetings():
    found = meetings_of(
        "وبدأ الوزير أحمد حامد جولة زار فيها تونس والجزائر، "
        "ويزور غدا القاهرة للقاء الرئيس عبد الفتاح السيسي.",
        cast={"أحمد حامد": HAMED, "تونس": TUNISIA, "الجزائر": ALGERIA, "القاهرة": CAIRO,
              "عبد الفتاح السيسي": SISI, "مصر": EGYPT},
    )
    people = [keys(m.participants) for m in found]
    assert {HAMED.key, TUNISIA.key, ALGERIA.key} in people
    assert any({HAMED.key, SISI.key} <= p for p in people)


def test_wizara_ministry_is_not_a_visit_and_a_headquarters_is_a_place():
    mod = ref("org-mod", "Organization", "وزارة الدفاع", country="state-egypt")
    found = meetings_of(
        "والتقى الوزير سامح شكري نظيره أيمن الصفدي.",
        "كما استقبل شكري ضيفه الأردني في مقر وزارة الدفاع.",
        cast={"سامح شكري": SHOUKRY, "شكري": SHOUKRY, "أيمن الصفدي": SAFADI,
              "وزارة الدفاع": mod},
    )
    assert len(found) == 1
    assert found[0].place == mod
    assert keys(found[0].participants) == {SHOUKRY.key, SAFADI.key}


def test_a_visit_and_the_meeting_held_during_it_are_one_meeting():
    found = meetings_of(
        "ووصل الوزير أيمن الصفدي إلى القاهرة في زيارة يلتقي خلالها الوزير سامح شكري.",
        cast={"أيمن الصفدي": SAFADI, "القاهرة": CAIRO, "سامح شكري": SHOUKRY},
    )
    assert len(found) == 1
    assert keys(found[0].participants) == {SAFADI.key, SHOUKRY.key}
    assert found[0].place == CAIRO


def test_talks_held_by_two_named_people_before_the_noun():
    found = meetings_of(
        "وعقد الوزير سامح شكري والوزير أيمن الصفدي جلسة مباحثات في القاهرة.",
        cast={"سامح شكري": SHOUKRY, "أيمن الصفدي": SAFADI, "القاهرة": CAIRO},
    )
    assert len(found) == 1
    assert keys(found[0].participants) == {SHOUKRY.key, SAFADI.key}
    assert found[0].place == CAIRO


def test_bahatha_with_a_long_title_before_maa():
    found = meetings_of(
        "بحث وزير الخارجية المصري السفير سامح شكري، مع نظيره الأردني أيمن الصفدي، في عمان، "
        "الأحد، سبل التعاون.",
        cast={"سامح شكري": SHOUKRY, "أيمن الصفدي": SAFADI},
        published=PartialDate(2021, 3, 9),
    )
    assert len(found) == 1
    assert keys(found[0].participants) == {SHOUKRY.key, SAFADI.key}
    assert found[0].date == PartialDate(2021, 3, 7)


def test_one_named_person_meeting_an_unnamed_envoy_meets_the_envoys_state():
    found = meetings_of(
        "والتقى الوزير سامح شكري والسفير الجزائري في القاهرة.",
        "وتتمتع الجزائر بعلاقات وثيقة مع مصر.",
        cast={"سامح شكري": SHOUKRY, "الجزائري": ALGERIA, "القاهرة": CAIRO,
              "الجزائر": ALGERIA, "مصر": EGYPT},
    )
    assert len(found) == 1
    assert keys(found[0].participants) == {SHOUKRY.key, ALGERIA.key}


def test_a_person_with_officials_of_his_own_state_is_no_meeting():
    found = meetings_of(
        "والتقى الوزير سامح شكري مسؤولين مصريين في القاهرة.",
        cast={"سامح شكري": SHOUKRY, "مصريين": EGYPT, "القاهرة": CAIRO},
    )
    assert found == []


def test_states_before_a_meeting_noun_are_its_parties():
    found = meetings_of(
        "والتقى الرئيس عبد الفتاح السيسي رئيس الوزراء جوزيبي كونتي.",
        "وشارك وزراء خارجية مصر وتونس والجزائر في اجتماع دول الجوار الذي عقد في وهران.",
        cast={"عبد الفتاح السيسي": SISI, "جوزيبي كونتي": CONTE, "مصر": EGYPT,
              "تونس": TUNISIA, "الجزائر": ALGERIA, "وهران": ORAN},
    )
    assert len(found) == 2
    assert found[0].place is None
    assert keys(found[1].participants) == {EGYPT.key, TUNISIA.key, ALGERIA.key}
    assert found[1].place == ORAN


def test_a_place_after_a_head_noun_glued_to_bi_is_the_meeting_place():
    # بمنطقة X / في ولاية X: the head noun carries the locative, not the name
    for where in ("بمنطقة", "في ولاية"):
        found = meetings_of(
            f"التقى سامح شكري نظيره جوزيبي كونتي، مساء الأحد، {where} طرابلس.",
            cast={"سامح شكري": SHOUKRY, "جوزيبي كونتي": CONTE, "طرابلس": TRIPOLI},
        )
        assert len(found) == 1, where
        assert found[0].place == TRIPOLI, where


def test_the_place_after_a_long_description_of_the_guest_is_still_the_meeting_place():
    found = meetings_of(
        "التقى سامح شكري، صباح اليوم، وفدا رسميا رفيع المستوى يضم عددا من المسؤولين"
        " والخبراء برئاسة نائب رئيس الحكومة جوزيبي كونتي، في المقر الجديد لوزارة"
        " الخارجية الواقع على الطريق الساحلي قرب الميناء الرئيسي بمدينة طرابلس.",
        cast={"سامح شكري": SHOUKRY, "جوزيبي كونتي": CONTE, "طرابلس": TRIPOLI},
    )
    assert len(found) == 1
    assert found[0].place == TRIPOLI
