"""Sentences are exact slices of the original, split where Arabic news ends a sentence."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.errors import IngestError
from kg.ingest import article_from_text
from kg.ingest.sentences import split_sentences
from kg.records import Span


def split(text: str) -> list[str]:
    return [s.text for s in split_sentences(text, [Span(0, len(text))])]


def test_splits_at_full_stop_question_and_exclamation_marks() -> None:
    text = "انسحبت القوات من البلدة. هل تعود قريبا؟ لا أحد يعرف!"
    assert split(text) == ["انسحبت القوات من البلدة.", "هل تعود قريبا؟", "لا أحد يعرف!"]


def test_decimal_numbers_and_one_letter_abbreviations_do_not_end_a_sentence() -> None:
    text = "بلغت المساعدات 1.3 مليار دولار بحسب د. سامي الخبير الاقتصادي. ثم انتهى الاجتماع."
    assert split(text) == [
        "بلغت المساعدات 1.3 مليار دولار بحسب د. سامي الخبير الاقتصادي.",
        "ثم انتهى الاجتماع.",
    ]


def test_a_stop_before_a_closing_quote_ends_the_sentence_after_the_quote() -> None:
    text = 'وقال القائد "سنواصل العمليات." وغادر القاعة.'
    assert split(text) == ['وقال القائد "سنواصل العمليات."', "وغادر القاعة."]


def test_a_quotation_of_several_sentences_stays_one_sentence() -> None:
    text = "وقال الوزير «الوضع مستقر. والقوات في مواقعها.» ثم أنهى المؤتمر."
    assert split(text) == ["وقال الوزير «الوضع مستقر. والقوات في مواقعها.»", "ثم أنهى المؤتمر."]


def test_an_unclosed_quote_does_not_swallow_the_paragraph() -> None:
    text = 'وقال المصدر "هناك تحركات. وأضاف أن الوضع هادئ. ثم غادر.'
    assert split(text) == ['وقال المصدر "هناك تحركات.', "وأضاف أن الوضع هادئ.", "ثم غادر."]


def test_a_stop_glued_to_the_next_arabic_word_still_splits() -> None:
    assert split("وصل الوفد إلى القاهرة.وبدأ المحادثات فورا.") == [
        "وصل الوفد إلى القاهرة.",
        "وبدأ المحادثات فورا.",
    ]


def test_debris_at_sentence_edges_is_outside_the_span_and_debris_alone_is_no_sentence() -> None:
    text = "&نص الجملة الأولى.& & . وجملة ثانية.&"
    assert split(text) == ["نص الجملة الأولى.", "وجملة ثانية."]


def test_offsets_are_into_the_whole_original_and_count_across_paragraphs() -> None:
    original = "عنوان\n\nالجملة الأولى هنا. الجملة الثانية هنا.\nفقرة أخرى هنا."
    p1 = Span(original.index("الجملة"), original.index("\nفقرة"))
    p2 = Span(original.index("فقرة"), len(original))
    sentences = split_sentences(original, [p1, p2])
    assert [(s.index, s.paragraph) for s in sentences] == [(0, 0), (1, 0), (2, 1)]
    assert all(original[s.start : s.end] == s.text for s in sentences)


ARABIC = st.sampled_from(list("ابتثجحخدذرسشصضطظعغفقكلمنهويءأإآةى") + ["ـ", "\u064e"])
WORD = st.lists(ARABIC, min_size=2, max_size=7).map(lambda cs: "".join(cs) + " ")
SPACE = st.sampled_from([" ", " ", "\n", "\n\n", "\u00a0", "    ", "\r\n", "\t"])
MARK = st.sampled_from(
    '. . . ؟ ! ، … " “ ” « » ( ) & &nbsp; * - | 1 ٣ 2015/02/24 x A. وقال\u0020الوزير'.split(" ")
)
PIECES = st.one_of(WORD, WORD, WORD, ARABIC, SPACE, MARK)


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, min_size=1, max_size=400).map("".join))
def test_every_sentence_of_any_text_is_its_exact_slice(text: str) -> None:
    try:
        article = article_from_text(text, language="ar")
    except IngestError:
        return
    last = 0
    for i, s in enumerate(article.sentences):
        assert s.index == i
        assert text[s.start : s.end] == s.text
        assert s.start >= last and s.end > s.start
        assert s.text == s.text.strip()
        assert any(ch.isalpha() for ch in s.text)
        para = article.paragraphs[s.paragraph]
        assert para.start <= s.start <= s.end <= para.end
        last = s.end
    for p in article.paragraphs:
        assert 0 <= p.start < p.end <= len(text)


def test_a_run_on_text_is_cut_before_a_reporting_verb_with_a_named_speaker() -> None:
    text = (
        "وصل الوفد العسكري إلى العاصمة صباح اليوم في زيارة تستغرق ثلاثة أيام يبحث خلالها "
        "ملفات التدريب وقال المتحدث باسم الوفد إن المحادثات ستتناول تأمين الحدود."
    )
    assert split(text) == [
        "وصل الوفد العسكري إلى العاصمة صباح اليوم في زيارة تستغرق ثلاثة أيام يبحث خلالها "
        "ملفات التدريب",
        "وقال المتحدث باسم الوفد إن المحادثات ستتناول تأمين الحدود.",
    ]


def test_the_same_speaker_going_on_or_a_short_run_is_not_cut() -> None:
    same = (
        "أكد الوزير أن القوات مستعدة للتعامل مع أي تهديد على الحدود الغربية في أي وقت "
        "وقال إن الوحدات الخاصة في حالة تأهب قصوى."
    )
    assert len(split(same)) == 1
    short = "وصل الوفد إلى العاصمة وقال المتحدث إن المحادثات ستبدأ غدا."
    assert len(split(short)) == 1
    quoted = (
        'وقال القائد "وصلت التعزيزات إلى المنطقة الحدودية الجنوبية منذ يومين وقال الضباط '
        'إن الوضع هادئ تماما" ثم غادر.'
    )
    assert len(split(quoted)) == 1
