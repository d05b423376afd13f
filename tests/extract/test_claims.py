"""Claims: reported speech, speakers, stance, content, continuation and nesting.

Every sentence here was written for these tests. Mentions are made by hand (the entity
matcher has its own tests), so each test pins one rule of ``kg.extract.claims``.
"""

from __future__ import annotations

import re

import pytest

from kg.extract.claims import extract_claims
from kg.records import (
    Article,
    ArticleMeta,
    Claim,
    EntityRef,
    Evidence,
    Meeting,
    Mention,
    MilitaryAction,
    Sentence,
    Span,
)

# --------------------------------------------------------------------------- builders


def ref(key: str, type_: str, label: str) -> EntityRef:
    return EntityRef(key=key, type=type_, label_ar=label)  # type: ignore[arg-type]


TUNISIA = ref("state-tunisia", "State", "تونس")
ALGERIA = ref("state-algeria", "State", "الجزائر")
EGYPT = ref("state-egypt", "State", "مصر")
TURKEY = ref("state-turkey", "State", "تركيا")
QATAR = ref("state-qatar", "State", "قطر")
RUSSIA = ref("state-russia", "State", "روسيا")
UN = ref("org-un", "Organization", "الأمم المتحدة")
PARLIAMENT = ref("org-hor", "Organization", "مجلس النواب الليبي")
INTERIOR = ref("org-interior", "Organization", "وزارة الداخلية")
CHAD_MFA = ref("org-chad-mfa", "Organization", "وزارة الخارجية التشادية")
ISIS = ref("group-islamic-state", "ArmedGroup", "داعش")
MANSOURI = ref("new:Person:خالد المنصوري", "Person", "خالد المنصوري")
HAMMAMI = ref("new:Person:سامي الهمامي", "Person", "سامي الهمامي")
ZAYANI = ref("new:Person:عمر الزياني", "Person", "عمر الزياني")
KARIM = ref("new:Person:كريم العابد", "Person", "كريم العابد")
NOUR = ref("new:Person:نور الدين سالم", "Person", "نور الدين سالم")


def build(*paragraphs: str) -> Article:
    """An article: one paragraph per argument, sentences split after . ! ? ؟"""
    original = "\n\n".join(paragraphs)
    spans, sentences = [], []
    pos = 0
    for p, text in enumerate(paragraphs):
        start = original.index(text, pos)
        spans.append(Span(start, start + len(text)))
        for m in re.finditer(r"[^.!?؟]+[.!?؟]*[\"”»]?", text):
            a, b = start + m.start(), start + m.end()
            while a < b and original[a].isspace():
                a += 1
            while b > a and original[b - 1].isspace():
                b -= 1
            if b > a:
                sentences.append(Sentence(len(sentences), a, b, original[a:b], p))
        pos = start + len(text)
    return Article("t", "t.txt", original, spans, sentences, ArticleMeta())


def mention(art: Article, surface: str, entity: EntityRef, nth: int = 0) -> Mention:
    starts = [m.start() for m in re.finditer(re.escape(surface), art.original)]
    start = starts[nth]
    sent = next(s.index for s in art.sentences if s.start <= start < s.end)
    return Mention(entity, surface, start, start + len(surface), sent, "test")


def claims_of(art: Article, *mentions: Mention, meetings: list[Meeting] | None = None,
              actions: list[MilitaryAction] | None = None) -> list[Claim]:
    found = extract_claims(art, list(mentions), meetings or [], actions or [])
    for c in found:  # every claim is anchored exactly, inside one sentence
        ev = c.evidence
        assert art.original[ev.start:ev.end] == ev.text
        sent = art.sentences[ev.sentence]
        assert sent.start <= ev.start < ev.end <= sent.end
        assert c.text in sent.text
        assert c.rule.startswith("claim/")
    return found


def only(found: list[Claim]) -> Claim:
    assert len(found) == 1, [(c.text, c.rule) for c in found]
    return found[0]


# --------------------------------------------------------------------------- verbs


