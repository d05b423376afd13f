"""Find and resolve date expressions in Arabic news text.

Two entry points:

- ``parse_date(text)`` reads one explicit date (a dateline, a sidecar value) and returns a
  ``PartialDate`` or None: ``parse_date("الثلاثاء 2015/02/24") == PartialDate(2015, 2, 24)``.
- ``find_dates(text, published)`` finds every date expression in a sentence, explicit or
  relative, and resolves the relative ones against the publication date.

Arabic news writes one date many ways: Egyptian month names (أبريل), Levantine and Iraqi
ones (نيسان), both at once (``14 أبريل/نيسان 2019``), Maghrebi ones (أفريل), Hijri dates
(``15 رمضان 1436 هـ``), numeric forms written day first (``24/02/2015``,
``01 - 10 - 2014``), ordinal days (``الرابع عشر من أبريل``), day ranges (``من 14 إلى 16
أبريل`` gives two dates), and Arabic-Indic digits. Matching runs on the folded text of
``kg.text.arabic.normalize_with_map`` (so أبريل/ابريل and ٢٠١٥/2015 are one) and maps
back to exact offsets in the input.

Precision is never invented: ``يوليو 2014`` is ``PartialDate(2014, 7)`` (xsd:gYearMonth),
``عام 2011`` is ``PartialDate(2011)``. Hijri dates are converted with the Umm al-Qura
tables of ``hijridate`` (a sighted month may start a day later); a Hijri month without a
day becomes the finest Gregorian unit holding all of it (``رمضان 1436 هـ`` is 2015), and a
Hijri year, which always straddles two Gregorian years, stays unresolved.

Relative expressions follow news usage:

- a bare weekday (``الخميس``) is the latest such day on or before publication, because
  news reports the past; ``الخميس الماضي`` is strictly before; ``الخميس المقبل`` strictly
  after; a weekday after ``سوف`` or ``من المقرر/المنتظر/المتوقع أن`` looks forward;
- ``اليوم الاثنين`` is the publication day (or the latest Monday before it when the
  article went out a day late);
- ``أمس``/``غدا`` step one day; ``الشهر الماضي``/``العام الماضي`` step one month/year at
  month/year precision; ``يوليو الماضي`` is the latest July before the publication month;
- ``الأسبوع الماضي`` is the Saturday-to-Friday week before the publication week (the Arab
  working week), given as the finest date that holds all seven days: its month when the
  week lies in one month, else its year, else None. A single day a week back would claim
  a precision the text does not give;
- a day and month without a year (``الأحد 29 أبريل``) take the publication year, or the
  year before if that day would fall after publication; a weekday that disagrees moves
  it to the nearest year where it agrees; a bare month (``في يوليو``, ``شهر مايو``) is
  the latest such month on or before publication, and only after such a cue;
- ``الخامس من الشهر الجاري``/``25 من الشهر الماضي`` are days of the month named relatively.

Words that only look like dates are left alone: day-month names of events and places
(``ثورة 17 فبراير``، ``جامعة 6 أكتوبر``), weekday names with another sense (``بين الاثنين``،
the surname ``الخميسي``), newspapers (``اليوم السابع``، ``المصري اليوم``), ``العام`` as
"general" (``النائب العام الحالي``), and month names that are also words (مارس، آب، صفر)
unless a day or a year stands next to them (see ``months.tsv``).

Without a publication date (or with one too coarse for the expression) a relative date is
kept with ``date=None``: never guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

from kg.errors import ConfigError
from kg.records import PartialDate
from kg.text import _date_calendar as cal
from kg.text.arabic import fold_char, normalize, normalize_with_map

__all__ = ["DateMention", "parse_date", "find_dates"]


@dataclass(frozen=True)
class DateMention:
    """One date expression in a text: ``text[start:end] == surface``.

    ``date`` is None when the expression could not be resolved (a relative date without a
    publication date, a Hijri span that straddles two Gregorian years). ``relative`` is
    True when the value depends on the publication date. ``rule`` names the pattern that
    matched (``gregorian.dmy``, ``numeric.ymd``, ``weekday.before``, ``week.before``, ...),
    for provenance; every mention found by ``find_dates`` has one.
    """

    start: int
    end: int
    surface: str
    date: PartialDate | None
    relative: bool
    rule: str = ""


# --------------------------------------------------------------------------- lexicon

Context = Literal["any", "dated", "year"]


@dataclass(frozen=True)
class _Month:
    number: int
    calendar: cal.Calendar
    context: Context


@cache
def _months() -> dict[str, _Month]:
    """Folded month name -> month, from ``months.tsv`` (see its header)."""
    text = resources.files("kg.text").joinpath("months.tsv").read_text(encoding="utf-8")
    months: dict[str, _Month] = {}
    rows = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    for line in rows[1:]:  # rows[0] is the column header
        name, number, calendar, _region, context = line.split("\t")
        if calendar not in ("gregorian", "hijri") or context not in ("any", "dated", "year"):
            raise ConfigError(f"months.tsv: bad calendar or context in row {line!r}")
        months[normalize(name)] = _Month(int(number), calendar, context)  # type: ignore[arg-type]
    return months


def _folded(words: str) -> frozenset[str]:
    """A word list written as Arabic is spelled, folded for matching."""
    return frozenset(normalize(w) for w in words.split())


# Folded weekday names -> datetime.weekday() numbers.
_WEEKDAYS = {
    "الاثنين": 0, "الثلاثاء": 1, "الاربعاء": 2, "الخميس": 3, "الجمعه": 4, "السبت": 5, "الاحد": 6,
}

# Words that make a weekday name mean something else: الاثنين is also "the two" (بين
# الاثنين), الأحد "the one" / الأحد عشر "the eleven", صلاة الجمعة the Friday prayer in general.
_WEEKDAY_BLOCK_BEFORE = {
    "الاثنين": _folded("بين كلا هذين هذان أن من عن على إلى مع لدى أحد"),
    "الاحد": _folded("بين الواحد الله من عن على إلى مع لدى"),
    "الجمعه": _folded("صلاة صلوات خطبة خطب خطيب خطباء"),
}
_WEEKDAY_BLOCK_AFTER = {
    "الاثنين": _folded("منهما منهم معا كليهما الآخرين الأخريين"),
    "الاحد": _folded("عشر"),
}

# Nouns before a day-month without a year that make it the name of an event or a thing
# (ثورة 25 يناير، ثورة 17 فبراير، هجمات 11 سبتمبر، كتيبة 17 فبراير، شارع 26 يوليو), not a date
# to resolve against the publication year.
_NAMED_DATE_NOUNS = _folded(
    "ثورة ثورتي هجمات هجوم أحداث اعتداءات حرب انتفاضة ذكرى حركة تظاهرات مظاهرات حراك انقلاب"
    " كتيبة لواء ميدان شارع جسر كوبري مدينة محور نصر عيد اتفاق اتفاقية تيار ائتلاف شباب مجموعة"
    " جامعة محافظة مستشفى نادي"
)

# Nouns that take العام as an adjective: النائب العام الحالي is the current attorney
# general, not this year.
_GENERAL_NOUNS = _folded(
    "النائب المدعي الأمين المدير الرأي القطاع المال الأمن المرشد المفتش المراقب المنسق"
    " المؤتمر العفو الشأن الصالح النفع الاتحاد الحشد الإضراب الحق التعليم الموظف القائد"
    " الناطق المتحدث الطبيب"
)


def _ordinals() -> dict[str, int]:
    """Folded ordinal day words (الأول، الرابع عشر، الحادي والعشرين) -> day of the month."""
    units = "الأول الثاني الثالث الرابع الخامس السادس السابع الثامن التاسع".split()
    out = {normalize(u): i for i, u in enumerate(units, 1)}
    out |= {"العاشر": 10, "الحادي عشر": 11, "العشرين": 20, "الثلاثين": 30, "الحادي والثلاثين": 31}
    out |= {f"{normalize(u)} عشر": 10 + i for i, u in enumerate(units, 1) if i > 1}
    out |= {f"{normalize(u)} والعشرين": 20 + i for i, u in enumerate(units, 1) if i > 1}
    out |= {"الحادي والعشرين": 21, "الفاتح": 1}  # الفاتح من سبتمبر: the first of
    return out


_ORDINALS = _ordinals()
_ORDINAL_KEYS = {k.replace(" ", ""): v for k, v in _ORDINALS.items()}

# Words before اليوم that make it a name (أخبار اليوم، المصري اليوم) or "that day".
_NOT_TODAY_BEFORE = _folded("ذلك ذات نفس ذاك هذا أخبار المصري صحيفة جريدة بوابة موقع")

# Cues after which a bare month (في يوليو) is a date.
_MONTH_CUES = _folded("في خلال منذ مطلع أوائل أواخر منتصف أواسط نهاية بداية حتى قبل بعد طيلة طوال")

_FUTURE_CUES = re.compile(r"(?:سوف|من المقرر|من المنتظر|من المتوقع|يعتزم|تعتزم|المرتقب)")

# --------------------------------------------------------------------------- patterns
# All patterns run on folded text: no diacritics, hamza and taa marbuta folded, alef
# maqsura as yaa (إلى is الي, حتى is حتي), ASCII digits, one space between words.
# Letters (for word boundaries) are Arabic letters and a-z.

_L = "\u0621-\u064a\u0671-\u06d3a-z"
_NB = f"(?<![{_L}])"  # no letter before
_NA = f"(?![{_L}])"  # no letter after
_CL = "(?:[وف]?(?:لل|ب|ل)?)"  # proclitics before a date: و ف ب ل (وفي، لعام، ب24)
_CLR = "(?:[وف]?)"  # before أمس، اليوم، weekdays only و ف: لامس "touched" is no date
_WD = "(?P<wd>" + "|".join(_WEEKDAYS) + ")" + _NA
_TOD = r"(?:(?P<tod>فجر|صباح|صبيحه|ظهر|ظهيره|عصر|مساء|عشيه|ليله|ليل|نهار|يوم)\s)"
_REL_WORDS = r"(?:الماضي|المنصرم|الفائت|المنقضي|المقبل|القادم|الجاري|الحالي)(?:ه)?"
_REL = rf"(?P<rel>{_REL_WORDS}){_NA}"
_ERA = rf"(?:\s?(?P<era>هجريه|هجري|ه|ميلاديه|ميلادي|م){_NA})?"
_YEAR = rf"(?P<year>\d{{4}})(?!\d){_ERA}"
# A weekday, perhaps with اليوم/أمس, a time of day or الماضي, written before a date.
_WD_PREFIX = (
    rf"(?:{_TOD}?(?:(?P<day0>اليوم|امس)\s)?{_WD}(?:\s(?P<wdrel>{_REL_WORDS}){_NA})?\s?[،,]?\s?)?"
)


# A day of the month: 24، الـ24، 14 و16 (a range: d1 is its first day), الرابع عشر من.
_ORD = "|".join(re.escape(o).replace(r"\ ", r"\s?") for o in sorted(_ORDINALS, key=len)[::-1])
_DAY = (
    r"(?:(?:ال\s?)?(?<![\d/.])(?:(?P<d1>\d{1,2})\s?(?:-|و|الي|حتي)\s?)?(?P<day>\d{1,2})(?!\d)"
    rf"\s?(?:من\s)?|(?P<ord>{_ORD})\sمن\s)"
)


def _month_alt(group: str) -> str:
    names = sorted(_months(), key=len, reverse=True)
    return f"(?P<{group}>" + "|".join(re.escape(n) for n in names) + ")" + _NA


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    mon, mon2 = _month_alt("mon"), _month_alt("mon2")
    # أبريل/نيسان، أبريل - نيسان، يوليو (تموز), and Reuters' plain يوليو تموز; the closing
    # bracket only after an opening one
    pair = rf"(?:\s?(?:(?P<paren>\()|[/\-])?\s?{mon2}(?(paren)\s?\)))?"
    p = {
        # [weekday] [day [من] [شهر]] month[/month] [year | [من العام] الماضي]
        "calendar": rf"{_NB}{_CL}(?P<m>{_WD_PREFIX}{_DAY}?(?:شهر\s)?{mon}{pair}"
        rf"(?:\s?[،,]?\s?{_YEAR}|\s(?:من\s)?(?P<yr>(?:العام|السنه)\s)?{_REL})?)",
        # English sidecar values: February 24, 2015
        "english_mdy": rf"{_NB}(?P<m>{mon}\s(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s?,?\s?{_YEAR})",
        "numeric_dmy": rf"(?P<m>{_WD_PREFIX}(?<![\d/.\-])(?P<day>\d{{1,2}})\s?(?P<sep>[/.\-])\s?"
        rf"(?P<mon>\d{{1,2}})\s?(?P=sep)\s?(?P<year>\d{{4}}))(?!\d)",
        "numeric_ymd": rf"(?P<m>{_WD_PREFIX}(?<![\d/.\-])(?P<year>\d{{4}})\s?(?P<sep>[/.\-])\s?"
        rf"(?P<mon>\d{{1,2}})\s?(?P=sep)\s?(?P<day>\d{{1,2}}))(?!\d)(?!\s?(?P=sep)\s?\d)",
        "year_noun": rf"{_NB}{_CL}(?P<m>(?:ال)?(?:عام|سنه)\s?{_YEAR})",
        # عامي 2014 و2015، بين 2014 و2016، من 2014 إلى 2016
        "year_pair": rf"{_NB}{_CL}(?P<m>(?P<noun>(?:ال)?(?:عامي|سنتي)\s?)?(?P<year>\d{{4}}))(?!\d)"
        rf"\s?(?:و|الي|حتي|-)\s?(?P<m2>(?:عام\s?)?(?P<year2>\d{{4}}))(?!\d)",
        "year_cue": rf"{_NB}{_CL}(?:مطلع|اوائل|اواخر|منتصف|اواسط|نهايه|بدايه|خلال|منذ|حتي|في|قبل"
        rf"|بعد|طيله|طوال)\s(?P<m>{_YEAR})"
        rf"(?=\s?(?:$|[.,،؛;:!?)\]»\"']|الي{_NA}|حتي{_NA}|وحتي{_NA}|و\s?\d{{4}}))",
        "weekday": rf"{_NB}{_CLR}(?P<m>{_TOD}?(?:(?P<day0>اليوم|امس|بالامس)\s)?{_WD}(?:\s{_REL})?)",
        "day_word": rf"{_NB}{_CLR}(?P<m>{_TOD}?(?P<w>اول\sمن\sامس|اول\sامس|امس\sالاول|بعد\sغدا?"
        rf"|يوم\sغدا?|يوم\sامس|اليوم|امس|بالامس|الامس|غدا){_NA})",
        "week": rf"{_NB}{_CLR}(?P<m>(?:ال)?اسبوع\s{_REL}|هذا\sالاسبوع{_NA})",
        "month_rel": rf"{_NB}{_CLR}(?P<m>الشهر\s{_REL}|هذا\sالشهر{_NA})",
        "year_rel": rf"{_NB}{_CLR}(?P<m>(?:العام|السنه)\s{_REL}|(?:هذا\sالعام|هذه\sالسنه){_NA})",
        "day_of_month": rf"{_NB}{_CL}(?P<m>{_DAY}الشهر\s{_REL})",
        "days_ago": rf"{_NB}{_CLR}(?P<m>قبل\s(?:(?P<n>\d{{1,2}})\s(?:ايام|يوما)|(?P<nw>يومين"
        rf"|ثلاثه\sايام|اربعه\sايام|خمسه\sايام|سته\sايام|سبعه\sايام|اسبوع|اسبوعين)){_NA})",
    }
    return {name: re.compile(rx) for name, rx in p.items()}


# --------------------------------------------------------------------------- candidates


@dataclass(frozen=True)
class _Cand:
    start: int  # offsets into the folded text
    end: int
    date: PartialDate | None
    relative: bool
    rule: str
    explicit: bool  # wins ties over relative readings of the same words


_Direction = Literal["on_or_before", "before", "after", "current"]
_REL_DIRECTION: dict[str, _Direction] = {
    "الماضي": "before", "المنصرم": "before", "الفائت": "before", "المنقضي": "before",
    "المقبل": "after", "القادم": "after", "الجاري": "current", "الحالي": "current",
}
_REL_STEP = {"before": -1, "after": 1, "current": 0}
_WORD_NUMBERS = {
    "يومين": 2, "ثلاثه ايام": 3, "اربعه ايام": 4, "خمسه ايام": 5, "سته ايام": 6,
    "سبعه ايام": 7, "اسبوع": 7, "اسبوعين": 14,
}


def _rel_direction(rel: str | None) -> _Direction | None:
    if rel is None:
        return None
    return _REL_DIRECTION[rel.removesuffix("ه") if rel not in _REL_DIRECTION else rel]


def _words_before(folded: str, pos: int, n: int = 1) -> list[str]:
    words = re.findall(f"[{_L}0-9]+", folded[max(0, pos - 60) : pos])
    return [_strip_clitic(w) for w in words[-n:]]


def _word_after(folded: str, pos: int) -> str:
    m = re.match(rf"\s?[،,]?\s?([{_L}0-9]+)", folded[pos : pos + 40])
    return m.group(1) if m else ""


def _strip_clitic(word: str) -> str:
    return word[1:] if len(word) > 3 and word[0] in "وف" else word


def _valid_year(year: int, calendar: cal.Calendar) -> bool:
    return 1900 <= year <= 2100 if calendar == "gregorian" else 1300 <= year <= 1500


def _pick_year(
    pub: tuple[int, int, int | None], month: int, day: int | None, direction: _Direction
) -> int:
    """The year of (month, day) relative to the publication (year, month, day)."""
    py, pm, pd = pub
    key, now = (month, day or 0), (pm, pd or 0)
    if day is None:
        key, now = (month, 0), (pm, 0)
    if direction == "on_or_before":
        return py if key <= now else py - 1
    if direction == "before":
        return py if key < now else py - 1
    if direction == "after":
        return py if key > now else py + 1
    return py


def _hijri_value(year: int, month: int | None, day: int | None) -> PartialDate | None:
    if month is None:
        span = cal.hijri_year_span(year)
    elif day is None:
        span = cal.hijri_month_span(year, month)
    else:
        got = cal.hijri_to_gregorian(year, month, day)
        return None if got is None else cal.from_day(got)
    return None if span is None else cal.span_date(*span)


def _value(
    calendar: cal.Calendar, year: int, month: int | None, day: int | None
) -> PartialDate | None:
    if calendar == "hijri":
        return _hijri_value(year, month, day)
    if month is not None and day is not None and not cal.valid_day(year, month, day):
        return None
    return PartialDate(year, month, day)


def _day_of(m: re.Match[str]) -> int | None:
    if m.group("ord"):
        return _ORDINAL_KEYS[m.group("ord").replace(" ", "")]
    return int(m.group("day")) if m.group("day") else None


def _calendar(m: re.Match[str], folded: str, pub: PartialDate | None) -> Iterator[_Cand]:
    info = _months()[m.group("mon")]
    day = _day_of(m)
    year = int(m.group("year")) if m.group("year") else None
    rel = _rel_direction(m.group("rel"))
    era = m.group("era")
    start, end = m.span("m")
    if day is not None and not 1 <= day <= 31:
        return
    # 14 و16 أبريل: two dates; the first is the lone number, the second the rest.
    first = int(m.group("d1")) if m.group("d1") else None
    if first is not None and not 1 <= first < (day or 0):
        return
    if first is not None and not m.group("wd"):
        start = m.start("day")
    if year is not None:
        if era and (era.startswith("ه")) != (info.calendar == "hijri"):
            return
        if not _valid_year(year, info.calendar):
            return
        rule = f"{info.calendar}.{'dmy' if day else 'my'}"
        if first is not None:
            value = _value(info.calendar, year, info.number, first)
            yield _Cand(*m.span("d1"), value, False, rule + ".range", True)
        yield _Cand(start, end, _value(info.calendar, year, info.number, day), False, rule, True)
        return
    if info.context == "year":
        return
    if day is None and rel is None:
        # A bare month is a date after شهر (شهر مارس، شهر رمضان), or for the unambiguous
        # Gregorian names after a cue (في يوليو).
        if m.group("wd"):
            return
        raw = re.findall(f"[{_L}]+", folded[max(0, start - 20) : start])
        cue = raw[-1] if raw else ""
        after_cue = bool({cue, cue[1:]} & _MONTH_CUES)
        plain = info.context == "any" and info.calendar == "gregorian"
        if not (m.group("m").startswith("شهر") or (after_cue and plain)):
            return
    if day is not None and rel is None and not m.group("wd"):
        # ثورة 25 يناير، العاشر من رمضان (a city): names, not dates to place in a year.
        before = _words_before(folded, m.start("m"))
        if before and before[-1] in _NAMED_DATE_NOUNS:
            return
        if m.group("ord") and info.calendar == "hijri":
            return
    rule = f"{info.calendar}.{'dm' if day else 'm'}" + (f".{rel}" if rel else "")
    if first is not None:
        value = _resolve_calendar(m, info, first, rel, pub)
        yield _Cand(*m.span("d1"), value, True, rule + ".range", True)
    yield _Cand(start, end, _resolve_calendar(m, info, day, rel, pub), True, rule, True)


def _resolve_calendar(
    m: re.Match[str], info: _Month, day: int | None, rel: _Direction | None,
    pub: PartialDate | None,
) -> PartialDate | None:
    """A day-month or month without a year, placed in the year the publication implies."""
    if pub is None:
        return None
    if m.group("yr"):  # يوليو من العام الماضي
        now_year = cal.month_in_calendar(pub, info.calendar) if info.calendar == "hijri" else None
        base = now_year[0] if now_year else pub.year
        if rel is None or (info.calendar == "hijri" and now_year is None):
            return None
        return _value(info.calendar, base + _REL_STEP[rel], info.number, day)
    if info.calendar == "hijri":
        ym = cal.month_in_calendar(pub, "hijri")
        hday = cal.to_day(pub)
        if ym is None or hday is None:
            return None
        h = cal.gregorian_to_hijri(hday)
        now: tuple[int, int, int | None] = (ym[0], ym[1], h[2] if h else None)
    else:
        if pub.month is None or (day is not None and pub.day is None):
            return None
        now = (pub.year, pub.month, pub.day)
    if rel is None and m.group("wdrel"):  # الاثنين الماضي 27 أبريل
        rel = _rel_direction(m.group("wdrel"))
    direction = rel or "on_or_before"
    year = _pick_year(now, info.number, day, direction)
    if day is not None and m.group("wd") and info.calendar == "gregorian":
        year = _agree_weekday(year, info.number, day, _WEEKDAYS[m.group("wd")], pub, direction)
    return _value(info.calendar, year, info.number, day)


def _agree_weekday(
    year: int, month: int, day: int, weekday: int, pub: PartialDate, direction: _Direction
) -> int:
    """Move the year to the nearest one where the day falls on the written weekday,
    keeping the side of the publication date that ``direction`` asks for."""
    anchor = cal.to_day(pub)
    for candidate in (year, year - 1, year + 1):
        if not cal.valid_day(candidate, month, day):
            continue
        got = dt.date(candidate, month, day)
        if anchor is not None and not _on_side(got, anchor, direction):
            continue
        if got.weekday() == weekday:
            return candidate
    return year


def _on_side(day: dt.date, anchor: dt.date, direction: _Direction) -> bool:
    if direction == "on_or_before":
        return day <= anchor
    if direction == "before":
        return day < anchor
    if direction == "after":
        return day > anchor
    return day.year == anchor.year


def _english_mdy(m: re.Match[str], folded: str, pub: PartialDate | None) -> Iterator[_Cand]:
    info = _months()[m.group("mon")]
    year, day = int(m.group("year")), int(m.group("day"))
    if info.calendar != "gregorian" or not m.group("mon").isascii():
        return
    if _valid_year(year, "gregorian") and cal.valid_day(year, info.number, day):
        yield _Cand(*m.span("m"), PartialDate(year, info.number, day), False, "english.mdy", True)


def _numeric(m: re.Match[str], folded: str, pub: PartialDate | None) -> Iterator[_Cand]:
    year, month, day = int(m.group("year")), int(m.group("mon")), int(m.group("day"))
    rule = "numeric." + ("ymd" if m.re is _patterns()["numeric_ymd"] else "dmy")
    if rule == "numeric.dmy" and month > 12 and day <= 12:
        month, day, rule = day, month, "numeric.mdy"  # 02/24/2015 from an English source
    if _valid_year(year, "gregorian") and cal.valid_day(year, month, day):
        yield _Cand(*m.span("m"), PartialDate(year, month, day), False, rule, True)


def _year(m: re.Match[str], folded: str, pub: PartialDate | None) -> Iterator[_Cand]:
    calendar: cal.Calendar = "hijri" if (m.group("era") or "").startswith("ه") else "gregorian"
    year = int(m.group("year"))
    if not _valid_year(year, calendar):
        return
    rule = ("hijri" if calendar == "hijri" else "gregorian") + ".y"
    yield _Cand(*m.span("m"), _value(calendar, year, None, None), False, rule, True)


def _year_pair(m: re.Match[str], folded: str, pub: PartialDate | None) -> Iterator[_Cand]:
    if not m.group("noun"):  # two bare numbers are a range of years only after من/بين
        before = _words_before(folded, m.start("m"))
        if not before or before[-1] not in {"من", "بين"}:
            return
        if not int(m.group("year")) < int(m.group("year2")):
            return
    for group, ygroup in (("m", "year"), ("m2", "year2")):
        year = int(m.group(ygroup))
        if _valid_year(year, "gregorian"):
            yield _Cand(*m.span(group), PartialDate(year), False, "gregorian.y.pair", True)


def _weekday(m: re.Match[str], folded: str, pub: PartialDate | None) -> Iterator[_Cand]:
    wd = m.group("wd")
    start, end = m.span("m")
    qualified = m.group("tod") or m.group("day0") or m.group("rel")
    if not qualified:
        before, after = _words_before(folded, start), _word_after(folded, end)
        if before and before[-1] in _WEEKDAY_BLOCK_BEFORE.get(wd, set()):
            return
        if after in _WEEKDAY_BLOCK_AFTER.get(wd, set()):
            return
    day0, rel = m.group("day0"), _rel_direction(m.group("rel"))
    rule = "weekday" + (".today" if day0 == "اليوم" else ".yesterday" if day0 else "")
    rule += f".{rel}" if rel else ""
    anchor = cal.to_day(pub) if pub else None
    value: PartialDate | None = None
    if anchor is not None:
        weekday = _WEEKDAYS[wd]
        if day0 == "اليوم":
            got = cal.weekday_near(anchor, weekday, "on_or_before")
        elif day0:  # أمس الأحد: the day before publication, whatever the weekday says
            got = anchor - dt.timedelta(days=1)
        elif rel == "before":
            got = cal.weekday_near(anchor, weekday, "before")
        elif rel == "after":
            got = cal.weekday_near(anchor, weekday, "after")
        elif rel is None and _FUTURE_CUES.search(folded[max(0, start - 80) : start]):
            got = cal.weekday_near(anchor, weekday, "on_or_after")
            rule += ".future"
        else:
            got = cal.weekday_near(anchor, weekday, "on_or_before")
        value = cal.from_day(got)
    yield _Cand(start, end, value, True, rule, False)


_DAY_WORD_OFFSET = {
    "اول من امس": -2, "اول امس": -2, "امس الاول": -2, "بعد غد": 2, "بعد غدا": 2,
    "يوم غد": 1, "يوم غدا": 1, "يوم امس": -1, "اليوم": 0, "امس": -1, "بالامس": -1,
    "الامس": -1, "غدا": 1,
}


def _day_word(m: re.Match[str], folded: str, pub: PartialDate | None) -> Iterator[_Cand]:
    word = m.group("w")
    start, end = m.span("m")
    if word == "اليوم":
        after, before = _word_after(folded, end), _words_before(folded, start)
        # اليوم السابع, أخبار اليوم, المصري اليوم (newspapers), اليوم التالي, اليوم نفسه,
        # في ذلك اليوم: not the publication day.
        if after.startswith("ال") or after in {"نفسه", "ذاته"}:
            return
        if before and before[-1] in _NOT_TODAY_BEFORE:
            return
    anchor = cal.to_day(pub) if pub else None
    value = None
    if anchor is not None:
        value = cal.from_day(anchor + dt.timedelta(days=_DAY_WORD_OFFSET[word]))
    yield _Cand(start, end, value, True, "day_word", False)


def _day_of_month(m: re.Match[str], folded: str, pub: PartialDate | None) -> Iterator[_Cand]:
    """الخامس من الشهر الجاري، 25 من الشهر الماضي: a day in a month named relatively."""
    rel = _rel_direction(m.group("rel")) or "current"
    day = _day_of(m)
    if m.group("d1") or day is None or not 1 <= day <= 31:
        return
    value = None
    if pub is not None and pub.month is not None:
        year, month = cal.add_months(pub.year, pub.month, _REL_STEP[rel])
        value = _value("gregorian", year, month, day)
    yield _Cand(*m.span("m"), value, True, f"day_of_month.{rel}", True)


def _days_ago(m: re.Match[str], folded: str, pub: PartialDate | None) -> Iterator[_Cand]:
    days = int(m.group("n")) if m.group("n") else _WORD_NUMBERS[m.group("nw")]
    anchor = cal.to_day(pub) if pub else None
    value = None if anchor is None else cal.from_day(anchor - dt.timedelta(days=days))
    yield _Cand(*m.span("m"), value, True, "days_ago", False)


def _week(m: re.Match[str], folded: str, pub: PartialDate | None) -> Iterator[_Cand]:
    rel = _rel_direction(m.group("rel")) or "current"
    anchor = cal.to_day(pub) if pub else None
    value = None
    if anchor is not None:
        value = cal.span_date(*cal.week_span(anchor, _REL_STEP[rel]))
    yield _Cand(*m.span("m"), value, True, f"week.{rel}", False)


def _month_rel(m: re.Match[str], folded: str, pub: PartialDate | None) -> Iterator[_Cand]:
    rel = _rel_direction(m.group("rel")) or "current"
    value = None
    if pub is not None and pub.month is not None:
        value = PartialDate(*cal.add_months(pub.year, pub.month, _REL_STEP[rel]))
    yield _Cand(*m.span("m"), value, True, f"month.{rel}", False)


def _year_rel(m: re.Match[str], folded: str, pub: PartialDate | None) -> Iterator[_Cand]:
    start = m.start("m")
    before = _words_before(folded, start)
    if m.group("m").startswith("العام") and before and before[-1] in _GENERAL_NOUNS:
        return
    rel = _rel_direction(m.group("rel")) or "current"
    value = None if pub is None else PartialDate(pub.year + _REL_STEP[rel])
    yield _Cand(*m.span("m"), value, True, f"year.{rel}", False)


_Rule = Callable[[re.Match[str], str, PartialDate | None], Iterator[_Cand]]
_EXPLICIT_RULES: dict[str, _Rule] = {
    "calendar": _calendar, "english_mdy": _english_mdy, "numeric_dmy": _numeric,
    "numeric_ymd": _numeric, "year_noun": _year, "year_pair": _year_pair, "year_cue": _year,
}
_RELATIVE_RULES: dict[str, _Rule] = {
    "day_of_month": _day_of_month, "weekday": _weekday, "day_word": _day_word,
    "days_ago": _days_ago, "week": _week, "month_rel": _month_rel, "year_rel": _year_rel,
}


def _candidates(folded: str, pub: PartialDate | None) -> list[_Cand]:
    found: list[_Cand] = []
    for name, rule in (_EXPLICIT_RULES | _RELATIVE_RULES).items():
        for m in _patterns()[name].finditer(folded):
            found.extend(rule(m, folded, pub))
    # Longest first, explicit before relative: "الخميس 23-01-2020" is one date, not two.
    found.sort(key=lambda c: (-(c.end - c.start), not c.explicit, c.start))
    kept: list[_Cand] = []
    for c in found:
        if all(c.end <= k.start or c.start >= k.end for k in kept):
            kept.append(c)
    return sorted(kept, key=lambda c: c.start)


def _to_original(text: str, index: list[int], start: int, end: int) -> tuple[int, int]:
    """Map a folded [start, end) back to ``text``, keeping trailing diacritics (غداً)."""
    while end > start + 1 and text[index[end - 1]].isspace():
        end -= 1
    o_start, o_end = index[start], index[end - 1] + 1
    while o_end < len(text) and not text[o_end].isspace() and fold_char(text[o_end]) == "":
        o_end += 1
    return o_start, o_end


# --------------------------------------------------------------------------- public API


def find_dates(text: str, published: PartialDate | None) -> list[DateMention]:
    """Every date expression in ``text``, in order, with offsets into ``text``.

    >>> [m.date.iso() for m in find_dates("التقيا أمس في القاهرة", PartialDate(2015, 2, 24))]
    ['2015-02-23']
    """
    folded, index = normalize_with_map(text)
    mentions = []
    for c in _candidates(folded, published):
        start, end = _to_original(text, index, c.start, c.end)
        mentions.append(DateMention(start, end, text[start:end], c.date, c.relative, c.rule))
    return mentions


# A whole metadata value that is only a year, a year-month or a compact day: 2015, 2015-02,
# 20150224. Inside running text a bare year is no date; here it is.
_WHOLE_VALUE = re.compile(r"(\d{4})(?:-(\d{2})|(\d{2})(\d{2}))?")


def parse_date(text: str) -> PartialDate | None:
    """The explicit date in ``text`` (a dateline, a metadata value), or None.

    Relative words are ignored: a dateline must carry its own year. When the text holds
    several dates, the first of the finest precision wins (``الخميس 15 رمضان 1436 هـ
    الموافق 2 يوليو 2015`` gives 2015-07-02 either way).

    >>> parse_date("نشر في: الثلاثاء 2015/02/24 - 10:30 ص")
    PartialDate(year=2015, month=2, day=24)
    >>> parse_date("2014-07")
    PartialDate(year=2014, month=7, day=None)
    """
    folded, _ = normalize_with_map(text.strip())
    whole = _WHOLE_VALUE.fullmatch(folded)
    if whole:
        year = int(whole.group(1))
        month = whole.group(2) or whole.group(3)
        day = int(whole.group(4)) if whole.group(4) else None
        if not _valid_year(year, "gregorian") or (month and not 1 <= int(month) <= 12):
            return None
        if day is not None and not cal.valid_day(year, int(month or 0), day):
            return None
        return PartialDate(year, int(month) if month else None, day)
    dates = [c.date for c in _candidates(folded, None) if c.date is not None and not c.relative]
    if not dates:
        return None
    rank = {"day": 0, "month": 1, "year": 2}
    return min(dates, key=lambda d: rank[d.precision])
