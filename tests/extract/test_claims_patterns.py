"""Claims: attribution patterns found missing on unseen articles, one rule per test.

Every sentence here was written for these tests (none is copied from an article). The
builders come from ``test_claims``; mentions are made by hand, so each test pins a rule of
``kg.extract.claims`` and not the entity matcher.
"""

from __future__ import annotations

import pytest

from tests.extract.test_claims import (
    ALGERIA,
    INTERIOR,
    MANSOURI,
    TURKEY,
    UN,
    build,
    claims_of,
    mention,
    only,
)

# --------------------------------------------------------------- text before بحسب ما


def test_a_verb_that_made_no_claim_does_not_cut_the_clause_before_the_attribution() -> None:
    # تابعة ("affiliated") is spelled like تابع + a pronoun; it starts no claim and must not
    # shorten the clause that بحسب ما أعلن reports
    art = build("شنت وحدات تابعة للجيش غارات على المعسكر، بحسب ما أعلن خالد المنصوري.")
    c = only(claims_of(art, mention(art, "خالد المنصوري", MANSOURI)))
    assert c.claimant == MANSOURI
    assert c.text.startswith("شنت وحدات تابعة للجيش غارات على المعسكر")
    assert c.text.endswith("بحسب ما أعلن خالد المنصوري")


# --------------------------------------------------------------- announced + noun


@pytest.mark.parametrize("sentence", [
    "أعلنت وزارة الداخلية، مساء الأحد، ضبط شحنة أسلحة قرب المعبر.",
    "أعلنت وزارة الداخلية، الخميس، سيطرة قواتها على المعبر الحدودي.",
    "وأعلنت وزارة الداخلية صباح اليوم السيطرة على المعبر الحدودي.",
])
def test_announced_with_a_noun_object_after_a_time_adverb(sentence: str) -> None:
    art = build(sentence)
    c = only(claims_of(art, mention(art, "وزارة الداخلية", INTERIOR)))
    assert c.claimant == INTERIOR
    assert c.stance == "asserts"
    assert "/np/" in c.rule


# --------------------------------------------------------------- who speaks


def test_an_organ_speaks_for_the_body_it_belongs_to() -> None:
    art = build("وقال المكتب الإعلامي لوزارة الداخلية إن الدوريات ضبطت شحنة أسلحة قرب المعبر.")
    c = only(claims_of(art, mention(art, "لوزارة الداخلية", INTERIOR)))
    assert c.claimant == INTERIOR
    assert c.text == "الدوريات ضبطت شحنة أسلحة قرب المعبر"
    assert c.rule.endswith("/organ")


def test_the_authorities_of_a_state_named_by_its_adjective_are_that_state() -> None:
    art = build("وتعتبر السلطات الجزائرية أن حدودها الشرقية باتت أكثر أمنا من قبل.")
    c = only(claims_of(art))
    assert c.claimant is not None and c.claimant.qid == "Q262"
    assert c.anonymous_description is None
    assert c.text == "حدودها الشرقية باتت أكثر أمنا من قبل"


@pytest.mark.parametrize("speaker", ["تقرير لخبراء الأمم المتحدة", "بيان صادر عن الأمم المتحدة"])
def test_a_document_speaks_for_its_author_after_a_genitive_or_issued_by(speaker: str) -> None:
    art = build(f"وكان {speaker} قد أشار إلى أن الشحنات وصلت إلى الميناء عبر البحر.")
    c = only(claims_of(art, mention(art, "الأمم المتحدة", UN)))
    assert c.claimant == UN
    assert c.rule.endswith("/document")


def test_it_came_in_a_statement_is_a_claim_of_the_statement_author() -> None:
    art = build("وجاء في بيان لوزارة الداخلية أن الدوريات ضبطت شحنة أسلحة قرب المعبر.")
    c = only(claims_of(art, mention(art, "لوزارة الداخلية", INTERIOR)))
    assert c.claimant == INTERIOR
    assert c.text == "الدوريات ضبطت شحنة أسلحة قرب المعبر"


def test_it_came_without_a_statement_is_no_claim() -> None:
    art = build("وجاء ذلك بعد أن ضبطت الدوريات شحنة أسلحة قرب المعبر.")
    assert claims_of(art) == []


# --------------------------------------------------------------- stance


@pytest.mark.parametrize("resumptive", ["وهو ما نفته", "الأمر الذي نفته", "وهذا ما نفته"])
def test_a_denial_of_the_clause_just_reported(resumptive: str) -> None:
    art = build(f"واتهمت وزارة الداخلية تركيا بتهريب أسلحة إلى المدينة، {resumptive} أنقرة.")
    found = claims_of(art, mention(art, "وزارة الداخلية", INTERIOR), mention(art, "تركيا", TURKEY),
                      mention(art, "أنقرة", TURKEY))
    assert [(c.stance, c.claimant) for c in found] == [("accuses", INTERIOR), ("denies", TURKEY)]
    assert found[1].text.endswith(f"{resumptive} أنقرة")
    assert "بتهريب أسلحة" in found[1].text
    assert resumptive not in found[0].text


