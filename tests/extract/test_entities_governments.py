"""Actors and places that unseen Libya and Egypt security news names and the gazetteer's own
entries do not spell out: bodies of a government (``وزارة الداخلية بحكومة الوفاق``),
governments named by their seat (``حكومة طرابلس``), ministers of a named government,
titles held for one body only (``المبعوث الأممي``), numbered and one-word military units,
operations rooms named for places, and the towns, fields and bases of the region.

Every sentence was written for these tests; the matcher reads the real gazetteer and
lexicons, so the tests pin rules and data together.
"""

from __future__ import annotations

import pytest

from kg.extract.entities import extract_mentions
from kg.records import Article, ArticleMeta, Mention, PartialDate, Sentence, Span

MID_2020 = PartialDate(2020, 6, 1)


def run(text: str, published: PartialDate | None = MID_2020) -> list[Mention]:
    sents, pos = [], 0
    for i, s in enumerate(text.split("\n")):
        sents.append(Sentence(i, pos, pos + len(s), s))
        pos += len(s) + 1
    art = Article(id="probe", source_path="probe.txt", original=text,
                  paragraphs=[Span(0, len(text))], sentences=sents,
                  meta=ArticleMeta(published=published))
    found = extract_mentions(art)
    for m in found:
        assert art.original[m.start:m.end] == m.surface
    return found


def by_surface(found: list[Mention]) -> dict[str, Mention]:
    return {m.surface: m for m in found}


# --------------------------------------------------------------------------- bodies


@pytest.mark.parametrize("sentence, body, government", [
    ("قالت وزارة الداخلية بحكومة الوفاق إن قواتها صدت هجوما جنوب العاصمة.",
     "وزارة الداخلية", "org-gna"),
    ("أكدت وزارة الدفاع بحكومة الوحدة الوطنية أن الوضع في العاصمة تحت السيطرة.",
     "وزارة الدفاع", "org-gnu"),
    ("نفت وزارة الدفاع التابعة لحكومة الوفاق وجود مرتزقة في صفوفها.",
     "وزارة الدفاع", "org-gna"),
    ("قالت وزارة الخارجية في حكومة الوحدة الوطنية إنها تتابع الوضع.",
     "وزارة الخارجية", "org-gnu"),
    ("أعلن جهاز الأمن الداخلي التابع لحكومة الاستقرار الوطني القبض على متهمين.",
     "جهاز الأمن الداخلي", "org-gns"),
    ("ووزارة الداخلية بحكومة الوفاق الوطني أعلنت حالة الطوارئ.",
     "وزارة الداخلية", "org-gna"),
])
def test_a_body_of_a_named_government_is_an_organization_affiliated_to_it(
        sentence: str, body: str, government: str) -> None:
    found = by_surface(run(sentence))
    assert body in found, found
    ministry = found[body].entity
    assert ministry.type == "Organization"
    assert ministry.affiliation == government
    assert ministry.label_ar == body
    # the government stays a mention of its own
    assert government in {m.entity.key for m in found.values()}


def test_the_same_portfolio_of_two_governments_is_two_organizations() -> None:
    found = run("قالت وزارة الداخلية بحكومة الوفاق إن الهجوم فشل.\n"
                "وردت وزارة الداخلية بحكومة الاستقرار الوطني بأن قواتها تقدمت.")
    ministries = {m.entity.key for m in found if m.surface == "وزارة الداخلية"}
    assert len(ministries) == 2


def test_a_gazetteer_ministry_tied_to_a_council_gets_that_affiliation() -> None:
    found = by_surface(run("قالت وزارة الدفاع الليبية التابعة للمجلس الرئاسي إن قواتها تحاصر سرت."))
    assert found["وزارة الدفاع الليبية"].entity.key == "org-libya-mod"
    assert found["وزارة الدفاع الليبية"].entity.affiliation == "org-presidential-council"


def test_a_ministry_without_a_government_is_not_joined_to_the_next_words() -> None:
    found = by_surface(run("أعلنت وزارة الداخلية القبض على عناصر إرهابية في مطروح."))
    assert "وزارة الداخلية" in found
    assert not any("القبض" in s for s in found)


def test_a_bare_ministry_that_speaks_is_an_actor_of_this_article_only() -> None:
    ministry = by_surface(run("أعلنت وزارة الداخلية القبض على خلية في مطروح."))["وزارة الداخلية"]
    assert ministry.entity.type == "Organization"
    assert "probe" in ministry.entity.key  # another article's وزارة الداخلية may be another