def test_said_that_gives_the_reported_clause_and_the_named_speaker() -> None:
    art = build("وقال وزير الدفاع خالد المنصوري إن قواته ستبدأ مناورات قرب الحدود الشهر المقبل.")
    c = only(claims_of(art, mention(art, "خالد المنصوري", MANSOURI)))
    assert c.claimant == MANSOURI
    assert c.stance == "asserts"
    assert c.text == "قواته ستبدأ مناورات قرب الحدود الشهر المقبل"
    assert c.anonymous_description is None
    assert "verb:قال/clause/named" in c.rule
    assert c.evidence.text.startswith("وقال وزير الدفاع")


@pytest.mark.parametrize("verb", [
    "قالت", "وقالت", "ويقول", "تقول", "وأكدت", "أكدت", "أوضحت", "وأوضحت", "وذكرت",
    "أفادت", "وصرحت", "وأعلنت", "ورأت", "واعتبرت", "وتابعت",
])
def test_inflected_and_prefixed_verbs_are_reporting_verbs(verb: str) -> None:
    art = build(f"{verb} وزارة الداخلية أن الدوريات ضبطت شحنة أسلحة قرب المعبر.")
    c = only(claims_of(art, mention(art, "وزارة الداخلية", INTERIOR)))
    assert c.claimant == INTERIOR
    assert c.text == "الدوريات ضبطت شحنة أسلحة قرب المعبر"


@pytest.mark.parametrize("phrase", [
    "وأشارت وزارة الداخلية إلى أن", "ولفتت وزارة الداخلية إلى أن",
    "وكشفت وزارة الداخلية عن أن", "وشددت وزارة الداخلية على أن",
])
def test_verbs_with_their_preposition_then_a_clause(phrase: str) -> None:
    art = build(f"{phrase} الدوريات ضبطت شحنة أسلحة قرب المعبر.")
    c = only(claims_of(art, mention(art, "وزارة الداخلية", INTERIOR)))
    assert c.text == "الدوريات ضبطت شحنة أسلحة قرب المعبر"


def test_a_preposition_with_a_noun_phrase_keeps_the_whole_verb_phrase() -> None:
    art = build("ودعا عمر الزياني إلى فتح تحقيق مستقل في الهجوم على المعبر.")
    c = only(claims_of(art, mention(art, "عمر الزياني", ZAYANI)))
    assert c.claimant == ZAYANI
    assert c.text == "ودعا عمر الزياني إلى فتح تحقيق مستقل في الهجوم على المعبر"


def test_quoted_content_after_a_colon() -> None:
    art = build('وقال المتحدث سامي الهمامي: "الوحدات عززت انتشارها على طول الحدود الجنوبية".')
    c = only(claims_of(art, mention(art, "سامي الهمامي", HAMMAMI)))
    assert c.claimant == HAMMAMI
    assert c.text == "الوحدات عززت انتشارها على طول الحدود الجنوبية"


def test_guillemets_right_after_the_speaker_are_the_content() -> None:
    art = build("وأكد سامي الهمامي «الجيش لن يسمح بأي اختراق للحدود» خلال مؤتمر صحفي.")
    c = only(claims_of(art, mention(art, "سامي الهمامي", HAMMAMI)))
    assert c.text == "الجيش لن يسمح بأي اختراق للحدود"


def test_a_one_word_quotation_after_lam_is_the_addressee_not_the_content() -> None:
    art = build('وقال عمر الزياني لـ"الوطن" إن التعاون الأمني مع الجيران يتقدم بسرعة.')
    c = only(claims_of(art, mention(art, "عمر الزياني", ZAYANI)))
    assert c.claimant == ZAYANI
    assert c.text == "التعاون الأمني مع الجيران يتقدم بسرعة"


def test_verbs_inside_a_quotation_are_part_of_the_quote() -> None:
    art = build('وقال سامي الهمامي "نحن نقول إن الحدود آمنة ويؤكد الجميع أنها محمية تماما".')
    c = only(claims_of(art, mention(art, "سامي الهمامي", HAMMAMI)))
    assert "ويؤكد الجميع" in c.text


def test_the_speaker_before_the_verb() -> None:
    art = build("وكان وزير الدفاع خالد المنصوري قد أكد أن الجيش سيتسلم طائرات جديدة.")
    c = only(claims_of(art, mention(art, "خالد المنصوري", MANSOURI)))
    assert c.claimant == MANSOURI
    assert c.text == "الجيش سيتسلم طائرات جديدة"