def test_a_negated_resumptive_confirmation_is_no_claim() -> None:
    art = build("واتهمت وزارة الداخلية تركيا بتهريب أسلحة إلى المدينة، وهو ما لم تؤكده أنقرة.")
    found = claims_of(art, mention(art, "وزارة الداخلية", INTERIOR), mention(art, "تركيا", TURKEY),
                      mention(art, "أنقرة", TURKEY))
    assert [(c.stance, c.claimant) for c in found] == [("accuses", INTERIOR)]


@pytest.mark.parametrize("verb", ["ورحبت", "وأثنت"])
def test_welcoming_and_praising_are_stated_stances(verb: str) -> None:
    prep = "ب" if verb == "ورحبت" else "على "
    art = build(f"{verb} الجزائر {prep}الاتفاق الأمني الجديد بين البلدين.")
    c = only(claims_of(art, mention(art, "الجزائر", ALGERIA)))
    assert c.claimant == ALGERIA
    assert c.stance == "asserts"


# --------------------------------------------------------------- one speech act or two


def test_a_conjoined_verb_of_likelihood_weighs_the_same_report() -> None:
    art = build("وأفادت مصادر محلية بأن طائرات قصفت المعسكر، ورجحت أن تكون أجنبية.")
    c = only(claims_of(art))
    assert c.anonymous_description == "مصادر محلية"
    assert "طائرات قصفت المعسكر" in c.text and "أن تكون أجنبية" in c.text


def test_a_conjoined_new_statement_stays_a_claim_of_its_own() -> None:
    art = build("وقال خالد المنصوري إن القوات وصلت إلى المعبر، وأضاف أن الهدوء عاد إلى المدينة.")
    found = claims_of(art, mention(art, "خالد المنصوري", MANSOURI))
    assert [c.claimant for c in found] == [MANSOURI, MANSOURI]
    assert found[1].text == "الهدوء عاد إلى المدينة"


def test_unnamed_analysts_seeing_something_is_commentary_not_a_claim() -> None:
    art = build("ويرى محللون أن التصعيد الأخير يهدد الهدنة الهشة.")
    assert claims_of(art) == []


def test_unnamed_analysts_saying_something_is_a_claim() -> None:
    art = build("وقال محللون إن التصعيد الأخير يهدد الهدنة الهشة.")
    c = only(claims_of(art))
    assert c.claimant is None and c.anonymous_description == "محللون"


# --------------------------------------------------------------- where the content is


def test_a_quotation_before_the_verb_is_its_content() -> None:
    art = build('"الدوريات تسيطر على المعبر بالكامل"، قال خالد المنصوري للصحفيين.')
    c = only(claims_of(art, mention(art, "خالد المنصوري", MANSOURI)))
    assert c.claimant == MANSOURI
    assert c.text == "الدوريات تسيطر على المعبر بالكامل"
    assert c.evidence.text.endswith("قال خالد المنصوري للصحفيين")


def test_a_quotation_before_a_bare_added_continues_the_last_speaker() -> None:
    art = build('وقال خالد المنصوري إن القوات وصلت إلى المعبر. "لن نسمح بأي اختراق"، أضاف.')
    found = claims_of(art, mention(art, "خالد المنصوري", MANSOURI))
    assert [c.claimant for c in found] == [MANSOURI, MANSOURI]
    assert found[1].text == "لن نسمح بأي اختراق"


@pytest.mark.parametrize("opening", ["وبحسب ما أعلنت وزارة الداخلية", "وحسبما ذكرت وزارة الداخلية"])
def test_according_to_what_x_said_opening_the_sentence_reports_what_follows(opening: str) -> None:
    art = build(f"{opening}، فإن الدوريات ضبطت شحنة أسلحة قرب المعبر.")
    c = only(claims_of(art, mention(art, "وزارة الداخلية", INTERIOR)))
    assert c.claimant == INTERIOR
    assert c.text == "الدوريات ضبطت شحنة أسلحة قرب المعبر"


def test_according_to_what_was_relayed_names_the_source_after_an() -> None:
    art = build("وبحسب ما نقلته وكالة محلية عن شهود عيان، فإن انفجارات هزت المدينة ليلا.")
    c = only(claims_of(art))
    assert c.claimant is None and c.anonymous_description == "شهود عيان"
    assert c.text == "انفجارات هزت المدينة ليلا"


def test_attributed_to_relays_the_source_after_ila() -> None:
    art = build("ونسبت صحيفة محلية إلى مصدر عسكري قوله إن الطيران قصف مخازن الذخيرة.")
    c = only(claims_of(art))
    assert c.anonymous_description == "مصدر عسكري"
    assert c.text == "الطيران قصف مخازن الذخيرة"


