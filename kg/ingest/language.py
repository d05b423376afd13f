"""Is this text Arabic? A script count, good enough to keep other languages out.

Marsad's rules are written for Arabic; an English page or a Persian one that slipped into a
scrape would give nonsense extractions, so ingestion reports it and moves on. News text is
long enough that counting letters by script decides it: no model, nothing to download.
Persian and Urdu share the Arabic script, so their own letters (پ چ ژ گ, Persian ی and ک,
Urdu ے ٹ ڈ ں) are told apart from Arabic ي and ك.

>>> detect_language("قال المتحدث باسم الجيش إن القوات وصلت إلى الحدود الغربية")
'ar'
"""

from __future__ import annotations

from collections import Counter

__all__ = ["detect_language", "describe_script", "MIN_LETTERS"]

MIN_LETTERS = 20
"""Fewer letters than this and the text is too short to tell."""

ARABIC_SHARE = 0.6
"""Share of letters that must be in the Arabic script for a text to count as Arabic."""

_PERSIAN = set("پچژگیک")
_URDU = set("ےٹڈںھ")
_ARABIC_ONLY = set("يكةى")


def _is_arabic_script(ch: str) -> bool:
    o = ord(ch)
    return (
        0x0600 <= o <= 0x06FF
        or 0x0750 <= o <= 0x077F
        or 0x08A0 <= o <= 0x08FF
        or 0xFB50 <= o <= 0xFDFF
        or 0xFE70 <= o <= 0xFEFF
    )


def _script(ch: str) -> str:
    if _is_arabic_script(ch):
        return "Arabic"
    o = ord(ch)
    if o < 0x250 or 0x1E00 <= o <= 0x1EFF:
        return "Latin"
    if 0x0400 <= o <= 0x04FF:
        return "Cyrillic"
    if 0x0590 <= o <= 0x05FF:
        return "Hebrew"
    if 0x4E00 <= o <= 0x9FFF or 0x3040 <= o <= 0x30FF or 0xAC00 <= o <= 0xD7AF:
        return "CJK"
    return "other"


def describe_script(text: str) -> Counter[str]:
    """Letters of ``text`` counted by script (``Arabic``, ``Latin``, ``Cyrillic`` ...)."""
    return Counter(_script(ch) for ch in text if ch.isalpha())


def detect_language(text: str) -> str | None:
    """``'ar'``, ``'fa'`` or ``'ur'`` for Arabic-script text, else ``None``.

    ``None`` also when there are fewer than ``MIN_LETTERS`` letters: too little to tell.
    Callers that need the reason use ``describe_script``.
    """
    scripts = describe_script(text)
    total = sum(scripts.values())
    if total < MIN_LETTERS or scripts["Arabic"] < ARABIC_SHARE * total:
        return None
    letters = Counter(ch for ch in text if ch in _PERSIAN or ch in _URDU or ch in _ARABIC_ONLY)
    arabic_only = sum(letters[c] for c in _ARABIC_ONLY)
    urdu = sum(letters[c] for c in _URDU)
    persian = sum(letters[c] for c in _PERSIAN)
    if urdu > 0.01 * scripts["Arabic"] and urdu + persian > arabic_only:
        return "ur"
    if persian > arabic_only:
        return "fa"
    return "ar"
