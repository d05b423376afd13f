"""Cleaning keeps the article and only the article, by structure more than by phrase."""

from __future__ import annotations

from kg.ingest import article_from_text
from kg.ingest.clean import chrome_kind, clean, trim_span

LEDE = "أعلنت وزارة الدفاع أن وحداتها أنهت مناورات بحرية واسعة قبالة السواحل الشمالية للبلاد."
SECOND = "وقال المتحدث باسم الوزارة إن المناورات شملت سفنا حربية وطائرات مروحية وغواصة واحدة."
THIRD = "وأضاف أن مناورات مماثلة ستجري مع دول صديقة في الربيع المقبل وفق جدول متفق عليه سابقا."


def body(text: str) -> list[str]:
    page = clean(text)
    return [text[p.start : p.end] for p in page.paragraphs]


def test_a_line_of_headlines_joined_by_runs_of_spaces_is_dropped() -> None:
    headlines = "    ".join(
        [
            "ارتفاع أسعار القطن",
            "افتتاح مستشفى جديد",
            "المنتخب يفوز وديا",
            "أمطار على القاهرة",
            "تأجيل امتحانات الجامعة",
        ]
    )
    text = f"{headlines}\n\n{LEDE}\n{SECOND}\n"
    assert body(text) == [LEDE, SECOND]


def test_headlines_joined_by_bars_are_dropped_too() -> None:
    text = "خبر أول | خبر ثان قصير | خبر ثالث | خبر رابع هنا\n" + LEDE
    assert body(text) == [LEDE]


def test_a_body_printed_twice_is_kept_once() -> None:
    copy = f"{LEDE}\n* عنوان فرعي\n{SECOND}\n{THIRD}\n"
    assert body(copy + copy) == [LEDE, "عنوان فرعي", SECOND, THIRD]


def test_a_short_line_that_recurs_outside_a_repeated_run_stays() -> None:
    text = f"{LEDE}\nتفاصيل\n{SECOND}\nتفاصيل\n{THIRD}\n"
    assert body(text).count("تفاصيل") == 2


def test_trailing_chrome_closes_the_article() -> None:
    text = (
        f"{LEDE}\n{SECOND}\n\nمقالات ذات صلة\nخبر آخر عن موضوع مختلف تماما لا علاقة له بالمقال.\n"
    )
    assert body(text) == [LEDE, SECOND]


def test_an_end_marker_before_any_prose_does_not_swallow_the_article() -> None:
    text = f"التعليقات\n{LEDE}\n{SECOND}\n"
    assert body(text) == [LEDE, SECOND]


def test_debris_and_page_numbers_are_not_paragraphs() -> None:
    text = f"{LEDE}&\n&\n{SECOND}\n\n&nbsp;\n12\n"
    assert body(text) == [LEDE, SECOND]


def test_lone_ampersand_inside_a_line_stays_to_keep_offsets() -> None:
    glued = "وصل الوفد إلى مصر&التقى وزير الدفاع لبحث التعاون العسكري بين البلدين في مجال التدريب."
    assert body(glued) == [glued]


def test_share_print_back_to_top_and_click_here_are_dropped() -> None:
    text = f"شارك\nطباعة\n{LEDE}\nاضغط هنا لمشاهدة الفيديو\n{SECOND}\nزر الذهاب إلى الأعلى\n"
    assert body(text) == [LEDE, SECOND]


def test_chrome_phrases_match_through_spelling_variants() -> None:
    assert chrome_kind("إقرأ أيضاً: عنوان خبر آخر") == "link"
    assert chrome_kind("مقالات ذات صله") == "end"
    assert chrome_kind("التعليقات (3)") == "end"
    assert chrome_kind("قال الوزير إن التعليقات على القرار كانت إيجابية في مجملها أمس.") is None


def test_breadcrumbs_are_dropped() -> None:
    assert body(f"الرئيسية / أخبار / شمال أفريقيا\n{LEDE}") == [LEDE]


def test_title_and_subtitle_before_the_body_are_not_body() -> None:
    text = f"مناورات بحرية في الشمال\n\nوحدات بحرية تختبر جاهزيتها\n\n{LEDE}\n{SECOND}"
    page = clean(text)
    assert page.title is not None and page.title.text == "مناورات بحرية في الشمال"
    assert body(text) == [LEDE, SECOND]