def test_a_bare_ministry_that_only_works_on_something_is_not_an_actor() -> None:
    assert "وزارة الدفاع" not in by_surface(run("وتعمل وزارة الدفاع الآن على دمج المقاتلين."))


def test_a_bare_ministry_is_the_one_of_that_portfolio_named_in_full() -> None:
    found = run("وقالت وزارة الداخلية المصرية إن قواتها قتلت مسلحين.\n"
                "وأضافت وزارة الداخلية أن العملية مستمرة.")
    ministries = [m.entity.key for m in found if "وزارة الداخلية" in m.surface]
    assert ministries == ["org-egypt-moi", "org-egypt-moi"]


def test_a_bare_ministry_in_a_statement_is_an_actor() -> None:
    found = by_surface(run("وذكر بيان لوزارة الخارجية أن الوزير سيزور ليبيا."))
    assert found["وزارة الخارجية"].entity.type == "Organization"


# --------------------------------------------------------------------------- seats


@pytest.mark.parametrize("sentence, government", [
    ("اتهمت حكومة طرابلس القاهرة بدعم قوات حفتر.", "حكومة طرابلس"),
    ("قالت حكومة شرق ليبيا إن قواتها تسيطر على منفذ امساعد.", "حكومة شرق ليبيا"),
    ("وصل وفد من حكومة الشرق الليبي إلى القاهرة.", "حكومة الشرق الليبي"),
    ("أعلنت حكومة طبرق رفضها للاتفاق.", "حكومة طبرق"),
    ("وأعلنت حكومة بنغازي الحداد.", "حكومة بنغازي"),
])
def test_a_government_named_by_its_seat_is_an_organization_not_a_place(
        sentence: str, government: str) -> None:
    found = run(sentence)
    seat = by_surface(found)[government]
    assert seat.entity.type == "Organization"
    assert seat.entity.affiliation == "state-libya"
    places = {m.surface for m in found if m.entity.type == "Place"}
    assert not places & {"طرابلس", "شرق ليبيا", "الشرق الليبي", "طبرق", "بنغازي"}


def test_a_seat_is_the_one_government_of_that_seat_the_article_names() -> None:
    found = run("وقال رئيس حكومة الوفاق إن قواته تتقدم.\nوأكدت حكومة طرابلس أنها لن تفاوض.")
    assert by_surface(found)["حكومة طرابلس"].entity.key == "org-gna"


def test_a_seat_stays_its_own_government_when_the_article_names_two_of_that_seat() -> None:
    found = run("وكانت حكومة الوفاق قد سلمت السلطة إلى حكومة الوحدة الوطنية.\n"
                "وقالت حكومة طرابلس إنها ستجري الانتخابات.")
    assert by_surface(found)["حكومة طرابلس"].entity.key.startswith("new:Organization:")


def test_a_seat_government_is_not_resolved_by_date_alone() -> None:
    # organisations carry no dates in the gazetteer, so 2019 does not make it the GNA
    found = run("نفت حكومة طرابلس وجود تحركات عسكرية قرب سرت.", PartialDate(2019, 5, 1))
    assert by_surface(found)["حكومة طرابلس"].entity.key == "new:Organization:حكومه طرابلس"


# --------------------------------------------------------------------------- titles


@pytest.mark.parametrize("sentence, when, person", [
    ("قال وزير الداخلية بحكومة الوفاق إن الهجوم فشل.", PartialDate(2019, 12, 1),
     "person-fathi-bashagha"),
    ("قال وزير الداخلية بحكومة الوحدة الوطنية إن الوضع مستقر.", PartialDate(2023, 4, 1),
     "person-imad-trabelsi"),
    ("قال رئيس حكومة الوفاق إن العاصمة ترحب بالمبادرة.", PartialDate(2018, 3, 1),
     "person-fayez-al-sarraj"),
    ("قالت وزيرة الخارجية في حكومة الوحدة الوطنية إن ليبيا ترفض التدخل.",
     PartialDate(2022, 3, 1), "person-najla-mangoush"),
    ("قال المبعوث الأممي إلى ليبيا إن الحوار سيستأنف.", PartialDate(2015, 4, 1),
     "person-bernardino-leon"),
    ("قال المبعوث الأممي إلى ليبيا إن الحوار سيستأنف.", PartialDate(2018, 4, 1),
     "person-ghassan-salame"),
])
def test_a_title_of_a_named_government_or_body_resolves_by_date(
        sentence: str, when: PartialDate, person: str) -> None:
    found = run(sentence, when)
    assert person in {m.entity.key for m in found if m.rule == "title"}