def test_a_state_as_speaker_metonym() -> None:
    art = build("وقالت الجزائر إنها مستعدة لاستضافة جولة حوار جديدة بين الفرقاء.",
                "والقاهرة ترى أن الحل السياسي هو الطريق الوحيد لإنهاء الأزمة.")
    found = claims_of(art, mention(art, "الجزائر", ALGERIA), mention(art, "القاهرة", EGYPT))
    assert [c.claimant for c in found] == [ALGERIA, EGYPT]
    assert found[0].text == "إنها مستعدة لاستضافة جولة حوار جديدة بين الفرقاء"


# --------------------------------------------------------------------------- speakers


@pytest.mark.parametrize("speaker", [
    "مسؤول في وزارة الداخلية طلب عدم نشر اسمه", "مصادر أمنية", "مصدر أمني", "مسؤولون",
    "دبلوماسي غربي", "شهود عيان", "مسؤولون عسكريون",
])
def test_unnamed_sources_are_anonymous_with_their_description(speaker: str) -> None:
    art = build(f"وقال {speaker} إن الهجوم استهدف نقطة تفتيش على الطريق الساحلي.")
    mentions = [mention(art, "وزارة الداخلية", INTERIOR)] if "الداخلية" in speaker else []
    c = only(claims_of(art, *mentions))
    assert c.claimant is None
    assert c.anonymous_description == speaker
    assert c.text == "الهجوم استهدف نقطة تفتيش على الطريق الساحلي"
    assert "/anonymous" in c.rule


def test_an_unnamed_source_before_the_verb() -> None:
    art = build("لكن مصادر عسكرية رجحت وقوف خلية نائمة وراء التفجير.")
    c = only(claims_of(art))
    assert c.claimant is None and c.anonymous_description == "مصادر عسكرية"


def test_one_of_the_leaders_of_a_group_is_anonymous() -> None:
    art = build("وقال أحد قادة داعش إن التنظيم يعيد تجميع صفوفه في الجنوب.")
    c = only(claims_of(art, mention(art, "داعش", ISIS)))
    assert c.claimant is None
    assert c.anonymous_description == "أحد قادة داعش"


def test_the_source_refers_back_to_the_last_unnamed_source() -> None:
    art = build("وقال مصدر أمني تونسي إن الدوريات تضاعفت.",
                "لكن المصدر قال إن الموارد غير كافية لتأمين الشريط الحدودي.")
    first, second = claims_of(art)
    assert second.claimant is None
    assert second.anonymous_description == first.anonymous_description == "مصدر أمني تونسي"
    assert "/anaphora" in second.rule


def test_a_definite_expert_refers_back_to_the_named_expert() -> None:
    art = build("وأكد الخبير الأمني عمر الزياني، أن التنسيق بين البلدين يتحسن.",
                "وذهب الخبير التونسي إلى أن الحدود تحتاج إلى مراقبة جوية دائمة.")
    found = claims_of(art, mention(art, "عمر الزياني", ZAYANI))
    assert [c.claimant for c in found] == [ZAYANI, ZAYANI]
    assert found[1].text == "الحدود تحتاج إلى مراقبة جوية دائمة"


def test_a_family_name_alone_is_the_person_named_before() -> None:
    art = build("قال الخبير عمر الزياني إن الهدنة هشة.",
                "وأوضح الزياني أن خروقات متكررة سجلت خلال الأسبوع.")
    found = claims_of(art, mention(art, "عمر الزياني", ZAYANI))
    assert [c.claimant for c in found] == [ZAYANI, ZAYANI]


def test_a_speaker_pronoun_refers_to_the_last_subject() -> None:
    # the designation (أعلنت الحركة منظمة إرهابية) is no claim; the speaker is remembered
    art = build("وكانت روسيا أعلنت الحركة منظمة إرهابية لكنها قالت إن نشاطها يتراجع.")
    c = only(claims_of(art, mention(art, "روسيا", RUSSIA)))
    assert c.claimant == RUSSIA
    assert c.text == "نشاطها يتراجع"
    assert "/pronoun" in c.rule


def test_an_announced_event_is_a_claim() -> None:
    art = build("وأعلنت وزارة الداخلية اعتقال ثلاثة مهربين قرب المعبر.")
    c = only(claims_of(art, mention(art, "وزارة الداخلية", INTERIOR)))
    assert c.text == "وأعلنت وزارة الداخلية اعتقال ثلاثة مهربين قرب المعبر"