def test_a_person_named_after_a_long_title_following_according_to() -> None:
    art = build("وحسب الناطق باسم وزارة الداخلية خالد المنصوري، فإن الدوريات ضبطت شحنة أسلحة.")
    c = only(claims_of(art, mention(art, "وزارة الداخلية", INTERIOR),
                       mention(art, "خالد المنصوري", MANSOURI)))
    assert c.claimant == MANSOURI


# --------------------------------------------------------------- more verbs


def test_admitted_that_is_a_claim_but_passing_a_law_is_not() -> None:
    art = build("وأقر مسؤول أمني بأن الحدود الجنوبية تشهد عمليات تهريب.",
                "وأقر البرلمان قانونا جديدا.")
    c = only(claims_of(art))
    assert c.anonymous_description == "مسؤول أمني"
    assert c.text == "الحدود الجنوبية تشهد عمليات تهريب"


def test_reports_spoke_of_opening_a_clause_is_a_claim() -> None:
    art = build("وتحدثت تقارير إعلامية عن وصول تعزيزات إلى المعبر.")
    c = only(claims_of(art))
    assert c.anonymous_description == "تقارير إعلامية"
    assert "وصول تعزيزات إلى المعبر" in c.text


def test_spoke_after_a_noun_describes_it_and_reports_nothing() -> None:
    art = build("وقال مسؤول أمني تحدث لوكالة محلية إن الدوريات ضبطت شحنة أسلحة.")
    c = only(claims_of(art))
    assert c.anonymous_description is not None and c.anonymous_description.startswith("مسؤول أمني")
    assert c.text == "الدوريات ضبطت شحنة أسلحة"


def test_a_reporting_word_after_a_preposition_is_a_noun_not_a_new_claim() -> None:
    art = build("وأعرب خالد المنصوري عن رفض بلاده لأي وجود عسكري أجنبي قرب الحدود.")
    c = only(claims_of(art, mention(art, "خالد المنصوري", MANSOURI)))
    assert c.claimant == MANSOURI
    assert c.stance == "asserts"
    assert "رفض بلاده لأي وجود عسكري أجنبي" in c.text


def test_thus_said_after_a_quotation() -> None:
    art = build('"سنحمي حدودنا بكل الوسائل"، هكذا قال خالد المنصوري في كلمة متلفزة.')
    c = only(claims_of(art, mention(art, "خالد المنصوري", MANSOURI)))
    assert c.claimant == MANSOURI
    assert c.text == "سنحمي حدودنا بكل الوسائل"


def test_kana_qad_frames_a_subject_the_gazetteer_does_not_know() -> None:
    art = build("وكانت وكالة الأنباء الرسمية قد ذكرت أن الطائرات عادت إلى قواعدها.")
    c = only(claims_of(art))
    assert c.claimant is None
    assert c.anonymous_description == "وكالة الأنباء الرسمية"
    assert c.text == "الطائرات عادت إلى قواعدها"


def test_an_accusation_keeps_its_own_object_not_a_clause_of_the_next_verb() -> None:
    art = build("واتهمت وزارة الداخلية تركيا بتهريب أسلحة إلى المدينة، ووصفت ذلك بأنه تهديد خطير.")
    c = only(claims_of(art, mention(art, "وزارة الداخلية", INTERIOR),
                       mention(art, "تركيا", TURKEY)))
    assert c.claimant == INTERIOR
    assert c.stance == "accuses"
    assert c.text.startswith("واتهمت وزارة الداخلية تركيا بتهريب أسلحة")


def test_claimed_is_a_reporting_verb_with_an_unknown_subject_kept_as_words() -> None:
    art = build("وادعت صفحات موالية للتنظيم أن عناصره أسقطوا طائرة مسيرة.")
    c = only(claims_of(art))
    assert c.claimant is None
    assert c.anonymous_description == "صفحات موالية للتنظيم"
    assert c.text == "عناصره أسقطوا طائرة مسيرة"


def test_refusing_to_be_named_belongs_to_the_source_description() -> None:
    art = build("وأكدت مصادر عسكرية، رفضت الكشف عن هويتها، وصول تعزيزات إلى الحدود.")
    c = only(claims_of(art))
    assert c.stance == "asserts"
    assert c.anonymous_description is not None
    assert "وصول تعزيزات إلى الحدود" in c.text


def test_holding_someone_responsible_is_an_accusation() -> None:
    art = build("وحمّلت وزارة الداخلية تركيا مسؤولية تهريب الأسلحة إلى المدينة.")
    c = only(claims_of(art, mention(art, "وزارة الداخلية", INTERIOR),
                       mention(art, "تركيا", TURKEY)))
    assert c.claimant == INTERIOR
    assert c.stance == "accuses"


def test_carrying_weapons_is_no_accusation() -> None:
    art = build("وتحمل الشاحنة أسلحة وذخائر إلى المعبر.")
    assert claims_of(art) == []