def test_a_title_shared_by_several_bodies_names_nobody() -> None:
    found = run("قال الأمين العام إن الانتخابات ممكنة.", PartialDate(2023, 4, 1))
    assert not [m for m in found if m.entity.type == "Person"]


# --------------------------------------------------------------------------- units


@pytest.mark.parametrize("sentence, unit", [
    ("قصفت كتيبة 101 مشاة مواقع في غريان.", "كتيبة 101 مشاة"),
    ("قال آمر اللواء 73 مشاة إن قواته تتقدم.", "اللواء 73 مشاة"),
    ("أعلنت الكتيبة 128 مشاة سيطرتها على الشويرف.", "الكتيبة 128 مشاة"),
    ("وانسحبت عناصر السرية 12 من المحور.", "السرية 12"),
])
def test_a_numbered_unit_is_an_armed_group(sentence: str, unit: str) -> None:
    found = by_surface(run(sentence))
    assert found[unit].entity.type == "ArmedGroup"


def test_a_numbered_unit_keeps_the_body_it_belongs_to() -> None:
    found = by_surface(run("أعلنت الكتيبة 210 مشاة التابعة للجيش الوطني الليبي تقدمها."))
    assert found["الكتيبة 210 مشاة"].entity.affiliation == "org-libyan-national-army"


def test_a_rank_before_a_name_is_not_a_unit() -> None:
    found = run("قال اللواء أحمد المسماري إن القوات تقدمت.")
    assert not [m for m in found if m.entity.type == "ArmedGroup"]


def test_a_unit_named_by_one_definite_word_is_an_armed_group() -> None:
    found = by_surface(run("قتل عناصر من كتيبة الفاروق في اشتباكات غرب المدينة."))
    assert found["كتيبة الفاروق"].entity.type == "ArmedGroup"


@pytest.mark.parametrize("sentence", [
    "وصلت كتيبة المدفعية إلى المحور الجنوبي.",
    "وتقدمت كتيبة المشاة نحو المطار.",
])
def test_a_unit_named_by_its_arm_is_generic(sentence: str) -> None:
    assert not [m for m in run(sentence) if m.entity.type == "ArmedGroup"]


def test_an_operations_room_named_for_places_is_an_organization() -> None:
    found = by_surface(run("قال المتحدث باسم غرفة عمليات أجدابيا وبنغازي إن القوات تقدمت."))
    room = found["غرفة عمليات أجدابيا وبنغازي"]
    assert room.entity.type == "Organization"
    assert "بنغازي" not in found  # the places are part of its name


# --------------------------------------------------------------------------- gazetteer


@pytest.mark.parametrize("sentence, key", [
    ("اشتبكت قوات في سبها وهون وودان.", "place-hun"),
    ("وصلت قوات إلى زلة ومرادة وأوجلة.", "place-zillah"),
    ("توقف الإنتاج في حقل مسلة النفطي.", "place-messla-field"),
    ("قصفت طائرات قاعدة الويغ في الجنوب.", "place-al-wigh-base"),
    ("وصل مقاتلون إلى تاورغاء جنوب مصراتة.", "place-tawergha"),
    ("هاجم مسلحون كمينا قرب قرية البرث جنوب رفح.", "place-el-barth"),
    ("قالت غرفة عمليات سرت الجفرة إن قواتها رصدت تحركات.", "org-sirte-jufra-operations-room"),
    ("قالت قوات الوفاق إنها استعادت المطار.", "org-gna"),
    ("أعلن قطاع الأمن الوطني ضبط خلية.", "org-egypt-nsa"),
    ("قال آمر كتيبة الحلبوص إن قواته تقدمت.", "group-halbous"),
    ("أعلنت كتيبة سبل السلام ضبط مهربين قرب الكفرة.", "group-subul-al-salam"),
    ("أعلن اللواء 106 مجحفل تقدمه في عين زارة.", "group-106-brigade"),
])
def test_the_towns_fields_bases_and_forces_of_the_conflict_are_known(
        sentence: str, key: str) -> None:
    assert key in {m.entity.key for m in run(sentence)}


# --------------------------------------------------------------------------- context


def test_a_body_alias_followed_by_another_states_adjective_is_that_states_body() -> None:
    found = by_surface(run("هاجمت قوات الجيش الوطني التشادي مواقع للمتمردين قرب الحدود."))
    chad = found["الجيش الوطني التشادي"].entity
    assert chad.affiliation == "state-chad"
    assert "org-libyan-national-army" not in {m.entity.key for m in found.values()}