def test_sabaqa_li_introduces_the_speaker() -> None:
    art = build("وسبق لكريم العابد أن كشف عن وجود شبكة لتهريب الوقود عبر الحدود.")
    c = only(claims_of(art, mention(art, "كريم العابد", KARIM)))
    assert c.claimant == KARIM
    assert "شبكة لتهريب الوقود" in c.text


# --------------------------------------------------------------------------- stance


def test_denial_with_a_noun_phrase() -> None:
    art = build("ونفت وزارة الخارجية التشادية أي تورط في الهجوم على البلدة.")
    c = only(claims_of(art, mention(art, "وزارة الخارجية التشادية", CHAD_MFA)))
    assert c.stance == "denies"
    assert c.claimant == CHAD_MFA
    assert c.text.startswith("ونفت وزارة الخارجية التشادية أي تورط")


def test_rejecting_an_accusation_is_a_denial_rejecting_a_plan_is_no_claim() -> None:
    art = build("ورفضت وزارة الداخلية الاتهامات الموجهة إلى عناصرها.",
                "ورفضت وزارة الداخلية المقترح الجديد لتقاسم الموارد.")
    c = only(claims_of(art, mention(art, "وزارة الداخلية", INTERIOR, 0),
                       mention(art, "وزارة الداخلية", INTERIOR, 1)))
    assert c.stance == "denies"


def test_accusation_keeps_the_accused_and_the_charge() -> None:
    art = build("واتهم مجلس النواب الليبي تركيا بإرسال مرتزقة إلى الغرب الليبي.")
    c = only(claims_of(art, mention(art, "مجلس النواب الليبي", PARLIAMENT),
                       mention(art, "تركيا", TURKEY)))
    assert c.stance == "accuses"
    assert c.claimant == PARLIAMENT
    assert "تركيا بإرسال مرتزقة" in c.text
    assert TURKEY in c.about


def test_accusation_with_the_object_as_a_pronoun_after_a_relative() -> None:
    art = build("وتنشط في المنطقة جماعة مسلحة تتهمها الأمم المتحدة بتجنيد الأطفال.")
    c = only(claims_of(art, mention(art, "الأمم المتحدة", UN)))
    assert c.stance == "accuses" and c.claimant == UN
    assert "بتجنيد الأطفال" in c.text


def test_the_two_states_deny_after_being_accused() -> None:
    art = build("واتهم مجلس النواب الليبي تركيا وقطر بتسليح الميليشيات "
                "ونفى البلدان تلك الاتهامات جملة وتفصيلا.")
    found = claims_of(art, mention(art, "مجلس النواب الليبي", PARLIAMENT),
                      mention(art, "تركيا", TURKEY), mention(art, "قطر", QATAR))
    assert [c.stance for c in found] == ["accuses", "denies"]
    assert found[1].claimant in (TURKEY, QATAR)
    assert "ونفى" not in found[0].text


def test_negated_reporting_verb_is_no_claim() -> None:
    art = build("ولم تؤكد وزارة الداخلية صحة هذه الأنباء حتى الآن.")
    assert claims_of(art, mention(art, "وزارة الداخلية", INTERIOR)) == []


def test_an_endorsement_without_content_is_no_claim() -> None:
    art = build("وقال مصدر أمني إن خلية إرهابية فككت في الجنوب وأكد مسؤولون ذلك.")
    c = only(claims_of(art))
    assert c.text == "خلية إرهابية فككت في الجنوب"


# --------------------------------------------------------------------------- several claims


def test_two_verbs_two_contents_in_one_sentence() -> None:
    art = build("وقال سامي الهمامي إن الحدود مؤمنة وأضاف أن التعاون مع الجزائر مستمر.")
    found = claims_of(art, mention(art, "سامي الهمامي", HAMMAMI),
                      mention(art, "الجزائر", ALGERIA))
    assert [c.text for c in found] == ["الحدود مؤمنة", "التعاون مع الجزائر مستمر"]
    assert [c.claimant for c in found] == [HAMMAMI, HAMMAMI]
    assert found[1].about == [ALGERIA]