def test_with_a_list_of_leading_links_the_title_is_the_line_before_the_date() -> None:
    links = "\n".join(["خبر عن الطقس", "خبر عن الرياضة", "خبر عن الاقتصاد", "خبر عن الفن"])
    text = f"{links}\nمناورات بحرية في الشمال\nالأحد 2016/05/01\n{LEDE}\n{SECOND}"
    page = clean(text)
    assert page.title is not None and page.title.text == "مناورات بحرية في الشمال"


def test_short_lines_after_the_body_are_trailers_not_body() -> None:
    text = f"{LEDE}\n{SECOND}\n\nالمصدر: وكالة أنباء محلية\nوسوم عسكرية\n"
    page = clean(text)
    assert body(text) == [LEDE, SECOND]
    assert [b.text for b in page.of_kind("trailer")] == ["المصدر: وكالة أنباء محلية"]


def test_a_date_line_near_the_top_marks_where_the_article_starts() -> None:
    notice = "هذه الصورة سيتم مراجعتها من قبل فريق التحرير قبل نشرها على الموقع مرة أخرى."
    rest = [
        LEDE,
        SECOND,
        THIRD,
        LEDE.replace("الشمالية", "الغربية"),
        SECOND.replace("واحدة", "ثانية"),
    ]
    text = f"{notice}\nمناورات بحرية في الشمال\nالأحد 2016/05/01\n" + "\n".join(rest)
    assert body(text) == rest


def test_hard_wrapped_text_is_joined_into_paragraphs() -> None:
    words = (LEDE + " " + SECOND + " " + THIRD).split()
    lines, line = [], []
    for w in words:
        line.append(w)
        if len(" ".join(line)) > 30:
            lines.append(" ".join(line))
            line = []
    lines.append(" ".join(line))
    text = "\n".join(lines)
    page = clean(text)
    assert page.hard_wrapped
    assert len(page.paragraphs) == 1
    article = article_from_text(text)
    assert [s.text.replace("\n", " ") for s in article.sentences] == [LEDE, SECOND, THIRD]


def test_trim_span_skips_white_space_entities_and_bullets() -> None:
    text = " \u00a0* نص الفقرة&nbsp;& "
    start, end = trim_span(text, 0, len(text))
    assert text[start:end] == "نص الفقرة"


def test_a_short_text_without_prose_lines_is_kept_whole() -> None:
    assert body("قتل جنديان في هجوم جنوبي") == ["قتل جنديان في هجوم جنوبي"]


def test_a_related_block_closes_the_article_but_an_inline_read_also_does_not() -> None:
    text = f"{LEDE}\nاقرأ أيضا: عنوان خبر آخر\n{SECOND}\n{THIRD}\n\nأخبار ذات صلة\n{LEDE}x\n"
    assert body(text) == [LEDE, SECOND, THIRD]


def test_an_end_marker_early_in_the_body_is_only_dropped() -> None:
    text = f"{LEDE}\nالتعليقات\n{SECOND}\n{THIRD}\n"
    assert body(text) == [LEDE, SECOND, THIRD]


def test_a_short_closing_statement_stays_but_a_trailing_question_headline_does_not() -> None:
    text = f"{LEDE}\n{SECOND}\nوأكدت الوزارة أن الوضع هادئ.\nهل تنجح الوساطة؟\n"
    assert body(text) == [LEDE, SECOND, "وأكدت الوزارة أن الوضع هادئ."]


def test_a_question_headline_is_a_title() -> None:
    page = clean(f"هل تنجح الوساطة بين الطرفين في توحيد المؤسسة العسكرية؟\n\n{LEDE}\n{SECOND}")
    assert page.title is not None and page.title.text.startswith("هل تنجح الوساطة")


def test_captions_are_dropped() -> None:
    assert body(f"{LEDE}\nصورة أرشيفية\n{SECOND}") == [LEDE, SECOND]


def test_a_read_also_marker_alone_takes_the_linked_headline_below_it_along() -> None:
    text = f"{LEDE}\nاقرأ أيضا..\nالبرلمان يناقش قانون الانتخابات\n{SECOND}\n{THIRD}"
    assert body(text) == [LEDE, SECOND, THIRD]


def test_a_short_first_sentence_before_the_prose_is_body() -> None:
    text = f"قتل ثلاثة جنود في هجوم.\n{LEDE}\n{SECOND}"
    assert body(text) == ["قتل ثلاثة جنود في هجوم.", LEDE, SECOND]


def test_headlines_separated_by_tabs_are_a_list() -> None:
    text = "خبر أول\tخبر ثان قصير\tخبر ثالث\tخبر رابع هنا\n" + LEDE
    assert body(text) == [LEDE]