def test_a_person_after_a_title_with_a_preposition_is_its_object_not_its_holder() -> None:
    found = run("التقى رئيس مجلس السيادة السوداني بالسيسي في القاهرة.", PartialDate(2021, 8, 1))
    sisi = by_surface(found)["السيسي"].entity
    assert sisi.role is None
    assert "person-abdel-fattah-al-burhan" in {m.entity.key for m in found}


def test_the_libyan_elections_commission_is_known() -> None:
    found = run("أعلن مسلحون مسؤوليتهم عن الهجوم على مقر المفوضية العليا للانتخابات.")
    assert "org-hnec" in {m.entity.key for m in found}


@pytest.mark.parametrize("sentence", [
    "وصعد المتحدث لهجته متهما أنقرة بنقل آلاف المرتزقة.",
    "وحذر السيسي أنقرة من تجاوز الخط الأحمر.",
    "واتهمت حكومة الوفاق القاهرة بدعم الهجوم.",
])
def test_a_capital_accused_or_warned_is_its_state(sentence: str) -> None:
    found = run(sentence)
    capitals = [m for m in found if m.surface in ("أنقرة", "القاهرة")]
    assert capitals and all(m.entity.type == "State" for m in capitals)


def test_a_capital_one_travels_to_stays_a_place() -> None:
    found = by_surface(run("ووصل الوفد العسكري إلى أنقرة مساء الأحد."))
    assert found["أنقرة"].entity.type == "Place"


def test_the_districts_of_libya_are_places() -> None:
    found = run("وشهدت منطقة البطنان وشعبية المرقب أمطارا غزيرة.")
    assert {"place-butnan", "place-murqub"} <= {m.entity.key for m in found}


@pytest.mark.parametrize("sentence, body, state", [
    ("أعلنت مديرية أمن بنغازي القبض على مطلوبين.", "مديرية أمن بنغازي", "state-libya"),
    ("قالت مديرية أمن مطروح إن الطريق الساحلي مؤمن.", "مديرية أمن مطروح", "state-egypt"),
    ("قال المجلس العسكري لمصراتة إن قواته جاهزة.", "المجلس العسكري لمصراتة", "state-libya"),
])
def test_a_body_named_for_its_town_is_an_organization_of_that_towns_state(
        sentence: str, body: str, state: str) -> None:
    found = by_surface(run(sentence))
    assert found[body].entity.type == "Organization"
    assert found[body].entity.affiliation == state
    assert not [m for m in found.values() if m.entity.type == "Place"]


def test_a_portfolio_may_end_with_a_plain_modifier() -> None:
    found = by_surface(run("قالت رئاسة الأركان العامة التابعة لحكومة الوفاق إن قواتها تقدمت."))
    assert found["رئاسة الأركان العامة"].entity.affiliation == "org-gna"


def test_a_known_group_tied_to_a_ministry_of_a_government_gets_that_ministry() -> None:
    found = by_surface(run("وأعلن جهاز الردع التابع لوزارة الداخلية بحكومة الوفاق اعتقال مطلوبين."))
    ministry = found["وزارة الداخلية"].entity
    assert ministry.affiliation == "org-gna"
    assert found["جهاز الردع"].entity.affiliation == ministry.key


def test_a_role_followed_by_its_own_holder_is_not_given_to_the_name_before() -> None:
    found = by_surface(run("التقى رئيس حكومة الاستقرار الوطني فتحي باشاغا وزير الخارجية المصري "
                           "سامح شكري.", PartialDate(2022, 5, 1)))
    assert "المصري" not in (found["فتحي باشاغا"].entity.role or "")
    assert found["سامح شكري"].entity.role == "وزير الخارجية المصري"


def test_the_western_military_region_of_libya_is_libyan() -> None:
    found = run("قال آمر المنطقة العسكرية الغربية إن قواته تقدمت نحو الحدود التونسية.")
    assert "org-libya-western-military-region" in {m.entity.key for m in found}


def test_every_seat_and_government_of_the_seat_lexicon_is_in_the_gazetteer() -> None:
    from kg.extract.entities import load_lexicons
    from kg.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    seats = load_lexicons().seats
    assert seats
    for place, governments in seats.items():
        assert gaz.entries[place].type == "Place", place
        assert governments
        for gov in governments:
            assert gaz.entries[gov].type == "Organization", gov