def test_a_second_speaker_before_its_verb_ends_the_first_claim() -> None:
    art = build("ويقول مسؤولون إن الحكومة لا تنوي التدخل لكن مصادر عسكرية قالت إن الخطط جاهزة.")
    found = claims_of(art)
    assert [c.text for c in found] == ["الحكومة لا تنوي التدخل", "الخطط جاهزة"]
    assert [c.anonymous_description for c in found] == ["مسؤولون", "مصادر عسكرية"]


def test_continuation_keeps_the_last_speaker_across_sentences() -> None:
    art = build("قال سامي الهمامي إن الجيش أحبط عملية تسلل.",
                "وأضاف أن المتسللين كانوا يحملون أسلحة خفيفة.",
                'وتابع: "سنواصل ملاحقة الخلايا في الجبال".',
                "ونفى وقوع إصابات في صفوف الجنود.")
    found = claims_of(art, mention(art, "سامي الهمامي", HAMMAMI))
    assert [c.claimant for c in found] == [HAMMAMI] * 4
    assert [c.stance for c in found] == ["asserts", "asserts", "asserts", "denies"]
    assert found[2].text == "سنواصل ملاحقة الخلايا في الجبال"
    assert all("/continuation" in c.rule for c in found[1:])


def test_an_adverbial_after_the_verb_is_not_a_new_speaker() -> None:
    art = build("قال عمر الزياني إن الهدنة صامدة.",
                'وأضاف في تصريحات لـ"الوطن" أن الطرفين تبادلا الأسرى.')
    found = claims_of(art, mention(art, "عمر الزياني", ZAYANI))
    assert [c.claimant for c in found] == [ZAYANI, ZAYANI]
    assert found[1].text == "الطرفين تبادلا الأسرى"


def test_a_participle_continues_the_same_claim() -> None:
    art = build("وقال عمر الزياني إن الهدنة صامدة، مشيرا إلى أن خروقات محدودة سجلت في الجنوب.")
    c = only(claims_of(art, mention(art, "عمر الزياني", ZAYANI)))
    assert c.text == "الهدنة صامدة، مشيرا إلى أن خروقات محدودة سجلت في الجنوب"


def test_a_participle_with_another_stance_is_its_own_claim() -> None:
    art = build("وقال عمر الزياني إن الهدنة صامدة، نافيا وقوع اشتباكات في العاصمة.")
    found = claims_of(art, mention(art, "عمر الزياني", ZAYANI))
    assert [c.stance for c in found] == ["asserts", "denies"]
    assert found[0].text == "الهدنة صامدة"
    assert found[1].claimant == ZAYANI


def test_nested_attribution_keeps_the_inner_source() -> None:
    art = build("وأوضح المتحدث سامي الهمامي أن الرئيس نور الدين سالم أشاد بدور الجيش "
                "في تأمين الحدود.")
    c = only(claims_of(art, mention(art, "سامي الهمامي", HAMMAMI),
                       mention(art, "نور الدين سالم", NOUR)))
    assert c.claimant == HAMMAMI
    assert c.inner_source == NOUR
    assert c.text.startswith("الرئيس نور الدين سالم أشاد")


def test_the_same_statement_in_headline_and_body_is_one_claim() -> None:
    art = build("الهمامي يؤكد أن الجيش سيؤمن الحدود الجنوبية بالكامل",
                "وأكد سامي الهمامي أن الجيش سيؤمن الحدود الجنوبية بالكامل خلال أسابيع.")
    found = claims_of(art, mention(art, "سامي الهمامي", HAMMAMI))
    assert len(found) == 1


# --------------------------------------------------------------------------- prepositions


def test_according_to_a_named_source_then_fa_inna() -> None:
    art = build("ووفقاً للخبير كريم العابد، فإن الجماعات المسلحة تستغل الفراغ الأمني.")
    c = only(claims_of(art, mention(art, "كريم العابد", KARIM)))
    assert c.claimant == KARIM
    assert c.text == "الجماعات المسلحة تستغل الفراغ الأمني"
    assert "prep:" in c.rule


def test_according_to_unnamed_sources_at_the_start() -> None:
    art = build("وبحسب مصادر محلية، سيطرت القوات على المعبر صباح اليوم.")
    c = only(claims_of(art))
    assert c.claimant is None and c.anonymous_description == "مصادر محلية"
    assert c.text == "سيطرت القوات على المعبر صباح اليوم"


