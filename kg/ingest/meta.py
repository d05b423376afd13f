"""Metadata read from the text of a page: dateline date, publisher, byline, dateline city.

Scraped articles rarely come with clean metadata, but the page usually says it in words:
a date line under the headline (``الثلاثاء 2015/02/24``), a "published in" line
(``نشر في بوابة أخبار اليوم يوم 01 - 10 - 2014``), the outlet's name as a trailer after the
body (``ميدل إيست أون لاين``), an outlet quoting its own interview (``وأضاف لـ"إيلاف"``),
a byline (``صبري عبد الحفيظ من القاهرة:``) or a dateline city (``القاهرة -``).

This module only recognises these forms. The date inside a dateline is handed to
``kg.text.dates.parse_date``, the one date parser of the project; publishers are checked
against ``publishers.tsv``. The cleaner (``clean.py``) asks it which short lines are
metadata rather than body, and ``guess_meta`` reads the metadata of a cleaned page.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from kg.records import ArticleMeta, PartialDate
from kg.text.arabic import normalize

if TYPE_CHECKING:
    from kg.ingest.clean import Page

__all__ = [
    "Publisher",
    "load_publishers",
    "lookup_publisher",
    "dateline_date",
    "lede_date",
    "published_in",
    "trailer_publisher",
    "self_reference_publisher",
    "byline",
    "dateline_city",
    "split_site_suffix",
    "parse_date",
    "guess_meta",
]

PUBLISHERS_TSV = Path(__file__).with_name("publishers.tsv")

_D = "[0-9٠-٩۰-۹]"
_AR_WORD = r"[\u0621-\u064a\u0671-\u06d3\u0640]+"
# A date as written in a dateline; the exact reading is parse_date's job. Numeric forms
# (2015/02/24, 01 - 10 - 2014, 23-01-2020, 24.02.2015) and a day, a month name (with an
# optional second name: أبريل/نيسان, ديسمبر/كانون الأول) and a year.
_NUMERIC_DATE = rf"{_D}{{1,4}}\s*[-/.]\s*{_D}{{1,2}}\s*[-/.]\s*{_D}{{1,4}}"
_NAMED_DATE = (
    rf"{_D}{{1,2}}\s*(?:من\s+)?{_AR_WORD}(?:\s*/\s*{_AR_WORD}(?:\s+{_AR_WORD})?)?"
    rf"\s*[،,]?\s*(?:عام\s+|سنة\s+)?{_D}{{4}}"
)
DATE_RE = re.compile(rf"(?<![0-9٠-٩۰-۹])(?:{_NUMERIC_DATE}|{_NAMED_DATE})(?![0-9٠-٩۰-۹])")

_WEEKDAYS = tuple(
    "الأحد الاحد الاثنين الإثنين الثلاثاء الأربعاء الاربعاء الخميس الجمعة السبت".split()
)
# Words that may stand beside a date on a date line without making it prose.
_DATELINE_WORDS = {
    normalize(w)
    for w in [
        *_WEEKDAYS,
        *"نشر نُشر في فى يوم بتاريخ تاريخ النشر آخر اخر تحديث التحديث".split(),
        *"الساعة صباحا مساء مساءً ص م published updated on at".split(),
    ]
}
_TIME = re.compile(rf"{_D}{{1,2}}\s*:\s*{_D}{{2}}(?:\s*:\s*{_D}{{2}})?(?:\s*[AaPp][Mm])?")
_PUBLISHED_IN = re.compile(
    r"(?:نشر|نُشر|نشرت|المنشور)\s+(?:في|فى|على|عبر)\s+(?P<pub>.+?)"
    rf"(?:\s+|\s*[،,|\-–]\s*)(?:(?:يوم|بتاريخ|في|فى)\s+|(?={_D}))"
)
_SOURCE_LINE = re.compile(
    r"^\s*(?:المصدر|مصدر الخبر|المصدر الأصلي|source)\s*[:：\-–]\s*(?P<pub>.+?)\s*$", re.IGNORECASE
)
_SELF_REF = re.compile(r"(?:^|\s)(?:لـ|ل)\s?[\"“«'](?P<pub>[^\"”»'\n]{2,40})[\"”»']")
_SPEECH_VERBS = {
    normalize(w)
    for w in (
        "قال وقال أضاف وأضاف أكد وأكد أوضح وأوضح صرح وصرح "
        "كشف وكشف تحدث وتحدث أفاد وأفاد أشار وأشار تصريح تصريحات "
        "حديث حديثه تصريحه تصريحاته قالت وقالت أضافت وأضافت أكدت وأكدت "
        "أوضحت وأوضحت صرحت كشفت أفادت مضيفا مؤكدا موضحا خاصة خاص"
    ).split()
}
_BYLINE_LINE = re.compile(
    rf"^(?:كتب|كتبت|بقلم|إعداد|اعداد|تقرير|by)\s*[:\-–]?\s*(?P<author>{_AR_WORD}(?:\s+{_AR_WORD}){{1,4}})\s*$",
    re.IGNORECASE,
)
_BYLINE_FROM = re.compile(
    rf"^(?P<author>{_AR_WORD}(?:\s+{_AR_WORD}){{1,3}})\s+من\s+"
    rf"(?P<city>{_AR_WORD}(?:\s+{_AR_WORD})?)\s*[:：]"
)
_CITY_DASH = re.compile(
    rf"^(?P<city>{_AR_WORD}(?:\s+{_AR_WORD}){{0,2}})\s*(?:\((?P<agency>[^()\n]{{1,30}})\)\s*)?[-–—]\s"
)
_TITLE_SUFFIX = re.compile(r"^(?P<title>.+?)\s+[|\-–—:]\s+(?P<site>[^|\-–—:]{2,40})$")
# A dateline city is a name, not the start of a clause: reject lines whose first word is a
# common verb or particle (``وقال -``, ``ثم -``).
_NOT_CITY_START = re.compile(r"^(?:و|ف)?(?:قال|أضاف|أكد|ثم|لكن|إن|أن|هذا|هذه|كما|في|من)\b")


# "Source: agencies" names no publisher.
_GENERIC_SOURCES = {
    normalize(w)
    for w in (
        "وكالات",
        "الوكالات",
        "وكالات الأنباء",
        "مواقع",
        "متابعات",
        "وسائل إعلام",
        "مواقع التواصل",
        "مواقع إخبارية",
        "agencies",
        "news agencies",
    )
}


@dataclass(frozen=True)
class Publisher:
    """A known news outlet: the Arabic name Marsad reports and its English name."""

    name_ar: str
    name_en: str


@cache
def load_publishers(path: Path = PUBLISHERS_TSV) -> dict[str, Publisher]:
    """Folded name, alias or domain -> ``Publisher``, from ``publishers.tsv``."""
    table: dict[str, Publisher] = {}
    with path.open(encoding="utf-8") as f:
        rows = csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t")
        for row in rows:
            pub = Publisher(row["name_ar"].strip(), row["name_en"].strip())
            aliases = row["aliases"].split("|") + row["domains"].split("|")
            for name in [pub.name_ar, pub.name_en, *aliases]:
                if name.strip():
                    table.setdefault(_fold(name), pub)
    return table


def _fold(text: str) -> str:
    """Fold for publisher lookup: normalised, punctuation and ``www.`` dropped."""
    text = re.sub(r"^(?:https?://)?(?:www\.)?", "", text.strip().lower())
    return re.sub(r"[^\w.]+", " ", normalize(text)).strip(" .")


def lookup_publisher(name: str) -> Publisher | None:
    """The known publisher called ``name`` (a name, an alias, a domain or a URL), if any."""
    table = load_publishers()
    key = _fold(name)
    if key in table:
        return table[key]
    host = re.match(
        r"^(?:https?://)?(?:www\.)?([a-z0-9.-]+\.[a-z]{2,})(?:[/:?#]|$)", name.strip().lower()
    )
    if host:
        parts = host.group(1).split(".")
        for i in range(len(parts) - 1):
            found = table.get(".".join(parts[i:]))
            if found:
                return found
    return None


def parse_date(text: str) -> PartialDate | None:
    """``kg.text.dates.parse_date``, imported when first needed (it lives in another stage)."""
    from kg.text.dates import parse_date as _parse

    return _parse(text)


def _words(text: str) -> list[str]:
    return re.findall(r"[^\s،,:|\-–—/()\[\]\"“”«».]+", text)


def dateline_date(line: str, max_words: int = 12) -> PartialDate | None:
    """The date of a date line (``الثلاثاء 2015/02/24``), or None if ``line`` is not one.

    A date line is short, holds a date ``parse_date`` reads, and besides the date only has
    weekday names, words like نشر/يوم/بتاريخ/آخر تحديث, a time, and at most a few other
    words (a publisher or a city). Prose that happens to contain a date is not a date line.
    """
    if len(_words(line)) > max_words:
        return None
    m = DATE_RE.search(line)
    if not m:
        return None
    date = parse_date(m.group(0))
    if date is None:
        return None
    rest = _TIME.sub(" ", line[: m.start()] + " " + line[m.end() :])
    others = [w for w in _words(rest) if normalize(w) not in _DATELINE_WORDS]
    if others and re.search(r"[.!?؟]\W*$", line):
        return None  # a short sentence that mentions a date: "وفي 2015/02/24 قتل 3 جنود."
    return date if len(others) <= 5 else None


def published_in(line: str) -> str | None:
    """The outlet of a "published in" line (``نشر في بوابة أخبار اليوم يوم ...``), as written."""
    m = _PUBLISHED_IN.search(line)
    if not m:
        return None
    pub = m.group("pub").strip(" \t\u00a0،,:-–")
    return pub if 0 < len(_words(pub)) <= 6 else None


def trailer_publisher(line: str) -> str | None:
    """The publisher a short line names on its own (``ميدل إيست أون لاين``, ``المصدر: رويترز``).

    Only known publishers count for a bare line (any short line could be a name);
    ``المصدر: X`` names its publisher whatever it is.
    """
    m = _SOURCE_LINE.match(line)
    if m and len(_words(m.group("pub"))) <= 6:
        parts = re.split(r"\s*[+،,&/]\s*|\s+و(?=وكالات|الوكالات)", m.group("pub"))
        named = [p.strip(" .،") for p in parts if normalize(p.strip(" .،")) not in _GENERIC_SOURCES]
        return next((p for p in named if p), None)
    text = line.strip(" \t\u00a0.،|-–")
    if 0 < len(_words(text)) <= 6 and lookup_publisher(text) is not None:
        return text
    return None


def self_reference_publisher(text: str) -> str | None:
    """An outlet the article gives its own interviews to: ``وأضاف لـ"إيلاف"`` -> ``إيلاف``.

    A quoted name after لـ counts when it is a known publisher, or when a speech verb
    (قال، أضاف، صرح، تصريح ...) stands within six words before it. The most frequent wins.
    """
    found: Counter[str] = Counter()
    for m in _SELF_REF.finditer(text):
        name = m.group("pub").strip()
        if not 1 <= len(_words(name)) <= 4:
            continue
        before = [normalize(w) for w in _words(text[max(0, m.start() - 120) : m.start()])][-6:]
        if lookup_publisher(name) is not None or any(w in _SPEECH_VERBS for w in before):
            found[name] += 1
    if not found:
        return None
    return found.most_common(1)[0][0]


def lede_date(paragraph: str) -> PartialDate | None:
    """A date in the dateline at the head of a lede: ``القاهرة - 24 فبراير 2015 - أعلن``,
    ``طرابلس في 3 مارس /وال/ -``. Dates later in the sentence are events, not this."""
    m = DATE_RE.search(paragraph[:100])
    if not m or len(_words(paragraph[: m.start()])) > 4:
        return None
    if not re.match(r"\s*(?:[-–—:/(]|$)", paragraph[m.end() :]):
        return None
    return parse_date(m.group(0))


def byline(line: str) -> str | None:
    """The author of a byline line (``كتب: محمد علي``, ``بقلم - سارة أحمد``), else None."""
    m = _BYLINE_LINE.match(line.strip())
    return m.group("author") if m else None


def dateline_city(paragraph: str) -> tuple[str | None, str | None]:
    """``(city, author)`` from the start of a lede: ``صبري عبد الحفيظ من القاهرة: ...`` or
    ``القاهرة - ...`` / ``طرابلس (رويترز) - ...``; ``(None, None)`` when there is neither."""
    m = _BYLINE_FROM.match(paragraph)
    if m:
        return m.group("city"), m.group("author")
    m = _CITY_DASH.match(paragraph)
    if m and not _NOT_CITY_START.match(m.group("city")):
        return m.group("city"), None
    return None, None


def split_site_suffix(title: str) -> tuple[str, str | None]:
    """``("عنوان", "اليوم السابع")`` for ``"عنوان | اليوم السابع"`` when the suffix is a
    known publisher; otherwise ``(title, None)``."""
    m = _TITLE_SUFFIX.match(title.strip())
    if m and lookup_publisher(m.group("site")) is not None:
        return m.group("title").strip(), m.group("site").strip()
    return title.strip(), None


def guess_meta(page: Page) -> ArticleMeta:
    """What the text of a cleaned page says about the article; every field set is guessed.

    Publisher, in order of trust: a "published in" line, a trailer line naming a known
    outlet or ``المصدر: X``, a known outlet after the headline (``عنوان | اليوم السابع``),
    and last the outlet the article quotes its own interviews to (``لـ"إيلاف"``).
    """
    found = ArticleMeta()
    if page.title is not None:
        found.title, suffix = split_site_suffix(page.title.text)
    else:
        suffix = None
    meta_lines = page.of_kind("dateline", "leading", "title", "trailer", "tail", "chrome", "byline")
    for block in page.of_kind("dateline"):
        found.published = dateline_date(block.text)
        if found.published is not None:
            break
    publishers = [published_in(b.text) for b in page.of_kind("dateline", "leading")]
    publishers += [trailer_publisher(b.text) for b in page.of_kind("trailer", "tail", "leading")]
    publishers.append(suffix)
    body = page.of_kind("body")
    if not any(publishers):
        publishers.append(self_reference_publisher("\n".join(b.text for b in body)))
    found.publisher = next((p for p in publishers if p), None)
    for block in meta_lines:
        author = byline(block.text) if page.kinds[block.index] == "byline" else None
        if author:
            found.author = author
            break
    if found.published is None and body:
        found.published = lede_date(body[0].text)
    for block in body[:2]:
        city, author = dateline_city(block.text)
        if city:
            found.dateline_city = city
            found.author = found.author or author
            break
    found.guessed = {
        name
        for name in ("title", "publisher", "published", "author", "dateline_city")
        if getattr(found, name) is not None
    }
    return found
