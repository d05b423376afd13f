"""Only Arabic text goes on down the pipe."""

from __future__ import annotations

from kg.ingest.language import describe_script, detect_language


def test_arabic_text_is_arabic_even_with_latin_names_and_digits() -> None:
    text = "قال المتحدث باسم AFRICOM إن 3 طائرات مسيرة حلقت فوق المنطقة الحدودية أمس"
    assert detect_language(text) == "ar"


def test_english_is_not_arabic() -> None:
    assert (
        detect_language("The army said it had completed a joint exercise near the border.") is None
    )
    assert describe_script("The army said").most_common(1)[0][0] == "Latin"


def test_persian_and_urdu_are_told_apart_from_arabic() -> None:
    assert detect_language("ارتش ایران روز یکشنبه گفت که پهپادها در نزدیکی مرز پرواز کردند") == "fa"
    assert (
        detect_language(
            "پاکستانی فوج نے کہا ہے کہ سرحد کے قریب ڈرون دیکھے گئے ہیں اور تحقیقات جاری ہے"
        )
        == "ur"
    )


def test_too_little_text_cannot_be_told() -> None:
    assert detect_language("نعم") is None