def test_according_to_in_the_middle_keeps_the_clause_around_it() -> None:
    art = build("وقتل ثلاثة جنود في الهجوم، بحسب مصادر طبية، فيما أصيب آخرون.")
    c = only(claims_of(art))
    assert c.anonymous_description == "مصادر طبية"
    assert "وقتل ثلاثة جنود في الهجوم" in c.text


def test_as_the_minister_said_reports_the_clause_before() -> None:
    art = build("وستصل التعزيزات قبل نهاية الشهر، كما قال خالد المنصوري.")
    c = only(claims_of(art, mention(art, "خالد المنصوري", MANSOURI)))
    assert c.claimant == MANSOURI
    # the clause and its attribution together, as an annotator quotes such a claim
    assert c.text == "وستصل التعزيزات قبل نهاية الشهر، كما قال خالد المنصوري"


def test_relayed_speech_names_the_original_source() -> None:
    art = build("ونقلت وكالة الأنباء عن مسؤولين عسكريين قولهم إن التدريبات ستشمل وحدات خاصة.")
    c = only(claims_of(art))
    assert c.claimant is None
    assert c.anonymous_description == "مسؤولين عسكريين"
    assert c.text == "التدريبات ستشمل وحدات خاصة"


# --------------------------------------------------------------------------- not claims


@pytest.mark.parametrize("sentence", [
    "ضبطت الشرطة طالب جامعي بحوزته أسلحة بيضاء.",
    "ويدفع المهربون ثمن الوقود نقدا عند الحدود.",
    "ويقع المعسكر التابع للجيش قرب الحدود.",
    "ويبعث الاجتماع برسائل تؤكد أن التعاون مستمر.",
    "وفي رأيه المعلن منذ سنوات تحفظات كثيرة.",
])
def test_words_that_look_like_reporting_verbs(sentence: str) -> None:
    assert claims_of(build(sentence)) == []


# --------------------------------------------------------------------------- about


def test_claims_point_at_the_actions_and_meetings_they_report() -> None:
    art = build("وقال مصدر أمني إن طائرات مصرية قصفت مواقع لداعش قرب درنة.",
                "وأكد سامي الهمامي أن وفدا تونسيا التقى مسؤولين جزائريين لبحث تأمين الحدود.",
                "وقال عمر الزياني إن مصر ستواصل ضرب داعش.")
    ms = [mention(art, "مصرية", EGYPT), mention(art, "داعش", ISIS, 0),
          mention(art, "سامي الهمامي", HAMMAMI), mention(art, "تونسيا", TUNISIA),
          mention(art, "جزائريين", ALGERIA), mention(art, "عمر الزياني", ZAYANI),
          mention(art, "مصر", EGYPT, 1), mention(art, "داعش", ISIS, 1)]
    s0, s1 = art.sentences[0], art.sentences[1]
    strike = MilitaryAction("airstrike", "occurred",
                            [Evidence("t", 0, s0.start, s0.end, s0.text)], "test",
                            agents=[EGYPT], targets=[ISIS])
    talks = Meeting([TUNISIA, ALGERIA], [Evidence("t", 1, s1.start, s1.end, s1.text)], "test")
    found = claims_of(art, *ms, meetings=[talks], actions=[strike])
    assert found[0].about_events == [0] and found[0].about_meetings == []
    assert found[1].about_meetings == [0] and found[1].about_events == []
    assert found[2].about_events == [0]  # names the strike's agent and target
    assert found[0].about == [EGYPT, ISIS]


def test_claims_do_not_change_the_status_of_actions() -> None:
    art = build("ونفت وزارة الخارجية التشادية مشاركة طائراتها في قصف مواقع داعش.")
    s = art.sentences[0]
    strike = MilitaryAction("airstrike", "alleged", [Evidence("t", 0, s.start, s.end, s.text)],
                            "test", agents=[CHAD_MFA])
    c = only(claims_of(art, mention(art, "وزارة الخارجية التشادية", CHAD_MFA),
                       actions=[strike]))
    assert c.stance == "denies" and c.about_events == [0]
    assert strike.status == "alleged"


# --------------------------------------------------------------------------- institutions


def test_a_statement_speaks_for_its_author() -> None:
    art = build("وقال بيان لوزارة الداخلية إن الشرطة فككت شبكة لتهريب المهاجرين.")
    c = only(claims_of(art, mention(art, "وزارة الداخلية", INTERIOR)))
    assert c.claimant == INTERIOR
    assert "/document" in c.rule


def test_the_ministry_refers_back_to_the_ministry_named_before() -> None:
    art = build("وأعلنت وزارة الداخلية عن حملة أمنية واسعة في الجنوب.",
                "وقالت الوزارة إن الحملة ستستمر حتى نهاية الشهر.")
    found = claims_of(art, mention(art, "وزارة الداخلية", INTERIOR))
    assert [c.claimant for c in found] == [INTERIOR, INTERIOR]
    assert "/institution" in found[1].rule


def test_an_unnamed_spokesperson_speaks_for_the_institution() -> None:
    art = build("وقال المتحدث الرسمي باسم وزارة الداخلية إن الطريق أعيد فتحه أمام المسافرين.")
    c = only(claims_of(art, mention(art, "وزارة الداخلية", INTERIOR)))
    assert c.claimant == INTERIOR


def test_a_negated_verb_inside_the_speaker_phrase() -> None:
    art = build("وقال مصدر عسكري، فضل عدم ذكر اسمه، إن الوحدات رفعت درجة التأهب.")
    c = only(claims_of(art))
    assert c.anonymous_description == "مصدر عسكري، فضل عدم ذكر اسمه"
    assert c.text == "الوحدات رفعت درجة التأهب"


def test_a_dateline_does_not_hide_the_start_of_the_sentence() -> None:
    art = build("قال عمر الزياني إن المعبر أغلق.",
                "تونس - وأضاف أن السلطات ستعيد فتحه الأسبوع المقبل.")
    found = claims_of(art, mention(art, "عمر الزياني", ZAYANI))
    assert [c.claimant for c in found] == [ZAYANI, ZAYANI]


def test_a_conjoined_verb_takes_the_subject_of_the_verb_before() -> None:
    art = build("ورفضت وزارة الداخلية ما وصفته بالتدخل، واتهمت جهات خارجية بتأجيج الصراع.")
    c = only(claims_of(art, mention(art, "وزارة الداخلية", INTERIOR)))
    assert c.stance == "accuses" and c.claimant == INTERIOR


def test_a_sentence_opening_with_its_subject() -> None:
    art = build("عمر الزياني يزور المعبر ويؤكد أن الوضع الأمني مستقر.")
    c = only(claims_of(art, mention(art, "عمر الزياني", ZAYANI)))
    assert c.claimant == ZAYANI
    assert c.text == "الوضع الأمني مستقر"


# --------------------------------------------------------------------------- robustness

_FRAGMENTS = [
    "وقال", "قالت", "وأضاف", "إن", "أن", "مصدر", "مسؤولون", "عمر الزياني", "تونس",
    "الجيش", "نفى", "واتهم", "بحسب", "وفقا لـ", '"', "«", "»", "،", ".", ":", "الحدود",
    "آمنة", "مشيرا إلى", "لكن", "التي", "تتهمها", "ذلك", "الدولتان", "وسبق", "ل", "عن",
]


def test_any_mix_of_reporting_words_gives_well_anchored_claims() -> None:
    hypothesis = pytest.importorskip("hypothesis")
    st = hypothesis.strategies

    @hypothesis.settings(max_examples=150, deadline=None)
    @hypothesis.given(st.lists(st.lists(st.sampled_from(_FRAGMENTS), min_size=1, max_size=18),
                               min_size=1, max_size=4))
    def check(paragraphs: list[list[str]]) -> None:
        art = build(*(" ".join(words) + "." for words in paragraphs))
        mentions = []
        for k in range(art.original.count("عمر الزياني")):
            mentions.append(mention(art, "عمر الزياني", ZAYANI, k))
        for k in range(art.original.count("تونس")):
            mentions.append(mention(art, "تونس", TUNISIA, k))
        for c in claims_of(art, *mentions):  # claims_of checks the anchoring
            assert c.stance in ("asserts", "denies", "accuses")
            assert (c.claimant is None) or c.anonymous_description is None

    check()


def test_the_statement_refers_back_to_the_institution_that_issued_it() -> None:
    art = build("وأوضحت وزارة الداخلية في بيان أن الدورية تعرضت لإطلاق نار.",
                "وأشار البيان إلى أن المهاجمين فروا نحو الجبال.")
    found = claims_of(art, mention(art, "وزارة الداخلية", INTERIOR))
    assert [c.claimant for c in found] == [INTERIOR, INTERIOR]
    assert found[1].text == "المهاجمين فروا نحو الجبال"


def test_a_participle_after_a_non_reporting_verb_takes_that_verbs_subject() -> None:
    art = build("قال عمر الزياني إن الهجوم مدان.",
                "وفي العاصمة، أدان مجلس النواب الليبي الهجوم، مؤكدا تضامنه مع الضحايا.")
    found = claims_of(art, mention(art, "عمر الزياني", ZAYANI),
                      mention(art, "مجلس النواب الليبي", PARLIAMENT))
    assert [c.claimant for c in found] == [ZAYANI, PARLIAMENT]
    assert "مؤكدا تضامنه مع الضحايا" in found[1].text


def test_the_speaker_first_then_adverbials_then_the_preposition() -> None:
    art = build("وكانت روسيا قد أعلنت في وقت سابق من العام الجاري عن إرسال مستشارين عسكريين.")
    c = only(claims_of(art, mention(art, "روسيا", RUSSIA)))
    assert c.claimant == RUSSIA
    assert "إرسال مستشارين عسكريين" in c.text


def test_kama_at_the_start_of_a_sentence_means_also() -> None:
    art = build("كما نفت وزارة الداخلية أن يكون المهاجمون قد عبروا الحدود.")
    c = only(claims_of(art, mention(art, "وزارة الداخلية", INTERIOR)))
    assert c.stance == "denies"
    assert c.text == "يكون المهاجمون قد عبروا الحدود"


def test_a_relaying_source_after_the_claim_keeps_the_first_source() -> None:
    art = build("لكن مصادر أمنية رجحت أن تكون خلية نائمة وراء الهجوم، حسبما ذكرت وسائل إعلام.")
    c = only(claims_of(art))
    assert c.anonymous_description == "مصادر أمنية"
    assert c.text == "تكون خلية نائمة وراء الهجوم"


def test_qaailan_after_a_reporting_verb_introduces_its_content() -> None:
    art = build('قال عمر الزياني إن الهدنة صامدة.', 'وأضاف قائلا: "لن نسمح بأي خرق جديد".')
    found = claims_of(art, mention(art, "عمر الزياني", ZAYANI))
    assert [c.claimant for c in found] == [ZAYANI, ZAYANI]
    assert found[1].text == "لن نسمح بأي خرق جديد"


def test_yudhkaru_anna_is_the_writers_background() -> None:
    art = build("قال عمر الزياني إن الهدنة صامدة.",
                "ويذكر أن الطرفين وقعا اتفاق الهدنة قبل عامين.")
    assert len(claims_of(art, mention(art, "عمر الزياني", ZAYANI))) == 1


def test_a_long_speaker_phrase_before_the_clause() -> None:
    art = build("وقال وزير الدفاع خالد المنصوري في مؤتمر صحفي عقده بالعاصمة مع نظيره "
                "التونسي عقب جولة محادثات مطولة استمرت يومين إن التعاون سيشمل تبادل "
                "المعلومات.")
    c = only(claims_of(art, mention(art, "خالد المنصوري", MANSOURI)))
    assert c.claimant == MANSOURI
    assert c.text == "التعاون سيشمل تبادل المعلومات"


def test_a_title_set_after_the_name_lets_the_title_alone_refer_back() -> None:
    # فلان، المتحدث باسم ...: a later "وأوضح المتحدث" is that same person
    art = build("وأعلن العقيد كريم العابد، المتحدث العسكري باسم الجيش، أن الدوريات أوقفت قافلة تهريب.",
                "وأوضح المتحدث العسكري، في بيان، أن القافلة كانت تحمل ذخائر.",
                "وأشار إلى أن التحقيقات مستمرة.")
    found = claims_of(art, mention(art, "كريم العابد", KARIM))
    assert [c.claimant for c in found] == [KARIM] * 3
    assert found[1].text.startswith("القافلة كانت تحمل ذخائر")
